//! The parts of the operating-system library available in exec mode (manual §6.9):
//! `os.clock`, `os.time` (current time only), `os.difftime`, `os.getenv`.

use std::rc::Rc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::library;
use crate::interp::Exec;
use crate::runtime::Runtime;
use crate::value::{LResult, TableRef, Value};

thread_local! {
    static START: Instant = Instant::now();
}

pub fn open(rt: &Rc<Runtime>) -> TableRef {
    START.with(|_| {});
    library(
        rt,
        &[
            ("clock", "os.clock", clock),
            ("time", "os.time", time),
            ("difftime", "os.difftime", difftime),
            ("getenv", "os.getenv", getenv),
        ],
    )
}

fn clock(_exec: &mut Exec<'_>, _args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = START.with(|s| s.elapsed().as_secs_f64());
    Ok(vec![Value::Float(t)])
}

fn time(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    if !Exec::is_none_or_nil(&args, 1) {
        return Err(exec.error("os.time with a date table is not supported by the ref engine"));
    }
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Ok(vec![Value::Integer(t)])
}

fn difftime(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let a = exec.check_number(&args, 1)?.to_float();
    let b = exec
        .opt_number(&args, 2, lua_prims::Number::Float(0.0))?
        .to_float();
    Ok(vec![Value::Float(a - b)])
}

fn getenv(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = exec.check_string(&args, 1)?;
    let v = std::env::var_os(String::from_utf8_lossy(name.as_bytes()).as_ref());
    Ok(vec![match v {
        Some(v) => Value::str(&v.to_string_lossy()),
        None => Value::Nil,
    }])
}
