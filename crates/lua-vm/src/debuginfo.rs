//! Names for values and functions in error messages, recovered from the bytecode like
//! ldebug.c's `getobjname`/`funcnamefromcode`/`varinfo` (symbolic execution backwards
//! from the failing instruction), plus tracebacks and `debug.getinfo` data.
//!
//! Because the compiler emits PUC's code shapes at every optimization level, the same
//! symbolic execution finds the same names PUC finds ("global 'x'", "field 'y'",
//! "method 'm'", "upvalue 'z'", "local 'x'", "constant 'c'").

use crate::opcodes::{Instruction, OpCode, TagMethod};
use crate::proto::Proto;
use crate::thread::{CallInfo, status};
use crate::value::Value;
use crate::vm::Vm;

/// Where an operand of a failing instruction came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Src {
    /// A register of the running Lua frame.
    Reg(u8),
    /// An upvalue of the running closure.
    Upval(u8),
    /// Anything else (a constant, an intermediate value of a metamethod chain).
    None,
}

fn upvalname(p: &Proto, uv: usize) -> String {
    match p.upvalues.get(uv) {
        Some(d) => d.name.to_string(),
        None => "?".to_string(),
    }
}

/// The last instruction before `lastpc` that changed register `reg` (`findsetreg`).
fn findsetreg(p: &Proto, lastpc: usize, reg: usize) -> Option<usize> {
    let mut lastpc = lastpc;
    if p.code[lastpc].opcode().is_mm() {
        // The previous instruction was not actually executed.
        lastpc -= 1;
    }
    let mut setreg: Option<usize> = None;
    let mut jmptarget = 0usize;
    for pc in 0..lastpc {
        let i = p.code[pc];
        let op = i.opcode();
        let a = i.a() as usize;
        let change = match op {
            OpCode::LoadNil => {
                let b = i.b() as usize;
                a <= reg && reg <= a + b
            }
            OpCode::TForCall => reg >= a + 2,
            OpCode::Call | OpCode::TailCall => reg >= a,
            OpCode::Jmp => {
                let dest = pc as i64 + 1 + i.sj() as i64;
                if dest <= lastpc as i64 && dest > jmptarget as i64 {
                    jmptarget = dest as usize;
                }
                false
            }
            _ => op.sets_a() && reg == a,
        };
        if change {
            setreg = if pc < jmptarget { None } else { Some(pc) };
        }
    }
    setreg
}

fn kname(p: &Proto, index: usize) -> (Option<&'static str>, String) {
    match p.constants.get(index) {
        Some(crate::proto::Constant::String(s)) => {
            (Some("constant"), String::from_utf8_lossy(s).into_owned())
        }
        _ => (None, "?".to_string()),
    }
}

/// `basicgetobjname`: locals, upvalues through GETUPVAL, constants through LOADK, moves.
fn basic_getobjname(
    p: &Proto,
    ppc: &mut Option<usize>,
    reg: usize,
) -> (Option<&'static str>, String) {
    let pc = ppc.expect("a pc");
    if let Some(name) = p.local_name(reg + 1, pc) {
        return (Some("local"), name.to_string());
    }
    *ppc = findsetreg(p, pc, reg);
    if let Some(pc) = *ppc {
        let i = p.code[pc];
        match i.opcode() {
            OpCode::Move => {
                let b = i.b() as usize;
                if b < i.a() as usize {
                    return basic_getobjname(p, ppc, b);
                }
            }
            OpCode::GetUpval => return (Some("upvalue"), upvalname(p, i.b() as usize)),
            OpCode::LoadK => return kname(p, i.bx() as usize),
            OpCode::LoadKX => {
                if let Some(next) = p.code.get(pc + 1) {
                    return kname(p, next.ax() as usize);
                }
            }
            _ => {}
        }
    }
    (None, String::new())
}

/// `rname`: a constant name for a register, else "?".
fn rname(p: &Proto, pc: usize, c: usize) -> String {
    let mut ppc = Some(pc);
    match basic_getobjname(p, &mut ppc, c) {
        (Some("constant"), name) => name,
        _ => "?".to_string(),
    }
}

