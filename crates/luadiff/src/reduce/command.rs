//! `luadiff reduce FILE [-o OUT] [--engines LIST] [--time SECS]`: the reducer, its
//! blame and bisection, from the command line.
//!
//! The reduced program goes to OUT (written atomically) or to standard output; progress
//! and the summary (signature, blame, bisection) go to standard error. Exit status 0
//! when the program was reduced, 2 for a bad input (unreadable, does not parse, shows
//! no divergence, unknown engine).

use std::cell::Cell;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use lua_engine::Limits;

use crate::bisect;
use crate::corpus::{self, Finding};
use crate::oracle::ErrorMode;
use crate::reduce::{Progress, ReduceOptions, reduce};
use crate::registry;
use crate::signature::Blame;

/// What `luadiff reduce` was asked to do.
pub struct ReduceCommand {
    pub file: String,
    pub out: Option<String>,
    /// The engines; `None` means every built-in engine that exists.
    pub engines: Option<Vec<String>>,
    pub time: Option<f64>,
    pub errors: ErrorMode,
    /// Also file the result as a finding in this directory.
    pub findings: Option<String>,
    /// Show progress on standard error (a terminal).
    pub progress: bool,
}

/// Runs `luadiff reduce`.
pub fn run(command: &ReduceCommand, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    crate::isolate::quiet_worker_panics();
    let source = match std::fs::read(&command.file) {
        Ok(source) => source,
        Err(e) => return usage(stderr, &format!("cannot read {}: {e}", command.file)),
    };
    let names: Vec<String> = match &command.engines {
        Some(names) => names.clone(),
        None => registry::available()
            .into_iter()
            .map(String::from)
            .collect(),
    };
    let mut engines = Vec::new();
    for name in &names {
        match registry::engine(name) {
            Ok(engine) => engines.push(engine),
            Err(e) => return usage(stderr, &e.to_string()),
        }
    }
    let descriptions: Vec<(String, String)> = engines
        .iter()
        .map(|e| (e.name().to_string(), e.description()))
        .collect();
    let last_shown = Cell::new(Instant::now() - Duration::from_secs(1));
    let show = |p: &Progress| {
        if last_shown.get().elapsed() >= Duration::from_millis(100) {
            last_shown.set(Instant::now());
            eprint!(
                "\rreduce: {:>5} lines {:>7} bytes {:>6} tries {:>5.1} s  {:<22}",
                p.lines,
                p.bytes,
                p.tries,
                p.elapsed.as_secs_f64(),
                p.phase
            );
        }
    };
    let chunkname = format!("@{}", command.file);
    let options = ReduceOptions {
        time_budget: command.time.map(Duration::from_secs_f64),
        limits: Limits::GENERATED,
        error_mode: command.errors,
        chunkname: chunkname.clone(),
        rename: true,
        progress: if command.progress { Some(&show) } else { None },
    };
    let reduced = reduce(&source, &mut engines, &options);
    if command.progress {
        eprint!("\r{:78}\r", "");
    }
    let reduced = match reduced {
        Ok(reduced) => reduced,
        Err(e) => return usage(stderr, &format!("{}: {e}", command.file)),
    };
    let bisection = if reduced.signature.blame == Blame::Optimizer {
        match bisect::bisect(
            &reduced.source,
            &chunkname,
            &Limits::GENERATED,
            command.errors,
        ) {
            Ok(bisection) => Some(bisection.to_string()),
            Err(e) => Some(format!("not bisected: {e}")),
        }
    } else {
        None
    };
    match &command.out {
        Some(out) => {
            if let Err(e) = crate::fsutil::write_atomically(Path::new(out), &reduced.source) {
                return usage(stderr, &format!("cannot write {out}: {e}"));
            }
        }
        None => {
            if stdout.write_all(&reduced.source).is_err() {
                return 2;
            }
        }
    }
    let _ = writeln!(stderr, "reduced: {}", reduced.summary());
    let _ = writeln!(
        stderr,
        "signature {}: {}",
        reduced.signature.id(),
        reduced.signature
    );
    let _ = writeln!(stderr, "blame: {}", reduced.signature.blame);
    if let Some(bisection) = &bisection {
        let _ = writeln!(stderr, "bisection: {bisection}");
    }
    if let Some(dir) = &command.findings {
        let mut finding = Finding::new(
            reduced.signature.clone(),
            reduced.source.clone(),
            format!("luadiff reduce {}", command.file),
        );
        finding.engines = descriptions;
        finding.bisection = bisection;
        finding.reduction = Some(reduced.summary());
        match corpus::write_finding(Path::new(dir), &finding) {
            Ok(path) => {
                let _ = writeln!(stderr, "finding: {}", path.display());
            }
            Err(e) => return usage(stderr, &format!("cannot write the finding into {dir}: {e}")),
        }
    }
    0
}

fn usage(stderr: &mut dyn Write, message: &str) -> i32 {
    let _ = writeln!(stderr, "luadiff: {message}");
    2
}
