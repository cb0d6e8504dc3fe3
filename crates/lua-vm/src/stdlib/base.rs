//! The basic library (lbaselib.c).

use lua_prims::number::{str_to_number, tonumber_base};
use lua_prims::strlib;

use crate::native;
use crate::native::{Args, NativeDef, Special};
use crate::stdlib::{register, set_field};
use crate::value::Value;
use crate::vm::{Throw, Vm};

native!(pub PRINT, "print", print);
native!(pub TOSTRING, "tostring", tostring);
native!(pub TYPE, "type", type_);
native!(pub TONUMBER, "tonumber", tonumber);
native!(pub IPAIRS, "ipairs", ipairs);
native!(pub IPAIRS_AUX, "ipairs_aux", ipairs_aux);
/// `pairs` (a `__pairs` metamethod is started by the call machinery, see `call.rs`).
pub static PAIRS: NativeDef = NativeDef {
    name: "pairs",
    func: pairs,
    special: Special::Pairs,
};
native!(pub NEXT, "next", next);
native!(pub SELECT, "select", select);
native!(pub RAWEQUAL, "rawequal", rawequal);
native!(pub RAWLEN, "rawlen", rawlen);
native!(pub RAWGET, "rawget", rawget);
native!(pub RAWSET, "rawset", rawset);
native!(pub SETMETATABLE, "setmetatable", setmetatable);
native!(pub GETMETATABLE, "getmetatable", getmetatable);
native!(pub ASSERT, "assert", assert);
native!(pub ERROR, "error", error);
native!(pub COLLECTGARBAGE, "collectgarbage", collectgarbage);
native!(pub LOAD, "load", load);
native!(pub WARN, "warn", warn);

/// `pcall` (run by the call machinery, see `call.rs`).
pub static PCALL: NativeDef = NativeDef {
    name: "pcall",
    func: unreachable_special,
    special: Special::Pcall,
};

/// `xpcall` (run by the call machinery).
pub static XPCALL: NativeDef = NativeDef {
    name: "xpcall",
    func: unreachable_special,
    special: Special::Xpcall,
};

fn unreachable_special(_: &mut Vm, _: usize, _: usize) -> Result<usize, Throw> {
    unreachable!("pcall and xpcall are started by the call machinery")
}

pub fn open(vm: &mut Vm) {
    let g = vm.globals;
    register(
        vm,
        g,
        &[
            &ASSERT,
            &COLLECTGARBAGE,
            &ERROR,
            &GETMETATABLE,
            &IPAIRS,
            &LOAD,
            &NEXT,
            &PAIRS,
            &PCALL,
            &PRINT,
            &RAWEQUAL,
            &RAWGET,
            &RAWLEN,
            &RAWSET,
            &SELECT,
            &SETMETATABLE,
            &TONUMBER,
            &TOSTRING,
            &TYPE,
            &WARN,
            &XPCALL,
        ],
    );
    set_field(vm, g, "_G", Value::Table(g));
    let version = vm.str_value(b"Lua 5.4");
    set_field(vm, g, "_VERSION", version);
    let loaded = vm.loaded;
    set_field(vm, loaded, "_G", Value::Table(g));
}

fn print(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    for i in 0..n {
        let v = vm.th.stack[base + i];
        let text = match v {
            Value::String(s) => vm.str_bytes(s).to_vec(),
            Value::Integer(_) | Value::Float(_) => vm.raw_tostring(v),
            _ => vm.tostring_sync(v)?,
        };
        if i > 0 {
            vm.write_output(b"\t")?;
        }
        vm.write_output(&text)?;
    }
    vm.write_output(b"\n")?;
    Ok(0)
}

fn tostring(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let v = a.check_any(vm, 1)?;
    let text = vm.tostring_sync(v)?;
    let s = vm.str_value(&text);
    vm.push(s);
    Ok(1)
}

fn type_(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let v = a.check_any(vm, 1)?;
    let s = vm.str_value(v.type_name().as_bytes());
    vm.push(s);
    Ok(1)
}