/// Whether register `reg` at `pc` holds an integer constant that PUC would have used as
/// the immediate key of GETI (0..=255), loaded by LOADI or LOADK into a temporary.
fn int_key_fits_c(p: &Proto, pc: usize, reg: usize) -> bool {
    if p.local_name(reg + 1, pc).is_some() {
        return false;
    }
    let Some(setpc) = findsetreg(p, pc, reg) else {
        return false;
    };
    let i = p.code[setpc];
    let value = match i.opcode() {
        OpCode::LoadI => Some(i.sbx() as i64),
        OpCode::LoadK => match p.constants.get(i.bx() as usize) {
            Some(crate::proto::Constant::Integer(v)) => Some(*v),
            _ => None,
        },
        _ => None,
    };
    value.is_some_and(|v| (0..=255).contains(&v))
}

fn rkname(p: &Proto, pc: usize, i: Instruction) -> String {
    let c = i.c() as usize;
    if i.k() {
        kname(p, c).1
    } else {
        rname(p, pc, c)
    }
}

fn is_env(p: &Proto, pc: usize, i: Instruction, isup: bool) -> &'static str {
    let t = i.b() as usize;
    let name = if isup {
        Some(upvalname(p, t))
    } else {
        let mut ppc = Some(pc);
        match basic_getobjname(p, &mut ppc, t) {
            (Some("local" | "upvalue"), name) => Some(name),
            _ => None,
        }
    };
    if name.as_deref() == Some("_ENV") {
        "global"
    } else {
        "field"
    }
}

/// `getobjname`: a kind and name for register `reg` at `lastpc`.
pub fn getobjname(p: &Proto, lastpc: usize, reg: usize) -> Option<(&'static str, String)> {
    let mut ppc = Some(lastpc);
    let (kind, name) = basic_getobjname(p, &mut ppc, reg);
    if let Some(kind) = kind {
        return Some((kind, name));
    }
    let pc = ppc?;
    let i = p.code[pc];
    match i.opcode() {
        OpCode::GetTabUp => {
            let name = kname(p, i.c() as usize).1;
            Some((is_env(p, pc, i, true), name))
        }
        OpCode::GetTable => {
            // -O0 indexes with a constant integer through a register where PUC (and -O2)
            // use GETI: name it as GETI would be named.
            if int_key_fits_c(p, pc, i.c() as usize) {
                return Some(("field", "integer index".to_string()));
            }
            let name = rname(p, pc, i.c() as usize);
            Some((is_env(p, pc, i, false), name))
        }
        OpCode::GetI => Some(("field", "integer index".to_string())),
        OpCode::GetField => {
            let name = kname(p, i.c() as usize).1;
            Some((is_env(p, pc, i, false), name))
        }
        OpCode::Self_ => Some(("method", rkname(p, pc, i))),
        _ => None,
    }
}

/// `funcnamefromcode`: how the instruction at `pc` names the function it calls.
pub fn funcname_from_code(p: &Proto, pc: usize) -> Option<(String, String)> {
    let i = p.code[pc];
    let tm = match i.opcode() {
        OpCode::Call | OpCode::TailCall => {
            return getobjname(p, pc, i.a() as usize).map(|(k, n)| (k.to_string(), n));
        }
        OpCode::TForCall => {
            return Some(("for iterator".to_string(), "for iterator".to_string()));
        }
        OpCode::Self_ | OpCode::GetTabUp | OpCode::GetTable | OpCode::GetI | OpCode::GetField => {
            TagMethod::Index
        }
        OpCode::SetTabUp | OpCode::SetTable | OpCode::SetI | OpCode::SetField => {
            TagMethod::NewIndex
        }
        OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK => TagMethod::from_number(i.c())?,
        OpCode::Unm => TagMethod::Unm,
        OpCode::BNot => TagMethod::BNot,
        OpCode::Len => TagMethod::Len,
        OpCode::Concat => TagMethod::Concat,
        OpCode::Eq => TagMethod::Eq,
        OpCode::Lt | OpCode::LtI | OpCode::GtI => TagMethod::Lt,
        OpCode::Le | OpCode::LeI | OpCode::GeI => TagMethod::Le,
        OpCode::Close | OpCode::Return => TagMethod::Close,
        _ => return None,
    };
    Some(("metamethod".to_string(), tm.name()[2..].to_string()))
}

