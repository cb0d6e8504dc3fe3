//! Regression programs: each `programs/NAME.lua` runs on the ref engine and must produce
//! exactly `programs/NAME.expected`, which is what lua5.4.9-sandbox printed for it (its
//! output, then `lua: MESSAGE` for an uncaught error), with chunk name `@NAME.lua`.
//! The first line of each program says what it caught or checks.

use std::path::Path;

use lua_engine::{End, Engine, Limits, Program};

#[test]
fn programs_match_native_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the programs directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".lua"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut engine = lua_ref::RefEngine::new();
    let mut failures = Vec::new();
    for name in &names {
        let source = std::fs::read(dir.join(name)).expect("a program");
        let expected = std::fs::read(dir.join(name.replace(".lua", ".expected")))
            .expect("an .expected file next to every program");
        let chunkname = format!("@{name}");
        let outcome = engine.run(&Program::new(&source, &chunkname), &Limits::FILES);
        let mut actual = outcome.output.clone();
        match &outcome.end {
            End::Returned(_) => {}
            End::Error(e) => {
                actual.extend_from_slice(b"lua: ");
                actual.extend_from_slice(&e.message);
                actual.push(b'\n');
            }
            other => actual.extend_from_slice(format!("{other}\n").as_bytes()),
        }
        if actual != expected {
            failures.push(format!(
                "{name}:\n--- expected\n{}\n--- actual\n{}",
                String::from_utf8_lossy(&expected),
                String::from_utf8_lossy(&actual)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
