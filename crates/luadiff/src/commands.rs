//! The logic of the `luadiff` subcommands; `main.rs` only parses arguments.
//!
//! Exit statuses: 0 success (all engines agree; the program ran), 1 a finding (a
//! divergence or a crash for `run`; an uncaught Lua error or an exhausted limit for
//! `exec`, as the `lua` command exits 1), 2 a usage or I/O error (and an engine crash
//! in `exec`, which is never the program's fault).

use std::io::{self, Read, Write};

use lua_engine::{End, Engine, Limits, Program};

use crate::conformance;
use crate::isolate::{quiet_worker_panics, run_isolated};
use crate::oracle::{ErrorMode, Status, compare};
use crate::registry;
use crate::report::Report;

/// `luadiff exec [--engine NAME] FILE [ARGS...]`.
pub struct ExecOptions {
    pub engine: String,
    /// The script, or `-` for standard input.
    pub file: String,
    pub args: Vec<Vec<u8>>,
}

/// Runs one file like the `lua` command: chunk name `@FILE` (`=stdin` for `-`), the `arg`
/// table, the output on `stdout`, an uncaught error on `stderr` as `lua: MESSAGE` with the
/// engine's traceback.
pub fn exec(options: &ExecOptions, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let mut engine = match registry::engine(&options.engine) {
        Ok(engine) => engine,
        Err(error) => return usage_error(stderr, &error.to_string()),
    };
    let (source, chunkname) = match read_program(&options.file) {
        Ok(read) => read,
        Err(message) => return usage_error(stderr, &message),
    };
    let mut script = vec![options.file.clone().into_bytes()];
    script.extend(options.args.iter().cloned());
    let program = Program {
        source: &source,
        chunkname: &chunkname,
        script: Some(&script),
    };
    let outcome = run_isolated(engine.as_mut(), &program, &Limits::FILES);
    let _ = stdout.write_all(&outcome.output);
    let _ = stdout.flush();
    match &outcome.end {
        End::Returned(_) => 0,
        End::Error(error) => {
            let mut text = b"lua: ".to_vec();
            text.extend_from_slice(&error.message);
            if let Some(traceback) = engine.last_traceback() {
                text.push(b'\n');
                text.extend_from_slice(&traceback);
            }
            text.push(b'\n');
            let _ = stderr.write_all(&text);
            1
        }
        End::Exhausted(resource) => {
            let _ = writeln!(
                stderr,
                "lua: the program ran out of {resource} (engine {})",
                engine.name()
            );
            1
        }
        End::Crashed(message) => {
            let _ = writeln!(
                stderr,
                "luadiff: engine {} crashed: {message}",
                engine.name()
            );
            2
        }
    }
}

/// `luadiff run [--engines LIST] [--errors kind|message] [--json] FILE...`.
pub struct RunOptions {
    /// The engines to compare; `None` means every built-in engine that exists.
    pub engines: Option<Vec<String>>,
    pub errors: ErrorMode,
    pub json: bool,
    pub files: Vec<String>,
    /// Color the text report (for a terminal).
    pub color: bool,
}

/// Runs every file on every engine and prints, per file, the agreement or the report.
pub fn run(options: &RunOptions, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    quiet_worker_panics();
    let mut engines = match build_engines(options.engines.as_deref(), stderr) {
        Ok(engines) => engines,
        Err(status) => return status,
    };
    // Every file is read before anything runs, so a typo costs no time.
    let mut programs = Vec::new();
    for file in &options.files {
        match read_program(file) {
            Ok(read) => programs.push((file, read)),
            Err(message) => return usage_error(stderr, &message),
        }
    }
    let mut counts = [0usize; 4];
    for (file, (source, chunkname)) in &programs {
        let program = Program::new(source, chunkname);
        let report = compare_program(file, &mut engines, &program, &Limits::FILES, options.errors);
        counts[report.verdict.status as usize] += 1;
        let text = if options.json {
            format!("{}\n", report.json())
        } else {
            report.text(options.color)
        };
        if stdout.write_all(text.as_bytes()).is_err() {
            return 2;
        }
    }
    if !options.json && programs.len() > 1 {
        // Exhausted runs are counted apart: they are neither agreement nor a finding.
        let [agree, diverge, exhausted, crashed] = counts;
        let _ = writeln!(
            stdout,
            "{} files: {agree} agree, {diverge} diverge, {exhausted} not compared (exhausted), {crashed} crashed",
            programs.len()
        );
    }
    let _ = stdout.flush();
    let findings = counts[Status::Diverge as usize] + counts[Status::Crashed as usize];
    if findings > 0 { 1 } else { 0 }
}

/// Runs one program on every engine (each isolated) and asks the oracle.
pub fn compare_program(
    name: &str,
    engines: &mut [Box<dyn Engine>],
    program: &Program<'_>,
    limits: &Limits,
    mode: ErrorMode,
) -> Report {
    let runs: Vec<_> = engines
        .iter_mut()
        .map(|engine| {
            (
                engine.name().to_string(),
                run_isolated(engine.as_mut(), program, limits),
            )
        })
        .collect();
    let verdict = compare(&runs, mode);
    Report {
        program: name.to_string(),
        runs,
        verdict,
    }
}