fn tonumber(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    if a.is_none_or_nil(vm, 2) {
        let v = a.get(vm, 1);
        match v {
            Value::Integer(_) | Value::Float(_) => {
                vm.push(v);
                return Ok(1);
            }
            Value::String(s) => {
                if let Some(num) = str_to_number(vm.str_bytes(s)) {
                    vm.push(Value::from_number(num));
                    return Ok(1);
                }
            }
            _ => {
                a.check_any(vm, 1)?;
            }
        }
        vm.push(Value::Nil);
        return Ok(1);
    }
    let b = a.check_integer(vm, 2)?;
    let Value::String(s) = a.get(vm, 1) else {
        return Err(a.type_error(vm, 1, "string"));
    };
    match tonumber_base(vm.str_bytes(s), b) {
        Ok(Some(i)) => vm.push(Value::Integer(i)),
        Ok(None) => vm.push(Value::Nil),
        Err(e) => return Err(a.prims_error(vm, e)),
    }
    Ok(1)
}

fn ipairs(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let t = a.check_any(vm, 1)?;
    vm.push(Value::Native(&IPAIRS_AUX));
    vm.push(t);
    vm.push(Value::Integer(0));
    Ok(3)
}

fn ipairs_aux(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let i = a.check_integer(vm, 2)?.wrapping_add(1);
    let t = a.get(vm, 1);
    let v = match t {
        Value::Table(h) => {
            let v = vm.heap.table(h).get_int(i);
            if v.is_nil() && vm.heap.table(h).metatable.is_some() {
                vm.index_sync(t, Value::Integer(i))?
            } else {
                v
            }
        }
        _ => vm.index_sync(t, Value::Integer(i))?,
    };
    if v.is_nil() {
        vm.push(Value::Nil);
        return Ok(1);
    }
    vm.push(Value::Integer(i));
    vm.push(v);
    Ok(2)
}

fn pairs(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let t = a.check_any(vm, 1)?;
    // A `__pairs` metamethod was handled by the call machinery before this runs.
    vm.push(Value::Native(&NEXT));
    vm.push(t);
    vm.push(Value::Nil);
    Ok(3)
}

fn next(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let t = a.check_table(vm, 1)?;
    let k = a.get(vm, 2);
    match vm.heap.table(t).next(k) {
        Ok(Some((k, v))) => {
            vm.push(k);
            vm.push(v);
            Ok(2)
        }
        Ok(None) => {
            vm.push(Value::Nil);
            Ok(1)
        }
        Err(_) => Err(vm.rt_error("invalid key to 'next'")),
    }
}

fn select(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    if let Value::String(s) = a.get(vm, 1)
        && vm.str_bytes(s).first() == Some(&b'#')
    {
        vm.push(Value::Integer(n as i64 - 1));
        return Ok(1);
    }
    let i = a.check_integer(vm, 1)?;
    let nargs = n.saturating_sub(1);
    match strlib::select_start(i, nargs) {
        Ok(start) => Ok(nargs - start),
        Err(e) => Err(a.prims_error(vm, e)),
    }
}

fn rawequal(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let x = a.check_any(vm, 1)?;
    let y = a.check_any(vm, 2)?;
    vm.push(Value::Boolean(x.raw_eq(y)));
    Ok(1)
}

fn rawlen(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let len = match a.get(vm, 1) {
        Value::Table(t) => vm.heap.table(t).length() as i64,
        Value::String(s) => vm.str_bytes(s).len() as i64,
        _ => return Err(a.type_error(vm, 1, "table or string")),
    };
    vm.push(Value::Integer(len));
    Ok(1)
}

fn rawget(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let t = a.check_table(vm, 1)?;
    let k = a.check_any(vm, 2)?;
    let v = vm.heap.table(t).get(k);
    vm.push(v);
    Ok(1)
}

fn rawset(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let t = a.check_table(vm, 1)?;
    let k = a.check_any(vm, 2)?;
    let v = a.check_any(vm, 3)?;
    vm.raw_set(t, k, v)?;
    vm.push(Value::Table(t));
    Ok(1)
}

