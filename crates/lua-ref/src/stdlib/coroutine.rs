//! The coroutine library (manual §6.2, lcorolib.c) over the machinery of `thread.rs`.

use std::rc::Rc;

use super::{library, native_named_closure, native_yieldable, set_field};
use crate::interp::Exec;
use crate::runtime::Runtime;
use crate::thread::Resumed;
use crate::value::{LResult, LuaStr, TableRef, ThreadRef, Type, Value};

pub fn open(rt: &Rc<Runtime>) -> TableRef {
    let t = library(
        rt,
        &[
            ("create", "coroutine.create", create),
            ("resume", "coroutine.resume", resume),
            ("status", "coroutine.status", status),
            ("wrap", "coroutine.wrap", wrap),
            ("running", "coroutine.running", running),
            ("close", "coroutine.close", close),
        ],
    );
    // `yield` suspends the caller; `isyieldable` must see the caller's state: neither
    // makes its Lua callees non-yieldable.
    set_field(&t, "yield", native_yieldable("coroutine.yield", yield_));
    set_field(
        &t,
        "isyieldable",
        native_yieldable("coroutine.isyieldable", isyieldable),
    );
    t
}

/// `getco`: argument 1 must be a coroutine.
fn get_thread(exec: &mut Exec<'_>, args: &[Value]) -> LResult<ThreadRef> {
    match args.first() {
        Some(Value::Thread(t)) => Ok(t.clone()),
        _ => Err(exec.type_arg_error(args, 1, "thread")),
    }
}

fn create(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = exec.check_type(&args, 1, Type::Function)?;
    Ok(vec![Value::Thread(exec.create_thread(f))])
}

fn resume(exec: &mut Exec<'_>, mut args: Vec<Value>) -> LResult<Vec<Value>> {
    let co = get_thread(exec, &args)?;
    args.remove(0);
    match exec.resume(&co, args)? {
        Resumed::Values(mut v) => {
            v.insert(0, Value::Boolean(true));
            Ok(v)
        }
        Resumed::Error(e) | Resumed::Refused(e) => Ok(vec![Value::Boolean(false), e]),
    }
}

fn yield_(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    exec.yield_values(args)
}

fn status(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let co = get_thread(exec, &args)?;
    Ok(vec![Value::str(exec.thread_status(&co))])
}

fn running(exec: &mut Exec<'_>, _args: Vec<Value>) -> LResult<Vec<Value>> {
    let co = exec.running();
    let is_main = co.0.is_main;
    Ok(vec![Value::Thread(co), Value::Boolean(is_main)])
}

fn isyieldable(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    if args.is_empty() {
        return Ok(vec![Value::Boolean(
            exec.yielder.is_some() && exec.nny == 0,
        )]);
    }
    let co = get_thread(exec, &args)?;
    let running = exec.running();
    let yieldable = if co.ptr_eq(&running) {
        exec.yielder.is_some() && exec.nny == 0
    } else {
        !co.0.is_main
    };
    Ok(vec![Value::Boolean(yieldable)])
}

fn close(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let co = get_thread(exec, &args)?;
    match exec.close_thread(&co)? {
        None => Ok(vec![Value::Boolean(true)]),
        Some(e) => Ok(vec![Value::Boolean(false), e]),
    }
}

fn wrap(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = exec.check_type(&args, 1, Type::Function)?;
    let co = exec.create_thread(f);
    let call = native_named_closure("", false, move |exec, args| {
        match exec.resume(&co, args)? {
            Resumed::Values(v) => Ok(v),
            Resumed::Error(e) => {
                // An error in the coroutine: close its variables first (which may
                // replace the error), then propagate it with the caller's position.
                let e = match exec.close_thread(&co)? {
                    Some(e2) => e2,
                    None => e,
                };
                Err(raise_prefixed(exec, e))
            }
            Resumed::Refused(e) => Err(raise_prefixed(exec, e)),
        }
    });
    Ok(vec![call])
}

/// `auxwrap`'s error: a string error gets the position of the caller prefixed.
fn raise_prefixed(exec: &mut Exec<'_>, e: Value) -> crate::interp::Throw {
    if let Value::String(s) = &e {
        let mut text = exec.where_prefix(1);
        text.extend_from_slice(s.as_bytes());
        return exec.raise(Value::String(LuaStr::new(text)));
    }
    exec.raise(e)
}