/// Builds the engines named in a `--engines` list, or, without a list, every built-in
/// engine that exists (saying which ones are not built yet). An engine that cannot be
/// built is a usage error (status 2).
fn build_engines(
    names: Option<&[String]>,
    stderr: &mut dyn Write,
) -> Result<Vec<Box<dyn Engine>>, i32> {
    let names: Vec<String> = match names {
        Some(names) => names.to_vec(),
        None => {
            let missing = registry::not_built_yet();
            if !missing.is_empty() {
                let _ = writeln!(
                    stderr,
                    "luadiff: note: engines not built yet: {}",
                    missing.join(", ")
                );
            }
            registry::available()
                .into_iter()
                .map(String::from)
                .collect()
        }
    };
    names
        .iter()
        .map(|name| registry::engine(name).map_err(|error| usage_error(stderr, &error.to_string())))
        .collect()
}

/// `luadiff conformance [--engines LIST] [--json]`.
pub struct ConformanceOptions {
    /// The engines to check; `None` means every built-in engine that exists.
    pub engines: Option<Vec<String>>,
    pub json: bool,
}

/// Runs the conformance suite (from the repository that holds the current directory)
/// and prints per-engine and per-chapter counts. Exit 0 when nothing fails (known gaps
/// are not failures), 1 when something does.
pub fn conformance(
    options: &ConformanceOptions,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    quiet_worker_panics();
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return usage_error(stderr, &format!("cannot read the current directory: {e}")),
    };
    let Some(root) = conformance::find_root(&cwd) else {
        return usage_error(
            stderr,
            "no conformance/ directory here or above: run luadiff conformance inside the luadiff repository",
        );
    };
    let mut engines = match build_engines(options.engines.as_deref(), stderr) {
        Ok(engines) => engines,
        Err(status) => return status,
    };
    let summary = match conformance::run_suite(&root, &mut engines, |engine, program, check| {
        if check.is_failure() && !options.json {
            let _ = writeln!(stderr, "FAIL {engine} {program}");
        }
    }) {
        Ok(summary) => summary,
        Err(message) => return usage_error(stderr, &message),
    };
    let text = if options.json {
        conformance_json(&summary).to_string() + "\n"
    } else {
        conformance_table(&summary)
    };
    if stdout.write_all(text.as_bytes()).is_err() {
        return 2;
    }
    if summary.failures.is_empty() { 0 } else { 1 }
}

fn conformance_json(summary: &conformance::Summary) -> serde_json::Value {
    let engines: serde_json::Map<String, serde_json::Value> = summary
        .engines
        .iter()
        .map(|(name, tally)| {
            (
                name.clone(),
                serde_json::json!({
                    "passed": tally.passed,
                    "failed": tally.failed,
                    "known_gaps": tally.known_gaps,
                }),
            )
        })
        .collect();
    serde_json::json!({ "engines": engines, "programs": summary.programs })
}

fn conformance_table(summary: &conformance::Summary) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    let _ = writeln!(text, "{} programs", summary.programs);
    let _ = writeln!(
        text,
        "{:<10} {:>7} {:>7} {:>11}",
        "engine", "passed", "failed", "known gaps"
    );
    for (name, tally) in &summary.engines {
        let _ = writeln!(
            text,
            "{name:<10} {:>7} {:>7} {:>11}",
            tally.passed, tally.failed, tally.known_gaps
        );
    }
    let engines: Vec<&String> = summary.engines.keys().collect();
    let chapters: std::collections::BTreeSet<&String> = summary
        .chapters
        .keys()
        .map(|(_, chapter)| chapter)
        .collect();
    let _ = write!(text, "\n{:<14}", "chapter (pass)");
    for engine in &engines {
        let _ = write!(text, " {engine:>9}");
    }
    text.push('\n');
    for chapter in chapters {
        let _ = write!(text, "{chapter:<14}");
        for engine in &engines {
            let tally = summary.chapters[&((*engine).clone(), chapter.clone())];
            let total = tally.passed + tally.failed + tally.known_gaps;
            let _ = write!(text, " {:>9}", format!("{}/{total}", tally.passed));
        }
        text.push('\n');
    }
    text
}

/// Reads a program file (`-` is standard input) and gives its chunk name.
fn read_program(file: &str) -> Result<(Vec<u8>, String), String> {
    if file == "-" {
        let mut source = Vec::new();
        io::stdin()
            .read_to_end(&mut source)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok((source, "=stdin".to_string()));
    }
    let source = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    Ok((source, format!("@{file}")))
}

fn usage_error(stderr: &mut dyn Write, message: &str) -> i32 {
    let _ = writeln!(stderr, "luadiff: {message}");
    2
}
