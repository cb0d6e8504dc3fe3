//! `require` and the `package` table (manual §6.3), in exec mode only: modules come from
//! `package.preload` or from Lua files found through `package.path` (`./?.lua`).

use std::rc::Rc;

use super::{native, set_field};
use crate::interp::Exec;
use crate::runtime::Runtime;
use crate::table::Table;
use crate::value::{LResult, TableRef, Value};

pub fn open(rt: &Rc<Runtime>, g: &TableRef) {
    let package = rt.new_table(Table::new());
    set_field(&package, "loaded", Value::Table(rt.loaded.clone()));
    set_field(
        &package,
        "preload",
        Value::Table(rt.new_table(Table::new())),
    );
    set_field(&package, "path", Value::str("./?.lua"));
    set_field(&package, "cpath", Value::str(""));
    set_field(&package, "config", Value::str("/\n;\n?\n!\n-\n"));
    set_field(g, "package", Value::Table(package.clone()));
    set_field(&rt.loaded, "package", Value::Table(package));
    set_field(g, "require", native("require", require));
}

fn field(t: &Value, name: &str) -> Value {
    match t {
        Value::Table(t) => t.borrow().get(&Value::str(name)),
        _ => Value::Nil,
    }
}

fn require(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = exec.check_string(&args, 1)?;
    let key = Value::String(name.clone());
    let loaded = exec.rt.loaded.clone();
    let existing = loaded.borrow().get(&key);
    if existing.truthy() {
        return Ok(vec![existing]);
    }
    let package = field(&Value::Table(exec.rt.globals.clone()), "package");
    let preload = field(&package, "preload");
    let mut loader = field(&preload, &name.to_str_lossy());
    let mut extra = Value::str(":preload:");
    let mut tried = Vec::new();
    if loader.is_nil() {
        tried.extend_from_slice(
            format!("\n\tno field package.preload['{}']", name.to_str_lossy()).as_bytes(),
        );
        let path = match field(&package, "path") {
            Value::String(s) => s.to_str_lossy().into_owned(),
            _ => "./?.lua".to_string(),
        };
        let module = name.to_str_lossy().replace('.', "/");
        for template in path.split(';') {
            let file = template.replace('?', &module);
            match std::fs::read(&file) {
                Ok(source) => {
                    let chunkname = format!("@{file}");
                    match crate::compile(exec, &source, &chunkname, true) {
                        Ok(proto) => {
                            let cell = exec.rt.new_cell(Value::Table(exec.rt.globals.clone()));
                            loader = crate::main_closure(proto, cell);
                            extra = Value::str(&file);
                        }
                        Err(crate::interp::Throw::Error(msg)) => {
                            let mut text = format!(
                                "error loading module '{}' from file '{}':\n\t",
                                name.to_str_lossy(),
                                file
                            )
                            .into_bytes();
                            if let Value::String(m) = &msg {
                                text.extend_from_slice(m.as_bytes());
                            }
                            return Err(exec.error(text));
                        }
                        Err(other) => return Err(other),
                    }
                    break;
                }
                Err(_) => tried.extend_from_slice(format!("\n\tno file '{file}'").as_bytes()),
            }
        }
    }
    if loader.is_nil() {
        let mut msg = format!("module '{}' not found:", name.to_str_lossy()).into_bytes();
        msg.extend_from_slice(&tried);
        return Err(exec.error(msg));
    }
    let r = exec.call(loader, vec![key.clone(), extra.clone()])?;
    let value = r.into_iter().next().unwrap_or_default();
    if !value.is_nil() {
        let _ = loaded.borrow_mut().set(key.clone(), value);
    }
    let mut v = loaded.borrow().get(&key);
    if v.is_nil() {
        v = Value::Boolean(true);
        let _ = loaded.borrow_mut().set(key, v.clone());
    }
    Ok(vec![v, extra])
}
