//! `cargo test` runs the conformance suite: every `conformance/**/*.lua` program on every
//! engine that exists, each compared with its snapshot in `snapshots/conformance/`.
//!
//! Native Lua's outcome IS the snapshot: its trial goes through insta, so `cargo insta
//! review` / `cargo insta accept` is how snapshots are made and updated, and with
//! `CI=true` a missing or different snapshot fails. Every other engine is compared with
//! the stored snapshot (never written from it), taking `conformance/KNOWN_GAPS` into
//! account. Each (program, engine) pair is its own trial, so
//! `cargo test -p luadiff --test conformance -- numeric_for` runs just that program.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};
use luadiff::conformance::{self, Check};
use luadiff::known_gaps::KnownGaps;
use luadiff::{registry, snapshot};

/// The suite must not shrink below what its issue asks for.
const MIN_PROGRAMS: usize = 300;
const MIN_EXPECTED_LINES: usize = 8_000;

fn main() {
    let args = Arguments::from_args();
    let root = conformance::find_root(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("the repository root above crates/luadiff");
    let programs = conformance::programs(&root).expect("conformance/ is readable");
    let gaps = Arc::new(
        KnownGaps::load(&root, &conformance::KNOWN_GAPS).expect("conformance/KNOWN_GAPS parses"),
    );
    let engines = registry::available();
    let missing = registry::not_built_yet();
    if !missing.is_empty() {
        eprintln!(
            "conformance: engines not built yet, not checked: {}",
            missing.join(", ")
        );
    }

    let mut trials = vec![
        known_gaps_trial(&root, &programs, Arc::clone(&gaps)),
        size_trial(&root, &programs),
        coverage_trial(&root, &programs),
    ];
    for program in &programs {
        for &engine in &engines {
            trials.push(program_trial(&root, program, engine, Arc::clone(&gaps)));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// The trial name: `statements/numeric_for::vm`.
fn trial_name(program: &str, engine: &str) -> String {
    let short = program
        .strip_prefix("conformance/")
        .and_then(|p| p.strip_suffix(".lua"))
        .unwrap_or(program);
    format!("{short}::{engine}")
}

fn program_trial(root: &Path, program: &str, engine: &'static str, gaps: Arc<KnownGaps>) -> Trial {
    let root = root.to_path_buf();
    let program = program.to_string();
    Trial::test(trial_name(&program, engine), move || {
        let mut runner = registry::engine(engine).map_err(|e| Failed::from(e.to_string()))?;
        if engine == "native" {
            let outcome = conformance::run(runner.as_mut(), &root, &program)
                .map_err(|e| Failed::from(format!("{program}: {e}")))?;
            assert_native_snapshot(&root, &program, &snapshot::render(&outcome));
            return Ok(());
        }
        let check = conformance::check_program(runner.as_mut(), &root, &program, &gaps)
            .map_err(|e| Failed::from(format!("{program}: {e}")))?;
        match check {
            Check::Pass | Check::KnownGap { .. } => Ok(()),
            Check::Fail { expected, actual } => Err(Failed::from(format!(
                "{engine} differs from native on {program} (- native snapshot, + {engine}):\n{}",
                luadiff::report::unified_diff(
                    expected.as_bytes(),
                    actual.as_bytes(),
                    "native",
                    engine,
                    false
                )
            ))),
            Check::GapNowPasses { reason } => Err(Failed::from(format!(
                "{engine} now passes {program}, listed in {} as \"{reason}\": remove that line",
                conformance::KNOWN_GAPS_FILE
            ))),
            Check::NoSnapshot { .. } => Err(Failed::from(format!(
                "no snapshot for {program} yet: run the native trial and accept it (cargo insta review)"
            ))),
        }
    })
}

/// Native's outcome against its snapshot, through insta (so the review workflow works).
fn assert_native_snapshot(root: &Path, program: &str, rendered: &str) {
    let (settings, name) = common::native_snapshot_settings(
        &conformance::snapshot_path(root, program),
        &root.join(program),
    );
    settings.bind(|| insta::assert_snapshot!(name, rendered));
}

fn known_gaps_trial(root: &Path, programs: &[String], gaps: Arc<KnownGaps>) -> Trial {
    let _ = root;
    let programs = programs.to_vec();
    Trial::test(
        "known_gaps_file_names_real_programs_and_engines",
        move || {
            let programs: Vec<&str> = programs.iter().map(String::as_str).collect();
            let problems = gaps.stale(&programs, registry::BUILT_IN);
            if problems.is_empty() {
                Ok(())
            } else {
                Err(Failed::from(problems.join("\n")))
            }
        },
    )
}

fn size_trial(root: &Path, programs: &[String]) -> Trial {
    let root = root.to_path_buf();
    let programs = programs.to_vec();
    Trial::test("suite_has_enough_programs_and_expected_lines", move || {
        let mut lines = 0;
        for program in &programs {
            if let Some(text) = snapshot::read(&conformance::snapshot_path(&root, program))
                .map_err(|e| Failed::from(e.to_string()))?
            {
                // Every line but the final `end:` line is a line of expected output.
                lines += text.lines().count().saturating_sub(1);
            }
        }
        if programs.len() < MIN_PROGRAMS || lines < MIN_EXPECTED_LINES {
            return Err(Failed::from(format!(
                "{} programs with {lines} lines of expected output; the suite needs at least \
                 {MIN_PROGRAMS} programs and {MIN_EXPECTED_LINES} lines",
                programs.len()
            )));
        }
        Ok(())
    })
}

/// Every AST node kind and every library function of the conformance list appears in
/// at least one program; computed from the files themselves.
fn coverage_trial(root: &Path, programs: &[String]) -> Trial {
    let root = root.to_path_buf();
    let programs = programs.to_vec();
    Trial::test(
        "programs_cover_every_node_kind_and_library_function",
        move || {
            let mut kinds = BTreeSet::new();
            let mut functions = BTreeSet::new();
            for program in &programs {
                let source =
                    std::fs::read(root.join(program)).map_err(|e| Failed::from(e.to_string()))?;
                // Programs that test syntax errors on purpose do not parse; they are covered
                // by the native trial, not by this census.
                if let Ok(chunk) = lua_syntax::parse(&source, &format!("@{program}")) {
                    kinds.extend(lua_gen::coverage::node_kinds(&chunk));
                    functions.extend(lua_gen::coverage::library_functions(&chunk));
                }
            }
            let missing_kinds: Vec<_> = lua_gen::coverage::ALL_NODE_KINDS
                .iter()
                .filter(|k| !kinds.contains(*k))
                .collect();
            let missing_functions: Vec<_> = lua_gen::coverage::CONFORMANCE_LIBRARY
                .iter()
                .filter(|f| !functions.contains(*f))
                .collect();
            if missing_kinds.is_empty() && missing_functions.is_empty() {
                Ok(())
            } else {
                Err(Failed::from(format!(
                    "not covered by any conformance program:\n  node kinds: {missing_kinds:?}\n  library functions: {missing_functions:?}"
                )))
            }
        },
    )
}
