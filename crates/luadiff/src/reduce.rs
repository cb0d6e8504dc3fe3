//! The reducer: shrinks a program that shows a divergence to a minimal one that shows
//! the same divergence.
//!
//! It works on the syntax tree (lua-syntax), so every candidate is printed by
//! `lua_syntax::print` and always parses. A candidate is *interesting* when the engines
//! give it the same [`Signature`] as the original and native Lua's run stays clean: it
//! does not run out of anything, does not crash, and raises no error unless the
//! original raised one there. So a reduction never wanders into undefined territory
//! (an endless loop, a nil call) that happens to diverge too.
//!
//! Before it starts, the reducer checks that the input is interesting and that the
//! empty program is not. It caches every candidate it tried (by printed source), is
//! deterministic for a given input and engine set (up to the time budget), reports its
//! progress, and stops at a fixpoint or when its time budget runs out.

pub mod command;
mod passes;
pub mod planted;
mod tree;

use std::collections::HashSet;
use std::fmt;
use std::time::{Duration, Instant};

use lua_engine::{End, Engine, Limits, Outcome, Program};
use lua_syntax::ast::Chunk;

use crate::oracle::{ErrorMode, compare};
use crate::run_isolated;
use crate::signature::{Difference, Signature, canonical_classes};

/// How to reduce.
pub struct ReduceOptions<'a> {
    /// Stop after this long and return the smallest interesting program so far.
    pub time_budget: Option<Duration>,
    /// Limits for every run (small: [`Limits::GENERATED`] by default).
    pub limits: Limits,
    /// How errors are compared (as the campaign or `luadiff run` that found it did).
    pub error_mode: ErrorMode,
    /// The chunk name the candidates run under.
    pub chunkname: String,
    /// Rename identifiers to short names at the end.
    pub rename: bool,
    /// Called after every accepted step and every so many tries.
    pub progress: Option<&'a dyn Fn(&Progress)>,
}

impl Default for ReduceOptions<'_> {
    fn default() -> Self {
        ReduceOptions {
            time_budget: Some(Duration::from_secs(60)),
            limits: Limits::GENERATED,
            error_mode: ErrorMode::Message,
            chunkname: "=reduce".to_string(),
            rename: true,
            progress: None,
        }
    }
}

impl fmt::Debug for ReduceOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReduceOptions")
            .field("time_budget", &self.time_budget)
            .field("limits", &self.limits)
            .field("error_mode", &self.error_mode)
            .field("chunkname", &self.chunkname)
            .field("rename", &self.rename)
            .finish_non_exhaustive()
    }
}

/// Where a reduction is, for progress displays.
#[derive(Clone, Debug)]
pub struct Progress {
    /// Lines of the current smallest interesting program.
    pub lines: usize,
    /// Bytes of it.
    pub bytes: usize,
    /// Candidates run so far (cache hits not counted).
    pub tries: u64,
    /// Candidates accepted so far.
    pub accepted: u64,
    pub elapsed: Duration,
    /// The transformation being tried (`remove statements`, `simplify expressions`...).
    pub phase: &'static str,
}

/// The result of a reduction.
#[derive(Clone, Debug)]
pub struct Reduced {
    /// The smallest interesting program found (printed by lua-syntax).
    pub source: Vec<u8>,
    /// The signature it shows (the original's).
    pub signature: Signature,
    /// The runs of the engines on `source`.
    pub runs: Vec<(String, Outcome)>,
    pub original_lines: usize,
    pub original_bytes: usize,
    /// Candidates run (cache hits not counted).
    pub tries: u64,
    /// Candidates found in the cache.
    pub cache_hits: u64,
    pub accepted: u64,
    pub elapsed: Duration,
    /// False when the time budget ran out before a fixpoint.
    pub complete: bool,
}

impl Reduced {
    /// Lines of the reduced program.
    pub fn lines(&self) -> usize {
        count_lines(&self.source)
    }

    /// `212 -> 6 lines in 3.1 s (1234 tries)`.
    pub fn summary(&self) -> String {
        format!(
            "{} -> {} lines in {:.1} s ({} tries{})",
            self.original_lines,
            self.lines(),
            self.elapsed.as_secs_f64(),
            self.tries,
            if self.complete {
                ""
            } else {
                ", time budget reached"
            }
        )
    }
}

