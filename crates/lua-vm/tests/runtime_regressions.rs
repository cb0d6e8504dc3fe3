//! Regression programs for runtime bugs: each `tests/runtime_regressions/NAME.lua` (whose
//! first line says what it caught and how it was found) must write exactly
//! `NAME.out`, the output lua5.4.9 gives (`lua5.4.9 NAME.lua > NAME.out` run in that
//! directory, so chunk names are `@NAME.lua`), at -O0 and at -O2.

use std::path::Path;

use lua_engine::{End, Engine, Limits, Program};
use lua_vm::{CompileConfig, OptLevel, VmEngine};

#[test]
fn regression_programs_match_lua_5_4_9() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/runtime_regressions");
    let mut programs: Vec<_> = std::fs::read_dir(&dir)
        .expect("the regression directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "lua"))
        .collect();
    programs.sort();
    assert!(!programs.is_empty());
    let mut failures = Vec::new();
    for path in &programs {
        let source = std::fs::read(path).expect("a program");
        let expected = std::fs::read(path.with_extension("out")).expect("its expected output");
        let name = path.file_name().expect("a file name").to_string_lossy();
        let chunkname = format!("@{name}");
        for level in [OptLevel::O0, OptLevel::O2] {
            let mut engine = VmEngine::new(CompileConfig::new(level));
            let outcome = engine.run(&Program::new(&source, &chunkname), &Limits::FILES);
            let ok = outcome.output == expected && matches!(outcome.end, End::Returned(_));
            if !ok {
                failures.push(format!(
                    "{name} at {level}: ended {}\n--- expected\n{}--- got\n{}",
                    outcome.end,
                    String::from_utf8_lossy(&expected),
                    String::from_utf8_lossy(&outcome.output)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
