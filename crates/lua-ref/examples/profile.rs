//! Runs a Lua file on the ref engine on the main thread, for profilers that follow only
//! one thread (`perf record`, `valgrind --tool=callgrind`): `profile FILE [REPEAT]`.
//! Programs must not recurse deeply (the main thread's stack is the default one).

use lua_engine::{Limits, Program};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: profile FILE [REPEAT]");
        std::process::exit(2);
    };
    let repeat: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let source = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2)
    });
    let chunkname = format!("@{path}");
    let program = Program::new(&source, &chunkname);
    let started = std::time::Instant::now();
    let mut steps = 0;
    for _ in 0..repeat {
        let (outcome, _) = lua_ref::run_program(&program, &Limits::FILES);
        steps = outcome.cost.instructions.unwrap_or(0);
        if repeat == 1 {
            use std::io::Write;
            let _ = std::io::stdout().write_all(&outcome.output);
            eprintln!("{}", outcome.end);
        }
    }
    let per_run = started.elapsed() / repeat as u32;
    let t = std::time::Instant::now();
    for _ in 0..repeat {
        let _ = lua_syntax::parse(&source, &chunkname);
    }
    eprintln!("parse only: {:?} per run", t.elapsed() / repeat as u32);
    eprintln!("{repeat} runs, {per_run:?} per run, {steps} steps");
}
