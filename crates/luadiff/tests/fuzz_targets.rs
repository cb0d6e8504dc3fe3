//! The libFuzzer targets' logic (`luadiff::fuzzing`) on seeded inputs, so that every
//! target also runs in plain `cargo test`: generator bytes for `differential` and
//! `vm_compile`, the conformance programs for `parse_native`, generated programs and odd
//! text for `raw_source`.

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
fn raw_source_runs_generated_programs_and_odd_text() {
    // Generated programs, as raw text. (The conformance programs are not used here:
    // their divergences are the conformance suite's business, with its known gaps.)
    let config = lua_gen::Config::default();
    for seed in 0..24 {
        fuzzing::raw_source(
            lua_gen::Program::from_seed(seed, &config)
                .source()
                .as_bytes(),
        );
    }
    for text in [
        &b"return 1 +"[..],
        b"while true do end",
        b"\x00\xff",
        b"#!shebang\nreturn 1",
        b"local t = setmetatable({}, {__index = function(t, k) return k end}) return t.x",
        b"error(setmetatable({}, {__tostring = function() return 'boom' end}))",
    ] {
        fuzzing::raw_source(text);
    }
    assert!(!fuzzing::raw_source_is_comparable(
        b"for k in pairs(t) do print(k) end"
    ));
}
