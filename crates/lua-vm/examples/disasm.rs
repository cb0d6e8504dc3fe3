//! Dev tool: compiles Lua files and prints their listings (`luac -l -l` style).
//!
//! `cargo run -p lua-vm --example disasm -- [-O0|-O1|-O2] [--passes=SPEC] [--stats] FILE...`
//! (`LUAVM_OPT_FUEL` limits the rewrites.)

use lua_vm::{CompileConfig, OptLevel};

fn main() {
    let mut config = CompileConfig::try_from_env().unwrap_or_else(|e| fail(&e));
    let mut stats = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        if let Some(level) = arg.strip_prefix("-O") {
            config.opt_level = OptLevel::parse(level).unwrap_or_else(|e| fail(&e));
        } else if let Some(spec) = arg.strip_prefix("--passes=") {
            config = config.with_passes(spec).unwrap_or_else(|e| fail(&e));
        } else if arg == "--stats" {
            stats = true;
            config.record_applications = true;
        } else {
            files.push(arg);
        }
    }
    for file in files {
        let source = std::fs::read(&file).unwrap_or_else(|e| fail(&format!("{file}: {e}")));
        let chunkname = format!("@{file}");
        let chunk = lua_syntax::parse(&source, &chunkname).unwrap_or_else(|e| fail(&e.message));
        match lua_vm::compile_with_stats(&chunk, &chunkname, &config) {
            Ok((proto, s)) => {
                if let Err(e) = lua_vm::verify(&proto) {
                    eprintln!("verify: {e}");
                }
                print!("{}", lua_vm::disassemble(&proto));
                if stats {
                    eprintln!("{} applications: {:?}", s.applications, s.per_pass);
                    for a in &s.log {
                        eprintln!("{a}");
                    }
                }
            }
            Err(e) => fail(&e.message),
        }
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("disasm: {msg}");
    std::process::exit(2)
}
