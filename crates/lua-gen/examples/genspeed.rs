//! Measures generation speed: programs per second from seeds, with and without printing.
//!
//! Usage: `cargo run --release -p lua-gen --example genspeed -- [COUNT] [SIZE]`.

use std::time::Instant;

use lua_gen::{Config, Program};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5000);
    let size: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(Config::default().size);
    let config = Config::with_size(size);
    if let Ok(seed) = std::env::var("SEED") {
        // Profile one program.
        let seed: u64 = seed.parse().expect("SEED is a number");
        let t = Instant::now();
        for _ in 0..count {
            std::hint::black_box(Program::from_seed(seed, &config));
        }
        println!(
            "seed {seed}: {:.1} us/program",
            t.elapsed().as_secs_f64() * 1e6 / count as f64
        );
        return;
    }
    let t = Instant::now();
    let mut bytes = 0usize;
    let mut times = Vec::new();
    for seed in 0..count {
        let t1 = Instant::now();
        let p = Program::from_seed(seed, &config);
        times.push((t1.elapsed(), seed, p.source().len()));
        bytes += p.source().len();
    }
    let e = t.elapsed();
    times.sort();
    let pct = |q: f64| {
        times[((times.len() - 1) as f64 * q) as usize]
            .0
            .as_secs_f64()
            * 1e6
    };
    println!(
        "median {:.1} us, p90 {:.1} us, p99 {:.1} us, slowest {:?}",
        pct(0.5),
        pct(0.9),
        pct(0.99),
        times.last()
    );
    println!(
        "{count} programs (size {size}): {:.1} us/program, {:.0} programs/s, {:.0} bytes of source each",
        e.as_secs_f64() * 1e6 / count as f64,
        count as f64 / e.as_secs_f64(),
        bytes as f64 / count as f64
    );
}
