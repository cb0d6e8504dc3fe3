//! Measures parse and compile time of files (for comparing with native `load`):
//! `cargo run --release -p lua-vm --example compile_speed -- [-O0|-O1|-O2] [--parse-only] ROUNDS FILE...`

use lua_vm::{CompileConfig, OptLevel};
use std::time::Instant;

fn main() {
    let mut config = CompileConfig::default();
    let mut rounds = 10;
    let mut files = Vec::new();
    let mut parse_only = false;
    for arg in std::env::args().skip(1) {
        if arg == "--parse-only" {
            parse_only = true;
        } else if let Some(l) = arg.strip_prefix("-O") {
            config.opt_level = OptLevel::parse(l).expect("level");
        } else if let Ok(n) = arg.parse() {
            rounds = n;
        } else {
            files.push(arg);
        }
    }
    let sources: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| (format!("@{f}"), std::fs::read(f).expect("readable")))
        .collect();
    let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();
    if std::env::var_os("COMPILE_ONLY").is_some() {
        // Parse once, compile `rounds` times (for profiling the compiler alone).
        let chunks: Vec<_> = sources
            .iter()
            .map(|(n, s)| (n, lua_syntax::parse(s, n).expect("parses")))
            .collect();
        let t = Instant::now();
        for _ in 0..rounds {
            for (name, chunk) in &chunks {
                std::hint::black_box(lua_vm::compile(chunk, name, &config).expect("compiles"));
            }
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "compile only: {:.1} MB/s",
            (bytes * rounds) as f64 / 1e6 / secs
        );
        return;
    }
    let mut parse = 0.0;
    let mut compile = 0.0;
    for _ in 0..rounds {
        for (name, src) in &sources {
            let t = Instant::now();
            let chunk = lua_syntax::parse(src, name).expect("parses");
            let t2 = Instant::now();
            if parse_only {
                parse += (t2 - t).as_secs_f64();
                continue;
            }
            let proto = lua_vm::compile(&chunk, name, &config).expect("compiles");
            let t3 = Instant::now();
            std::hint::black_box(proto);
            parse += (t2 - t).as_secs_f64();
            compile += (t3 - t2).as_secs_f64();
        }
    }
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} bytes x {rounds}: parse {:.3} s ({:.1} MB/s), compile {:.3} s ({:.1} MB/s), total {:.1} MB/s",
        bytes,
        parse,
        mb / parse,
        compile,
        mb / compile,
        mb / (parse + compile)
    );
}
