//! Measures generation speed: microseconds per program from seeds, split into
//! generation+printing and printing alone. Each phase runs several rounds and reports
//! the fastest, which is robust to a loaded machine.
//!
//! Usage: `cargo run --release -p lua-gen --example genspeed -- [COUNT] [SIZE]`.

use std::time::Instant;

use lua_gen::{Config, Program};

fn fastest_round(rounds: usize, mut f: impl FnMut()) -> f64 {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let size: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(Config::default().size);
    let config = Config::with_size(size);
    let mut bytes = 0;
    let mut lines = 0;
    let whole = fastest_round(7, || {
        bytes = 0;
        lines = 0;
        for seed in 0..count {
            let p = Program::from_seed(seed, &config);
            bytes += p.source().len();
            lines += p.source().lines().count();
        }
    });
    let programs: Vec<Program> = (0..count).map(|s| Program::from_seed(s, &config)).collect();
    let printing = fastest_round(7, || {
        for p in &programs {
            std::hint::black_box(lua_syntax::print(p.ast()));
        }
    });
    let per = |t: f64| t * 1e6 / count as f64;
    println!(
        "{count} programs (size {size}, {:.0} lines, {:.0} bytes): {:.1} us/program generated and printed, of which printing {:.1} us",
        lines as f64 / count as f64,
        bytes as f64 / count as f64,
        per(whole),
        per(printing)
    );
}
