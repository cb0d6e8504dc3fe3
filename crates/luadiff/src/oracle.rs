//! The oracle: compares what several engines did with one program and names who is wrong.
//!
//! Engines are grouped into classes that agree (same output bytes, same return values,
//! same error after [`normalize`](crate::normalize)); the shape of the classes names the
//! layer at fault. An engine that ran out of a resource makes the comparison
//! meaningless (limits differ between engines): such a run is *exhausted*, counted
//! apart, never a divergence. An engine that crashed is always a finding.

use lua_engine::{End, Outcome, Resource};

use crate::normalize;
use crate::registry;

/// How errors are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorMode {
    /// Both raised an error of the same kind (syntax or runtime). For generated
    /// programs, whose messages may legitimately mention different internals.
    Kind,
    /// Identical message text after normalisation. The default for files.
    Message,
}

impl ErrorMode {
    pub fn name(self) -> &'static str {
        match self {
            ErrorMode::Kind => "kind",
            ErrorMode::Message => "message",
        }
    }
}

/// The overall judgement on one program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every engine did the same thing.
    Agree = 0,
    /// Engines disagree: a finding.
    Diverge,
    /// Some engine hit a resource limit: not compared.
    Exhausted,
    /// Some engine crashed: a finding, whatever the others did.
    Crashed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Agree => "agree",
            Status::Diverge => "diverge",
            Status::Exhausted => "exhausted",
            Status::Crashed => "crashed",
        }
    }

    /// Whether this status is a finding (exit status 1 for `luadiff run`).
    pub fn is_finding(self) -> bool {
        matches!(self, Status::Diverge | Status::Crashed)
    }
}

/// What the oracle concluded.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub status: Status,
    /// The engines grouped by agreement: the class holding `native` first, then larger
    /// classes first; engines within a class in the order they were given.
    pub classes: Vec<Vec<String>>,
    /// For a divergence or a crash: what the pattern of classes suggests
    /// ("VM or compiler bug", ...).
    pub pattern: Option<String>,
    /// The engines that ran out of something, and what.
    pub exhausted: Vec<(String, Resource)>,
    /// The engines that crashed.
    pub crashed: Vec<String>,
}

impl Verdict {
    /// The classes written as `{ref,native} vs {vm}`.
    pub fn classes_text(&self) -> String {
        classes_text(&self.classes)
    }
}

pub fn classes_text(classes: &[Vec<String>]) -> String {
    classes
        .iter()
        .map(|class| format!("{{{}}}", class.join(",")))
        .collect::<Vec<_>>()
        .join(" vs ")
}

/// Compares the outcomes of the named engines on one program.
pub fn compare(runs: &[(String, Outcome)], mode: ErrorMode) -> Verdict {
    let every_engine_sees_returns = runs
        .iter()
        .all(|(name, _)| registry::observes_return_values(name));
    let normalized: Vec<Outcome> = runs
        .iter()
        .map(|(_, outcome)| {
            let mut outcome = normalize::outcome(outcome);
            if !every_engine_sees_returns {
                normalize::forget_return_values(&mut outcome);
            }
            outcome
        })
        .collect();

    let mut class_members: Vec<Vec<usize>> = Vec::new();
    for (index, outcome) in normalized.iter().enumerate() {
        match class_members
            .iter_mut()
            .find(|class| same(&normalized[class[0]], outcome, mode))
        {
            Some(class) => class.push(index),
            None => class_members.push(vec![index]),
        }
    }
    let holds_native = |class: &Vec<usize>| class.iter().any(|&i| runs[i].0 == "native");
    // Stable sort: the native class first, then by size; ties keep first appearance.
    class_members.sort_by_key(|class| (!holds_native(class), std::cmp::Reverse(class.len())));
    let classes: Vec<Vec<String>> = class_members
        .iter()
        .map(|class| class.iter().map(|&i| runs[i].0.clone()).collect())
        .collect();

    let exhausted: Vec<(String, Resource)> = runs
        .iter()
        .filter_map(|(name, outcome)| match outcome.end {
            End::Exhausted(resource) => Some((name.clone(), resource)),
            _ => None,
        })
        .collect();
    let crashed: Vec<String> = runs
        .iter()
        .filter(|(_, outcome)| matches!(outcome.end, End::Crashed(_)))
        .map(|(name, _)| name.clone())
        .collect();

    let (status, pattern) = if !crashed.is_empty() {
        let pattern = match crashed.as_slice() {
            [one] => format!("engine {one} crashed"),
            many => format!("engines {} crashed", many.join(", ")),
        };
        (Status::Crashed, Some(pattern))
    } else if !exhausted.is_empty() {
        (Status::Exhausted, None)
    } else if classes.len() <= 1 {
        (Status::Agree, None)
    } else {
        (Status::Diverge, Some(name_pattern(&classes)))
    };
    Verdict {
        status,
        classes,
        pattern,
        exhausted,
        crashed,
    }
}

