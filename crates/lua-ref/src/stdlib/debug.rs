//! A subset of the debug library (manual §6.10), available in exec mode only (the native
//! sandbox has none): `traceback`, `getinfo`, `getlocal` (parameter names of a function),
//! `getupvalue`, `setupvalue`, `upvalueid`, `upvaluejoin`, `getmetatable`, `setmetatable`.

use std::rc::Rc;

use super::{library, set_field};
use crate::interp::{CallInfo, Exec};
use crate::runtime::Runtime;
use crate::table::Table;
use crate::value::{Function, FunctionRef, LResult, LuaStr, TableRef, Type, Value};

pub fn open(rt: &Rc<Runtime>) -> TableRef {
    library(
        rt,
        &[
            ("traceback", "debug.traceback", traceback),
            ("getinfo", "debug.getinfo", getinfo),
            ("getlocal", "debug.getlocal", getlocal),
            ("getupvalue", "debug.getupvalue", getupvalue),
            ("setupvalue", "debug.setupvalue", setupvalue),
            ("upvalueid", "debug.upvalueid", upvalueid),
            ("upvaluejoin", "debug.upvaluejoin", upvaluejoin),
            ("getmetatable", "debug.getmetatable", getmetatable),
            ("setmetatable", "debug.setmetatable", setmetatable),
        ],
    )
}

/// Drops a leading thread argument (only the running thread is inspectable here).
fn skip_thread(args: &[Value]) -> &[Value] {
    match args.first() {
        Some(Value::Thread(_)) => &args[1..],
        _ => args,
    }
}

fn traceback(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let args = skip_thread(&args).to_vec();
    let msg = Exec::arg(&args, 1);
    match &msg {
        Value::Nil | Value::String(_) | Value::Integer(_) | Value::Float(_) => {}
        _ => return Ok(vec![msg]),
    }
    let level = exec.opt_integer(&args, 2, 1)?.max(0) as usize;
    let mut out = Vec::new();
    if !msg.is_nil() {
        out.extend_from_slice(exec.tostring(&msg)?.as_bytes());
        out.push(b'\n');
    }
    out.extend_from_slice(&exec.traceback(level));
    Ok(vec![Value::bytes(&out)])
}

fn getinfo(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let args = skip_thread(&args).to_vec();
    let what = match exec.opt_string(&args, 2)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"flnSrtu".to_vec(),
    };
    if what.first() == Some(&b'>') {
        return Err(exec.arg_error(2, "invalid option '>'"));
    }
    if what.iter().any(|c| !b"SlnrutfL".contains(c)) {
        return Err(exec.arg_error(2, "invalid option"));
    }
    let (func, ci): (FunctionRef, Option<usize>) = match args.first() {
        Some(Value::Function(f)) => (f.clone(), None),
        Some(Value::Integer(_) | Value::Float(_) | Value::String(_)) => {
            let level = exec.check_integer(&args, 1)?;
            let n = exec.calls.len() as i64;
            if level < 0 || level >= n {
                return Ok(vec![Value::Nil]);
            }
            let index = (n - 1 - level) as usize;
            (exec.calls[index].func.clone(), Some(index))
        }
        _ => return Err(exec.arg_error(1, "function or level expected")),
    };
    let t = exec.rt.new_table(Table::new());
    let ci: Option<&CallInfo> = ci.map(|i| &exec.calls[i]);
    let proto = match &*func.0 {
        Function::Lua(c) => Some(c.proto.clone()),
        Function::Native(_) => None,
    };
    let nups = match &*func.0 {
        Function::Lua(c) => c.upvalues.borrow().len() as i64,
        Function::Native(_) => 0,
    };
    for c in &what {
        match c {
            b'S' => match &proto {
                Some(p) => {
                    set_field(&t, "source", Value::str(&p.chunk.source));
                    set_field(&t, "short_src", Value::str(&p.chunk.short_src));
                    let (ld, lld) = if p.is_main {
                        (0, 0)
                    } else {
                        (p.line_defined as i64, p.last_line_defined as i64)
                    };
                    set_field(&t, "linedefined", Value::Integer(ld));
                    set_field(&t, "lastlinedefined", Value::Integer(lld));
                    set_field(
                        &t,
                        "what",
                        Value::str(if p.is_main { "main" } else { "Lua" }),
                    );
                }
                None => {
                    set_field(&t, "source", Value::str("=[C]"));
                    set_field(&t, "short_src", Value::str("[C]"));
                    set_field(&t, "linedefined", Value::Integer(-1));
                    set_field(&t, "lastlinedefined", Value::Integer(-1));
                    set_field(&t, "what", Value::str("C"));
                }
            },
            b'l' => {
                let line = match (ci, &proto) {
                    (Some(ci), Some(_)) if ci.line > 0 => ci.line as i64,
                    _ => -1,
                };
                set_field(&t, "currentline", Value::Integer(line));
            }
            b'u' => {
                set_field(&t, "nups", Value::Integer(nups));
                let (np, va) = match &proto {
                    Some(p) => (p.num_params as i64, p.is_vararg),
                    None => (0, true),
                };
                set_field(&t, "nparams", Value::Integer(np));
                set_field(&t, "isvararg", Value::Boolean(va));
            }
            b'n' => {
                let named = ci.and_then(|ci| ci.name.kind_and_name());
                match named {
                    Some((kind, name)) => {
                        set_field(&t, "name", Value::bytes(&name));
                        set_field(&t, "namewhat", Value::str(kind));
                    }
                    None => set_field(&t, "namewhat", Value::str("")),
                }
            }
            b't' => {
                set_field(&t, "istailcall", Value::Boolean(ci.is_some_and(|c| c.tail)));
            }
            b'r' => {
                set_field(&t, "ftransfer", Value::Integer(0));
                set_field(&t, "ntransfer", Value::Integer(0));
            }
            b'f' => set_field(&t, "func", Value::Function(func.clone())),
            b'L' => {
                let lines = exec.rt.new_table(Table::new());
                set_field(&t, "activelines", Value::Table(lines));
            }
            _ => {}
        }
    }
    Ok(vec![Value::Table(t)])
}

