//! The part of the I/O library the native sandbox has (manual §6.8): `io.write`, and the
//! `FILE*` it returns (standard output) with the methods `write`, `flush`, `setvbuf` and
//! `close` (which refuses to close a standard file). As in the native engine, its
//! metatable is protected (`getmetatable` gives `false`).

use std::cell::RefCell;
use std::rc::Rc;

use lua_prims::numfmt;

use super::{library, native, set_field};
use crate::interp::Exec;
use crate::runtime::Runtime;
use crate::table::Table;
use crate::value::{LResult, TableRef, Userdata, UserdataRef, Value};

pub fn open(rt: &Rc<Runtime>) -> TableRef {
    let t = library(rt, &[("write", "io.write", io_write)]);
    let methods = rt.new_table(Table::new());
    set_field(&methods, "write", native("", file_write));
    set_field(&methods, "flush", native("", file_flush));
    set_field(&methods, "setvbuf", native("", file_setvbuf));
    set_field(&methods, "close", native("", file_close));
    let meta = rt.new_table(Table::new());
    set_field(&meta, "__name", Value::str("FILE*"));
    set_field(&meta, "__index", Value::Table(methods));
    set_field(&meta, "__tostring", native("", file_tostring));
    set_field(&meta, "__close", native("", file_keep_open));
    set_field(&meta, "__gc", native("", file_keep_open));
    set_field(&meta, "__metatable", Value::Boolean(false));
    let stdout = Value::Userdata(UserdataRef(Rc::new(Userdata {
        meta: RefCell::new(Some(meta)),
    })));
    *rt.stdout.borrow_mut() = stdout;
    t
}

/// The standard output file.
fn stdout(exec: &Exec<'_>) -> Value {
    exec.rt.stdout.borrow().clone()
}

/// `g_write`: numbers as `%d`/`%.14g`, strings as they are; anything else is an error
/// after the values before it were written.
fn write_values(exec: &mut Exec<'_>, args: &[Value], first: usize) -> LResult<()> {
    for n in first..=args.len() {
        match &args[n - 1] {
            Value::Integer(i) => exec.rt.write(&numfmt::fmt_integer(*i))?,
            Value::Float(f) => exec.rt.write(&numfmt::fmt_float_g14(*f))?,
            Value::String(s) => exec.rt.write(s.as_bytes())?,
            _ => return Err(exec.type_arg_error(args, n, "string")),
        }
    }
    Ok(())
}

fn io_write(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    write_values(exec, &args, 1)?;
    Ok(vec![stdout(exec)])
}

/// `tofile`: argument 1 must be the standard output file.
fn check_file(exec: &mut Exec<'_>, args: &[Value]) -> LResult<Value> {
    let out = stdout(exec);
    match args.first() {
        Some(f) if f.raw_equal(&out) => Ok(out),
        _ => Err(exec.type_arg_error(args, 1, "FILE*")),
    }
}

fn file_write(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let out = check_file(exec, &args)?;
    write_values(exec, &args, 2)?;
    Ok(vec![out])
}

fn file_flush(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    check_file(exec, &args)?;
    Ok(vec![Value::Boolean(true)])
}

fn file_setvbuf(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    check_file(exec, &args)?;
    exec.check_option(&args, 2, None, &["no", "full", "line"])?;
    exec.opt_integer(&args, 3, 1024)?;
    Ok(vec![Value::Boolean(true)])
}

/// `io_noclose`: a standard file stays open.
fn file_close(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    check_file(exec, &args)?;
    Ok(vec![Value::Nil, Value::str("cannot close standard file")])
}

/// `__close` and `__gc` of a standard file: nothing to do.
fn file_keep_open(_exec: &mut Exec<'_>, _args: Vec<Value>) -> LResult<Vec<Value>> {
    Ok(Vec::new())
}

fn file_tostring(_exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let addr = args.first().and_then(Value::addr).unwrap_or(0);
    Ok(vec![Value::str(&format!("file ({addr:#x})"))])
}
