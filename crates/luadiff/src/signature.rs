//! Divergence signatures: what deduplicates findings, and the layer a finding blames.
//!
//! A [`Signature`] is built from the oracle's verdict and the runs alone, cheaply, and is
//! stable: the same bug seen twice (in two generated programs, or in a program and its
//! reduction) gives the same signature, two different bugs give different ones as far as
//! reasonable. It has four parts:
//!
//! * the agreement **classes**, canonical (engines sorted within a class, native's class
//!   first): `{native,ref,vm-O0} vs {vm}`;
//! * the **difference** between each suspect class and native's class: output, return
//!   values, error vs success, error kind, error message, or a crash;
//! * the **location** of the first difference, abstracted so that it names the symptom
//!   and not the program: the first differing output *token* (a word of a printed line)
//!   with digits, quoted names and positions abstracted (`"0.0" vs "0"` for a float
//!   printed where an integer belongs), the error message with its `chunk:line:` stripped,
//!   the subtype of the first differing return value;
//! * the [`Blame`]: the layer at fault, a function of the classes.
//!
//! The [`Signature::id`] is a 64-bit FNV-1a hash of the classes, difference and location
//! (stable across Rust versions and platforms, unlike `DefaultHasher`), written as 16
//! hex digits: corpus files are named after it.

use std::fmt;
use std::sync::LazyLock;

use lua_engine::{End, ErrorKind, Observed, Outcome};
use regex::Regex;

use crate::normalize;
use crate::oracle::{Status, Verdict};

/// What kind of difference a signature records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Difference {
    /// Engines agree (not a finding).
    None,
    /// What the program printed differs first.
    Output,
    /// The output is the same, the values the chunk returned are not.
    ReturnValues,
    /// One side raised an error where the other ended normally.
    ErrorVsSuccess,
    /// Both raised errors, one a syntax error and the other a runtime error.
    ErrorKind,
    /// Both raised errors of the same kind with different messages.
    ErrorMessage,
    /// An engine crashed (panicked, or its process died).
    Crash,
    /// An engine ran past every limit and had to be stopped (campaign watchdogs).
    Hang,
    /// A performance oracle fired (campaigns: optimized code doing more work).
    Performance,
    /// Some engine ran out of a resource: not compared.
    Exhausted,
}