impl Vm {
    /// `funcnamefromcall` for a Lua frame: how its current instruction calls.
    pub fn funcname_from_code(&self, ci: &CallInfo) -> Option<(String, String)> {
        let p = self.frame_proto(ci)?;
        funcname_from_code(&p.info, ci.pc.checked_sub(1)?)
    }

    /// `getfuncname` for the frame at `level` (index into the frame list): the name its
    /// caller used, unless it was a tail call. Returns `(name, namewhat)`.
    pub fn call_site_name(&self, level: usize) -> (Option<Vec<u8>>, Option<String>) {
        let frames = &self.th.frames;
        if level == 0 || level >= frames.len() {
            return (None, None);
        }
        let ci = frames[level];
        if ci.status & status::TAIL != 0 {
            return (None, None);
        }
        let caller = frames[level - 1];
        if !caller.is_lua() {
            return (None, None);
        }
        match self.funcname_from_code(&caller) {
            Some((kind, name)) => (Some(name.into_bytes()), Some(kind)),
            None => (None, None),
        }
    }

    /// `pushglobalfuncname`: "mod.name" for a function found in `package.loaded` (two
    /// levels), without a leading "_G.".
    pub fn global_func_name(&self, level: usize) -> Option<Vec<u8>> {
        let ci = self.th.frames.get(level)?;
        let f = self.th.stack[ci.func];
        self.global_name_of(f)
    }

    /// The name under which `package.loaded` knows a function.
    pub fn global_name_of(&self, f: Value) -> Option<Vec<u8>> {
        let loaded = self.heap.table(self.loaded);
        let mut key = Value::Nil;
        while let Ok(Some((k, v))) = loaded.next(key) {
            key = k;
            let Value::String(modname) = k else { continue };
            if v.raw_eq(f) {
                return Some(self.str_bytes(modname).to_vec());
            }
            if let Value::Table(m) = v {
                let module = self.heap.table(m);
                let mut k2 = Value::Nil;
                while let Ok(Some((field, member))) = module.next(k2) {
                    k2 = field;
                    let Value::String(fname) = field else {
                        continue;
                    };
                    if member.raw_eq(f) {
                        let modname = self.str_bytes(modname);
                        let fname = self.str_bytes(fname);
                        if modname == b"_G" {
                            return Some(fname.to_vec());
                        }
                        let mut name = modname.to_vec();
                        name.push(b'.');
                        name.extend_from_slice(fname);
                        return Some(name);
                    }
                }
            }
        }
        None
    }

    /// `varinfo` for an operand of the running Lua frame's current instruction.
    pub fn varinfo(&self, src: Src) -> String {
        let Some(ci) = self.th.frames.last() else {
            return String::new();
        };
        if !ci.is_lua() {
            return String::new();
        }
        let Some(p) = self.frame_proto(ci) else {
            return String::new();
        };
        let pc = ci.pc.saturating_sub(1);
        match src {
            Src::Upval(u) => format!(" (upvalue '{}')", upvalname(&p.info, u as usize)),
            Src::Reg(r) => match getobjname(&p.info, pc, r as usize) {
                Some((kind, name)) => format!(" ({kind} '{name}')"),
                None => String::new(),
            },
            Src::None => String::new(),
        }
    }

    /// `varinfo` for a stack slot of a Lua frame (registers only).
    pub fn varinfo_slot(&self, ci: &CallInfo, slot: usize) -> String {
        if !ci.is_lua() || slot < ci.base || slot >= ci.top {
            return String::new();
        }
        let Some(p) = self.frame_proto(ci) else {
            return String::new();
        };
        match getobjname(&p.info, ci.pc.saturating_sub(1), slot - ci.base) {
            Some((kind, name)) => format!(" ({kind} '{name}')"),
            None => String::new(),
        }
    }

    /// `luaG_typeerror`: "attempt to OP a T value (varinfo)".
    pub fn type_error(&mut self, v: Value, op: &str, src: Src) -> crate::vm::Throw {
        let info = self.varinfo(src);
        let t = self.type_name_for_error(v);
        let mut msg = format!("attempt to {op} a ").into_bytes();
        msg.extend_from_slice(&t);
        msg.extend_from_slice(b" value");
        msg.extend_from_slice(info.as_bytes());
        self.rt_error(msg)
    }

