//! Dev tool: runs one Lua file on the VM at a given level and prints its output and end:
//! `cargo run -p lua-vm --example run -- [-O0|-O1|-O2] [--passes=SPEC] FILE`.

use lua_engine::{End, Engine, Limits, Program};
use lua_vm::{CompileConfig, OptLevel, VmEngine};
use std::io::Write;

fn main() {
    let mut config = CompileConfig::try_from_env().unwrap_or_else(|e| fail(&e));
    let mut file = None;
    for arg in std::env::args().skip(1) {
        if let Some(level) = arg.strip_prefix("-O") {
            config.opt_level = OptLevel::parse(level).unwrap_or_else(|e| fail(&e));
        } else if let Some(spec) = arg.strip_prefix("--passes=") {
            config = config.with_passes(spec).unwrap_or_else(|e| fail(&e));
        } else {
            file = Some(arg);
        }
    }
    let file = file.unwrap_or_else(|| fail("no file"));
    let source = std::fs::read(&file).unwrap_or_else(|e| fail(&format!("{file}: {e}")));
    let chunkname = format!("@{file}");
    let mut engine = VmEngine::new(config);
    let outcome = engine.run(&Program::new(&source, &chunkname), &Limits::FILES);
    std::io::stdout()
        .write_all(&outcome.output)
        .expect("stdout");
    match outcome.end {
        End::Returned(_) => {}
        End::Error(e) => {
            eprintln!("lua: {}", String::from_utf8_lossy(&e.message));
            std::process::exit(1);
        }
        other => {
            eprintln!("{other:?}");
            std::process::exit(3);
        }
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("run: {msg}");
    std::process::exit(2)
}
