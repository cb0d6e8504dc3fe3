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

use std::collections::HashSet;
use std::fmt;
use std::time::{Duration, Instant};

use lua_engine::{End, Engine, Limits, Outcome, Program};

use crate::oracle::{ErrorMode, compare};
use crate::run_isolated;
use crate::signature::Signature;

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
pub fn reduce(
    source: &[u8],
    engines: &mut [Box<dyn Engine>],
    options: &ReduceOptions<'_>,
) -> Result<Reduced, ReduceError> {
    let start = Instant::now();
    if engines.len() < 2 {
        return Err(ReduceError::TooFewEngines);
    }
    lua_syntax::parse(source, &options.chunkname)
        .map_err(|e| ReduceError::Syntax(e.message.clone()))?;
    let runs = run_all(source, engines, options);
    let verdict = compare(&runs, options.error_mode);
    if !verdict.status.is_finding() {
        return Err(ReduceError::NotInteresting(
            verdict.status.name().to_string(),
        ));
    }
    let signature = Signature::of(&verdict, &runs);
    if let Some((_, native)) = runs.iter().find(|(name, _)| name == "native")
        && matches!(native.end, End::Exhausted(_) | End::Crashed(_))
    {
        return Err(ReduceError::NativeNotClean(native.end.to_string()));
    }
    let empty = run_all(b"", engines, options);
    let empty_verdict = compare(&empty, options.error_mode);
    if Signature::of(&empty_verdict, &empty) == signature {
        return Err(ReduceError::EmptyIsInteresting(signature.to_string()));
    }
    let mut seen = HashSet::new();
    seen.insert(source.to_vec());
    Ok(Reduced {
        source: source.to_vec(),
        signature,
        runs,
        original_lines: count_lines(source),
        original_bytes: source.len(),
        tries: 2,
        cache_hits: 0,
        accepted: 0,
        elapsed: start.elapsed(),
        complete: true,
    })
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