fn setmetatable(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let mt = a.get(vm, 2);
    let t = a.check_table(vm, 1)?;
    let mt = match mt {
        Value::Nil if a.present(2) => None,
        Value::Table(m) => Some(m),
        _ => return Err(a.type_error(vm, 2, "nil or table")),
    };
    if !vm.metafield(Value::Table(t), vm.names.metatable).is_nil() {
        return Err(vm.lib_error("cannot change a protected metatable"));
    }
    vm.heap.table_mut(t).metatable = mt;
    vm.check_finalizer(t, mt);
    vm.push(Value::Table(t));
    Ok(1)
}

fn getmetatable(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let v = a.check_any(vm, 1)?;
    match vm.metatable(v) {
        None => vm.push(Value::Nil),
        Some(mt) => {
            let protected = vm.heap.table(mt).get_str(Value::String(vm.names.metatable));
            if protected.is_nil() {
                vm.push(Value::Table(mt));
            } else {
                vm.push(protected);
            }
        }
    }
    Ok(1)
}

fn assert(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    if a.get(vm, 1).truthy() {
        return Ok(n);
    }
    a.check_any(vm, 1)?;
    let msg = if n >= 2 {
        a.get(vm, 2)
    } else {
        vm.str_value(b"assertion failed!")
    };
    Err(raise_with_level(vm, msg, 1))
}

/// `error(msg, level)`: a string message gets the position of the function `level`
/// levels up.
fn raise_with_level(vm: &mut Vm, msg: Value, level: i64) -> Throw {
    if let Value::String(s) = msg
        && level > 0
    {
        let mut text = vm.where_(level as usize);
        if !text.is_empty() {
            text.extend_from_slice(vm.str_bytes(s));
            return vm.throw_str(text);
        }
    }
    vm.throw_value(msg)
}

fn error(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let level = a.opt_integer(vm, 2, 1)?;
    let msg = a.get(vm, 1);
    Err(raise_with_level(vm, msg, level))
}

fn collectgarbage(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    const OPTS: [&str; 10] = [
        "stop",
        "restart",
        "collect",
        "count",
        "step",
        "setpause",
        "setstepmul",
        "isrunning",
        "generational",
        "incremental",
    ];
    let a = Args::new(base, n);
    let opt = match a.opt_str(vm, 1)? {
        None => "collect".to_string(),
        Some(s) => String::from_utf8_lossy(vm.str_bytes(s)).into_owned(),
    };
    if !OPTS.contains(&opt.as_str()) {
        return Err(vm.arg_error(1, format!("invalid option '{opt}'")));
    }
    match opt.as_str() {
        "collect" => {
            if vm.gc_block == 0 {
                vm.collect_garbage();
                vm.run_finalizers()?;
            }
            vm.push(Value::Integer(0));
        }
        "stop" => {
            vm.gc_stopped = true;
            vm.push(Value::Integer(0));
        }
        "restart" => {
            vm.gc_stopped = false;
            vm.push(Value::Integer(0));
        }
        "count" => {
            let bytes = vm.memory_in_use() as f64;
            vm.push(Value::Float(bytes / 1024.0));
        }
        "step" => {
            a.opt_integer(vm, 2, 0)?;
            if vm.gc_block == 0 {
                vm.collect_garbage();
                vm.run_finalizers()?;
            }
            vm.push(Value::Boolean(true));
        }
        "setpause" => {
            a.opt_integer(vm, 2, 0)?;
            vm.push(Value::Integer(200));
        }
        "setstepmul" => {
            a.opt_integer(vm, 2, 0)?;
            vm.push(Value::Integer(100));
        }
        "isrunning" => {
            vm.push(Value::Boolean(!vm.gc_stopped));
        }
        _ => {
            // "generational" / "incremental": the previous mode; we always report
            // incremental as the mode in use before the call, then remember the request.
            for i in 2..=4 {
                if opt == "generational" && i > 3 {
                    break;
                }
                a.opt_integer(vm, i, 0)?;
            }
            let previous = if vm.gc_generational {
                "generational"
            } else {
                "incremental"
            };
            vm.gc_generational = opt == "generational";
            let s = vm.str_value(previous.as_bytes());
            vm.push(s);
        }
    }
    Ok(1)
}