/// Whether two normalised outcomes agree.
fn same(a: &Outcome, b: &Outcome, mode: ErrorMode) -> bool {
    a.output == b.output
        && match (&a.end, &b.end) {
            (End::Returned(x), End::Returned(y)) => x == y,
            (End::Error(x), End::Error(y)) => {
                x.kind == y.kind && (mode == ErrorMode::Kind || x.message == y.message)
            }
            (End::Exhausted(x), End::Exhausted(y)) => x == y,
            _ => false,
        }
}

fn is_vm(engine: &str) -> bool {
    engine == "vm" || engine == "vm-O0"
}

fn is_ext(engine: &str) -> bool {
    engine.starts_with("ext:")
}

/// Names the pattern of a divergence by the engines outside native's class (the
/// suspects; native is the truth).
fn name_pattern(classes: &[Vec<String>]) -> String {
    let Some(native_class) = classes
        .iter()
        .find(|class| class.iter().any(|e| e == "native"))
    else {
        return "engines disagree (native not run, so nobody is known to be right)".to_string();
    };
    let suspects: Vec<&str> = classes
        .iter()
        .filter(|class| *class != native_class)
        .flat_map(|class| class.iter().map(String::as_str))
        .collect();
    let native_side_has = |engine: &str| native_class.iter().any(|e| e == engine);
    let suspects_agree = classes.len() == 2;
    match suspects.as_slice() {
        ["vm"] if native_side_has("vm-O0") => "optimizer bug".to_string(),
        ["vm-O0"] if native_side_has("vm") => "VM or compiler bug (vm-O0 only)".to_string(),
        ["ref"] => "reference interpreter bug".to_string(),
        s if s.iter().all(|e| is_vm(e)) => "VM or compiler bug".to_string(),
        s if suspects_agree
            && s.contains(&"ref")
            && s.iter().any(|e| is_vm(e))
            && s.iter().all(|e| *e == "ref" || is_vm(e)) =>
        {
            "both Rust engines misread the spec".to_string()
        }
        [one] if is_ext(one) => "ext engine disagrees with native".to_string(),
        s if s.iter().all(|e| is_ext(e)) => "ext engines disagree with native".to_string(),
        s if suspects_agree => format!("{} disagree with native", s.join(", ")),
        _ => format!("engines split {} ways", classes.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(classes: &[&[&str]]) -> Vec<Vec<String>> {
        classes
            .iter()
            .map(|class| class.iter().map(|e| e.to_string()).collect())
            .collect()
    }

    #[test]
    fn patterns_have_names() {
        let cases: &[(&[&[&str]], &str)] = &[
            (&[&["ref", "native"], &["vm"]], "VM or compiler bug"),
            (&[&["vm-O0", "ref", "native"], &["vm"]], "optimizer bug"),
            (
                &[&["ref", "native"], &["vm", "vm-O0"]],
                "VM or compiler bug",
            ),
            (
                &[&["vm", "ref", "native"], &["vm-O0"]],
                "VM or compiler bug (vm-O0 only)",
            ),
            (
                &[&["vm", "vm-O0", "native"], &["ref"]],
                "reference interpreter bug",
            ),
            (
                &[&["native"], &["ref", "vm", "vm-O0"]],
                "both Rust engines misread the spec",
            ),
            (
                &[&["native", "ext:lua5.4"], &["ref", "vm"]],
                "both Rust engines misread the spec",
            ),
            (
                &[&["native", "ref"], &["ext:lua5.4"]],
                "ext engine disagrees with native",
            ),
            (
                &[&["native"], &["ext:a"], &["ext:b"]],
                "ext engines disagree with native",
            ),
            (&[&["native"], &["ref"], &["vm"]], "engines split 3 ways"),
            (
                &[&["native", "vm"], &["ref", "ext:x"]],
                "ref, ext:x disagree with native",
            ),
            (
                &[&["ref"], &["vm"]],
                "engines disagree (native not run, so nobody is known to be right)",
            ),
        ];
        for (classes, expected) in cases {
            assert_eq!(
                name_pattern(&names(classes)),
                *expected,
                "{}",
                classes_text(&names(classes))
            );
        }
    }
}