/// Why a reduction could not start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReduceError {
    /// The input does not parse.
    Syntax(String),
    /// The input shows no divergence or crash on these engines.
    NotInteresting(String),
    /// Native Lua's run of the input is not clean (it ran out of something).
    NativeNotClean(String),
    /// The empty program shows the same signature: the engines disagree on everything,
    /// so there is nothing to reduce.
    EmptyIsInteresting(String),
    /// Fewer than two engines.
    TooFewEngines,
}

impl fmt::Display for ReduceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReduceError::Syntax(m) => write!(f, "the program does not parse: {m}"),
            ReduceError::NotInteresting(m) => {
                write!(f, "the engines show no divergence on the program ({m})")
            }
            ReduceError::NativeNotClean(m) => {
                write!(f, "native Lua's run of the program is not clean ({m})")
            }
            ReduceError::EmptyIsInteresting(s) => write!(
                f,
                "the empty program shows the same divergence ({s}): nothing to reduce"
            ),
            ReduceError::TooFewEngines => f.write_str("reducing needs at least two engines"),
        }
    }
}

impl std::error::Error for ReduceError {}

/// Counts lines as an editor does: a final newline ends the last line.
pub fn count_lines(source: &[u8]) -> usize {
    if source.is_empty() {
        return 0;
    }
    source.iter().filter(|&&b| b == b'\n').count() + usize::from(!source.ends_with(b"\n"))
}

/// Reduces `source`, which must show a divergence (or a crash) on `engines`, to a small
/// program with the same [`Signature`].
///
/// The passes, repeated until none makes progress: remove statements (whole blocks
/// first, then halves, quarters... of each block, delta-debugging style, outer blocks
/// before inner ones), unwrap `if`/loops/`do`/function bodies, remove list items
/// (arguments, table fields, parameters, `elseif` clauses, variables of a `local`),
/// replace expressions by a sub-expression or a simple literal, shrink literals, inline
/// locals used once; at the end, rename identifiers to short names. A step is taken only
/// if it makes the tree strictly smaller ([`tree::weight`], then bytes), so reduction
/// always ends. When printing the program loses the divergence (its layout matters),
/// lines of the text are removed instead, delta-debugging style.
pub fn reduce(
    source: &[u8],
    engines: &mut [Box<dyn Engine>],
    options: &ReduceOptions<'_>,
) -> Result<Reduced, ReduceError> {
    let start = Instant::now();
    if engines.len() < 2 {
        return Err(ReduceError::TooFewEngines);
    }
    let chunk = lua_syntax::parse(source, &options.chunkname)
        .map_err(|e| ReduceError::Syntax(e.message.clone()))?;
    let runs = run_all(source, engines, options);
    let verdict = compare(&runs, options.error_mode);
    if !verdict.status.is_finding() {
        return Err(ReduceError::NotInteresting(format!(
            "{}: {}",
            verdict.status.name(),
            verdict.classes_text()
        )));
    }
    let signature = Signature::of(&verdict, &runs);
    let native_outcome = runs
        .iter()
        .find(|(name, _)| name == "native")
        .map(|(_, o)| o);
    if let Some(native) = native_outcome
        && matches!(native.end, End::Exhausted(_) | End::Crashed(_))
    {
        return Err(ReduceError::NativeNotClean(native.end.to_string()));
    }
    let empty = run_all(b"", engines, options);
    let empty_verdict = compare(&empty, options.error_mode);
    if Signature::of(&empty_verdict, &empty) == signature {
        return Err(ReduceError::EmptyIsInteresting(signature.to_string()));
    }

    let native_may_fail = native_outcome.is_some_and(|o| matches!(o.end, End::Error(_)));
    let target_classes = canonical_classes(&verdict.classes);
    let order = run_order(engines, &target_classes, &signature);
    // The reducer starts from the printed tree: the canonical form of the input.
    let printed = lua_syntax::print(&chunk);
    let mut reducer = Reducer {
        engines,
        order,
        options,
        limits: candidate_limits(&runs, &options.limits),
        signature,
        target_classes,
        native_may_fail,
        seen: HashSet::new(),
        best: chunk,
        best_source: source.to_vec(),
        best_weight: usize::MAX,
        best_runs: runs,
        tries: 0,
        cache_hits: 0,
        accepted: 0,
        start,
        deadline: options.time_budget.map(|budget| start + budget),
        out_of_time: false,
        phase: "start",
    };
    let canonical =
        lua_syntax::parse(printed.as_bytes(), &options.chunkname).expect("printed source parses");
    reducer.best_weight = tree::weight(&canonical) + 1;
    // Printing alone may already be a step (comments and layout go), and then the tree
    // passes work on printed programs. When the printed form is not interesting, the
    // layout is part of the bug (an error reported at the wrong line of an expression
    // that spans several): the text is reduced line by line instead.
    if reducer.test(canonical) {
        passes::run(&mut reducer);
    }
    passes::remove_lines(&mut reducer);
    let complete = !reducer.out_of_time;
    let lines = count_lines(source);
    Ok(Reduced {
        source: reducer.best_source,
        signature: reducer.signature,
        runs: reducer.best_runs,
        original_lines: lines,
        original_bytes: source.len(),
        tries: reducer.tries,
        cache_hits: reducer.cache_hits,
        accepted: reducer.accepted,
        elapsed: start.elapsed(),
        complete,
    })
}

