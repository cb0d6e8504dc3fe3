//! The basic functions (manual §6.1, lbaselib.c).

use std::rc::Rc;

use lua_prims::Number;
use lua_prims::number::{str_to_number, tonumber_base};
use lua_prims::strlib::select_start;

use super::{native, native_named_closure, native_yieldable, set_field};
use crate::interp::{Exec, Handler, Throw};
use crate::runtime::{Event, Runtime};
use crate::value::{LResult, LuaStr, TableRef, Type, Value};

pub fn open(rt: &Rc<Runtime>, g: &TableRef) {
    let funcs: &[(&'static str, crate::value::NativeFn)] = &[
        ("assert", assert),
        ("collectgarbage", collectgarbage),
        ("error", error),
        ("getmetatable", getmetatable),
        ("load", load),
        ("print", print),
        ("rawequal", rawequal),
        ("rawget", rawget),
        ("rawlen", rawlen),
        ("rawset", rawset),
        ("select", select),
        ("setmetatable", setmetatable),
        ("tonumber", tonumber),
        ("tostring", tostring),
        ("type", type_),
        ("warn", warn),
    ];
    for (name, f) in funcs {
        set_field(g, name, native(name, *f));
    }
    // `ipairs` returns the same iterator every time (a light C function in PUC).
    let ipairs_iter = native("", ipairs_aux);
    set_field(
        g,
        "ipairs",
        native_named_closure("ipairs", false, move |exec, args| {
            let t = exec.check_any(&args, 1)?;
            Ok(vec![ipairs_iter.clone(), t, Value::Integer(0)])
        }),
    );
    let next_fn = native("next", next);
    set_field(g, "next", next_fn.clone());
    set_field(
        g,
        "pairs",
        native_named_closure("pairs", true, move |exec, args| pairs(exec, args, &next_fn)),
    );
    set_field(g, "pcall", native_yieldable("pcall", pcall));
    set_field(g, "xpcall", native_yieldable("xpcall", xpcall));
    set_field(g, "_G", Value::Table(g.clone()));
    set_field(g, "_VERSION", Value::str("Lua 5.4"));
    let _ = rt;
}

fn print(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    for (i, v) in args.iter().enumerate() {
        let s = exec.tostring(v)?;
        if i > 0 {
            exec.rt.write(b"\t")?;
        }
        exec.rt.write(s.as_bytes())?;
    }
    exec.rt.write(b"\n")?;
    Ok(Vec::new())
}

/// `warn`: checks its arguments; warnings are off in the sandbox (and go to the standard
/// error in PUC, which is not part of an outcome).
fn warn(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    exec.check_string(&args, 1)?;
    for n in 2..=args.len() {
        exec.check_string(&args, n)?;
    }
    Ok(Vec::new())
}

fn type_(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = exec.check_any(&args, 1)?;
    Ok(vec![Value::str(v.type_name())])
}

fn tostring(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = exec.check_any(&args, 1)?;
    Ok(vec![Value::String(exec.tostring(&v)?)])
}

fn tonumber(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    if Exec::is_none_or_nil(&args, 2) {
        match args.first() {
            Some(v @ (Value::Integer(_) | Value::Float(_))) => return Ok(vec![v.clone()]),
            Some(Value::String(s)) => {
                if let Some(n) = str_to_number(s.as_bytes()) {
                    return Ok(vec![Value::from_number(n)]);
                }
            }
            _ => {
                exec.check_any(&args, 1)?;
            }
        }
        return Ok(vec![Value::Nil]);
    }
    let base = exec.check_integer(&args, 2)?;
    let s = match args.first() {
        Some(Value::String(s)) => s.clone(),
        _ => return Err(exec.type_arg_error(&args, 1, "string")),
    };
    match tonumber_base(s.as_bytes(), base) {
        Ok(Some(i)) => Ok(vec![Value::Integer(i)]),
        Ok(None) => Ok(vec![Value::Nil]),
        Err(e) => Err(exec.prims_error(e)),
    }
}

fn ipairs_aux(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let i = exec.check_integer(&args, 2)?.wrapping_add(1);
    let t = Exec::arg(&args, 1);
    let v = exec.get_index(t, Value::Integer(i))?;
    if v.is_nil() {
        Ok(vec![Value::Nil])
    } else {
        Ok(vec![Value::Integer(i), v])
    }
}

fn pairs(exec: &mut Exec<'_>, args: Vec<Value>, next_fn: &Value) -> LResult<Vec<Value>> {
    let t = exec.check_any(&args, 1)?;
    let tm = raw_metafield(exec, &t, Event::Pairs);
    if tm.is_nil() {
        return Ok(vec![next_fn.clone(), t, Value::Nil]);
    }
    let mut r = exec.call(tm, vec![t])?;
    r.resize(3, Value::Nil);
    Ok(r)
}

/// `luaL_getmetafield`: a field of the metatable, ignoring `__metatable`.
fn raw_metafield(exec: &Exec<'_>, v: &Value, e: Event) -> Value {
    match exec.rt.metatable(v) {
        Some(mt) => mt.borrow().get_str(exec.rt.event(e)),
        None => Value::Nil,
    }
}

fn next(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = exec.check_table(&args, 1)?;
    let k = Exec::arg(&args, 2);
    let r = t.borrow().next(&k);
    match r {
        Ok(Some((k, v))) => Ok(vec![k, v]),
        Ok(None) => Ok(vec![Value::Nil]),
        Err(()) => Err(exec.rt_error_here("invalid key to 'next'")),
    }
}

fn rawget(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = exec.check_table(&args, 1)?;
    let k = exec.check_any(&args, 2)?;
    let v = t.borrow().get(&k);
    Ok(vec![v])
}

fn rawset(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = exec.check_table(&args, 1)?;
    let k = exec.check_any(&args, 2)?;
    let v = exec.check_any(&args, 3)?;
    let r = t.borrow_mut().set(k, v);
    if let Err(e) = r {
        return Err(exec.rt_error_here(e.message()));
    }
    Ok(vec![Value::Table(t)])
}

fn rawequal(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let a = exec.check_any(&args, 1)?;
    let b = exec.check_any(&args, 2)?;
    Ok(vec![Value::Boolean(a.raw_equal(&b))])
}

fn rawlen(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    match args.first() {
        Some(Value::Table(t)) => Ok(vec![Value::Integer(t.borrow().border())]),
        Some(Value::String(s)) => Ok(vec![Value::Integer(s.len() as i64)]),
        _ => Err(exec.type_arg_error(&args, 1, "table or string")),
    }
}

fn setmetatable(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = exec.check_table(&args, 1)?;
    let mt = match args.get(1) {
        Some(Value::Nil) => None,
        Some(Value::Table(m)) => Some(m.clone()),
        _ => return Err(exec.type_arg_error(&args, 2, "nil or table")),
    };
    if !raw_metafield(exec, &Value::Table(t.clone()), Event::Metatable).is_nil() {
        return Err(exec.error("cannot change a protected metatable"));
    }
    t.borrow_mut().meta = mt;
    exec.rt.mark_for_finalization(&t);
    Ok(vec![Value::Table(t)])
}

fn getmetatable(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = exec.check_any(&args, 1)?;
    let Some(mt) = exec.rt.metatable(&v) else {
        return Ok(vec![Value::Nil]);
    };
    let protected = mt.borrow().get_str(exec.rt.event(Event::Metatable));
    if !protected.is_nil() {
        return Ok(vec![protected]);
    }
    Ok(vec![Value::Table(mt)])
}

fn assert(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    if args.first().is_some_and(Value::truthy) {
        return Ok(args);
    }
    exec.check_any(&args, 1)?;
    let msg = match args.get(1) {
        Some(v) => v.clone(),
        None => Value::str("assertion failed!"),
    };
    Err(raise_with_level(exec, msg, 1))
}

fn error(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let level = exec.opt_integer(&args, 2, 1)?;
    let msg = Exec::arg(&args, 1);
    Err(raise_with_level(exec, msg, level))
}

/// `error(msg, level)`: a string message gets the position of the function at `level`.
fn raise_with_level(exec: &mut Exec<'_>, msg: Value, level: i64) -> Throw {
    if let Value::String(s) = &msg
        && level > 0
    {
        let mut text = exec.where_prefix(level as usize);
        text.extend_from_slice(s.as_bytes());
        return exec.raise(Value::String(LuaStr::new(text)));
    }
    exec.raise(msg)
}

fn pcall(exec: &mut Exec<'_>, mut args: Vec<Value>) -> LResult<Vec<Value>> {
    exec.check_any(&args, 1)?;
    let f = args.remove(0);
    protected_call(exec, f, args, Handler::None)
}

fn xpcall(exec: &mut Exec<'_>, mut args: Vec<Value>) -> LResult<Vec<Value>> {
    exec.check_type(&args, 2, Type::Function)?;
    let f = args.remove(0);
    let h = args.remove(0);
    protected_call(exec, f, args, Handler::Function(h))
}

/// Calls `f` catching Lua errors (not resource exhaustion): `true, results...` or
/// `false, error`.
fn protected_call(
    exec: &mut Exec<'_>,
    f: Value,
    args: Vec<Value>,
    handler: Handler,
) -> LResult<Vec<Value>> {
    exec.protect.push(handler);
    let depth = exec.calls.len();
    let r = exec.call_value(f, args, &crate::interp::Site::native());
    exec.protect.pop();
    exec.calls.truncate(depth);
    match r {
        Ok(mut v) => {
            v.insert(0, Value::Boolean(true));
            Ok(v)
        }
        Err(Throw::Error(e)) => Ok(vec![Value::Boolean(false), e]),
        Err(other) => Err(other),
    }
}

fn select(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    if let Some(Value::String(s)) = args.first()
        && s.as_bytes().first() == Some(&b'#')
    {
        return Ok(vec![Value::Integer(args.len() as i64 - 1)]);
    }
    let n = exec.check_integer(&args, 1)?;
    match select_start(n, args.len() - 1) {
        Ok(start) => Ok(args[1 + start..].to_vec()),
        Err(e) => Err(exec.prims_error(e)),
    }
}

fn collectgarbage(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    const OPTIONS: &[&str] = &[
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
    let option = exec.check_option(&args, 1, Some("collect"), OPTIONS)?;
    let mut gc = exec.rt.gc.get();
    let result = match OPTIONS[option] {
        "stop" => {
            gc.running = false;
            Value::Integer(0)
        }
        "restart" => {
            gc.running = true;
            Value::Integer(0)
        }
        "count" => {
            let bytes = crate::heap::memory_in_use() as f64 + 20_000.0;
            Value::Float(bytes / 1024.0)
        }
        "step" => {
            exec.opt_integer(&args, 2, 0)?;
            Value::Boolean(true)
        }
        "setpause" => {
            let v = exec.opt_integer(&args, 2, 0)?;
            let prev = gc.pause;
            gc.pause = v;
            Value::Integer(prev)
        }
        "setstepmul" => {
            let v = exec.opt_integer(&args, 2, 0)?;
            let prev = gc.stepmul;
            gc.stepmul = v;
            Value::Integer(prev)
        }
        "isrunning" => Value::Boolean(gc.running),
        "generational" => {
            let prev = if gc.generational {
                "generational"
            } else {
                "incremental"
            };
            gc.generational = true;
            Value::str(prev)
        }
        "incremental" => {
            let prev = if gc.generational {
                "generational"
            } else {
                "incremental"
            };
            gc.generational = false;
            Value::str(prev)
        }
        _ => Value::Integer(0),
    };
    exec.rt.gc.set(gc);
    Ok(vec![result])
}

/// `load(chunk, chunkname, mode, env)` (text chunks only, like the native sandbox).
fn load(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let mode = match args.get(2) {
        None | Some(Value::Nil) => LuaStr::from_text("bt"),
        Some(_) => exec.check_string(&args, 3)?,
    };
    let env = if args.len() >= 4 {
        Some(Exec::arg(&args, 4))
    } else {
        None
    };
    let (source, chunkname) = match args.first() {
        Some(Value::String(_) | Value::Integer(_) | Value::Float(_)) => {
            let s = exec.check_string(&args, 1)?;
            let name = match exec.opt_string(&args, 2)? {
                Some(n) => n,
                None => s.clone(),
            };
            (s.as_bytes().to_vec(), name)
        }
        _ => {
            let name = exec
                .opt_string(&args, 2)?
                .unwrap_or_else(|| LuaStr::from_text("=(load)"));
            let f = exec.check_type(&args, 1, Type::Function)?;
            match read_chunk(exec, f)? {
                Ok(source) => (source, name),
                Err(msg) => return Ok(vec![Value::Nil, msg]),
            }
        }
    };
    if source.first() == Some(&0x1b) {
        let shown: Vec<u8> = mode
            .as_bytes()
            .iter()
            .copied()
            .filter(|&c| c != b'b')
            .collect();
        let mut msg = b"attempt to load a binary chunk (mode is '".to_vec();
        msg.extend_from_slice(&shown);
        msg.extend_from_slice(b"')");
        return Ok(vec![Value::Nil, Value::bytes(&msg)]);
    }
    if !mode.as_bytes().contains(&b't') {
        let mut msg = b"attempt to load a text chunk (mode is '".to_vec();
        msg.extend_from_slice(mode.as_bytes());
        msg.extend_from_slice(b"')");
        return Ok(vec![Value::Nil, Value::bytes(&msg)]);
    }
    let chunkname = String::from_utf8_lossy(chunkname.as_bytes()).into_owned();
    match crate::compile(exec, &source, &chunkname, false) {
        Ok(proto) => {
            let cell = match env {
                Some(e) => exec.rt.new_cell(e),
                None => exec.rt.new_cell(Value::Table(exec.rt.globals.clone())),
            };
            Ok(vec![crate::main_closure(proto, cell)])
        }
        Err(Throw::Error(msg)) => Ok(vec![Value::Nil, msg]),
        Err(other) => Err(other),
    }
}

/// Calls a `load` reader function until it returns nil or an empty string. Errors (of
/// the reader, or a piece that is not a string) are returned as the message `load`
/// gives back.
fn read_chunk(exec: &mut Exec<'_>, f: Value) -> LResult<Result<Vec<u8>, Value>> {
    let mut source = Vec::new();
    loop {
        let piece = match exec.call(f.clone(), Vec::new()) {
            Ok(r) => r.into_iter().next().unwrap_or_default(),
            Err(Throw::Error(e)) => return Ok(Err(e)),
            Err(other) => return Err(other),
        };
        match piece {
            Value::Nil => break,
            Value::String(s) => {
                if s.is_empty() {
                    break;
                }
                exec.rt.reserve(s.len())?;
                source.extend_from_slice(s.as_bytes());
            }
            Value::Integer(_) | Value::Float(_) => {
                let n = piece.as_number().unwrap_or(Number::Integer(0));
                source.extend_from_slice(lua_prims::numfmt::fmt_number(n).as_bytes());
            }
            _ => {
                let e = match exec.error("reader function must return a string") {
                    Throw::Error(e) => e,
                    other => return Err(other),
                };
                return Ok(Err(e));
            }
        }
    }
    Ok(Ok(source))
}
