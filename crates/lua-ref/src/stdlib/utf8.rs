//! The UTF-8 library (manual §6.5, lutf8lib.c), strict and lax.

use std::rc::Rc;

use lua_prims::utf8 as pu;

use super::{library, native, native_named_closure, set_field};
use crate::interp::Exec;
use crate::runtime::Runtime;
use crate::value::{LResult, LuaStr, TableRef, Value};

pub fn open(rt: &Rc<Runtime>) -> TableRef {
    let t = library(
        rt,
        &[
            ("offset", "utf8.offset", offset),
            ("codepoint", "utf8.codepoint", codepoint),
            ("char", "utf8.char", char),
            ("len", "utf8.len", len),
        ],
    );
    let strict = native("", |e, a| codes_next(e, a, true));
    let lax = native("", |e, a| codes_next(e, a, false));
    set_field(
        &t,
        "codes",
        native_named_closure("utf8.codes", false, move |exec, args| {
            codes(exec, args, &strict, &lax)
        }),
    );
    set_field(&t, "charpattern", Value::bytes(pu::CHARPATTERN));
    t
}

fn len(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    let i = exec.opt_integer(&args, 2, 1)?;
    let j = exec.opt_integer(&args, 3, -1)?;
    let lax = Exec::arg(&args, 4).truthy();
    match pu::len(s.as_bytes(), i, j, lax) {
        Ok(Ok(n)) => Ok(vec![Value::Integer(n)]),
        Ok(Err(p)) => Ok(vec![Value::Nil, Value::Integer(p)]),
        Err(e) => Err(exec.prims_error(e)),
    }
}

fn codepoint(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    let i = exec.opt_integer(&args, 2, 1)?;
    let j = exec.opt_integer(&args, 3, i)?;
    let lax = Exec::arg(&args, 4).truthy();
    let mut out = Vec::new();
    exec.rt
        .reserve(s.len().min(j.unsigned_abs() as usize) * 24)?;
    let r = pu::codepoint::<lua_prims::Error>(s.as_bytes(), i, j, lax, |c| {
        out.push(Value::Integer(c));
        Ok(())
    });
    match r {
        Ok(()) => {
            exec.rt.steps_n(out.len() as u64)?;
            Ok(out)
        }
        Err(e) => Err(exec.prims_error(e)),
    }
}

fn char(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let mut out = Vec::new();
    for n in 1..=args.len() {
        let c = exec.check_integer(&args, n)?;
        if let Err(e) = pu::char(c, n, &mut out) {
            return Err(exec.prims_error(e));
        }
    }
    Ok(vec![Value::String(LuaStr::new(out))])
}

fn offset(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    let n = exec.check_integer(&args, 2)?;
    let i = if Exec::is_none_or_nil(&args, 3) {
        None
    } else {
        Some(exec.check_integer(&args, 3)?)
    };
    match pu::offset(s.as_bytes(), n, i) {
        Ok(Some(p)) => Ok(vec![Value::Integer(p)]),
        Ok(None) => Ok(vec![Value::Nil]),
        Err(e) => Err(exec.prims_error(e)),
    }
}

/// `utf8.codes`: returns the same iterator every time (per mode), like PUC's light C
/// functions.
fn codes(
    exec: &mut Exec<'_>,
    args: Vec<Value>,
    strict: &Value,
    lax_iter: &Value,
) -> LResult<Vec<Value>> {
    let lax = Exec::arg(&args, 2).truthy();
    let s = exec.check_string(&args, 1)?;
    if let Err(e) = pu::codes_check(s.as_bytes()) {
        return Err(exec.prims_error(e));
    }
    let iter = if lax {
        lax_iter.clone()
    } else {
        strict.clone()
    };
    Ok(vec![iter, Value::String(s), Value::Integer(0)])
}

fn codes_next(exec: &mut Exec<'_>, args: Vec<Value>, strict: bool) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    let control = Exec::arg(&args, 2).to_integer().unwrap_or(0);
    match pu::codes_next(s.as_bytes(), control, strict) {
        Ok(Some((p, c))) => Ok(vec![Value::Integer(p), Value::Integer(c)]),
        Ok(None) => Ok(Vec::new()),
        Err(e) => Err(exec.prims_error(e)),
    }
}