impl Difference {
    /// The name used in signatures and headers.
    pub fn name(self) -> &'static str {
        match self {
            Difference::None => "agree",
            Difference::Output => "output",
            Difference::ReturnValues => "return values",
            Difference::ErrorVsSuccess => "error vs success",
            Difference::ErrorKind => "error kind",
            Difference::ErrorMessage => "error message",
            Difference::Crash => "crash",
            Difference::Hang => "hang",
            Difference::Performance => "performance",
            Difference::Exhausted => "exhausted",
        }
    }

    /// The difference named `name` (the inverse of [`Difference::name`]).
    pub fn from_name(name: &str) -> Option<Difference> {
        [
            Difference::None,
            Difference::Output,
            Difference::ReturnValues,
            Difference::ErrorVsSuccess,
            Difference::ErrorKind,
            Difference::ErrorMessage,
            Difference::Crash,
            Difference::Hang,
            Difference::Performance,
            Difference::Exhausted,
        ]
        .into_iter()
        .find(|d| d.name() == name)
    }

    /// How much a difference says: when classes differ from native's in several ways,
    /// the signature records the most telling one first.
    fn rank(self) -> u8 {
        match self {
            Difference::Crash => 0,
            Difference::Hang => 1,
            Difference::ErrorVsSuccess => 2,
            Difference::ErrorKind => 3,
            Difference::Output => 4,
            Difference::ErrorMessage => 5,
            Difference::ReturnValues => 6,
            Difference::Performance => 7,
            Difference::Exhausted => 8,
            Difference::None => 9,
        }
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The layer a finding blames, from the pattern of agreement classes (native is the
/// truth; the suspects are the engines outside native's class).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Blame {
    /// `{vm-O0,ref,native} vs {vm}`: only optimized VM code is wrong.
    Optimizer,
    /// `{ref,native} vs {vm,vm-O0}` (or `vm` alone when no unoptimized VM ran): the VM's
    /// compiler or its runtime. Telling the two apart needs a human (or bisection by
    /// fuel, which only splits the optimizer off).
    VmCompilerOrRuntime,
    /// `{vm,vm-O0,native} vs {vm-O0}`-like: only unoptimized VM code is wrong, so the
    /// straightforward code generator (or a runtime path only it uses).
    VmUnoptimizedCode,
    /// `{vm,native} vs {ref}`: the reference interpreter.
    ReferenceInterpreter,
    /// `{native} vs {ref,vm}`: both Rust engines agree against native: the code they
    /// share (lua-prims) or a misreading of the manual they share.
    BothRustEngines,
    /// These engines crashed.
    Crash(Vec<String>),
    /// Only `ext:` engines disagree with native.
    External(Vec<String>),
    /// Native did not run, so nobody is known to be right.
    NoNative,
    /// Any other split (several unrelated engines against native).
    Unclear,
}

impl Blame {
    /// The blame for canonical classes (native's class first) and the crashed engines.
    pub fn of(classes: &[Vec<String>], crashed: &[String]) -> Blame {
        if !crashed.is_empty() {
            return Blame::Crash(crashed.to_vec());
        }
        if classes.len() <= 1 {
            return Blame::Unclear;
        }
        let Some(native_class) = classes.iter().find(|c| c.iter().any(|e| e == "native")) else {
            return Blame::NoNative;
        };
        let suspects: Vec<&str> = classes
            .iter()
            .filter(|class| *class != native_class)
            .flat_map(|class| class.iter().map(String::as_str))
            .collect();
        let suspects_agree = classes.len() == 2;
        let native_side_has = |test: fn(&str) -> bool| native_class.iter().any(|e| test(e));
        if suspects.iter().all(|e| is_vm(e)) {
            if suspects.iter().all(|e| is_optimized_vm(e)) && native_side_has(is_unoptimized_vm) {
                return Blame::Optimizer;
            }
            if suspects.iter().all(|e| is_unoptimized_vm(e)) && native_side_has(is_optimized_vm) {
                return Blame::VmUnoptimizedCode;
            }
            return Blame::VmCompilerOrRuntime;
        }
        if suspects == ["ref"] {
            return Blame::ReferenceInterpreter;
        }
        if suspects_agree
            && suspects.contains(&"ref")
            && suspects.iter().any(|e| is_vm(e))
            && suspects.iter().all(|e| *e == "ref" || is_vm(e))
        {
            return Blame::BothRustEngines;
        }
        if suspects.iter().all(|e| e.starts_with("ext:")) {
            return Blame::External(suspects.iter().map(|e| e.to_string()).collect());
        }
        Blame::Unclear
    }

    /// A short name for file names and JSON: `optimizer`, `vm`, `vm-O0-code`, `ref`,
    /// `rust-engines`, `crash-ENGINE`, `ext`, `no-native`, `unclear`.
    pub fn slug(&self) -> String {
        match self {
            Blame::Optimizer => "optimizer".to_string(),
            Blame::VmCompilerOrRuntime => "vm".to_string(),
            Blame::VmUnoptimizedCode => "vm-O0-code".to_string(),
            Blame::ReferenceInterpreter => "ref".to_string(),
            Blame::BothRustEngines => "rust-engines".to_string(),
            Blame::Crash(engines) => {
                let names: Vec<String> = engines.iter().map(|e| file_safe(e)).collect();
                format!("crash-{}", names.join("-"))
            }
            Blame::External(_) => "ext".to_string(),
            Blame::NoNative => "no-native".to_string(),
            Blame::Unclear => "unclear".to_string(),
        }
    }
}

impl fmt::Display for Blame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Blame::Optimizer => f.write_str("optimizer (vm at -O0 agrees with native)"),
            Blame::VmCompilerOrRuntime => f.write_str("VM compiler or runtime"),
            Blame::VmUnoptimizedCode => {
                f.write_str("VM compiler, unoptimized code (optimized vm agrees with native)")
            }
            Blame::ReferenceInterpreter => f.write_str("reference interpreter"),
            Blame::BothRustEngines => f.write_str(
                "both Rust engines (shared lua-prims code or a shared misreading of the manual)",
            ),
            Blame::Crash(engines) => write!(f, "crash in {}", engines.join(", ")),
            Blame::External(engines) => write!(f, "external engine {}", engines.join(", ")),
            Blame::NoNative => f.write_str("unknown (native did not run)"),
            Blame::Unclear => f.write_str("unclear (several engines disagree with native)"),
        }
    }
}

