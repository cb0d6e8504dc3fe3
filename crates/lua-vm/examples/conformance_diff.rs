//! Dev loop: runs conformance programs through the VM at -O0, -O1 and -O2 and compares
//! each run with the native build (`/work/tools/lua5.4.9-sandbox`, run from the
//! repository root so chunk names are `@conformance/...`).
//!
//! `cargo run --release -p lua-vm --example conformance_diff -- [--levels=0,1,2] [-v] [FILE...]`
//! prints one line per program and level that differs (`-v`: with the first differing
//! output line), then a summary per level.

use lua_engine::{End, Engine, Limits, Program};
use lua_vm::{CompileConfig, OptLevel, VmEngine};
use std::path::{Path, PathBuf};
use std::process::Command;

const NATIVE: &str = "/work/tools/lua5.4.9-sandbox";

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().expect("repository root");
    let mut levels = vec![OptLevel::O0, OptLevel::O1, OptLevel::O2];
    let mut verbose = false;
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        if let Some(list) = arg.strip_prefix("--levels=") {
            levels = list
                .split(',')
                .map(|l| OptLevel::parse(l).unwrap_or_else(|e| panic!("{e}")))
                .collect();
        } else if arg == "-v" {
            verbose = true;
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    if files.is_empty() {
        files = lua_files(&root.join("conformance"));
    }
    let mut failures = vec![0usize; levels.len()];
    for file in &files {
        let rel = file
            .canonicalize()
            .unwrap_or_else(|_| root.join(file))
            .strip_prefix(&root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| file.clone());
        let rel = rel.to_string_lossy().to_string();
        let source = std::fs::read(root.join(&rel)).expect("readable file");
        let native = Command::new(NATIVE)
            .arg(&rel)
            .current_dir(&root)
            .output()
            .expect("native lua");
        let native_err = String::from_utf8_lossy(&native.stderr)
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        let chunkname = format!("@{rel}");
        for (li, &level) in levels.iter().enumerate() {
            let mut engine = VmEngine::new(CompileConfig::new(level));
            let outcome = engine.run(&Program::new(&source, &chunkname), &Limits::FILES);
            let err = match &outcome.end {
                End::Returned(_) => String::new(),
                End::Error(e) => format!("lua: {}", String::from_utf8_lossy(&e.message)),
                End::Exhausted(r) => format!("exhausted: {r:?}"),
                End::Crashed(m) => format!("CRASH: {m}"),
            };
            let same_out = outcome.output == native.stdout;
            if same_out && err == native_err {
                continue;
            }
            failures[li] += 1;
            println!("DIFF {level} {rel}");
            if verbose {
                if !same_out {
                    let a = String::from_utf8_lossy(&native.stdout);
                    let b = String::from_utf8_lossy(&outcome.output);
                    let (n, (x, y)) = a
                        .lines()
                        .zip(b.lines())
                        .enumerate()
                        .find(|(_, (x, y))| x != y)
                        .unwrap_or((a.lines().count().min(b.lines().count()), ("<end>", "<end>")));
                    println!("  line {}: native {x:?}\n           vm     {y:?}", n + 1);
                }
                if err != native_err {
                    println!("  error: native {native_err:?}\n         vm     {err:?}");
                }
            }
        }
    }
    for (li, level) in levels.iter().enumerate() {
        println!(
            "{level}: {} of {} programs differ",
            failures[li],
            files.len()
        );
    }
}

fn lua_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("directory") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                if !p.ends_with("tools") {
                    dirs.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "lua") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
