//! `cargo test` checks every benchmark of `benches/lua/` at its small size on every engine
//! that exists: a benchmark is a correctness test before it is a timing.
//!
//! As in the conformance suite, native Lua's outcome IS the snapshot
//! (`snapshots/benchmarks/<name>.snap`): its trial goes through insta (`cargo insta
//! review` makes and updates snapshots; with `CI=true` a missing or different snapshot
//! fails). Every other engine is compared with the stored snapshot, taking
//! `benches/lua/KNOWN_GAPS` into account (a listed gap that passes fails, so the list
//! stays true). One trial per (benchmark, engine): `cargo test -p luadiff --test
//! benchmarks -- fib` runs just fib.

mod common;

use std::path::Path;
use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};
use lua_engine::End;
use luadiff::bench::{self, Benchmark, Size, TEST_LIMITS};
use luadiff::known_gaps::KnownGaps;
use luadiff::{registry, snapshot};

fn main() {
    let args = Arguments::from_args();
    let root = bench::find_root(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("the repository root above crates/luadiff");
    let engines = registry::available();
    let missing = registry::not_built_yet();
    if !missing.is_empty() {
        eprintln!(
            "benchmarks: engines not built yet, not checked: {}",
            missing.join(", ")
        );
    }
    let mut trials = Vec::new();
    match bench::load(&root) {
        Ok(set) => {
            let gaps = Arc::new(
                KnownGaps::load(&root, &bench::KNOWN_GAPS).expect("benches/lua/KNOWN_GAPS parses"),
            );
            trials.push(set_trial(&set));
            trials.push(known_gaps_trial(&set, Arc::clone(&gaps)));
            trials.push(stale_snapshots_trial(&root, &set));
            for benchmark in set {
                let benchmark = Arc::new(benchmark);
                for &engine in &engines {
                    trials.push(benchmark_trial(
                        &root,
                        Arc::clone(&benchmark),
                        engine,
                        Arc::clone(&gaps),
                    ));
                }
            }
        }
        // A malformed header is one failing trial, not a harness that cannot start.
        Err(message) => trials.push(Trial::test("benchmark_headers_parse", move || {
            Err(Failed::from(message))
        })),
    }
    libtest_mimic::run(&args, trials).exit();
}

fn benchmark_trial(
    root: &Path,
    benchmark: Arc<Benchmark>,
    engine: &'static str,
    gaps: Arc<KnownGaps>,
) -> Trial {
    let root = root.to_path_buf();
    Trial::test(format!("{}::{engine}", benchmark.name), move || {
        let mut runner = registry::engine(engine).map_err(|e| Failed::from(e.to_string()))?;
        let outcome = benchmark.run(runner.as_mut(), Size::Small, &TEST_LIMITS);
        let rendered = snapshot::render(&outcome);
        let path = bench::snapshot_path(&root, &benchmark.name);
        if engine == "native" {
            // A benchmark must run to completion: an error would be timed as if it were work.
            if !matches!(outcome.end, End::Returned(_)) {
                return Err(Failed::from(format!(
                    "{} does not run to completion on native Lua:\n{rendered}",
                    benchmark.path
                )));
            }
            assert_native_snapshot(&root, &path, &benchmark.path, &rendered);
            return Ok(());
        }
        let expected = snapshot::read(&path).map_err(|e| Failed::from(e.to_string()))?;
        let Some(expected) = expected else {
            return Err(Failed::from(format!(
                "no snapshot for {} yet: run the native trial and accept it (cargo insta review)",
                benchmark.name
            )));
        };
        let gap = gaps.reason(engine, &benchmark.name);
        match (expected == rendered, gap) {
            (true, None) | (false, Some(_)) => Ok(()),
            (true, Some(reason)) => Err(Failed::from(format!(
                "{engine} now passes {}, listed in {} as \"{reason}\": remove that line",
                benchmark.name,
                bench::KNOWN_GAPS_FILE
            ))),
            (false, None) => Err(Failed::from(format!(
                "{engine} differs from native on {} at size {} (- native snapshot, + {engine}):\n{}",
                benchmark.path,
                benchmark.small,
                luadiff::report::unified_diff(
                    expected.as_bytes(),
                    rendered.as_bytes(),
                    "native",
                    engine,
                    false
                )
            ))),
        }
    })
}

/// Native's outcome against its snapshot, through insta (so the review workflow works).
fn assert_native_snapshot(root: &Path, path: &Path, program: &str, rendered: &str) {
    let (settings, name) = common::native_snapshot_settings(path, &root.join(program));
    settings.bind(|| insta::assert_snapshot!(name, rendered));
}

/// The set holds every benchmark the issue asks for, and nothing it cannot time.
fn set_trial(set: &[Benchmark]) -> Trial {
    let names: Vec<String> = set.iter().map(|b| b.name.clone()).collect();
    Trial::test("set_has_every_required_benchmark", move || {
        let missing: Vec<&&str> = bench::REQUIRED
            .iter()
            .filter(|name| !names.iter().any(|n| n == *name))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Failed::from(format!(
                "benches/lua lacks these benchmarks: {missing:?}"
            )))
        }
    })
}

fn known_gaps_trial(set: &[Benchmark], gaps: Arc<KnownGaps>) -> Trial {
    let names: Vec<String> = set.iter().map(|b| b.name.clone()).collect();
    Trial::test("known_gaps_name_real_benchmarks_and_engines", move || {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let problems = gaps.stale(&names, registry::BUILT_IN);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Failed::from(problems.join("\n")))
        }
    })
}

/// Every snapshot belongs to a benchmark: a renamed benchmark must not leave its old
/// snapshot behind.
fn stale_snapshots_trial(root: &Path, set: &[Benchmark]) -> Trial {
    let dir = root.join(bench::SNAPSHOTS_DIR);
    let names: Vec<String> = set.iter().map(|b| b.name.clone()).collect();
    Trial::test("every_snapshot_has_a_benchmark", move || {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(());
        };
        let mut stale = Vec::new();
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            if let Some(name) = file.strip_suffix(".snap")
                && !names.iter().any(|n| n == name)
            {
                stale.push(file);
            }
        }
        if stale.is_empty() {
            Ok(())
        } else {
            Err(Failed::from(format!(
                "snapshots without a benchmark in {}: {stale:?}",
                bench::SNAPSHOTS_DIR
            )))
        }
    })
}
