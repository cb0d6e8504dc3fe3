//! The engine registry: the one place that maps an engine name to a concrete engine.
//!
//! Architecture Invariant: engines never depend on each other; only this file names them.
//! To plug in a new engine, add one match arm to [`engine`] (and its name to
//! [`BUILT_IN`] if it is one of ours).

use std::fmt;

use lua_engine::Engine;

use crate::ext::ExtEngine;

/// The engine `luadiff exec` uses when none is given. It becomes `vm` once the VM exists.
pub const DEFAULT_EXEC_ENGINE: &str = "native";

/// Our own engines, in the order reports list them. `ext:COMMAND` engines come on top.
pub const BUILT_IN: &[&str] = &["native", "ref", "vm", "vm-O0"];

/// Why an engine name gave no engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// Not a name the registry knows.
    Unknown(String),
    /// One of ours, still being written.
    NotBuiltYet(String),
    /// `ext:` without a usable command, or an engine list that makes no sense.
    BadExt(String),
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::Unknown(name) => {
                write!(
                    f,
                    "unknown engine '{name}' (known: {}, ext:COMMAND)",
                    BUILT_IN.join(", ")
                )
            }
            EngineError::NotBuiltYet(name) => write!(f, "engine '{name}' is not built yet"),
            EngineError::BadExt(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for EngineError {}

/// Builds the engine called `name`: `native`, `ref`, `vm` (default optimisation),
/// `vm-O0` (no optimisation), or `ext:COMMAND` (any Lua interpreter run as a subprocess).
pub fn engine(name: &str) -> Result<Box<dyn Engine>, EngineError> {
    if let Some(command) = name.strip_prefix("ext:") {
        return Ok(Box::new(ExtEngine::new(command)?));
    }
    match name {
        "native" => Ok(Box::new(lua_native::NativeEngine::new())),
        // The engines being written. Each author replaces its arm with the constructor,
        // for example `"ref" => Ok(Box::new(lua_ref::RefEngine::new())),`.
        "ref" => Ok(Box::new(lua_ref::RefEngine::new())),
        "vm" => Ok(Box::new(lua_vm::VmEngine::new(
            lua_vm::CompileConfig::from_env(),
        ))),
        "vm-O0" => Ok(Box::new(lua_vm::VmEngine::new(lua_vm::CompileConfig::new(
            lua_vm::OptLevel::O0,
        )))),
        _ => Err(EngineError::Unknown(name.to_string())),
    }
}

/// Like [`engine`], except that `vm` also counts the opcodes it executes
/// (`Cost::counters` entries `op:NAME`), for the campaigns' opcode coverage.
pub fn engine_counting_ops(name: &str) -> Result<Box<dyn Engine>, EngineError> {
    match name {
        "vm" => Ok(Box::new(
            lua_vm::VmEngine::new(lua_vm::CompileConfig::from_env()).with_op_counters(true),
        )),
        _ => engine(name),
    }
}

/// The names of the VM's opcodes, as `engine_counting_ops("vm")` reports them (`ADDI`
/// for the counter `op:ADDI`).
pub fn vm_opcode_names() -> Vec<&'static str> {
    lua_vm::opcodes::OpCode::ALL
        .iter()
        .map(|op| op.name())
        .collect()
}

/// The built-in engines that exist in this build, in [`BUILT_IN`] order.
pub fn available() -> Vec<&'static str> {
    BUILT_IN
        .iter()
        .copied()
        .filter(|name| engine(name).is_ok())
        .collect()
}

/// The built-in engines that do not exist yet.
pub fn not_built_yet() -> Vec<&'static str> {
    BUILT_IN
        .iter()
        .copied()
        .filter(|name| matches!(engine(name), Err(EngineError::NotBuiltYet(_))))
        .collect()
}

/// Whether the engine reports what the main chunk returns. The `lua` command behind an
/// `ext:` engine discards it.
pub fn observes_return_values(name: &str) -> bool {
    !name.starts_with("ext:")
}

/// Parses a comma-separated engine list (`native,ext:lua5.4`), checking every name.
pub fn parse_list(list: &str) -> Result<Vec<String>, EngineError> {
    let names: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect();
    if names.is_empty() {
        return Err(EngineError::BadExt("the engine list is empty".to_string()));
    }
    for (index, name) in names.iter().enumerate() {
        if names[..index].contains(name) {
            return Err(EngineError::BadExt(format!(
                "engine '{name}' is listed twice"
            )));
        }
        engine(name)?;
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_engines_or_clear_errors() {
        assert_eq!(
            engine("native").map(|e| e.name().to_string()),
            Ok("native".to_string())
        );
        for name in not_built_yet() {
            assert_eq!(
                engine(name).err().map(|e| e.to_string()),
                Some(format!("engine '{name}' is not built yet"))
            );
            assert!(!available().contains(&name));
        }
        assert_eq!(
            engine("luajit").err().map(|e| e.to_string()),
            Some(
                "unknown engine 'luajit' (known: native, ref, vm, vm-O0, ext:COMMAND)".to_string()
            )
        );
        assert!(matches!(engine("ext:"), Err(EngineError::BadExt(_))));
        assert_eq!(
            engine("ext:lua5.4").map(|e| e.name().to_string()),
            Ok("ext:lua5.4".to_string())
        );
        assert!(available().contains(&"native"));
        assert!(observes_return_values("native"));
        assert!(!observes_return_values("ext:lua5.4"));
    }
}
