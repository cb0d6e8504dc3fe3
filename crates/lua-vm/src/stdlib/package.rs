//! `require` and `package` (exec mode only): `package.loaded`, `package.preload` and
//! Lua files found through `package.path` (default `./?.lua`).

use crate::native;
use crate::native::Args;
use crate::stdlib::set_field;
use crate::table::Table;
use crate::value::Value;
use crate::vm::{Throw, Vm};

native!(REQUIRE, "require", require);

pub fn open(vm: &mut Vm) {
    let package = vm.new_table(Table::new());
    let loaded = vm.loaded;
    set_field(vm, package, "loaded", Value::Table(loaded));
    let preload = vm.new_table(Table::new());
    set_field(vm, package, "preload", Value::Table(preload));
    let path = vm.str_value(b"./?.lua");
    set_field(vm, package, "path", path);
    let cpath = vm.str_value(b"");
    set_field(vm, package, "cpath", cpath);
    let config = vm.str_value(b"/\n;\n?\n!\n-\n");
    set_field(vm, package, "config", config);
    let g = vm.globals;
    set_field(vm, g, "package", Value::Table(package));
    set_field(vm, loaded, "package", Value::Table(package));
    set_field(vm, g, "require", Value::Native(&REQUIRE));
}

fn field(vm: &mut Vm, t: Value, name: &str) -> Value {
    match t {
        Value::Table(h) => {
            let key = vm.str_value(name.as_bytes());
            vm.heap.table(h).get(key)
        }
        _ => Value::Nil,
    }
}

fn require(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let name_ref = a.check_str(vm, 1)?;
    let name = vm.str_bytes(name_ref).to_vec();
    let loaded = vm.loaded;
    let key = Value::String(name_ref);
    let existing = vm.heap.table(loaded).get(key);
    if existing.truthy() {
        vm.push(existing);
        return Ok(1);
    }
    let package = field(vm, Value::Table(vm.globals), "package");
    let preload = field(vm, package, "preload");
    let mut tried = Vec::new();
    let name_text = String::from_utf8_lossy(&name).into_owned();
    let (loader, extra) = 'found: {
        if let Value::Table(p) = preload {
            let f = vm.heap.table(p).get(key);
            if !f.is_nil() {
                let extra = vm.str_value(b":preload:");
                break 'found (f, extra);
            }
        }
        tried.push(format!("\n\tno field package.preload['{name_text}']"));
        let path = match field(vm, package, "path") {
            Value::String(s) => String::from_utf8_lossy(vm.str_bytes(s)).into_owned(),
            _ => return Err(vm.lib_error("'package.path' must be a string")),
        };
        let file_name = name_text.replace('.', "/");
        for template in path.split(';') {
            if template.is_empty() {
                continue;
            }
            let candidate = template.replace('?', &file_name);
            match std::fs::read(&candidate) {
                Ok(source) => {
                    let chunkname = format!("@{candidate}");
                    match vm.load_chunk(&source, &chunkname) {
                        Ok(f) => {
                            let extra = vm.str_value(candidate.as_bytes());
                            break 'found (Value::LuaFn(f), extra);
                        }
                        Err(msg) => {
                            let mut text = format!(
                                "error loading module '{name_text}' from file '{candidate}':\n\t"
                            )
                            .into_bytes();
                            text.extend_from_slice(&msg);
                            return Err(vm.lib_error(text));
                        }
                    }
                }
                Err(_) => tried.push(format!("\n\tno file '{candidate}'")),
            }
        }
        let msg = format!("module '{name_text}' not found:{}", tried.concat());
        return Err(vm.lib_error(msg));
    };
    vm.roots.push(extra);
    let r = vm.call_value(loader, &[key, extra], 1);
    vm.roots.pop();
    let r = r?;
    let mut result = vm.th.stack[r.start];
    vm.th.top = r.start;
    if !result.is_nil() {
        vm.heap.table_set(loaded, key, result);
    }
    let now = vm.heap.table(loaded).get(key);
    if now.is_nil() {
        result = Value::Boolean(true);
        vm.heap.table_set(loaded, key, result);
    } else {
        result = now;
    }
    vm.push(result);
    vm.push(extra);
    Ok(2)
}
