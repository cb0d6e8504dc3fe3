//! The subset of the debug library (ldblib.c) that exec mode offers: `traceback`,
//! `getinfo`, `getlocal`, `getupvalue`/`setupvalue`, `upvalueid`/`upvaluejoin`,
//! `getmetatable`/`setmetatable`.

use crate::native;
use crate::native::Args;
use crate::stdlib::{new_lib, set_field};
use crate::table::Table;
use crate::thread::{CallInfo, status};
use crate::value::{ThreadRef, Value};
use crate::vm::{Throw, Vm};

native!(TRACEBACK, "traceback", traceback);
native!(GETINFO, "getinfo", getinfo);
native!(GETLOCAL, "getlocal", getlocal);
native!(GETUPVALUE, "getupvalue", getupvalue);
native!(SETUPVALUE, "setupvalue", setupvalue);
native!(UPVALUEID, "upvalueid", upvalueid);
native!(UPVALUEJOIN, "upvaluejoin", upvaluejoin);
native!(GETMETATABLE, "getmetatable", getmetatable);
native!(SETMETATABLE, "setmetatable", setmetatable);

pub fn open(vm: &mut Vm) {
    new_lib(
        vm,
        "debug",
        &[
            &GETINFO,
            &GETLOCAL,
            &GETMETATABLE,
            &GETUPVALUE,
            &SETMETATABLE,
            &SETUPVALUE,
            &TRACEBACK,
            &UPVALUEID,
            &UPVALUEJOIN,
        ],
    );
}

/// The optional thread argument: `(thread, index of the next argument)`.
fn thread_arg(vm: &Vm, a: &Args) -> (Option<ThreadRef>, usize) {
    match a.get(vm, 1) {
        Value::Thread(t) if t != vm.current => (Some(t), 2),
        Value::Thread(_) => (None, 2),
        _ => (None, 1),
    }
}

fn traceback(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let (co, first) = thread_arg(vm, &a);
    let msg = a.get(vm, first);
    if !msg.is_nil() && !matches!(msg, Value::String(_) | Value::Integer(_) | Value::Float(_)) {
        vm.push(msg);
        return Ok(1);
    }
    let msg_bytes = match msg {
        Value::Nil => None,
        v => Some(vm.raw_tostring(v)),
    };
    let default_level = if co.is_some() { 0 } else { 1 };
    let level = a.opt_integer(vm, first + 1, default_level)?.max(0) as usize;
    let text = match co {
        None => vm.traceback(msg_bytes.as_deref(), level),
        Some(c) => {
            let th = std::mem::take(vm.heap.threads.get_mut(c.0));
            let t = vm.traceback_of(&th.frames, &th.stack, msg_bytes.as_deref(), level);
            *vm.heap.threads.get_mut(c.0) = th;
            t
        }
    };
    let s = vm.str_value(&text);
    vm.push(s);
    Ok(1)
}

