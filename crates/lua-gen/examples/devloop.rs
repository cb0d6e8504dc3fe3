//! Developer loop: generates programs and runs each twice through a stand-alone Lua
//! (by default PUC-Rio Lua 5.4.9 in the engines' environment), reporting completion,
//! determinism, timeouts, syntax errors, sizes and generation speed.
//!
//! Usage: `cargo run --release -p lua-gen --example devloop -- [COUNT] [SIZE] [FIRST_SEED]`
//! with `LUA=/path/to/lua` to choose the interpreter (it must read a program from
//! stdin with `-`) and `KEEP=dir` to save interesting programs. Not a test: it needs
//! an external interpreter. `FEATURES=floats,-goto` forces features, `SWARM=0` turns all
//! other features on.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lua_gen::{Config, Program, coverage};

struct Run {
    stdout: Vec<u8>,
    stderr: String,
    status: Option<i32>,
}

fn run(lua: &str, source: &str) -> Run {
    let mut child = Command::new("timeout")
        .args(["2", lua, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the interpreter");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(source.as_bytes())
        .expect("write program");
    let out = child.wait_with_output().expect("wait for the interpreter");
    Run {
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: out.status.code(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(500);
    let size: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(Config::default().size);
    let first: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let lua = std::env::var("LUA").unwrap_or_else(|_| "/work/tools/lua5.4.9-sandbox".to_string());
    let keep = std::env::var("KEEP").ok();
    if let Some(k) = &keep {
        std::fs::create_dir_all(k).expect("create KEEP dir");
    }
    let mut config = Config::with_size(size);
    // FEATURES="floats,-goto" forces features; SWARM=0 turns every other feature on.
    if let Ok(spec) = std::env::var("FEATURES") {
        config
            .apply_feature_spec(&spec)
            .unwrap_or_else(|e| panic!("FEATURES: {e}"));
    }
    if std::env::var("SWARM").is_ok_and(|v| v == "0") {
        config.swarm = false;
    }

    let (mut completed, mut errors, mut timeouts, mut syntax, mut nondet) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    let (mut lines, mut out_bytes, mut max_out) = (0usize, 0usize, 0usize);
    let mut gen_time = Duration::ZERO;
    let mut roundtrip = 0u64;
    let mut run_time = Duration::ZERO;
    let mut messages: BTreeMap<String, u64> = BTreeMap::new();
    let mut kinds = std::collections::BTreeSet::new();
    let mut funcs = std::collections::BTreeSet::new();
    for seed in first..first + count {
        let t = Instant::now();
        let p = Program::from_seed(seed, &config);
        gen_time += t.elapsed();
        kinds.extend(coverage::node_kinds(p.ast()));
        funcs.extend(coverage::library_functions(p.ast()));
        let src = p.source();
        lines += src.lines().count();
        // The printed source must parse back to the generated tree.
        match lua_syntax::parse(src.as_bytes(), "=stdin") {
            Ok(mut chunk) => {
                lua_syntax::visit::clear_lines(&mut chunk);
                if &chunk != p.ast() {
                    eprintln!("seed {seed}: parse(print(ast)) != ast");
                    roundtrip += 1;
                }
            }
            Err(e) => {
                eprintln!("seed {seed}: lua-syntax rejects the program: {e}");
                roundtrip += 1;
            }
        }
        let t = Instant::now();
        let a = run(&lua, src);
        run_time += t.elapsed();
        let b = run(&lua, src);
        out_bytes += a.stdout.len();
        max_out = max_out.max(a.stdout.len());
        let first_err = |r: &Run| r.stderr.lines().next().unwrap_or("").to_string();
        let mut tag = None;
        if a.status == Some(124) || b.status == Some(124) {
            timeouts += 1;
            tag = Some("timeout");
        } else if a.status == Some(0) {
            completed += 1;
        } else if a.stderr.contains("stack traceback") {
            errors += 1;
            // Strip the position so messages group.
            let m = first_err(&a);
            let m = m.split_once(": ").map(|(_, r)| r).unwrap_or(&m);
            let m = match m.split_once(':') {
                Some((_, r)) if m.starts_with("stdin") => {
                    r.split_once(' ').map(|(_, r)| r).unwrap_or(r)
                }
                _ => m,
            };
            *messages.entry(m.chars().take(70).collect()).or_default() += 1;
            tag = Some("error");
        } else {
            syntax += 1;
            tag = Some("syntax");
            eprintln!("seed {seed}: {}", first_err(&a));
        }
        if a.stdout != b.stdout || first_err(&a) != first_err(&b) {
            nondet += 1;
            tag = Some("nondet");
            eprintln!("seed {seed}: nondeterministic output");
        }
        if let (Some(k), Some(tag)) = (&keep, tag) {
            let path = format!("{k}/{tag}-{seed}.lua");
            std::fs::write(&path, src).expect("write kept program");
            std::fs::write(
                format!("{path}.out"),
                [&a.stdout[..], a.stderr.as_bytes()].concat(),
            )
            .expect("write output");
        }
    }
    let n = count as f64;
    println!(
        "programs:        {count} (size {size}, seeds {first}..{})",
        first + count
    );
    println!(
        "completed:       {completed} ({:.1}%)",
        100.0 * completed as f64 / n
    );
    println!(
        "runtime errors:  {errors} ({:.1}%)",
        100.0 * errors as f64 / n
    );
    println!("syntax errors:   {syntax}");
    println!("timeouts:        {timeouts}");
    println!("round-trip fail: {roundtrip}");
    println!("nondeterministic: {nondet}");
    println!("avg lines:       {:.1}", lines as f64 / n);
    println!(
        "avg output:      {:.0} bytes (max {max_out})",
        out_bytes as f64 / n
    );
    println!(
        "generation:      {:.1} us/program",
        gen_time.as_secs_f64() * 1e6 / n
    );
    println!(
        "run (one):       {:.2} ms/program incl. process start",
        run_time.as_secs_f64() * 1e3 / n
    );
    let missing: Vec<_> = coverage::ALL_NODE_KINDS
        .iter()
        .filter(|k| !kinds.contains(*k))
        .collect();
    println!(
        "node kinds:      {}/{} missing {missing:?}",
        kinds.len(),
        coverage::ALL_NODE_KINDS.len()
    );
    let missing: Vec<_> = coverage::CONFORMANCE_LIBRARY
        .iter()
        .filter(|k| !funcs.contains(*k))
        .collect();
    println!(
        "library:         {}/{} missing {missing:?}",
        funcs.len(),
        coverage::CONFORMANCE_LIBRARY.len()
    );
    let mut msgs: Vec<_> = messages.into_iter().collect();
    msgs.sort_by_key(|m| std::cmp::Reverse(m.1));
    for (m, c) in msgs.iter().take(15) {
        println!("  {c:5} {m}");
    }
}
