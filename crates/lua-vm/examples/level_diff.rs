//! Dev loop for compiler bugs: runs programs at -O0, -O1 and -O2 and reports those whose
//! outcomes differ between levels (runtime bugs usually show at every level; a level
//! difference is the compiler's). Programs come from files; a file may hold many, each
//! ended by a line `--@@END@@` (what `cargo run -p lua-gen --example dump` writes).
//!
//! `cargo run --release -p lua-vm --example level_diff -- FILE...`

use lua_engine::{End, Engine, Limits, Outcome, Program};
use lua_vm::{CompileConfig, OptLevel, VmEngine};

fn summary(o: &Outcome) -> (Vec<u8>, String) {
    let end = match &o.end {
        End::Returned(v) => format!("returned {}", v.len()),
        End::Error(e) => format!("error {}", String::from_utf8_lossy(&e.message)),
        End::Exhausted(r) => format!("exhausted {r:?}"),
        End::Crashed(m) => format!("CRASH {m}"),
    };
    (o.output.clone(), end)
}

fn main() {
    let levels = [OptLevel::O0, OptLevel::O1, OptLevel::O2];
    let mut engines: Vec<VmEngine> = levels
        .iter()
        .map(|&l| VmEngine::new(CompileConfig::new(l)))
        .collect();
    let (mut total, mut differ, mut crashed) = (0, 0, 0);
    for file in std::env::args().skip(1) {
        let text = std::fs::read(&file).expect("readable file");
        let text = String::from_utf8_lossy(&text).to_string();
        for (i, src) in text.split("--@@END@@\n").enumerate() {
            if src.trim().is_empty() {
                continue;
            }
            total += 1;
            let program = Program::new(src.as_bytes(), "=prog");
            let outcomes: Vec<(Vec<u8>, String)> = engines
                .iter_mut()
                .map(|e| summary(&e.run(&program, &Limits::GENERATED)))
                .collect();
            if outcomes.iter().any(|o| o.1.starts_with("CRASH")) {
                crashed += 1;
            }
            if outcomes.iter().all(|o| o == &outcomes[0]) {
                continue;
            }
            if outcomes.iter().any(|o| o.1.starts_with("exhausted")) {
                continue; // Limits are counted in instructions, which differ by level.
            }
            differ += 1;
            println!("==== {file} program {i}");
            for (l, o) in levels.iter().zip(&outcomes) {
                let out = String::from_utf8_lossy(&o.0);
                let last: Vec<&str> = out.lines().rev().take(2).collect();
                println!("  {l}: {} | last output {:?}", o.1, last);
            }
        }
    }
    println!("{total} programs, {differ} differ between levels, {crashed} crashed");
}
