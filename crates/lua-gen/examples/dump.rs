//! Writes COUNT programs to stdout, each followed by a line `--@@END@@` (for timing
//! harnesses): `cargo run --release -p lua-gen --example dump -- COUNT [SIZE] [FIRST_SEED]`.

use std::io::Write;

use lua_gen::{Config, Program};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let size: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(Config::default().size);
    let first: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let config = Config::with_size(size);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for seed in first..first + count {
        let p = Program::from_seed(seed, &config);
        writeln!(out, "{}--@@END@@", p.source()).expect("write");
    }
}
