//! The standard library: the same functions and the same messages as PUC-Rio Lua 5.4.9's
//! (with LUA_COMPAT_5_3), in the sandbox shape the native engine has: base, string,
//! table, math, utf8, coroutine and an `io` table with only `write`; in exec mode also
//! `os.clock`/`os.time`, a `debug` subset, `require` and `package`.
//!
//! Natives follow one rule that keeps the collector safe (see `gc.rs`): a native that
//! calls back into Lua holds no heap value only in Rust locals across that call; it keeps
//! them on the stack (its arguments are) or in `Vm::roots`, or it raises `Vm::gc_block`.

pub mod base;
pub mod coroutine;
pub mod debug;
pub mod io;
pub mod math;
pub mod os;
pub mod package;
pub mod string;
pub mod table;
pub mod utf8;

use crate::native::NativeDef;
use crate::table::Table;
use crate::value::{TableRef, Value};
use crate::vm::Vm;

/// Stores `funcs` in `t` under their names.
pub fn register(vm: &mut Vm, t: TableRef, funcs: &[&'static NativeDef]) {
    for def in funcs {
        let key = vm.str_value(def.name.as_bytes());
        vm.heap.table_set(t, key, Value::Native(def));
    }
}

/// Sets `t[name] = v`.
pub fn set_field(vm: &mut Vm, t: TableRef, name: &str, v: Value) {
    let key = vm.str_value(name.as_bytes());
    vm.heap.table_set(t, key, v);
}

/// Creates a library table, registers it as global `name` and in `package.loaded`.
pub fn new_lib(vm: &mut Vm, name: &str, funcs: &[&'static NativeDef]) -> TableRef {
    let t = vm.new_table(Table::new());
    register(vm, t, funcs);
    let g = vm.globals;
    set_field(vm, g, name, Value::Table(t));
    let loaded = vm.loaded;
    set_field(vm, loaded, name, Value::Table(t));
    t
}

/// Opens every library of the run's mode.
pub fn open_libs(vm: &mut Vm) {
    base::open(vm);
    coroutine::open(vm);
    table::open(vm);
    io::open(vm);
    string::open(vm);
    math::open(vm);
    utf8::open(vm);
    if vm.exec_mode {
        os::open(vm);
        debug::open(vm);
        package::open(vm);
    }
}
