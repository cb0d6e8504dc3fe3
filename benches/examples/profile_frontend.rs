//! Runs the front end on the benchmark source for profiling:
//! `profile_frontend lex|parse [ITERATIONS] [FILE]` (under perf or callgrind). Without a
//! file it generates the benchmark source first.
use lua_syntax::lexer::tokens;

fn main() {
    let mode = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "parse".to_string());
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let source = match std::env::args().nth(3) {
        Some(path) => std::fs::read_to_string(path).expect("readable file"),
        None => luadiff_benches::lua_source(5 << 20, 54),
    };
    let mut trees = Vec::new();
    let cpu_start = cpu_ns();
    let start = std::time::Instant::now();
    let mut count = 0usize;
    for _ in 0..n {
        if mode == "lex" {
            count += tokens(source.as_bytes(), "=bench").count();
        } else {
            // Trees are dropped after the measurement, as in the criterion benchmark.
            let chunk = lua_syntax::parse(source.as_bytes(), "=bench").unwrap();
            count += chunk.block.stats.len();
            trees.push(chunk);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = (cpu_ns() - cpu_start) as f64 / 1e9;
    let mb = (source.len() * n) as f64 / 1e6;
    eprintln!(
        "{mode}: {count} in {secs:.3}s = {:.1} MB/s wall, {:.1} MB/s on the CPU",
        mb / secs,
        mb / cpu
    );
}

/// CPU time this process has run, in nanoseconds (Linux `/proc/self/schedstat`), so
/// that figures stay meaningful on a busy machine; 0 elsewhere.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|t| t.parse().ok()))
        .unwrap_or(0)
}
