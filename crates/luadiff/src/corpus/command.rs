//! `luadiff corpus check [--json]` and `luadiff corpus promote FILE [--why TEXT]`.
//!
//! Both work on the repository that holds the current directory. `check` exits 0 when
//! every regression passes on every engine, 1 when one fails, 2 for a usage error;
//! `promote` exits 0 when the finding became a regression, 1 when the engines still
//! disagree on it, 2 for a bad file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::corpus::{self, Check, PromoteError, Summary};
use crate::registry;

/// Replays the corpus (see [`corpus::check_all`]) and prints per-engine counts.
pub fn check(
    engines: Option<&[String]>,
    json: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    crate::isolate::quiet_worker_panics();
    let root = match root(stderr) {
        Ok(root) => root,
        Err(status) => return status,
    };
    let mut engines = match build(engines, stderr) {
        Ok(engines) => engines,
        Err(status) => return status,
    };
    let summary = match corpus::check_all(&root, &mut engines, |engine, file, check| {
        if check.is_failure() && !json {
            let _ = writeln!(stderr, "FAIL {engine} {file}");
        }
    }) {
        Ok(summary) => summary,
        Err(message) => return usage(stderr, &message),
    };
    let text = if json {
        summary_json(&summary).to_string() + "\n"
    } else {
        summary_text(&summary)
    };
    if stdout.write_all(text.as_bytes()).is_err() {
        return 2;
    }
    if summary.failures.is_empty() { 0 } else { 1 }
}

fn summary_json(summary: &Summary) -> serde_json::Value {
    let engines: serde_json::Map<String, serde_json::Value> = summary
        .engines
        .iter()
        .map(|(name, tally)| {
            (
                name.clone(),
                json!({ "passed": tally.passed, "failed": tally.failed }),
            )
        })
        .collect();
    let failures: Vec<serde_json::Value> = summary
        .failures
        .iter()
        .map(|(engine, file, check)| {
            json!({
                "engine": engine,
                "file": file,
                "reason": match check {
                    Check::NoSnapshot { .. } => "no snapshot",
                    _ => "differs from the snapshot",
                },
            })
        })
        .collect();
    json!({
        "regressions": summary.regressions,
        "engines": engines,
        "failures": failures,
        "findings": {
            "open": summary.open_findings,
            "fixed": summary.fixed_findings,
        },
    })
}

fn summary_text(summary: &Summary) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    let _ = writeln!(text, "{} regressions", summary.regressions);
    let _ = writeln!(text, "{:<10} {:>7} {:>7}", "engine", "passed", "failed");
    for (name, tally) in &summary.engines {
        let _ = writeln!(text, "{name:<10} {:>7} {:>7}", tally.passed, tally.failed);
    }
    for (engine, file, check) in &summary.failures {
        let why = match check {
            Check::NoSnapshot { .. } => "no snapshot (promote it with luadiff corpus promote)",
            _ => "differs from the snapshot",
        };
        let _ = writeln!(text, "failed: {engine} {file}: {why}");
    }
    let _ = writeln!(
        text,
        "findings: {} still diverge, {} now agree on every engine",
        summary.open_findings,
        summary.fixed_findings.len()
    );
    for file in &summary.fixed_findings {
        let _ = writeln!(
            text,
            "  fixed: {file} (luadiff corpus promote {file} --why \"...\")"
        );
    }
    text
}

/// Moves a fixed finding to the regressions (see [`corpus::promote`]).
pub fn promote(
    file: &str,
    why: Option<&str>,
    force: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    crate::isolate::quiet_worker_panics();
    let root = match root(stderr) {
        Ok(root) => root,
        Err(status) => return status,
    };
    let mut engines = match build(None, stderr) {
        Ok(engines) => engines,
        Err(status) => return status,
    };
    match corpus::promote(&root, Path::new(file), why, &mut engines, force) {
        Ok(path) => {
            let snapshot = corpus::snapshot_path(&root, &path.to_string_lossy());
            let _ = writeln!(
                stdout,
                "promoted to {} (snapshot {})",
                path.display(),
                snapshot.display()
            );
            0
        }
        Err(PromoteError::StillDiverges(message)) => {
            let _ = writeln!(stderr, "luadiff: {message}");
            1
        }
        Err(e) => usage(stderr, &e.to_string()),
    }
}

fn root(stderr: &mut dyn Write) -> Result<PathBuf, i32> {
    let cwd = std::env::current_dir()
        .map_err(|e| usage(stderr, &format!("cannot read the current directory: {e}")))?;
    corpus::find_root(&cwd).ok_or_else(|| {
        usage(
            stderr,
            "no corpus/ directory here or above: run luadiff corpus inside the luadiff repository",
        )
    })
}

fn build(
    names: Option<&[String]>,
    stderr: &mut dyn Write,
) -> Result<Vec<Box<dyn lua_engine::Engine>>, i32> {
    let names: Vec<String> = match names {
        Some(names) => names.to_vec(),
        None => registry::available()
            .into_iter()
            .map(String::from)
            .collect(),
    };
    names
        .iter()
        .map(|name| registry::engine(name).map_err(|e| usage(stderr, &e.to_string())))
        .collect()
}

fn usage(stderr: &mut dyn Write, message: &str) -> i32 {
    let _ = writeln!(stderr, "luadiff: {message}");
    2
}
