//! Measures generation speed: microseconds per program from seeds, split into
//! generation+printing and generation alone. Each phase runs several rounds and reports
//! the fastest, which is robust to a loaded machine.
//!
//! Usage: `cargo run --release -p lua-gen --example genspeed -- [COUNT] [SIZE]`. For
//! allocation counts use `valgrind --tool=callgrind` with `ONLY_AST=1` (Architecture
//! Invariant 3 keeps `unsafe`, and so counting global allocators, inside lua-vm).

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
    if std::env::var("ONLY_AST").is_ok() {
        // One pass of tree generation only, for instruction counting (callgrind).
        for seed in 0..count {
            std::hint::black_box(Program::ast_from_seed(seed, &config));
        }
        return;
    }
    if std::env::var("ONCE").is_ok() {
        // One pass of generation and printing, for instruction counting (callgrind).
        for seed in 0..count {
            std::hint::black_box(Program::from_seed(seed, &config));
        }
        return;
    }
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
    let generating = fastest_round(7, || {
        for seed in 0..count {
            std::hint::black_box(Program::ast_from_seed(seed, &config));
        }
    });
    let mut nodes = (0usize, 0usize);
    for seed in 0..count {
        let chunk = Program::ast_from_seed(seed, &config);
        struct Count(usize, usize);
        impl lua_syntax::visit::Visit for Count {
            fn visit_expr(&mut self, e: &lua_syntax::ast::Expr) {
                self.0 += 1;
                lua_syntax::visit::walk_expr(self, e);
            }
            fn visit_stat(&mut self, s: &lua_syntax::ast::Stat) {
                self.1 += 1;
                lua_syntax::visit::walk_stat(self, s);
            }
        }
        let mut c = Count(0, 0);
        lua_syntax::visit::Visit::visit_block(&mut c, &chunk.block);
        nodes.0 += c.0;
        nodes.1 += c.1;
    }
    println!(
        "trees of {} expressions and {} statements",
        nodes.0 / count as usize,
        nodes.1 / count as usize
    );
    let per = |t: f64| t * 1e6 / count as f64;
    println!(
        "{count} programs (size {size}, {:.0} lines, {:.0} bytes): {:.1} us/program generated and printed, of which generating the tree {:.1} us",
        lines as f64 / count as f64,
        bytes as f64 / count as f64,
        per(whole),
        per(generating)
    );
}
