//! The `io` table of the sandbox: only `write`, which returns a `FILE*` userdata for the
//! standard output with the methods whose results do not depend on what the process's
//! output is (`write`, `close`, `flush`, `setvbuf`), as the native engine's sandbox has it.

use lua_prims::numfmt;

use crate::func::{Userdata, UserdataKind};
use crate::native;
use crate::native::Args;
use crate::stdlib::{new_lib, register, set_field};
use crate::table::Table;
use crate::value::Value;
use crate::vm::{Throw, Vm};

native!(WRITE, "write", io_write);
native!(FILE_WRITE, "write", file_write);
native!(FILE_CLOSE_METHOD, "close", file_close_method);
native!(FILE_FLUSH, "flush", file_flush);
native!(FILE_SETVBUF, "setvbuf", file_setvbuf);
native!(FILE_TOSTRING, "__tostring", file_tostring);
native!(FILE_CLOSE, "__close", file_close);

pub fn open(vm: &mut Vm) {
    let methods = vm.new_table(Table::new());
    register(
        vm,
        methods,
        &[&FILE_WRITE, &FILE_CLOSE_METHOD, &FILE_FLUSH, &FILE_SETVBUF],
    );
    let mt = vm.new_table(Table::new());
    let name = vm.str_value(b"FILE*");
    set_field(vm, mt, "__name", name);
    set_field(vm, mt, "__index", Value::Table(methods));
    set_field(vm, mt, "__tostring", Value::Native(&FILE_TOSTRING));
    set_field(vm, mt, "__close", Value::Native(&FILE_CLOSE));
    let stdout = vm.new_userdata(Userdata {
        metatable: Some(mt),
        kind: UserdataKind::Stdout,
        user_value: Value::Nil,
    });
    vm.stdout = Some(stdout);
    new_lib(vm, "io", &[&WRITE]);
}

/// `g_write`: numbers as `%.14g` (integers in decimal), strings as they are.
fn write_values(vm: &mut Vm, a: &Args, first: usize) -> Result<(), Throw> {
    for i in first..=a.n {
        let v = a.get(vm, i);
        match v {
            Value::String(s) => {
                let bytes = vm.str_bytes(s).to_vec();
                vm.write_output(&bytes)?;
            }
            Value::Integer(_) | Value::Float(_) => {
                let n = v.as_number().expect("a number");
                vm.write_output(&numfmt::fmt_number_io(n))?;
            }
            _ => return Err(a.type_error(vm, i, "string")),
        }
    }
    Ok(())
}

fn io_write(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    write_values(vm, &a, 1)?;
    let f = vm.stdout.map_or(Value::Nil, Value::Userdata);
    vm.push(f);
    Ok(1)
}

fn is_stdout(vm: &Vm, v: Value) -> bool {
    matches!(v, Value::Userdata(u) if Some(u) == vm.stdout)
}

fn file_write(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let f = a.get(vm, 1);
    if !is_stdout(vm, f) {
        return Err(a.type_error(vm, 1, "FILE*"));
    }
    write_values(vm, &a, 2)?;
    vm.push(f);
    Ok(1)
}

/// The standard output argument of a method (`tofile`).
fn check_file(vm: &mut Vm, a: &Args) -> Result<Value, Throw> {
    let f = a.get(vm, 1);
    if !is_stdout(vm, f) {
        return Err(a.type_error(vm, 1, "FILE*"));
    }
    Ok(f)
}

/// `file:close()` on a standard file (`io_noclose`): it stays open.
fn file_close_method(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    check_file(vm, &a)?;
    vm.push(Value::Nil);
    let msg = vm.str_value(b"cannot close standard file");
    vm.push(msg);
    Ok(2)
}

/// `file:flush()`: the output is already in the outcome.
fn file_flush(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    check_file(vm, &a)?;
    vm.push(Value::Boolean(true));
    Ok(1)
}

/// `file:setvbuf(mode, size)`: the arguments are checked; buffering changes nothing here.
fn file_setvbuf(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    check_file(vm, &a)?;
    let mode = a.check_str(vm, 2)?;
    let mode_bytes = vm.str_bytes(mode).to_vec();
    if !matches!(mode_bytes.as_slice(), b"no" | b"full" | b"line") {
        let mut msg = b"invalid option '".to_vec();
        msg.extend_from_slice(&mode_bytes);
        msg.push(b'\'');
        return Err(vm.arg_error(2, msg));
    }
    a.opt_integer(vm, 3, 0)?;
    vm.push(Value::Boolean(true));
    Ok(1)
}

fn file_tostring(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let f = a.get(vm, 1);
    let text = format!("file ({})", vm.address_text(f));
    let s = vm.str_value(text.as_bytes());
    vm.push(s);
    Ok(1)
}

fn file_close(_vm: &mut Vm, _base: usize, _n: usize) -> Result<usize, Throw> {
    // Closing a standard file does nothing (io_noclose).
    Ok(0)
}