/// Whether an engine name is one of our VM's configurations (`vm`, `vm-O0`, `vm-O1`,
/// `vm:SPEC`).
pub fn is_vm(engine: &str) -> bool {
    engine == "vm" || engine.starts_with("vm-") || engine.starts_with("vm:")
}

/// A VM configuration without optimizations: `vm-O0`, or a `vm:` spec at level 0.
fn is_unoptimized_vm(engine: &str) -> bool {
    engine == "vm-O0"
        || engine
            .strip_prefix("vm:")
            .is_some_and(|spec| spec.split(':').any(|item| item == "O0"))
}

fn is_optimized_vm(engine: &str) -> bool {
    is_vm(engine) && !is_unoptimized_vm(engine)
}

/// A divergence signature (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature {
    /// The canonical agreement classes, `{native,ref,vm-O0} vs {vm}`; for a crash, the
    /// crashed engines, `crashed: vm`.
    pub classes: String,
    /// The most telling difference between a suspect class and native's class.
    pub difference: Difference,
    /// Where that difference shows first, abstracted; for several suspect classes, one
    /// entry per class joined with `; `.
    pub location: String,
    /// The layer at fault.
    pub blame: Blame,
}

impl Signature {
    /// The signature of a verdict on `runs` (the outcomes the verdict was computed from).
    pub fn of(verdict: &Verdict, runs: &[(String, Outcome)]) -> Signature {
        let classes = canonical_classes(&verdict.classes);
        let blame = Blame::of(&classes, &verdict.crashed);
        let outcome_of = |engine: &str| {
            runs.iter()
                .find(|(name, _)| name == engine)
                .map(|(_, outcome)| normalize::outcome(outcome))
        };
        if !verdict.crashed.is_empty() {
            let mut crashed = verdict.crashed.clone();
            crashed.sort_by(|a, b| engine_rank(a).cmp(&engine_rank(b)));
            let location: Vec<String> = crashed
                .iter()
                .filter_map(|engine| match outcome_of(engine)?.end {
                    End::Crashed(message) => Some(crash_place(&message, engine)),
                    _ => None,
                })
                .collect();
            return Signature {
                classes: format!("{{{}}}", crashed.join(",")),
                difference: Difference::Crash,
                location: location.join("; "),
                blame,
            };
        }
        let (difference, location) = match verdict.status {
            Status::Exhausted => {
                let mut who: Vec<String> = verdict
                    .exhausted
                    .iter()
                    .map(|(engine, resource)| format!("{engine} {resource}"))
                    .collect();
                who.sort();
                (Difference::Exhausted, who.join(", "))
            }
            _ if classes.len() <= 1 => (Difference::None, String::new()),
            _ => {
                let reference = outcome_of(&classes[0][0]);
                let mut parts: Vec<(Difference, String)> = classes[1..]
                    .iter()
                    .filter_map(|class| {
                        let suspect = outcome_of(&class[0])?;
                        let reference = reference.as_ref()?;
                        Some(first_difference(reference, &suspect))
                    })
                    .collect();
                // With several suspect classes, the most telling difference names the
                // signature; every class's location is kept, in class order.
                let difference = parts
                    .iter()
                    .map(|(d, _)| *d)
                    .min_by_key(|d| d.rank())
                    .unwrap_or(Difference::None);
                let location = if parts.len() == 1 {
                    parts.pop().map(|(_, l)| l).unwrap_or_default()
                } else {
                    parts
                        .iter()
                        .map(|(d, l)| format!("{d}: {l}"))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                (difference, location)
            }
        };
        Signature {
            classes: crate::oracle::classes_text(&classes),
            difference,
            location,
            blame,
        }
    }

    /// The stable id: 16 hex digits of FNV-1a over classes, difference and location.
    pub fn id(&self) -> String {
        let key = format!(
            "{}\n{}\n{}",
            self.classes,
            self.difference.name(),
            self.location
        );
        format!("{:016x}", fnv1a(key.as_bytes()))
    }

    /// The corpus file name of this signature: `BLAME-ID.lua`.
    pub fn file_name(&self) -> String {
        format!("{}-{}.lua", self.blame.slug(), self.id())
    }

    /// Whether this signature records a finding (a divergence or a crash).
    pub fn is_finding(&self) -> bool {
        !matches!(self.difference, Difference::None | Difference::Exhausted)
    }
}

impl fmt::Display for Signature {
    /// `{native,ref,vm-O0} vs {vm}: output: "0.0" vs "0"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.classes, self.difference)?;
        if !self.location.is_empty() {
            write!(f, ": {}", self.location)?;
        }
        Ok(())
    }
}

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The order engines are listed in within a class: ours in registry order, VM
/// configurations after them, `ext:` engines last.
fn engine_rank(engine: &str) -> (u8, &str) {
    let rank = match engine {
        "native" => 0,
        "ref" => 1,
        "vm" => 2,
        "vm-O0" => 3,
        e if is_vm(e) => 4,
        e if e.starts_with("ext:") => 6,
        _ => 5,
    };
    (rank, engine)
}

