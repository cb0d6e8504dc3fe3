//! The disassembler: a `luac -l -l`-style listing of a [`Proto`] and the functions nested
//! in it, without addresses so that the output is deterministic (snapshot tests and
//! `luadiff disasm` print it).
//!
//! ```text
//! main <prog.lua:0,0> (5 instructions)
//! 0+ params, 2 slots, 1 upvalue, 1 local, 1 constant, 0 functions
//!         1       [1]     VARARGPREP      0
//!         2       [1]     LOADI           0 1
//!         3       [2]     ADDI            1 0 1
//!         4       [2]     MMBINI          0 1 6 0 ; __add
//!         5       [2]     RETURN          1 1 1   ; 0 out
//! ```
//!
//! followed by the constants, locals and upvalues of the function.

use crate::config::{CompileConfig, OptLevel};
use crate::opcodes::{Instruction, Op, OpCode, TagMethod};
use crate::proto::{Constant, Proto};
use std::fmt::Write;

/// `luadiff disasm [-O LEVEL] [--passes SPEC] [--stats] FILE`: compiles `file` and
/// writes its listing to `out` (with `stats`, then every rewrite the optimizer made, one
/// per line, numbered as `LUAVM_OPT_FUEL` counts them). Returns the exit status: 0, or
/// 2 after a one-line message on `err` for a bad level, pass list, fuel, file or program.
pub fn command(
    file: &str,
    level: &str,
    passes: Option<&str>,
    stats: bool,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> i32 {
    match listing_for_command(file, level, passes, stats) {
        Ok(text) => match out.write_all(text.as_bytes()) {
            Ok(()) => 0,
            Err(e) => {
                let _ = writeln!(err, "luadiff: {e}");
                2
            }
        },
        Err(message) => {
            let _ = writeln!(err, "luadiff: {message}");
            2
        }
    }
}

fn listing_for_command(
    file: &str,
    level: &str,
    passes: Option<&str>,
    stats: bool,
) -> Result<String, String> {
    let mut config = CompileConfig::try_from_env()?;
    config.opt_level = OptLevel::parse(level)?;
    if let Some(spec) = passes {
        config = config.with_passes(spec)?;
    }
    config.record_applications = stats;
    let source = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let chunkname = format!("@{file}");
    let chunk = lua_syntax::parse(&source, &chunkname).map_err(|e| e.message)?;
    let (proto, opt) =
        crate::compile_with_stats(&chunk, &chunkname, &config).map_err(|e| e.message)?;
    let mut text = disassemble(&proto);
    if stats {
        let _ = writeln!(text, "\n{} rewrites", opt.applications);
        for (pass, n) in &opt.per_pass {
            let _ = writeln!(text, "\t{n}\t{pass}");
        }
        for app in &opt.log {
            let _ = writeln!(text, "{app}");
        }
    }
    Ok(text)
}

/// The listing of `p` and of every function nested in it.
pub fn disassemble(p: &Proto) -> String {
    let mut out = String::new();
    function(&mut out, p);
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The source name luac prints: the chunk name without its `@`/`=`, else `(string)`.
fn source_name(p: &Proto) -> &str {
    let s: &str = &p.source;
    s.strip_prefix('@')
        .or_else(|| s.strip_prefix('='))
        .unwrap_or("(string)")
}

fn function(out: &mut String, p: &Proto) {
    let kind = if p.linedefined == 0 {
        "main"
    } else {
        "function"
    };
    let n = p.code.len();
    let _ = writeln!(
        out,
        "{kind} <{}:{},{}> ({n} instruction{})",
        source_name(p),
        p.linedefined,
        p.lastlinedefined,
        plural(n)
    );
    let _ = writeln!(
        out,
        "{}{} param{}, {} slot{}, {} upvalue{}, {} local{}, {} constant{}, {} function{}",
        p.numparams,
        if p.is_vararg { "+" } else { "" },
        plural(p.numparams as usize),
        p.maxstacksize,
        plural(p.maxstacksize as usize),
        p.upvalues.len(),
        plural(p.upvalues.len()),
        p.locvars.len(),
        plural(p.locvars.len()),
        p.constants.len(),
        plural(p.constants.len()),
        p.protos.len(),
        plural(p.protos.len()),
    );
    for pc in 0..n {
        let (name, args, comment) = instruction(p, pc);
        let line = p.lineinfo.get(pc).copied().unwrap_or(0);
        let _ = write!(out, "\t{}\t[{}]\t{:<9}\t{}", pc + 1, line, name, args);
        if !comment.is_empty() {
            let _ = write!(out, "\t; {comment}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "constants ({}):", p.constants.len());
    for (i, k) in p.constants.iter().enumerate() {
        let tag = match k {
            Constant::Nil => "N",
            Constant::Boolean(_) => "B",
            Constant::Integer(_) => "I",
            Constant::Float(_) => "F",
            Constant::String(_) => "S",
        };
        let _ = writeln!(out, "\t{i}\t{tag}\t{}", constant(k));
    }
    let _ = writeln!(out, "locals ({}):", p.locvars.len());
    for (i, v) in p.locvars.iter().enumerate() {
        let _ = writeln!(out, "\t{i}\t{}\t{}\t{}", v.name, v.startpc + 1, v.endpc + 1);
    }
    let _ = writeln!(out, "upvalues ({}):", p.upvalues.len());
    for (i, u) in p.upvalues.iter().enumerate() {
        let _ = writeln!(out, "\t{i}\t{}\t{}\t{}", u.name, u.in_stack as u8, u.index);
    }
    for child in &p.protos {
        out.push('\n');
        function(out, child);
    }
}

/// A constant as luac prints it: strings quoted with escapes, floats like `tostring`.
pub fn constant(k: &Constant) -> String {
    match k {
        Constant::Nil => "nil".into(),
        Constant::Boolean(b) => b.to_string(),
        Constant::Integer(i) => i.to_string(),
        Constant::Float(f) => lua_prims::numfmt::fmt_float(*f).as_str().to_string(),
        Constant::String(s) => {
            let mut q = String::from("\"");
            for &c in s.iter() {
                match c {
                    b'"' => q.push_str("\\\""),
                    b'\\' => q.push_str("\\\\"),
                    b'\x07' => q.push_str("\\a"),
                    b'\x08' => q.push_str("\\b"),
                    b'\x0c' => q.push_str("\\f"),
                    b'\n' => q.push_str("\\n"),
                    b'\r' => q.push_str("\\r"),
                    b'\t' => q.push_str("\\t"),
                    b'\x0b' => q.push_str("\\v"),
                    0x20..=0x7e => q.push(c as char),
                    _ => {
                        let _ = write!(q, "\\{c:03}");
                    }
                }
            }
            q.push('"');
            q
        }
    }
}

fn k_at(p: &Proto, k: u32) -> String {
    p.constants
        .get(k as usize)
        .map_or_else(|| format!("K{k}?"), constant)
}

fn upvalue_name(p: &Proto, u: u8) -> String {
    p.upvalues
        .get(u as usize)
        .map_or_else(|| format!("U{u}?"), |u| u.name.to_string())
}

fn event_name(c: u8) -> String {
    TagMethod::from_number(c).map_or_else(|| format!("event{c}?"), |t| t.name().to_string())
}

/// `RK(C)` for comments: the constant when `k` is set.
fn rk(p: &Proto, c: u8, k: bool) -> Option<String> {
    k.then(|| k_at(p, c as u32))
}

fn counts(n: u8, word: &str) -> String {
    if n == 0 {
        format!("all {word}")
    } else {
        format!("{} {word}", n - 1)
    }
}

/// The opcode name, the operands and the comment of one instruction.
fn instruction(p: &Proto, pc: usize) -> (String, String, String) {
    let i: Instruction = p.code[pc];
    let Ok(op) = Op::decode(i) else {
        return (
            "?".into(),
            format!("{:#010x}", i.0),
            "invalid instruction".into(),
        );
    };
    let name = i.opcode().name().to_string();
    let kflag = |k: bool| if k { "k" } else { "" };
    let to = |offset: i64| format!("to {}", pc as i64 + 2 + offset);
    let (args, comment): (String, String) = match op {
        Op::Move { a, b } => (format!("{a} {b}"), String::new()),
        Op::LoadI { a, sbx } | Op::LoadF { a, sbx } => (format!("{a} {sbx}"), String::new()),
        Op::LoadK { a, bx } => (format!("{a} {bx}"), k_at(p, bx)),
        Op::LoadKX { a } => {
            let extra = p.code.get(pc + 1).map_or(0, |e| e.ax());
            (format!("{a}"), k_at(p, extra))
        }
        Op::LoadFalse { a } | Op::LFalseSkip { a } | Op::LoadTrue { a } => {
            (format!("{a}"), String::new())
        }
        Op::LoadNil { a, b } => (format!("{a} {b}"), format!("{} out", b as u32 + 1)),
        Op::GetUpval { a, b } | Op::SetUpval { a, b } => (format!("{a} {b}"), upvalue_name(p, b)),
        Op::GetTabUp { a, b, c } => (
            format!("{a} {b} {c}"),
            format!("{} {}", upvalue_name(p, b), k_at(p, c as u32)),
        ),
        Op::GetTable { a, b, c } | Op::GetI { a, b, c } => (format!("{a} {b} {c}"), String::new()),
        Op::GetField { a, b, c } => (format!("{a} {b} {c}"), k_at(p, c as u32)),
        Op::SetTabUp { a, b, c, k } => {
            let mut comment = format!("{} {}", upvalue_name(p, a), k_at(p, b as u32));
            if let Some(v) = rk(p, c, k) {
                comment = format!("{comment} {v}");
            }
            (format!("{a} {b} {c}{}", kflag(k)), comment)
        }
        Op::SetTable { a, b, c, k } | Op::SetI { a, b, c, k } => (
            format!("{a} {b} {c}{}", kflag(k)),
            rk(p, c, k).unwrap_or_default(),
        ),
        Op::SetField { a, b, c, k } => {
            let mut comment = k_at(p, b as u32);
            if let Some(v) = rk(p, c, k) {
                comment = format!("{comment} {v}");
            }
            (format!("{a} {b} {c}{}", kflag(k)), comment)
        }
        Op::NewTable { a, b, c, k } => {
            let extra = if k {
                p.code.get(pc + 1).map_or(0, |e| e.ax())
            } else {
                0
            };
            (
                format!("{a} {b} {c}{}", kflag(k)),
                format!("{}", extra as u64 * 256 + c as u64),
            )
        }
        Op::Self_ { a, b, c, k } => (
            format!("{a} {b} {c}{}", kflag(k)),
            rk(p, c, k).unwrap_or_default(),
        ),
        Op::AddI { a, b, sc } | Op::ShrI { a, b, sc } | Op::ShlI { a, b, sc } => {
            (format!("{a} {b} {sc}"), String::new())
        }
        Op::AddK { a, b, c }
        | Op::SubK { a, b, c }
        | Op::MulK { a, b, c }
        | Op::ModK { a, b, c }
        | Op::PowK { a, b, c }
        | Op::DivK { a, b, c }
        | Op::IDivK { a, b, c }
        | Op::BAndK { a, b, c }
        | Op::BOrK { a, b, c }
        | Op::BXorK { a, b, c } => (format!("{a} {b} {c}"), k_at(p, c as u32)),
        Op::Add { a, b, c }
        | Op::Sub { a, b, c }
        | Op::Mul { a, b, c }
        | Op::Mod { a, b, c }
        | Op::Pow { a, b, c }
        | Op::Div { a, b, c }
        | Op::IDiv { a, b, c }
        | Op::BAnd { a, b, c }
        | Op::BOr { a, b, c }
        | Op::BXor { a, b, c }
        | Op::Shl { a, b, c }
        | Op::Shr { a, b, c } => (format!("{a} {b} {c}"), String::new()),
        Op::MmBin { a, b, c } => (format!("{a} {b} {c}"), event_name(c)),
        Op::MmBinI { a, sb, c, k } => (
            format!("{a} {sb} {c} {}", k as u8),
            format!("{}{}", event_name(c), if k { " flip" } else { "" }),
        ),
        Op::MmBinK { a, b, c, k } => (
            format!("{a} {b} {c} {}", k as u8),
            format!(
                "{} {}{}",
                event_name(c),
                k_at(p, b as u32),
                if k { " flip" } else { "" }
            ),
        ),
        Op::Unm { a, b } | Op::BNot { a, b } | Op::Not { a, b } | Op::Len { a, b } => {
            (format!("{a} {b}"), String::new())
        }
        Op::Concat { a, b } => (format!("{a} {b}"), String::new()),
        Op::Close { a } | Op::Tbc { a } => (format!("{a}"), String::new()),
        Op::Jmp { sj } => (format!("{sj}"), to(sj as i64)),
        Op::Eq { a, b, k } | Op::Lt { a, b, k } | Op::Le { a, b, k } => {
            (format!("{a} {b} {}", k as u8), String::new())
        }
        Op::EqK { a, b, k } => (format!("{a} {b} {}", k as u8), k_at(p, b as u32)),
        Op::EqI { a, sb, c, k }
        | Op::LtI { a, sb, c, k }
        | Op::LeI { a, sb, c, k }
        | Op::GtI { a, sb, c, k }
        | Op::GeI { a, sb, c, k } => (
            format!("{a} {sb} {}", k as u8),
            if c == 1 {
                "float".into()
            } else {
                String::new()
            },
        ),
        Op::Test { a, k } => (format!("{a} {}", k as u8), String::new()),
        Op::TestSet { a, b, k } => (format!("{a} {b} {}", k as u8), String::new()),
        Op::Call { a, b, c } => (
            format!("{a} {b} {c}"),
            format!("{} {}", counts(b, "in"), counts(c, "out")),
        ),
        Op::TailCall { a, b, c, k } => (format!("{a} {b} {c}{}", kflag(k)), counts(b, "in")),
        Op::Return { a, b, c, k } => (format!("{a} {b} {c}{}", kflag(k)), counts(b, "out")),
        Op::Return0 {} => (String::new(), String::new()),
        Op::Return1 { a } => (format!("{a}"), String::new()),
        Op::ForLoop { a, bx } | Op::TForLoop { a, bx } => (format!("{a} {bx}"), to(-(bx as i64))),
        Op::ForPrep { a, bx } => (format!("{a} {bx}"), format!("exit {}", to(bx as i64 + 1))),
        Op::TForPrep { a, bx } => (format!("{a} {bx}"), to(bx as i64)),
        Op::TForCall { a, c } => (format!("{a} {c}"), String::new()),
        Op::SetList { a, b, c, k } => {
            let first = if k {
                p.code.get(pc + 1).map_or(0, |e| e.ax()) as u64 * 256 + c as u64
            } else {
                c as u64
            };
            (
                format!("{a} {b} {c}{}", kflag(k)),
                if b == 0 {
                    format!("from {} to top", first + 1)
                } else {
                    format!("{} items from {}", b, first + 1)
                },
            )
        }
        Op::Closure { a, bx } => {
            let comment = p.protos.get(bx as usize).map_or_else(
                || format!("KPROTO{bx}?"),
                |c| format!("function <{},{}>", c.linedefined, c.lastlinedefined),
            );
            (format!("{a} {bx}"), comment)
        }
        Op::VarArg { a, c } => (format!("{a} {c}"), counts(c, "out")),
        Op::VarArgPrep { a } => (format!("{a}"), String::new()),
        Op::ExtraArg { ax } => (format!("{ax}"), String::new()),
    };
    debug_assert_eq!(name, OpCode::info(i.opcode()).name);
    (name, args, comment)
}
