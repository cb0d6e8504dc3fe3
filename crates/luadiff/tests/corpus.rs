//! `cargo test` replays the regression corpus: every `corpus/regressions/*.lua` on every
//! engine that exists, each compared with its snapshot in `snapshots/corpus/`.
//!
//! As for conformance (tests/conformance.rs), native Lua's outcome IS the snapshot: its
//! trial goes through insta (`cargo insta review` accepts a new one; with `CI=true` a
//! missing or different snapshot fails). Every other engine is compared with the stored
//! snapshot. A regression is a fixed bug, so there is no list of known gaps: a failure
//! means the bug is back. Each (regression, engine) pair is its own trial, so
//! `cargo test -p luadiff --test corpus -- NAME` replays one file. An empty
//! `corpus/regressions/` is fine. The headers of every corpus file are checked too.

mod common;

use std::path::Path;

use libtest_mimic::{Arguments, Failed, Trial};
use luadiff::corpus::{self, Check, Header};
use luadiff::{registry, snapshot};

fn main() {
    let args = Arguments::from_args();
    let root = corpus::find_root(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("the repository root above crates/luadiff");
    let regressions = corpus::regressions(&root).expect("corpus/regressions/ is readable");
    let engines = registry::available();
    let mut trials = vec![headers_trial(&root)];
    for regression in &regressions {
        for &engine in &engines {
            trials.push(regression_trial(&root, regression, engine));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// The trial name: `regressions/vm-0123456789abcdef::ref`.
fn trial_name(regression: &str, engine: &str) -> String {
    let short = regression
        .strip_prefix("corpus/")
        .and_then(|p| p.strip_suffix(".lua"))
        .unwrap_or(regression);
    format!("{short}::{engine}")
}

fn regression_trial(root: &Path, regression: &str, engine: &'static str) -> Trial {
    let root = root.to_path_buf();
    let regression = regression.to_string();
    Trial::test(trial_name(&regression, engine), move || {
        let mut runner = registry::engine(engine).map_err(|e| Failed::from(e.to_string()))?;
        if engine == "native" {
            let outcome = corpus::run(runner.as_mut(), &root, &regression)
                .map_err(|e| Failed::from(format!("{regression}: {e}")))?;
            assert_native_snapshot(&root, &regression, &snapshot::render(&outcome));
            return Ok(());
        }
        let check = corpus::check_regression(runner.as_mut(), &root, &regression)
            .map_err(|e| Failed::from(format!("{regression}: {e}")))?;
        match check {
            Check::Pass => Ok(()),
            Check::Fail { expected, actual } => Err(Failed::from(format!(
                "{engine} differs from native on {regression}: the bug is back (- native snapshot, + {engine}):\n{}",
                luadiff::report::unified_diff(
                    expected.as_bytes(),
                    actual.as_bytes(),
                    "native",
                    engine,
                    false
                )
            ))),
            Check::NoSnapshot { .. } => Err(Failed::from(format!(
                "no snapshot for {regression}: promote it with `luadiff corpus promote`, or run the native trial and accept it (cargo insta review)"
            ))),
        }
    })
}

/// Native's outcome against its snapshot, through insta (so the review workflow works).
fn assert_native_snapshot(root: &Path, regression: &str, rendered: &str) {
    let (settings, name) = common::native_snapshot_settings(
        &corpus::snapshot_path(root, regression),
        &root.join(regression),
    );
    settings.bind(|| insta::assert_snapshot!(name, rendered));
}

/// Every corpus file starts with a header naming its signature; a regression also says
/// what the bug was; every regression snapshot belongs to a regression.
fn headers_trial(root: &Path) -> Trial {
    let root = root.to_path_buf();
    Trial::test("corpus_files_have_headers", move || {
        let mut problems = Vec::new();
        let files = |dir: &str| {
            corpus::lua_files(&root.join(dir)).map_err(|e| Failed::from(format!("{dir}: {e}")))
        };
        for (dir, is_regression) in [
            (corpus::FINDINGS_DIR, false),
            (corpus::REGRESSIONS_DIR, true),
        ] {
            for path in files(dir)? {
                let text = std::fs::read(&path).map_err(|e| Failed::from(e.to_string()))?;
                match Header::parse(&text) {
                    None => problems.push(format!("{}: no corpus header", path.display())),
                    Some((header, _)) => {
                        if header.signature_id.is_empty() {
                            problems.push(format!("{}: no `-- signature:` line", path.display()));
                        }
                        if is_regression && header.bug.is_none() {
                            problems.push(format!(
                                "{}: no `-- bug:` line saying what the bug was",
                                path.display()
                            ));
                        }
                    }
                }
            }
        }
        let regressions = corpus::regressions(&root).map_err(|e| Failed::from(e.to_string()))?;
        if let Ok(entries) = std::fs::read_dir(root.join(corpus::SNAPSHOTS_DIR)) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "snap")
                    && !regressions
                        .iter()
                        .any(|r| corpus::snapshot_path(&root, r) == path)
                {
                    problems.push(format!(
                        "{}: a snapshot without its regression",
                        path.display()
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Failed::from(problems.join("\n")))
        }
    })
}
