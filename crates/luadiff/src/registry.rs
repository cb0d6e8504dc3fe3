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
        "vm-O1" => vm_engine(&VmSpec::level(1)),
        _ if name.starts_with("vm:") => vm_engine(&VmSpec::parse(name)?),
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

/// A stack size on which every built-in engine runs its programs on the calling thread,
/// when that thread was started by `lua_engine::worker::run_with_stack` with it: the
/// largest any engine asks for, plus room for the harness's own frames.
pub fn engine_stack_bytes() -> usize {
    let largest = lua_ref::MAIN_STACK_BYTES
        .max(lua_vm::engine::STACK_BYTES)
        .max(lua_native::STACK_BYTES);
    largest + (16 << 20)
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

/// A configuration of our VM, for bisecting optimizer bugs and for campaigns that
/// compare configurations. Its engine name is `vm:` followed by colon-separated items:
/// the level `O0`, `O1` or `O2` (default `O2`), passes switched off (`-fold`) or on
/// (`+fold`), and the optimization fuel `fuel=N` (the first N rewrites only; see
/// `LUAVM_OPT_FUEL`). For example `vm:O2:-fold:-threading` or `vm:fuel=17`. Commas are
/// not used, so such names fit in `--engines` lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VmSpec {
    /// 0, 1 or 2.
    pub level: u8,
    /// `-pass` or `+pass` items, in order.
    pub passes: Vec<String>,
    pub fuel: Option<u64>,
}

impl VmSpec {
    /// Every pass of `level`, no fuel limit.
    pub fn level(level: u8) -> VmSpec {
        VmSpec {
            level,
            passes: Vec::new(),
            fuel: None,
        }
    }

    /// Parses `vm:ITEM:ITEM...` (see [`VmSpec`]).
    pub fn parse(name: &str) -> Result<VmSpec, EngineError> {
        let bad = |why: String| EngineError::BadExt(format!("engine '{name}': {why}"));
        let body = name
            .strip_prefix("vm:")
            .ok_or_else(|| bad("a VM configuration starts with 'vm:'".to_string()))?;
        let mut spec = VmSpec::level(2);
        for item in body.split(':').filter(|item| !item.is_empty()) {
            if let Some(fuel) = item.strip_prefix("fuel=") {
                spec.fuel = Some(
                    fuel.parse()
                        .map_err(|_| bad(format!("invalid fuel '{fuel}'")))?,
                );
            } else if item.starts_with(['-', '+']) {
                spec.passes.push(item.to_string());
            } else {
                let level = lua_vm::OptLevel::parse(item).map_err(bad)?;
                spec.level = level as u8;
            }
        }
        spec.config().map_err(bad)?;
        Ok(spec)
    }

    /// The engine name, `vm:O2:-fold:fuel=17` (parses back to the same spec).
    pub fn name(&self) -> String {
        let mut name = format!("vm:O{}", self.level);
        for pass in &self.passes {
            name.push(':');
            name.push_str(pass);
        }
        if let Some(fuel) = self.fuel {
            name.push_str(&format!(":fuel={fuel}"));
        }
        name
    }

    fn config(&self) -> Result<lua_vm::CompileConfig, String> {
        let level = match self.level {
            0 => lua_vm::OptLevel::O0,
            1 => lua_vm::OptLevel::O1,
            2 => lua_vm::OptLevel::O2,
            other => return Err(format!("invalid optimization level {other}")),
        };
        let mut config = lua_vm::CompileConfig::new(level).with_passes(&self.passes.join(","))?;
        config.opt_fuel = self.fuel;
        Ok(config)
    }
}

/// Builds the VM engine for `spec`, named [`VmSpec::name`] (`vm-O1` for the plain -O1).
pub fn vm_engine(spec: &VmSpec) -> Result<Box<dyn Engine>, EngineError> {
    let config = spec.config().map_err(EngineError::BadExt)?;
    let name = if *spec == VmSpec::level(1) {
        "vm-O1".to_string()
    } else {
        spec.name()
    };
    Ok(Box::new(lua_vm::VmEngine::with_name(&name, config)))
}

/// The optimization passes the VM runs at `level`, by name, in its table order.
pub fn vm_passes(level: u8) -> Vec<&'static str> {
    lua_vm::Pass::ALL
        .iter()
        .filter(|pass| pass.level() as u8 <= level)
        .map(|pass| pass.name())
        .collect()
}

/// How many rewrites the VM's optimizer makes compiling `source` under `spec` (what
/// `fuel=N` counts), or the syntax error.
pub fn vm_rewrites(source: &[u8], chunkname: &str, spec: &VmSpec) -> Result<u64, String> {
    let config = spec.config()?;
    let chunk = lua_syntax::parse(source, chunkname).map_err(|e| e.message)?;
    let (_, stats) =
        lua_vm::compile_with_stats(&chunk, chunkname, &config).map_err(|e| e.message)?;
    Ok(stats.applications)
}

/// Rewrite number `n` (1-based) of compiling `source` under `spec`, as the VM describes
/// it: "pass `fold`, application 17, function at line 3 (code at line 5)".
pub fn vm_rewrite(
    source: &[u8],
    chunkname: &str,
    spec: &VmSpec,
    n: u64,
) -> Result<Option<String>, String> {
    let config = spec.config()?;
    let chunk = lua_syntax::parse(source, chunkname).map_err(|e| e.message)?;
    let application =
        lua_vm::find_application(&chunk, chunkname, &config, n).map_err(|e| e.message)?;
    Ok(application.map(|a| a.to_string()))
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
        assert_eq!(
            engine("vm-O1").map(|e| e.name().to_string()),
            Ok("vm-O1".to_string())
        );
        assert_eq!(
            engine("vm:O2:-fold:fuel=17").map(|e| e.name().to_string()),
            Ok("vm:O2:-fold:fuel=17".to_string())
        );
        assert_eq!(
            VmSpec::parse("vm:fuel=3:O1:+fold").map(|s| s.name()),
            Ok("vm:O1:+fold:fuel=3".to_string())
        );
        assert!(engine("vm:-nosuch").is_err());
        assert!(engine("vm:O7").is_err());
        assert!(engine("vm:fuel=x").is_err());
        assert!(vm_passes(2).contains(&"fold"));
        assert!(!vm_passes(1).contains(&"fold"));
        assert!(observes_return_values("native"));
        assert!(!observes_return_values("ext:lua5.4"));
    }
}