/// The limits for candidates: the fuel is cut to ten times what the original program
/// used (on the engines that count it) plus some slack. Candidates are smaller than the
/// original, and one that loops or recurses forever, as removing a counter makes
/// programs do, is then rejected in milliseconds rather than after the full fuel.
fn candidate_limits(original: &[(String, Outcome)], limits: &Limits) -> Limits {
    let used = original
        .iter()
        .filter_map(|(_, outcome)| outcome.cost.instructions)
        .max();
    match used {
        Some(used) => Limits {
            fuel: used
                .saturating_mul(10)
                .saturating_add(100_000)
                .min(limits.fuel),
            ..*limits
        },
        None => *limits,
    }
}

fn run_all(
    source: &[u8],
    engines: &mut [Box<dyn Engine>],
    options: &ReduceOptions<'_>,
) -> Vec<(String, Outcome)> {
    let program = Program::new(source, &options.chunkname);
    engines
        .iter_mut()
        .map(|engine| {
            (
                engine.name().to_string(),
                run_isolated(engine.as_mut(), &program, &options.limits),
            )
        })
        .collect()
}

/// The order engines run in on a candidate, so that an uninteresting candidate is
/// rejected after as few runs as possible: native first (its run must be clean), then
/// one engine of each suspect class (most candidates lose the divergence, which these
/// show at once), then the others (which must still agree as before).
fn run_order(
    engines: &[Box<dyn Engine>],
    classes: &[Vec<String>],
    signature: &Signature,
) -> Vec<usize> {
    let index_of = |name: &str| engines.iter().position(|e| e.name() == name);
    let mut order: Vec<usize> = Vec::new();
    let push = |i: Option<usize>, order: &mut Vec<usize>| {
        if let Some(i) = i
            && !order.contains(&i)
        {
            order.push(i);
        }
    };
    push(index_of("native"), &mut order);
    if let crate::signature::Blame::Crash(crashed) = &signature.blame {
        for engine in crashed {
            push(index_of(engine), &mut order);
        }
    }
    for class in classes.iter().skip(1) {
        push(index_of(&class[0]), &mut order);
    }
    for class in classes {
        push(index_of(&class[0]), &mut order);
    }
    for i in 0..engines.len() {
        push(Some(i), &mut order);
    }
    order
}

/// The state of one reduction: the engines, the target, the best program so far.
struct Reducer<'e, 'o> {
    engines: &'e mut [Box<dyn Engine>],
    order: Vec<usize>,
    options: &'o ReduceOptions<'o>,
    /// The limits candidates run with (see [`candidate_limits`]).
    limits: Limits,
    signature: Signature,
    /// The canonical classes of the original verdict.
    target_classes: Vec<Vec<String>>,
    /// Native raised an error on the original, so it may on candidates.
    native_may_fail: bool,
    /// Hashes of every printed candidate tried.
    seen: HashSet<u64>,
    best: Chunk,
    best_source: Vec<u8>,
    best_weight: usize,
    best_runs: Vec<(String, Outcome)>,
    tries: u64,
    cache_hits: u64,
    accepted: u64,
    start: Instant,
    deadline: Option<Instant>,
    out_of_time: bool,
    phase: &'static str,
}

impl Reducer<'_, '_> {
    /// Whether the time budget is spent.
    fn out_of_time(&mut self) -> bool {
        if !self.out_of_time
            && let Some(deadline) = self.deadline
            && Instant::now() >= deadline
        {
            self.out_of_time = true;
        }
        self.out_of_time
    }

