//! Runs many programs through the ref engine in one process and reports crashes (panics)
//! and the distribution of outcomes: `batch FILE`, where FILE holds programs separated by
//! lines `--@@END@@` (as lua-gen's `dump` example writes them).

use lua_engine::{End, Engine, Limits, Program};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        eprintln!("usage: batch FILE");
        std::process::exit(2)
    });
    let text = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2)
    });
    let text = String::from_utf8_lossy(&text);
    let mut engine = lua_ref::RefEngine::new();
    let (mut returned, mut errors, mut exhausted, mut crashed) = (0, 0, 0, 0);
    let started = std::time::Instant::now();
    let mut count = 0;
    for (i, source) in text.split("--@@END@@\n").enumerate() {
        if source.trim().is_empty() {
            continue;
        }
        count += 1;
        let outcome = engine.run(
            &Program::new(source.as_bytes(), "=batch"),
            &Limits::GENERATED,
        );
        match outcome.end {
            End::Returned(_) => returned += 1,
            End::Error(_) => errors += 1,
            End::Exhausted(_) => exhausted += 1,
            End::Crashed(m) => {
                crashed += 1;
                eprintln!("program {i} crashed: {m}");
            }
        }
    }
    eprintln!(
        "{count} programs in {:?}: {returned} returned, {errors} errors, {exhausted} exhausted, {crashed} crashed",
        started.elapsed()
    );
}