    /// The current line of a Lua frame (-1 for natives).
    pub fn current_line(&self, ci: &CallInfo) -> i64 {
        if !ci.is_lua() {
            return -1;
        }
        match self.frame_proto(ci) {
            Some(p) => p
                .info
                .line_at(ci.pc.saturating_sub(1))
                .map_or(-1, i64::from),
            None => -1,
        }
    }

    /// `luaL_traceback` of the running thread from frame `level` (0 = the innermost),
    /// after `msg` when given.
    pub fn traceback(&self, msg: Option<&[u8]>, level: usize) -> Vec<u8> {
        let th = &self.th;
        self.traceback_of(&th.frames, &th.stack, msg, level)
    }

    /// `luaL_traceback` over any thread's frames.
    pub fn traceback_of(
        &self,
        frames: &[crate::thread::CallInfo],
        stack: &[Value],
        msg: Option<&[u8]>,
        level: usize,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        if let Some(m) = msg {
            out.extend_from_slice(m);
            out.push(b'\n');
        }
        out.extend_from_slice(b"stack traceback:");
        // As luaL_traceback: levels `level..=last`, and when there are more than 22 of
        // them, the first 10, a line saying how many are skipped, and the last 11.
        let n = frames.len() as i64;
        let last = n - 1;
        let mut lvl = level as i64;
        let mut limit2show: i64 = if last - lvl > 21 { 10 } else { -1 };
        while lvl <= last {
            let cur = lvl;
            lvl += 1;
            let show = limit2show != 0;
            limit2show -= 1;
            if !show {
                let nskip = last - lvl - 11 + 1;
                out.extend_from_slice(format!("\n\t...\t(skipping {nskip} levels)").as_bytes());
                lvl += nskip;
                continue;
            }
            let idx = (n - 1 - cur) as usize;
            out.extend_from_slice(b"\n\t");
            out.extend_from_slice(&self.frame_description(frames, stack, idx));
            if frames[idx].status & status::TAIL != 0 {
                out.extend_from_slice(b"\n\t(...tail calls...)");
            }
        }
        out
    }

    /// One traceback line: `src:line: in function 'name'`.
    fn frame_description(
        &self,
        frames: &[crate::thread::CallInfo],
        stack: &[Value],
        idx: usize,
    ) -> Vec<u8> {
        let ci = &frames[idx];
        let f = stack[ci.func];
        let mut out = Vec::new();
        let proto = match f {
            Value::LuaFn(r) if ci.is_lua() => self.heap.lua_fns.get(r.0).proto.clone(),
            _ => None,
        };
        match &proto {
            Some(p) => {
                let line = p.info.line_at(ci.pc.saturating_sub(1)).unwrap_or(0);
                out.extend_from_slice(
                    format!("{}:{}:", lua_syntax::chunkid(&p.info.source), line).as_bytes(),
                );
            }
            None => out.extend_from_slice(b"[C]:"),
        }
        out.extend_from_slice(b" in ");
        // Name: a global function name first (pushglobalfuncname), then the call site.
        if let Some(name) = self.global_name_of(f) {
            out.extend_from_slice(b"function '");
            out.extend_from_slice(&name);
            out.push(b'\'');
            return out;
        }
        let call_site =
            if idx > 0 && ci.status & status::TAIL == 0 {
                let caller = &frames[idx - 1];
                if caller.is_lua() {
                    match stack[caller.func] {
                        Value::LuaFn(r) => {
                            self.heap.lua_fns.get(r.0).proto.as_ref().and_then(|p| {
                                funcname_from_code(&p.info, caller.pc.saturating_sub(1))
                            })
                        }
                        _ => None,
                    }
                } else {
                    None
                }
            } else {
                None
            };
        match call_site {
            Some((kind, name)) => {
                out.extend_from_slice(format!("{kind} '{name}'").as_bytes());
            }
            None => match &proto {
                Some(p) if p.info.linedefined == 0 => out.extend_from_slice(b"main chunk"),
                Some(p) => out.extend_from_slice(
                    format!(
                        "function <{}:{}>",
                        lua_syntax::chunkid(&p.info.source),
                        p.info.linedefined
                    )
                    .as_bytes(),
                ),
                None => out.push(b'?'),
            },
        }
        out
    }
}
