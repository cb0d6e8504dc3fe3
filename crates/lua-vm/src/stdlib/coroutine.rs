//! The coroutine library (lcorolib.c) over `coro.rs`.

use crate::coro::Resumed;
use crate::native;
use crate::native::{Args, NativeDef, Special};
use crate::stdlib::new_lib;
use crate::thread::CoStatus;
use crate::value::{ThreadRef, Value};
use crate::vm::{EXTRA_STACK, Throw, Vm};

native!(CREATE, "create", create);
native!(RESUME, "resume", resume);
native!(RUNNING, "running", running);
native!(STATUS, "status", status);
native!(WRAP, "wrap", wrap);
native!(WRAP_AUX, "wrap_aux", wrap_aux);
native!(ISYIELDABLE, "isyieldable", isyieldable);
native!(CLOSE, "close", close);

/// `coroutine.yield`: checks, then stops the coroutine with its arguments as the
/// yielded values (see `coro.rs`).
pub static YIELD: NativeDef = NativeDef {
    name: "yield",
    func: yield_,
    special: Special::None,
};

pub fn open(vm: &mut Vm) {
    new_lib(
        vm,
        "coroutine",
        &[
            &CLOSE,
            &CREATE,
            &ISYIELDABLE,
            &RESUME,
            &RUNNING,
            &STATUS,
            &WRAP,
            &YIELD,
        ],
    );
}

fn get_co(vm: &mut Vm, a: &Args) -> Result<ThreadRef, Throw> {
    match a.get(vm, 1) {
        Value::Thread(t) => Ok(t),
        _ => Err(a.type_error(vm, 1, "thread")),
    }
}

fn create(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let f = a.get(vm, 1);
    if !f.is_function() {
        return Err(a.type_error(vm, 1, "function"));
    }
    let co = vm.new_thread(f);
    vm.push(Value::Thread(co));
    Ok(1)
}

fn push_values(vm: &mut Vm, values: &[Value]) -> Result<(), Throw> {
    vm.ensure_stack(vm.th.top + values.len() + EXTRA_STACK)?;
    for &v in values {
        vm.push(v);
    }
    Ok(())
}

fn resume(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let co = get_co(vm, &a)?;
    let args = vm.th.stack[base + 1..base + n].to_vec();
    match vm.resume(co, args)? {
        Resumed::Values(values) => {
            vm.push(Value::Boolean(true));
            push_values(vm, &values)?;
            Ok(values.len() + 1)
        }
        Resumed::Error(e) => {
            vm.push(Value::Boolean(false));
            vm.push(e);
            Ok(2)
        }
    }
}

fn running(vm: &mut Vm, _base: usize, _n: usize) -> Result<usize, Throw> {
    let co = vm.current;
    vm.push(Value::Thread(co));
    vm.push(Value::Boolean(co == vm.main_thread));
    Ok(2)
}

fn status_name(st: CoStatus) -> &'static str {
    match st {
        CoStatus::Suspended => "suspended",
        CoStatus::Running => "running",
        CoStatus::Normal => "normal",
        CoStatus::Dead | CoStatus::DeadWithError => "dead",
    }
}

fn status(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let co = get_co(vm, &a)?;
    let name = status_name(vm.thread_status(co));
    let s = vm.str_value(name.as_bytes());
    vm.push(s);
    Ok(1)
}

fn isyieldable(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let co = if n == 0 { vm.current } else { get_co(vm, &a)? };
    let yieldable = if co == vm.current {
        co != vm.main_thread && vm.th.nny == 0
    } else {
        co != vm.main_thread && vm.heap.threads.get(co.0).nny == 0
    };
    vm.push(Value::Boolean(yieldable));
    Ok(1)
}

fn wrap(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let f = a.get(vm, 1);
    if !f.is_function() {
        return Err(a.type_error(vm, 1, "function"));
    }
    let co = vm.new_thread(f);
    let w = vm.new_native_closure(&WRAP_AUX, vec![Value::Thread(co)]);
    vm.push(Value::NativeClosure(w));
    Ok(1)
}

fn wrap_aux(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let Value::NativeClosure(w) = vm.th.stack[base - 1] else {
        unreachable!("wrap's function is a native closure");
    };
    let Value::Thread(co) = vm.heap.natives.get(w.0).upvals[0] else {
        unreachable!("wrap's upvalue is its coroutine");
    };
    let args = vm.th.stack[base..base + n].to_vec();
    match vm.resume(co, args)? {
        Resumed::Values(values) => {
            push_values(vm, &values)?;
            Ok(values.len())
        }
        Resumed::Error(mut e) => {
            if vm.thread_status(co) == CoStatus::DeadWithError {
                // Close its pending variables; an error there replaces the original.
                vm.roots.push(e);
                let closed = vm.close_thread(co);
                vm.roots.pop();
                if let Some(v) = closed? {
                    e = v;
                }
            }
            if let Value::String(s) = e {
                let mut text = vm.where_(1);
                text.extend_from_slice(vm.str_bytes(s));
                e = vm.str_value(&text);
            }
            Err(vm.throw_value(e))
        }
    }
}

fn close(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let co = get_co(vm, &a)?;
    match vm.thread_status(co) {
        CoStatus::Suspended | CoStatus::Dead | CoStatus::DeadWithError => {
            match vm.close_thread(co)? {
                None => {
                    vm.push(Value::Boolean(true));
                    Ok(1)
                }
                Some(e) => {
                    vm.push(Value::Boolean(false));
                    vm.push(e);
                    Ok(2)
                }
            }
        }
        st => Err(vm.lib_error(format!("cannot close a {} coroutine", status_name(st)))),
    }
}

fn yield_(vm: &mut Vm, _base: usize, _n: usize) -> Result<usize, Throw> {
    vm.yield_check()?;
    Err(Throw::Yield)
}
