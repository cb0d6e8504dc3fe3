//! Prints the program for a seed: `cargo run -p lua-gen --example show -- SEED [SIZE]`.

use lua_gen::{Config, Program};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let size: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(Config::default().size);
    let p = Program::from_seed(seed, &Config::with_size(size));
    print!("{p:?}");
}