fn getlocal(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let args = skip_thread(&args).to_vec();
    let n = exec.check_integer(&args, 2)?;
    match args.first() {
        Some(Value::Function(f)) => {
            let name = match &*f.0 {
                Function::Lua(c) if n >= 1 => c.proto.param_names.get(n as usize - 1).cloned(),
                _ => None,
            };
            Ok(vec![match name {
                Some(name) => Value::str(&name),
                None => Value::Nil,
            }])
        }
        _ => {
            let level = exec.check_integer(&args, 1)?;
            if level < 0 || level >= exec.calls.len() as i64 {
                return Err(exec.arg_error(1, "level out of range"));
            }
            // The values of locals live in the evaluator's native frames, which this
            // engine does not expose.
            Ok(vec![Value::Nil])
        }
    }
}

fn check_closure(exec: &mut Exec<'_>, args: &[Value], n: usize) -> LResult<FunctionRef> {
    match args.get(n - 1) {
        Some(Value::Function(f)) => Ok(f.clone()),
        _ => Err(exec.type_arg_error(args, n, "function")),
    }
}

fn getupvalue(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = check_closure(exec, &args, 1)?;
    let n = exec.check_integer(&args, 2)?;
    if let Function::Lua(c) = &*f.0 {
        let ups = c.upvalues.borrow();
        if n >= 1 && (n as usize) <= ups.len() {
            let name = c.proto.upvalues[n as usize - 1].name.clone();
            return Ok(vec![Value::str(&name), ups[n as usize - 1].get()]);
        }
    }
    Ok(Vec::new())
}

fn setupvalue(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = check_closure(exec, &args, 1)?;
    let n = exec.check_integer(&args, 2)?;
    let v = exec.check_any(&args, 3)?;
    if let Function::Lua(c) = &*f.0 {
        let ups = c.upvalues.borrow();
        if n >= 1 && (n as usize) <= ups.len() {
            ups[n as usize - 1].set(v);
            let name = c.proto.upvalues[n as usize - 1].name.clone();
            return Ok(vec![Value::str(&name)]);
        }
    }
    Ok(Vec::new())
}

fn upvalueid(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = check_closure(exec, &args, 1)?;
    let n = exec.check_integer(&args, 2)?;
    if let Function::Lua(c) = &*f.0 {
        let ups = c.upvalues.borrow();
        if n >= 1 && (n as usize) <= ups.len() {
            // PUC returns a light userdata; the address of the cell identifies it too.
            return Ok(vec![Value::Integer(ups[n as usize - 1].addr() as i64)]);
        }
    }
    Ok(vec![Value::Nil])
}

fn upvaluejoin(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f1 = check_closure(exec, &args, 1)?;
    let n1 = exec.check_integer(&args, 2)?;
    let f2 = check_closure(exec, &args, 3)?;
    let n2 = exec.check_integer(&args, 4)?;
    let (Function::Lua(c1), Function::Lua(c2)) = (&*f1.0, &*f2.0) else {
        return Err(exec.arg_error(1, "Lua function expected"));
    };
    let cell = {
        let ups = c2.upvalues.borrow();
        if n2 < 1 || n2 as usize > ups.len() {
            return Err(exec.arg_error(4, "invalid upvalue index"));
        }
        ups[n2 as usize - 1].clone()
    };
    let Ok(mut ups) = c1.upvalues.try_borrow_mut() else {
        return Err(exec.error("cannot join an upvalue of a running function"));
    };
    if n1 < 1 || n1 as usize > ups.len() {
        drop(ups);
        return Err(exec.arg_error(2, "invalid upvalue index"));
    }
    ups[n1 as usize - 1] = cell;
    Ok(Vec::new())
}

fn getmetatable(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = exec.check_any(&args, 1)?;
    Ok(vec![match exec.rt.metatable(&v) {
        Some(mt) => Value::Table(mt),
        None => Value::Nil,
    }])
}

fn setmetatable(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = Exec::arg(&args, 1);
    let mt = match args.get(1) {
        Some(Value::Nil) => None,
        Some(Value::Table(m)) => Some(m.clone()),
        _ => return Err(exec.type_arg_error(&args, 2, "nil or table")),
    };
    match &v {
        Value::Table(t) => t.borrow_mut().meta = mt,
        Value::Userdata(u) => *u.0.meta.borrow_mut() = mt,
        other => exec.rt.set_type_metatable(other.type_of(), mt),
    }
    let _ = (Type::Nil, LuaStr::from_text(""));
    Ok(vec![v])
}