/// Classes in a canonical order that does not depend on the order engines were given
/// in: engines sorted within each class, native's class first, the others by their
/// first engine.
pub fn canonical_classes(classes: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut classes: Vec<Vec<String>> = classes
        .iter()
        .map(|class| {
            let mut class = class.clone();
            class.sort_by(|a, b| engine_rank(a).cmp(&engine_rank(b)));
            class
        })
        .collect();
    classes.sort_by(|a, b| {
        let holds_native = |c: &Vec<String>| c.iter().any(|e| e == "native");
        (!holds_native(a), engine_rank(&a[0])).cmp(&(!holds_native(b), engine_rank(&b[0])))
    });
    classes
}

/// The first difference between native's class (`reference`) and a suspect class, both
/// normalised.
fn first_difference(reference: &Outcome, suspect: &Outcome) -> (Difference, String) {
    let output_differs = reference.output != suspect.output;
    let one_is_prefix = reference.output.starts_with(&suspect.output)
        || suspect.output.starts_with(&reference.output);
    // Output that differs before either run ended is the first difference; output
    // that merely stops early is explained by how the run ended.
    if output_differs && !one_is_prefix {
        return (
            Difference::Output,
            output_location(&reference.output, &suspect.output),
        );
    }
    match (&reference.end, &suspect.end) {
        (End::Error(_), End::Error(_)) | (End::Returned(_), End::Returned(_)) => {}
        (a, b) => {
            return (
                Difference::ErrorVsSuccess,
                format!("{} vs {}", end_summary(a), end_summary(b)),
            );
        }
    }
    if output_differs {
        return (
            Difference::Output,
            output_location(&reference.output, &suspect.output),
        );
    }
    match (&reference.end, &suspect.end) {
        (End::Error(a), End::Error(b)) if a.kind != b.kind => (
            Difference::ErrorKind,
            format!("{} vs {}", kind_name(a.kind), kind_name(b.kind)),
        ),
        (End::Error(a), End::Error(b)) => {
            let (x, y) = (abstract_message(&a.message), abstract_message(&b.message));
            let location = if x != y {
                format!("{x:?} vs {y:?}")
            } else if strip_positions(&a.message) != strip_positions(&b.message) {
                format!("{x:?} (names or numbers differ)")
            } else if a.message != b.message {
                format!("{x:?} (positions differ)")
            } else {
                format!("{x:?} (error values differ)")
            };
            (Difference::ErrorMessage, location)
        }
        (End::Returned(a), End::Returned(b)) => (Difference::ReturnValues, values_location(a, b)),
        _ => (Difference::None, String::new()),
    }
}

fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Syntax => "syntax error",
        ErrorKind::Runtime => "runtime error",
    }
}

/// How a run ended, abstracted: `returned`, `runtime error "..."`.
fn end_summary(end: &End) -> String {
    match end {
        End::Returned(_) => "returned".to_string(),
        End::Error(e) => format!("{} {:?}", kind_name(e.kind), abstract_message(&e.message)),
        End::Exhausted(resource) => format!("exhausted {resource}"),
        End::Crashed(_) => "crashed".to_string(),
    }
}

/// The first differing output token of two outputs: lines are compared in order, and
/// within the first differing line the words (split at spaces and tabs). A missing
/// token is `<end of line>` or `<end of output>`.
fn output_location(reference: &[u8], suspect: &[u8]) -> String {
    let lines = |text: &[u8]| -> Vec<Vec<u8>> {
        let body = text.strip_suffix(b"\n").unwrap_or(text);
        if text.is_empty() {
            return Vec::new();
        }
        body.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
    };
    let (a, b) = (lines(reference), lines(suspect));
    let mut index = 0;
    loop {
        match (a.get(index), b.get(index)) {
            (Some(x), Some(y)) if x == y => index += 1,
            (Some(x), Some(y)) => {
                let words = |line: &[u8]| -> Vec<Vec<u8>> {
                    line.split(|&c| c == b' ' || c == b'\t')
                        .filter(|w| !w.is_empty())
                        .map(<[u8]>::to_vec)
                        .collect()
                };
                let (wx, wy) = (words(x), words(y));
                if wx == wy {
                    return "same words, different spacing".to_string();
                }
                let at = (0..wx.len().max(wy.len()))
                    .find(|&i| wx.get(i) != wy.get(i))
                    .unwrap_or(0);
                if let (Some(a), Some(b)) = (wx.get(at), wy.get(at))
                    && abstract_token(a) == abstract_token(b)
                {
                    let why = why_equal_words_differ(a, b);
                    // A position says little by itself: the message after it says
                    // which operation got the wrong line.
                    let shown = if why == "positions differ" {
                        abstract_token(&wx[at..].join(&b' '))
                    } else {
                        abstract_token(a)
                    };
                    return format!("{shown:?} ({why})");
                }
                let show = |w: Option<&Vec<u8>>| match w {
                    Some(w) => format!("{:?}", abstract_token(w)),
                    None => "<end of line>".to_string(),
                };
                return format!("{} vs {}", show(wx.get(at)), show(wy.get(at)));
            }
            (Some(x), None) => {
                return format!("{:?} vs <end of output>", abstract_token(first_word(x)));
            }
            (None, Some(y)) => {
                return format!("<end of output> vs {:?}", abstract_token(first_word(y)));
            }
            (None, None) => {
                // Only the final newline differs.
                return "<newline at end of output>".to_string();
            }
        }
    }
}

fn first_word(line: &[u8]) -> &[u8] {
    line.split(|&c| c == b' ' || c == b'\t')
        .find(|w| !w.is_empty())
        .unwrap_or(b"")
}

/// The longest abstracted token or message kept in a signature.
const MAX_ABSTRACT_LEN: usize = 60;

/// A printed word with what varies between programs abstracted: every run of decimal
/// digits becomes `0` (so `-12` is `-0`, `1.5e+20` is `0.0e+0`: sign and subtype stay),
/// text in quotes becomes `?`.
fn abstract_token(word: &[u8]) -> String {
    let text = mark_positions(&String::from_utf8_lossy(word));
    truncate(abstract_digits(&abstract_quotes(&text)))
}

/// Says why two words that abstract to the same text differ.
fn why_equal_words_differ(a: &[u8], b: &[u8]) -> &'static str {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    if mark_positions(&a) == mark_positions(&b) {
        "positions differ"
    } else if abstract_digits(&a) == abstract_digits(&b) {
        "numbers differ"
    } else {
        "quoted text differs"
    }
}