fn getinfo(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let (co, first) = thread_arg(vm, &a);
    let what = match a.opt_str(vm, first + 1)? {
        Some(s) => String::from_utf8_lossy(vm.str_bytes(s)).into_owned(),
        None => "flnSrtu".to_string(),
    };
    if what.starts_with('>') || what.chars().any(|c| !"SlnrutfL".contains(c)) {
        return Err(vm.arg_error(first + 1, "invalid option"));
    }
    let target = a.get(vm, first);
    // Work on a copy of the frames of the thread in question.
    let (frames, stack): (Vec<CallInfo>, Vec<Value>) = match co {
        None => (vm.th.frames.clone(), Vec::new()),
        Some(c) => {
            let th = vm.heap.threads.get(c.0);
            (th.frames.clone(), th.stack.clone())
        }
    };
    let stack_of = |vm: &Vm, i: usize| -> Value {
        if co.is_none() {
            vm.th.stack[i]
        } else {
            stack[i]
        }
    };
    let (func, ci_index) = if target.is_function() {
        (target, None)
    } else {
        let level = match vm.to_integer_coerce(target) {
            Some(l) => l,
            None => return Err(vm.arg_error(first, "function or level expected")),
        };
        if level < 0 || level as usize >= frames.len() {
            vm.push(Value::Nil);
            return Ok(1);
        }
        let idx = frames.len() - 1 - level as usize;
        (stack_of(vm, frames[idx].func), Some(idx))
    };
    let t = vm.new_table(Table::new());
    vm.push(Value::Table(t));
    let proto = match func {
        Value::LuaFn(f) => vm.heap.lua_fns.get(f.0).proto.clone(),
        _ => None,
    };
    for c in what.chars() {
        match c {
            'S' => {
                let (source, short_src, what_s, linedefined, lastlinedefined) = match &proto {
                    Some(p) => (
                        p.info.source.to_string(),
                        lua_syntax::chunkid(&p.info.source),
                        if p.info.linedefined == 0 {
                            "main"
                        } else {
                            "Lua"
                        },
                        p.info.linedefined as i64,
                        p.info.lastlinedefined as i64,
                    ),
                    None => ("=[C]".to_string(), "[C]".to_string(), "C", -1, -1),
                };
                let v = vm.str_value(source.as_bytes());
                set_field(vm, t, "source", v);
                let v = vm.str_value(short_src.as_bytes());
                set_field(vm, t, "short_src", v);
                let v = vm.str_value(what_s.as_bytes());
                set_field(vm, t, "what", v);
                set_field(vm, t, "linedefined", Value::Integer(linedefined));
                set_field(vm, t, "lastlinedefined", Value::Integer(lastlinedefined));
            }
            'l' => {
                let line = match ci_index {
                    Some(i) if frames[i].is_lua() => match &proto {
                        Some(p) => p
                            .info
                            .line_at(frames[i].pc.saturating_sub(1))
                            .map_or(-1, i64::from),
                        None => -1,
                    },
                    _ => -1,
                };
                set_field(vm, t, "currentline", Value::Integer(line));
            }
            'u' => {
                let (nups, nparams, isvararg) = match (func, &proto) {
                    (Value::LuaFn(f), Some(p)) => (
                        vm.heap.lua_fns.get(f.0).upvals.len() as i64,
                        p.numparams as i64,
                        p.is_vararg,
                    ),
                    (Value::NativeClosure(f), _) => {
                        (vm.heap.natives.get(f.0).upvals.len() as i64, 0, true)
                    }
                    _ => (0, 0, true),
                };
                set_field(vm, t, "nups", Value::Integer(nups));
                set_field(vm, t, "nparams", Value::Integer(nparams));
                set_field(vm, t, "isvararg", Value::Boolean(isvararg));
            }
            'n' => {
                let (name, namewhat) = match ci_index {
                    Some(i) if co.is_none() => vm.call_site_name(i),
                    _ => (None, None),
                };
                let v = match name {
                    Some(nm) => vm.str_value(&nm),
                    None => Value::Nil,
                };
                set_field(vm, t, "name", v);
                let v = vm.str_value(namewhat.unwrap_or_default().as_bytes());
                set_field(vm, t, "namewhat", v);
            }
            't' => {
                let tail = ci_index.is_some_and(|i| frames[i].status & status::TAIL != 0);
                set_field(vm, t, "istailcall", Value::Boolean(tail));
            }
            'r' => {
                set_field(vm, t, "ftransfer", Value::Integer(0));
                set_field(vm, t, "ntransfer", Value::Integer(0));
            }
            'f' => set_field(vm, t, "func", func),
            'L' => {
                if let Some(p) = &proto {
                    let lines = vm.new_table(Table::new());
                    let start = usize::from(p.is_vararg);
                    for pc in start..p.info.lineinfo.len() {
                        let line = p.info.lineinfo[pc] as i64;
                        vm.heap.table_set_int(lines, line, Value::Boolean(true));
                    }
                    set_field(vm, t, "activelines", Value::Table(lines));
                }
            }
            _ => {}
        }
    }
    Ok(1)
}