    /// Tries a candidate tree: if it is smaller than the best and interesting, it
    /// becomes the best (in its canonical, reparsed form) and the result is true.
    fn test(&mut self, candidate: Chunk) -> bool {
        if self.out_of_time() {
            return false;
        }
        self.test_source(lua_syntax::print(&candidate).into_bytes())
    }

    /// Tries a candidate text (see [`Reducer::test`]); the best program keeps this text.
    fn test_source(&mut self, source: Vec<u8>) -> bool {
        if self.out_of_time() {
            return false;
        }
        if !self.seen.insert(crate::signature::fnv1a(&source)) {
            self.cache_hits += 1;
            return false;
        }
        // Edits may build trees the parser would never produce (a literal as an
        // assignment target, a `break` outside a loop, a `goto` without its label):
        // whatever does not parse back is dropped before anything runs.
        let Ok(reparsed) = lua_syntax::parse(&source, &self.options.chunkname) else {
            return false;
        };
        let weight = tree::weight(&reparsed);
        if (weight, source.len()) >= (self.best_weight, self.best_source.len()) {
            return false;
        }
        self.tries += 1;
        if self.tries.is_multiple_of(64) {
            self.report();
        }
        let Some(runs) = self.interesting(&source) else {
            return false;
        };
        self.best = reparsed;
        self.best_source = source;
        self.best_weight = weight;
        self.best_runs = runs;
        self.accepted += 1;
        self.report();
        true
    }

    fn report(&self) {
        if let Some(progress) = self.options.progress {
            progress(&Progress {
                lines: count_lines(&self.best_source),
                bytes: self.best_source.len(),
                tries: self.tries,
                accepted: self.accepted,
                elapsed: self.start.elapsed(),
                phase: self.phase,
            });
        }
    }

    /// Runs the candidate in [`run_order`], stopping at the first run that makes the
    /// target signature impossible; returns the runs if the signature is the target's.
    fn interesting(&mut self, source: &[u8]) -> Option<Vec<(String, Outcome)>> {
        let program = Program::new(source, &self.options.chunkname);
        let mut runs: Vec<(String, Outcome)> = Vec::with_capacity(self.order.len());
        for position in 0..self.order.len() {
            let engine = &mut self.engines[self.order[position]];
            let outcome = run_isolated(engine.as_mut(), &program, &self.limits);
            let name = engine.name().to_string();
            if name == "native" && !self.native_clean(&outcome) {
                return None;
            }
            runs.push((name, outcome));
            if runs.len() < self.order.len() && !self.consistent(&runs) {
                return None;
            }
        }
        let verdict = compare(&runs, self.options.error_mode);
        if Signature::of(&verdict, &runs) != self.signature {
            return None;
        }
        // Report the runs in the caller's engine order.
        let mut ordered = Vec::with_capacity(runs.len());
        for engine in self.engines.iter() {
            if let Some(at) = runs.iter().position(|(name, _)| name == engine.name()) {
                ordered.push(runs.swap_remove(at));
            }
        }
        Some(ordered)
    }

    /// Native's run of a candidate must not run out of anything, crash, or raise an
    /// error unless the original raised one.
    fn native_clean(&self, outcome: &Outcome) -> bool {
        match outcome.end {
            End::Returned(_) => true,
            End::Error(_) => self.native_may_fail,
            End::Exhausted(_) | End::Crashed(_) => false,
        }
    }

    /// Whether the runs so far can still end in the target signature: for a crash, the
    /// engines that crashed crash again; otherwise the engines so far split into the
    /// target's classes restricted to them.
    fn consistent(&self, runs: &[(String, Outcome)]) -> bool {
        if self.signature.difference == Difference::Crash {
            let crate::signature::Blame::Crash(crashed) = &self.signature.blame else {
                return true;
            };
            return runs.iter().all(|(name, outcome)| {
                !crashed.contains(name) || matches!(outcome.end, End::Crashed(_))
            });
        }
        if runs.len() < 2 {
            return true;
        }
        let ran = |engine: &String| runs.iter().any(|(name, _)| name == engine);
        let expected: Vec<Vec<String>> = self
            .target_classes
            .iter()
            .map(|class| class.iter().filter(|e| ran(e)).cloned().collect::<Vec<_>>())
            .filter(|class| !class.is_empty())
            .collect();
        let verdict = compare(runs, self.options.error_mode);
        canonical_classes(&verdict.classes) == canonical_classes(&expected)
    }
}