/// An error message with what varies between programs abstracted: positions
/// (`chunk:line:`) are removed, quoted names become `'?'`, digit runs become `0`.
pub fn abstract_message(message: &[u8]) -> String {
    let text = strip_positions(message);
    truncate(abstract_digits(&abstract_quotes(&text)))
}

/// A position in a message: `chunkid:line:`, where a chunk id is `[string "..."]` or a
/// file or `=name` without spaces, colons, quotes or brackets.
static POSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(\[string "[^"]*"\]|[^\s:'"()\[\]]+):\d+:"#).expect("a valid regex")
});

/// Removes every `chunkid:line: ` position from a message.
fn strip_positions(message: &[u8]) -> String {
    static POSITION_AND_SPACE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!("{} ?", POSITION.as_str())).expect("a valid regex"));
    let text = String::from_utf8_lossy(message);
    POSITION_AND_SPACE.replace_all(&text, "").into_owned()
}

/// Replaces every `chunkid:line:` position in printed text by `<pos>:` (the chunk name
/// depends on how the program was run, the line on its layout).
fn mark_positions(text: &str) -> String {
    POSITION.replace_all(text, "<pos>:").into_owned()
}

fn abstract_quotes(text: &str) -> String {
    static QUOTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"'[^']*'|"[^"]*""#).expect("a valid regex"));
    QUOTED
        .replace_all(text, |c: &regex::Captures<'_>| {
            let quote = &c[0][..1];
            format!("{quote}?{quote}")
        })
        .into_owned()
}

fn abstract_digits(text: &str) -> String {
    static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("a valid regex"));
    DIGITS.replace_all(text, "0").into_owned()
}

fn truncate(mut text: String) -> String {
    if text.len() > MAX_ABSTRACT_LEN {
        let mut end = MAX_ABSTRACT_LEN;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push_str("...");
    }
    text
}

/// Where a panic happened: `MESSAGE at FILE:LINE` keeps the file and line (the place
/// names the bug) and drops the column; digits elsewhere in the message are abstracted.
fn crash_place(message: &str, engine: &str) -> String {
    static AT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r" at ([^\s:]+):(\d+):\d+$").expect("a valid regex"));
    // The engine's own name (`ext:lua5.4`) is kept as it is, digits and all.
    let abstracted = |text: &str| {
        let parts: Vec<String> = text
            .split(engine)
            .map(|part| abstract_digits(&abstract_quotes(part)))
            .collect();
        truncate(parts.join(engine))
    };
    match AT.captures(message) {
        Some(captures) => {
            let head = &message[..captures.get(0).map_or(0, |m| m.start())];
            format!("{} at {}:{}", abstracted(head), &captures[1], &captures[2])
        }
        None => abstracted(message),
    }
}

/// The first differing return value, by subtype (`integer`, `float`, `-0.0`, `nan`,
/// `string "?"`...), or the numbers of values.
fn values_location(a: &[Observed], b: &[Observed]) -> String {
    if a.len() != b.len() {
        return format!("{} values vs {}", a.len(), b.len());
    }
    let at = (0..a.len()).find(|&i| a[i] != b[i]).unwrap_or(0);
    let show = |v: &Observed| match v {
        Observed::Integer(_) => "integer".to_string(),
        Observed::Float(x) if x.is_nan() => "nan".to_string(),
        Observed::Float(x) if x.is_infinite() => format!("{x}"),
        Observed::Float(x) if *x == 0.0 => format!("{x:?}"),
        Observed::Float(_) => "float".to_string(),
        Observed::String(s) => format!("string {:?}", abstract_token(s)),
        other => other.to_string(),
    };
    format!("value {}: {} vs {}", at + 1, show(&a[at]), show(&b[at]))
}