fn getlocal(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let (co, first) = thread_arg(vm, &a);
    let target = a.get(vm, first);
    let nloc = a.check_integer(vm, first + 1)?;
    if let Value::LuaFn(f) = target {
        // Parameters of a function that is not running.
        let name = vm
            .heap
            .lua_fns
            .get(f.0)
            .proto()
            .info
            .local_name(nloc.max(0) as usize, 0)
            .map(str::to_string);
        match name {
            Some(nm) => {
                let v = vm.str_value(nm.as_bytes());
                vm.push(v);
            }
            None => vm.push(Value::Nil),
        }
        return Ok(1);
    }
    if target.is_function() {
        vm.push(Value::Nil);
        return Ok(1);
    }
    let level = a.check_integer(vm, first)?;
    let frames = match co {
        None => vm.th.frames.clone(),
        Some(c) => vm.heap.threads.get(c.0).frames.clone(),
    };
    if level < 0 || level as usize >= frames.len() {
        return Err(vm.arg_error(first, "level out of range"));
    }
    let idx = frames.len() - 1 - level as usize;
    let ci = frames[idx];
    let read = |vm: &Vm, slot: usize| -> Value {
        match co {
            None => vm.th.stack.get(slot).copied().unwrap_or(Value::Nil),
            Some(c) => vm
                .heap
                .threads
                .get(c.0)
                .stack
                .get(slot)
                .copied()
                .unwrap_or(Value::Nil),
        }
    };
    let proto = if ci.is_lua() {
        match read(vm, ci.func) {
            Value::LuaFn(f) => vm.heap.lua_fns.get(f.0).proto.clone(),
            _ => None,
        }
    } else {
        None
    };
    if nloc < 0 {
        // Varargs.
        if let Some(p) = &proto
            && p.is_vararg
        {
            let nextra = ci.nextraargs as i64;
            if -nloc <= nextra {
                let slot = ci.func - nextra as usize + (-nloc - 1) as usize;
                let v = read(vm, slot);
                let name = vm.str_value(b"(vararg)");
                vm.push(name);
                vm.push(v);
                return Ok(2);
            }
        }
        vm.push(Value::Nil);
        return Ok(1);
    }
    let nloc = nloc as usize;
    let mut name = proto.as_ref().and_then(|p| {
        p.info
            .local_name(nloc, ci.pc.saturating_sub(1))
            .map(str::to_string)
    });
    if name.is_none() {
        let limit = if idx + 1 == frames.len() {
            match co {
                None => vm.th.top,
                Some(c) => vm.heap.threads.get(c.0).top,
            }
        } else {
            frames[idx + 1].func
        };
        if nloc > 0 && limit >= ci.base && limit - ci.base >= nloc {
            name = Some(
                if ci.is_lua() {
                    "(temporary)"
                } else {
                    "(C temporary)"
                }
                .to_string(),
            );
        }
    }
    match name {
        Some(nm) => {
            let v = read(vm, ci.base + nloc - 1);
            let s = vm.str_value(nm.as_bytes());
            vm.push(s);
            vm.push(v);
            Ok(2)
        }
        None => {
            vm.push(Value::Nil);
            Ok(1)
        }
    }
}

/// The upvalue `n` of a function: its name and cell (Lua) or value slot (native).
enum UpvalSlot {
    Lua(String, crate::value::UpvalRef),
    Native(usize),
}

