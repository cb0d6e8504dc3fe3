//! Checks the run watchdog by hand: a pattern that backtracks for hours ends as
//! `Exhausted(Time)` shortly after `Limits::wall_time` (`watchdog_check`).

use lua_engine::{Engine, Limits, Program};

fn main() {
    let source = "return string.find(string.rep('a', 40), string.rep('a*', 40) .. 'b')";
    let limits = Limits {
        wall_time: Some(std::time::Duration::from_secs(1)),
        ..Limits::GENERATED
    };
    let started = std::time::Instant::now();
    let mut engine = lua_ref::RefEngine::new();
    let outcome = engine.run(&Program::new(source.as_bytes(), "=watchdog"), &limits);
    println!("{} after {:?}", outcome.end, started.elapsed());
    let outcome = engine.run(&Program::new(b"return 1 + 1", "=next"), &limits);
    println!("next run: {}", outcome.end);
}
