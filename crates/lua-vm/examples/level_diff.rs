//! Dev loop for compiler bugs: runs programs at -O0, -O1 and -O2 and reports those whose
//! outcomes differ between levels (runtime bugs usually show at every level; a level
//! difference is the compiler's). Programs come from files; a file may hold many, each
//! ended by a line `--@@END@@` (what `cargo run -p lua-gen --example dump` writes).
//!
//! `cargo run --release -p lua-vm --example level_diff -- [--random-configs=N] FILE...`
//!
//! With `--random-configs=N`, each program also runs under N pseudo-random `-O2`
//! configurations (random passes disabled, random fuel), which must all agree with `-O0`.
//! With `--native`, `-O2` is also compared with the native build
//! (`/work/tools/lua5.4.9-sandbox`, the program on its standard input).

use lua_engine::{End, Engine, Limits, Outcome, Program};
use lua_vm::{CompileConfig, OptLevel, Pass, VmEngine};

fn summary(o: &Outcome) -> (Vec<u8>, String) {
    let end = match &o.end {
        End::Returned(v) => format!("returned {}", v.len()),
        End::Error(e) => format!("error {}", String::from_utf8_lossy(&e.message)),
        End::Exhausted(r) => format!("exhausted {r:?}"),
        End::Crashed(m) => format!("CRASH {m}"),
    };
    (o.output.clone(), end)
}

/// Runs a program on the native build: its output and the `lua: ...` line, if any.
fn run_native(src: &str) -> (Vec<u8>, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("/work/tools/lua5.4.9-sandbox")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("native lua");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(src.as_bytes())
        .expect("write program");
    let out = child.wait_with_output().expect("native lua output");
    let err = String::from_utf8_lossy(&out.stderr);
    (out.stdout, err.lines().next().unwrap_or("").to_string())
}

/// A small deterministic generator (xorshift) for the random configurations.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn random_config(state: &mut u64) -> CompileConfig {
    let mut config = CompileConfig::new(OptLevel::O2);
    for &pass in Pass::ALL {
        if next(state).is_multiple_of(4) {
            config.disabled_passes.insert(pass);
        }
    }
    if next(state).is_multiple_of(2) {
        config.opt_fuel = Some(next(state) % 200);
    }
    config
}

fn main() {
    let mut random_configs = 0;
    let mut native = false;
    let mut native_differ = 0;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--native" {
            native = true;
        } else if let Some(n) = arg.strip_prefix("--random-configs=") {
            random_configs = n.parse().expect("a number");
        } else {
            files.push(arg);
        }
    }
    let levels = [OptLevel::O0, OptLevel::O1, OptLevel::O2];
    let mut engines: Vec<VmEngine> = levels
        .iter()
        .map(|&l| VmEngine::new(CompileConfig::new(l)))
        .collect();
    let mut rng = 0x9e3779b97f4a7c15u64;
    let (mut total, mut differ, mut crashed) = (0, 0, 0);
    for file in files {
        let text = std::fs::read(&file).expect("readable file");
        let text = String::from_utf8_lossy(&text).to_string();
        for (i, src) in text.split("--@@END@@\n").enumerate() {
            if src.trim().is_empty() {
                continue;
            }
            total += 1;
            let program = Program::new(src.as_bytes(), "=stdin");
            let outcomes: Vec<(Vec<u8>, String)> = engines
                .iter_mut()
                .map(|e| summary(&e.run(&program, &Limits::GENERATED)))
                .collect();
            if outcomes.iter().any(|o| o.1.starts_with("CRASH")) {
                crashed += 1;
            }
            if native && !outcomes[2].1.starts_with("exhausted") {
                let (out, end) = run_native(src);
                let vm_end = if outcomes[2].1.starts_with("error ") {
                    format!("lua: {}", &outcomes[2].1["error ".len()..])
                } else {
                    String::new()
                };
                if out != outcomes[2].0 || end != vm_end {
                    native_differ += 1;
                    println!("==== {file} program {i}: -O2 differs from native");
                    let a = String::from_utf8_lossy(&out);
                    let b = String::from_utf8_lossy(&outcomes[2].0);
                    if let Some((n, (x, y))) = a
                        .lines()
                        .zip(b.lines())
                        .enumerate()
                        .find(|(_, (x, y))| x != y)
                    {
                        println!("  line {}: native {x:?}\n           vm     {y:?}", n + 1);
                    } else if a.lines().count() != b.lines().count() {
                        println!(
                            "  native {} lines, vm {} lines",
                            a.lines().count(),
                            b.lines().count()
                        );
                    }
                    if end != vm_end {
                        println!("  native end {end:?}\n  vm end     {vm_end:?}");
                    }
                }
            }
            for _ in 0..random_configs {
                let config = random_config(&mut rng);
                let mut engine = VmEngine::with_name("vm-random", config.clone());
                let o = summary(&engine.run(&program, &Limits::GENERATED));
                if o != outcomes[0]
                    && !o.1.starts_with("exhausted")
                    && !outcomes[0].1.starts_with("exhausted")
                {
                    differ += 1;
                    println!("==== {file} program {i}: {config:?}");
                    println!("  -O0: {}\n  config: {}", outcomes[0].1, o.1);
                }
            }
            if outcomes.iter().all(|o| o == &outcomes[0]) {
                continue;
            }
            if outcomes.iter().any(|o| o.1.starts_with("exhausted")) {
                continue; // Limits are counted in instructions, which differ by level.
            }
            differ += 1;
            println!("==== {file} program {i}");
            for (l, o) in levels.iter().zip(&outcomes) {
                let out = String::from_utf8_lossy(&o.0);
                let last: Vec<&str> = out.lines().rev().take(2).collect();
                println!("  {l}: {} | last output {:?}", o.1, last);
            }
        }
    }
    println!("{total} programs, {differ} differ between levels, {crashed} crashed");
    if native {
        println!("{native_differ} differ between -O2 and native");
    }
}
