//! The libFuzzer targets' logic (`luadiff::fuzzing`) on seeded inputs, so that every
//! target also runs in plain `cargo test`: generator bytes for `differential` and
//! `vm_compile`, the conformance programs for `parse_native` and `raw_source`.

use std::path::{Path, PathBuf};

use luadiff::campaign::seed_corpus::seeded_bytes;
use luadiff::fuzzing;

fn conformance_programs() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "lua") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance"),
        &mut found,
    );
    found.sort();
    assert!(found.len() > 100, "{} conformance programs", found.len());
    found
}

#[test]
fn differential_and_vm_compile_accept_seeded_inputs() {
    for seed in 0..24 {
        let bytes = seeded_bytes(seed, 2048);
        fuzzing::differential(&bytes);
        fuzzing::vm_compile(&bytes);
    }
    // Short and empty inputs make small programs, never errors.
    fuzzing::differential(&[]);
    fuzzing::vm_compile(&[1, 2, 3]);
}

#[test]
fn parse_native_agrees_on_the_conformance_programs_and_their_prefixes() {
    for path in conformance_programs() {
        let source = std::fs::read(&path).unwrap();
        fuzzing::parse_native(&source);
        // A cut program is mostly a syntax error: both parsers must say so.
        fuzzing::parse_native(&source[..source.len() / 2]);
    }
}

#[test]
fn raw_source_runs_the_conformance_programs() {
    for path in conformance_programs().iter().step_by(7) {
        fuzzing::raw_source(&std::fs::read(path).unwrap());
    }
    fuzzing::raw_source(b"return 1 +");
    fuzzing::raw_source(b"while true do end");
    assert!(!fuzzing::raw_source_is_comparable(
        b"for k in pairs(t) do print(k) end"
    ));
}
