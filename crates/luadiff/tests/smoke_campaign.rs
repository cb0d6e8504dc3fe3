//! The proptest smoke campaign: generated programs (`lua_gen::strategy`) on every
//! built-in engine, judged by the differential and performance oracles. 64 cases by
//! default so that `cargo test` stays quick; `PROPTEST_CASES=5000` makes it a real
//! campaign. Divergences the engines show today are accepted only when listed, with a
//! reason, in tests/data/known_divergences.txt; a listed one that stops happening fails.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use luadiff::campaign::{Options, Runner};
use proptest::prelude::*;

const KNOWN: &str = "tests/data/known_divergences.txt";

struct Known {
    signature: String,
    reason: String,
    program: PathBuf,
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn known() -> Vec<Known> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(KNOWN);
    let text = std::fs::read_to_string(&path).expect("the known divergences file");
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let parts: Vec<&str> = line.split(" | ").collect();
            assert_eq!(
                parts.len(),
                3,
                "{KNOWN}: not SIGNATURE | REASON | PROGRAM: {line}"
            );
            Known {
                signature: parts[0].trim().to_string(),
                reason: parts[1].trim().to_string(),
                program: repository().join(parts[2].trim()),
            }
        })
        .collect()
}

thread_local! {
    static RUNNER: RefCell<Runner> = RefCell::new(
        Runner::new(&Options::new(0, 0, std::env::temp_dir())).expect("the built-in engines"),
    );
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

/// The cases run on a large stack: a generated tree can nest as deep as PUC allows, and
/// generating, printing and dropping it recurses more than a 2 MiB test thread holds in
/// a dev build. (The engines still run on their own threads, with their watchdogs.)
#[test]
fn generated_programs_agree_on_every_engine() {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            proptest!(ProptestConfig::with_cases(cases()),
            |(program in lua_gen::strategy(lua_gen::Config::default()))| {
                let known = known();
                let (report, finding) = RUNNER.with(|runner| {
                    runner.borrow_mut().judge(program.source().as_bytes(), false)
                });
                if let Some((kind, signature)) = finding {
                    prop_assert!(
                        known.iter().any(|k| k.signature == signature.id()),
                        "a new {kind} ({signature}, id {}):\n{}\n{program:?}",
                        signature.id(),
                        report.text(false)
                    );
                }
            });
        })
        .expect("a test thread")
        .join()
        .unwrap_or_else(|payload| std::panic::resume_unwind(payload));
}

#[test]
fn every_known_divergence_still_happens() {
    for entry in known() {
        assert!(!entry.reason.is_empty(), "{}: no reason", entry.signature);
        let source = std::fs::read(&entry.program)
            .unwrap_or_else(|e| panic!("{}: {e}", entry.program.display()));
        let (report, finding) = RUNNER.with(|runner| runner.borrow_mut().judge(&source, false));
        let signature = finding.map(|(_, signature)| signature.id());
        assert_eq!(
            signature.as_deref(),
            Some(entry.signature.as_str()),
            "{} no longer shows its known divergence (fixed? remove it from {KNOWN}):\n{}",
            entry.program.display(),
            report.text(false)
        );
    }
}