/// A name made safe for a file name.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_messages_are_abstracted() {
        assert_eq!(abstract_token(b"-12.5e+20"), "-0.0e+0");
        assert_eq!(abstract_token(b"'v12'"), "'?'");
        assert_eq!(
            abstract_message(b"prog:12: attempt to perform arithmetic on a nil value (local 'x1')"),
            "attempt to perform arithmetic on a nil value (local '?')"
        );
        assert_eq!(
            abstract_message(b"[string \"x = 1...\"]:3: bad argument #1 to 'insert'"),
            "bad argument #0 to '?'"
        );
        assert_eq!(
            crash_place(
                "panic in engine vm: index 5 out of range at crates/a/b.rs:10:7",
                "vm"
            ),
            "panic in engine vm: index 0 out of range at crates/a/b.rs:10"
        );
        assert_eq!(
            crash_place("ext:lua5.4 was killed: signal: 11 (SIGSEGV)", "ext:lua5.4"),
            "ext:lua5.4 was killed: signal: 0 (SIGSEGV)"
        );
        assert_eq!(abstract_token(b"x.lua:12:"), "<pos>:");
        assert_eq!(
            strip_positions(b"x.lua:1: error: [string \"a\"]:2: boom"),
            "error: boom"
        );
    }

    #[test]
    fn output_locations_name_the_first_differing_word() {
        assert_eq!(
            output_location(b"a 1\nb 2\n", b"a 1\nb 2.0\n"),
            r#""0" vs "0.0""#
        );
        assert_eq!(
            output_location(b"a 1\n", b"a 1\nx\n"),
            r#"<end of output> vs "x""#
        );
        assert_eq!(
            output_location(b"a 1 2\n", b"a 1\n"),
            r#""0" vs <end of line>"#
        );
        assert_eq!(
            output_location(b"a  1\n", b"a 1\n"),
            "same words, different spacing"
        );
        assert_eq!(output_location(b"a\n", b"a"), "<newline at end of output>");
        assert_eq!(
            output_location(b"a -4\n", b"a -3\n"),
            r#""-0" (numbers differ)"#
        );
        assert_eq!(
            output_location(b"false x.lua:5: boom\n", b"false y.lua:1: boom\n"),
            r#""<pos>: boom" (positions differ)"#
        );
    }

    #[test]
    fn classes_are_canonical() {
        let classes = vec![
            vec!["vm".to_string()],
            vec!["vm-O0".to_string(), "native".to_string(), "ref".to_string()],
        ];
        assert_eq!(
            crate::oracle::classes_text(&canonical_classes(&classes)),
            "{native,ref,vm-O0} vs {vm}"
        );
    }

    #[test]
    fn blame_follows_the_pattern() {
        let c = |classes: &[&[&str]]| -> Vec<Vec<String>> {
            classes
                .iter()
                .map(|class| class.iter().map(|e| e.to_string()).collect())
                .collect()
        };
        let cases: &[(&[&[&str]], Blame)] = &[
            (&[&["native", "ref", "vm-O0"], &["vm"]], Blame::Optimizer),
            (
                &[&["native", "ref", "vm:O0"], &["vm:O2:-fold"]],
                Blame::Optimizer,
            ),
            (
                &[&["native", "ref"], &["vm", "vm-O0"]],
                Blame::VmCompilerOrRuntime,
            ),
            (&[&["native", "ref"], &["vm"]], Blame::VmCompilerOrRuntime),
            (
                &[&["native", "ref", "vm"], &["vm-O0"]],
                Blame::VmUnoptimizedCode,
            ),
            (
                &[&["native", "vm", "vm-O0"], &["ref"]],
                Blame::ReferenceInterpreter,
            ),
            (
                &[&["native"], &["ref", "vm", "vm-O0"]],
                Blame::BothRustEngines,
            ),
            (&[&["native"], &["ref"], &["vm"]], Blame::Unclear),
            (
                &[&["native", "ref"], &["ext:lua5.4"]],
                Blame::External(vec!["ext:lua5.4".to_string()]),
            ),
            (&[&["ref"], &["vm"]], Blame::NoNative),
        ];
        for (classes, blame) in cases {
            assert_eq!(&Blame::of(&c(classes), &[]), blame, "{classes:?}");
        }
        assert_eq!(
            Blame::of(&c(&[&["native", "ref"], &["vm"]]), &["vm".to_string()]).slug(),
            "crash-vm"
        );
    }
}