fn warn(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    a.check_str(vm, 1)?;
    for i in 2..=n {
        a.check_str(vm, i)?;
    }
    Ok(0)
}

fn load(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let chunk = a.get(vm, 1);
    let mode_v = a.get(vm, 3);
    let mode: Vec<u8> = match mode_v {
        Value::Nil => b"bt".to_vec(),
        Value::String(s) => vm.str_bytes(s).to_vec(),
        Value::Integer(_) | Value::Float(_) => vm.raw_tostring(mode_v),
        _ => return Err(a.type_error(vm, 3, "string")),
    };
    let env = if n >= 4 { Some(a.get(vm, 4)) } else { None };
    let (source, chunkname): (Vec<u8>, Vec<u8>) = match chunk {
        Value::String(_) | Value::Integer(_) | Value::Float(_) => {
            let s = a.check_str(vm, 1)?;
            let source = vm.str_bytes(s).to_vec();
            let chunkname = match a.opt_str(vm, 2)? {
                Some(c) => vm.str_bytes(c).to_vec(),
                None => source.clone(),
            };
            (source, chunkname)
        }
        _ => {
            let chunkname = match a.opt_str(vm, 2)? {
                Some(c) => vm.str_bytes(c).to_vec(),
                None => b"=(load)".to_vec(),
            };
            if !chunk.is_function() {
                return Err(a.type_error(vm, 1, "function"));
            }
            let mut source = Vec::new();
            loop {
                let at = vm.safe_top();
                vm.ensure_stack(at + 1 + crate::vm::EXTRA_STACK)?;
                vm.th.stack[at] = chunk;
                vm.th.top = at + 1;
                let piece = match vm.call_protected(at, 1)? {
                    Ok(()) => {
                        vm.th.top = at;
                        vm.th.stack[at]
                    }
                    Err(e) => return load_failed(vm, e),
                };
                match piece {
                    Value::Nil => break,
                    Value::String(s) => {
                        if vm.str_bytes(s).is_empty() {
                            break;
                        }
                        source.extend_from_slice(vm.str_bytes(s));
                    }
                    Value::Integer(_) | Value::Float(_) => {
                        source.extend_from_slice(&vm.raw_tostring(piece));
                    }
                    _ => {
                        let e = vm.lib_error("reader function must return a string");
                        if e != Throw::Error {
                            return Err(e);
                        }
                        return load_failed(vm, vm.err_value);
                    }
                }
            }
            (source, chunkname)
        }
    };
    if source.first() == Some(&27) {
        let text_mode: Vec<u8> = mode.iter().copied().filter(|&c| c != b'b').collect();
        let mut msg = b"attempt to load a binary chunk (mode is '".to_vec();
        msg.extend_from_slice(&text_mode);
        msg.extend_from_slice(b"')");
        let m = vm.str_value(&msg);
        return load_failed(vm, m);
    }
    if !mode.contains(&b't') {
        let mut msg = b"attempt to load a text chunk (mode is '".to_vec();
        msg.extend_from_slice(&mode);
        msg.extend_from_slice(b"')");
        let m = vm.str_value(&msg);
        return load_failed(vm, m);
    }
    let chunkname = String::from_utf8_lossy(&chunkname).into_owned();
    // The parser skips a first `#` line and a byte order mark as `luaL_loadfile` does;
    // `load` does not, so such a chunk gets a leading space (which changes no line).
    let mut source = source;
    if source.first() == Some(&b'#') || source.starts_with(b"\xEF\xBB\xBF") {
        source.insert(0, b' ');
    }
    match vm.load_chunk(&source, &chunkname) {
        Ok(f) => {
            if let Some(env) = env {
                let uv = vm.heap.lua_fns.get(f.0).upvals.first().copied();
                if let Some(uv) = uv {
                    vm.upval_set(uv, env);
                }
            }
            vm.push(Value::LuaFn(f));
            Ok(1)
        }
        Err(msg) => {
            let m = vm.str_value(&msg);
            load_failed(vm, m)
        }
    }
}

fn load_failed(vm: &mut Vm, msg: Value) -> Result<usize, Throw> {
    vm.push(Value::Nil);
    vm.push(msg);
    Ok(2)
}