fn upvalue_slot(vm: &Vm, f: Value, n: i64) -> Option<UpvalSlot> {
    if n < 1 {
        return None;
    }
    let i = (n - 1) as usize;
    match f {
        Value::LuaFn(r) => {
            let lf = vm.heap.lua_fns.get(r.0);
            let uv = *lf.upvals.get(i)?;
            let name = lf
                .proto()
                .info
                .upvalues
                .get(i)
                .map_or("(no name)".to_string(), |d| {
                    if d.name.is_empty() {
                        "(no name)".to_string()
                    } else {
                        d.name.to_string()
                    }
                });
            Some(UpvalSlot::Lua(name, uv))
        }
        Value::NativeClosure(r) => {
            if i < vm.heap.natives.get(r.0).upvals.len() {
                Some(UpvalSlot::Native(i))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn getupvalue(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let f = a.get(vm, 1);
    if !f.is_function() {
        return Err(a.type_error(vm, 1, "function"));
    }
    let k = a.check_integer(vm, 2)?;
    match upvalue_slot(vm, f, k) {
        Some(UpvalSlot::Lua(name, uv)) => {
            let v = vm.upval_get(uv);
            let s = vm.str_value(name.as_bytes());
            vm.push(s);
            vm.push(v);
            Ok(2)
        }
        Some(UpvalSlot::Native(i)) => {
            let Value::NativeClosure(r) = f else {
                unreachable!()
            };
            let v = vm.heap.natives.get(r.0).upvals[i];
            let s = vm.str_value(b"");
            vm.push(s);
            vm.push(v);
            Ok(2)
        }
        None => Ok(0),
    }
}

fn setupvalue(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let f = a.get(vm, 1);
    if !f.is_function() {
        return Err(a.type_error(vm, 1, "function"));
    }
    let k = a.check_integer(vm, 2)?;
    let v = a.check_any(vm, 3)?;
    match upvalue_slot(vm, f, k) {
        Some(UpvalSlot::Lua(name, uv)) => {
            vm.upval_set(uv, v);
            let s = vm.str_value(name.as_bytes());
            vm.push(s);
            Ok(1)
        }
        Some(UpvalSlot::Native(i)) => {
            let Value::NativeClosure(r) = f else {
                unreachable!()
            };
            vm.heap.natives.get_mut(r.0).upvals[i] = v;
            let s = vm.str_value(b"");
            vm.push(s);
            Ok(1)
        }
        None => Ok(0),
    }
}

fn upvalueid(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let f = a.get(vm, 1);
    if !f.is_function() {
        return Err(a.type_error(vm, 1, "function"));
    }
    let k = a.check_integer(vm, 2)?;
    match upvalue_slot(vm, f, k) {
        Some(UpvalSlot::Lua(_, uv)) => {
            vm.push(Value::LightUserdata(0x1000_0000 + uv.0 as u64 * 16))
        }
        Some(UpvalSlot::Native(i)) => {
            let Value::NativeClosure(r) = f else {
                unreachable!()
            };
            vm.push(Value::LightUserdata(
                0x2000_0000 + (r.0 as u64) * 4096 + i as u64 * 16,
            ));
        }
        None => vm.push(Value::Nil),
    }
    Ok(1)
}

fn upvaluejoin(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let f1 = a.get(vm, 1);
    let n1 = a.check_integer(vm, 2)?;
    let f2 = a.get(vm, 3);
    let n2 = a.check_integer(vm, 4)?;
    let (Value::LuaFn(r1), Value::LuaFn(r2)) = (f1, f2) else {
        let bad = if matches!(f1, Value::LuaFn(_)) { 3 } else { 1 };
        return Err(vm.arg_error(bad, "Lua function expected"));
    };
    let Some(UpvalSlot::Lua(_, _)) = upvalue_slot(vm, f1, n1) else {
        return Err(vm.arg_error(2, "invalid upvalue index"));
    };
    let Some(UpvalSlot::Lua(_, uv2)) = upvalue_slot(vm, f2, n2) else {
        return Err(vm.arg_error(4, "invalid upvalue index"));
    };
    let _ = r2;
    vm.heap.lua_fns.get_mut(r1.0).upvals[(n1 - 1) as usize] = uv2;
    Ok(0)
}

fn getmetatable(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let v = a.check_any(vm, 1)?;
    let mt = vm.metatable(v).map_or(Value::Nil, Value::Table);
    vm.push(mt);
    Ok(1)
}

fn setmetatable(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let v = a.get(vm, 1);
    let mt = match a.get(vm, 2) {
        Value::Nil => None,
        Value::Table(t) => Some(t),
        _ => return Err(a.type_error(vm, 2, "nil or table")),
    };
    match v {
        Value::Table(t) => {
            vm.heap.table_mut(t).metatable = mt;
            vm.check_finalizer(t, mt);
        }
        Value::Userdata(u) => vm.heap.userdata.get_mut(u.0).metatable = mt,
        other => vm.type_mt[other.type_of().index()] = mt,
    }
    vm.push(v);
    Ok(1)
}
