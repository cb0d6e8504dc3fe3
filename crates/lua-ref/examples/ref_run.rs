//! Runs a Lua file on the ref engine like the `lua` command (the dev loop before the
//! conformance runner): `cargo run -p lua-ref --example ref_run -- FILE`, from the repository
//! root so that the chunk name is `@<path>`. Prints the output, then `lua: msg` on stderr
//! and exits 1 for an uncaught error; `EXHAUSTED <resource>` for a resource limit.
//! `--exec` runs in exec mode (debug, os, require, `arg`), like `luadiff exec`;
//! `--generated` uses the limits of generated programs instead of those for files.

use lua_engine::{End, Engine, Limits, Program};

fn main() {
    let mut args: Vec<String> = std::env::args().collect();
    let mut exec_mode = false;
    let mut limits = Limits::FILES;
    while let Some(flag) = args.get(1).filter(|a| a.starts_with("--")).cloned() {
        match flag.as_str() {
            "--exec" => exec_mode = true,
            "--generated" => limits = Limits::GENERATED,
            other => {
                eprintln!("unknown flag {other}");
                std::process::exit(2);
            }
        }
        args.remove(1);
    }
    let Some(path) = args.get(1) else {
        eprintln!("usage: run FILE");
        std::process::exit(2);
    };
    let source = match std::fs::read(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let chunkname = format!("@{path}");
    let mut engine = lua_ref::RefEngine::new();
    let script: Vec<Vec<u8>> = args[1..].iter().map(|a| a.as_bytes().to_vec()).collect();
    let mut program = Program::new(&source, &chunkname);
    if exec_mode {
        program.script = Some(&script);
    }
    let outcome = engine.run(&program, &limits);
    use std::io::Write;
    let _ = std::io::stdout().write_all(&outcome.output);
    let _ = std::io::stdout().flush();
    match outcome.end {
        End::Returned(_) => {}
        End::Error(e) => {
            let mut err = b"lua: ".to_vec();
            err.extend_from_slice(&e.message);
            err.push(b'\n');
            if let Some(tb) = engine.last_traceback() {
                err.extend_from_slice(&tb);
                err.push(b'\n');
            }
            let _ = std::io::stderr().write_all(&err);
            std::process::exit(1);
        }
        End::Exhausted(r) => {
            eprintln!("EXHAUSTED {r}");
            std::process::exit(3);
        }
        End::Crashed(m) => {
            eprintln!("CRASHED {m}");
            std::process::exit(4);
        }
    }
}
