//! PUC-Rio Lua 5.4 itself, through mlua (vendored, with `LUA_COMPAT_5_3`): the engine every other engine must agree with.
//!
//! Each program runs in a fresh state (see `sandbox.rs` for the libraries and limits,
//! `prelude.lua` for the wrappers), on a thread with a large stack ([`STACK_BYTES`]; a
//! worker thread, or the caller's own: see `lua_engine::worker`): PUC recurses on the C
//! stack (the parser, metamethods, `pcall`, coroutines) up to its own limit of 200 C
//! levels, and a small stack would abort the process before Lua's limit is reached.
//!
//! Limits: fuel is counted with an instruction-count hook (one call per 1000 VM
//! instructions, then on every instruction once exhausted); memory with mlua's
//! allocator limit, never below [`MIN_MEMORY_LIMIT`]; output bytes in the output sink;
//! wall time in the hook, plus a watchdog when `Limits::wall_time` is set and the
//! program runs on a worker thread. The same hook
//! gives `Cost::instructions`: the hook's calls times its period
//! ([`INSTRUCTION_COUNT_PERIOD`]), a lower bound within one period of the true count.
//! `Limits::depth` is not imposed: call depth is whatever PUC allows (about 200 C
//! levels and a Lua stack of 1,000,000 slots), and reaching it ("stack overflow",
//! "C stack overflow") ends the run as `Exhausted(Depth)`.
//!
//! Known limits of the sandbox: a finalizer (`__gc`) runs with hooks disabled, so an
//! endless loop inside one is stopped only by a watchdog: this engine's (when a
//! wall-time limit is set and the program runs on the engine's worker thread) or the
//! caller's (a campaign's, when it runs engines on its own thread); a `__close` handler that raises a new error while a resource error unwinds
//! replaces it before any catch point sees it.
//!
//! # Differences from plain PUC-Rio Lua 5.4.9
//!
//! `print`, `io.write` (and the methods of the file it returns), `load`, `pcall`, `xpcall`,
//! `coroutine.resume`, `coroutine.close` and `string.dump` are Lua functions of the
//! prelude, not C functions: mlua wraps every error raised from a Rust callback in a
//! userdata, and registering C functions by hand would need `unsafe`, which only lua-vm
//! may use. Called normally, each raises its own errors with PUC's message, position and
//! value (`tests/wrappers.rs` checks every one against `lua5.4.9-sandbox`). Two things
//! cannot be hidden, because a wrapper is a real Lua frame:
//!
//! * **Tail calls.** When a program tail-calls a wrapper (`return pcall()`), the caller's
//!   frame is gone before the wrapper runs, so the wrapper's own errors carry no
//!   `chunk:line:` position (PUC keeps the caller's frame under a C function) and name
//!   the function by its global name.
//! * **Error levels.** `error(msg, level)` in a function called by `pcall`, `xpcall`,
//!   `print` (a `__tostring`) or `load` (a reader) counts the wrapper's frame too: a
//!   level that reaches the wrapper's caller in PUC lands on the wrapper, which has no
//!   position, and higher levels are shifted by one frame (two for a reader).
//!
//! Both, and every other known difference (binary chunks are refused, the `FILE*`
//! metatable, `arg`, resource errors), are listed in `COMPATIBILITY.md`. Generated and
//! conformance programs avoid these patterns.

mod run;
mod sandbox;

use std::time::Duration;

use lua_engine::worker::{Worker, WorkerError};
use lua_engine::{Cost, End, Engine, Limits, Outcome, Program, Resource};

pub use run::observe;
pub use sandbox::{HOOK_PERIOD as INSTRUCTION_COUNT_PERIOD, MIN_MEMORY_LIMIT, resource_of_error};

/// The exact Lua release compiled in, read from the vendored lua.h at build time.
pub const LUA_RELEASE: &str = env!("LUADIFF_LUA_RELEASE");

/// The mlua release, pinned with `=` in the workspace's Cargo.toml.
pub const MLUA_VERSION: &str = "0.12.2";

/// The stack programs need (the worker thread's, or the caller's: see
/// `lua_engine::worker`).
pub const STACK_BYTES: usize = 64 << 20;

/// How long past `Limits::wall_time` the watchdog waits for the worker before it gives
/// the worker up (the hook normally stops the program at the limit itself).
const WATCHDOG_GRACE: Duration = Duration::from_secs(2);

/// What this engine is, for reports: "PUC-Rio Lua 5.4.9 through mlua 0.12.2".
pub fn description() -> String {
    format!("PUC-Rio {LUA_RELEASE} through mlua {MLUA_VERSION}")
}

/// Compiles `source` with PUC's `load` (text mode) without running it, for the
/// front-end benchmark. Returns the syntax error message on failure.
pub fn compile_only(source: &[u8], chunkname: &str) -> Result<(), String> {
    thread_local! {
        static COMPILER: mlua::Lua = mlua::Lua::new_with(mlua::StdLib::NONE, mlua::LuaOptions::new())
            .expect("a bare Lua state");
    }
    COMPILER.with(|lua| {
        lua.load(source)
            .set_name(chunkname)
            .set_mode(mlua::chunk::ChunkMode::Text)
            .into_function()
            .map(drop)
            .map_err(|error| match error {
                mlua::Error::SyntaxError { message, .. } => message,
                // The parser's nesting limit ("C stack overflow") is raised as a runtime
                // error (luaE_checkcstack); `load` returns its message like any other.
                mlua::Error::RuntimeError(message) => message,
                other => other.to_string(),
            })
    })
}

/// The `native` engine.
pub struct NativeEngine {
    worker: Worker<(), run::Finished>,
    last_traceback: Option<Vec<u8>>,
}

impl NativeEngine {
    pub fn new() -> NativeEngine {
        NativeEngine {
            worker: Worker::new("lua-native", STACK_BYTES, |(), program, limits| {
                run::execute(program, limits)
            }),
            last_traceback: None,
        }
    }
}

impl Default for NativeEngine {
    fn default() -> NativeEngine {
        NativeEngine::new()
    }
}

impl Engine for NativeEngine {
    fn name(&self) -> &str {
        "native"
    }

    fn description(&self) -> String {
        description()
    }

    fn run(&mut self, program: &Program<'_>, limits: &Limits) -> Outcome {
        self.last_traceback = None;
        let timeout = limits
            .wall_time
            .map(|wall| wall.saturating_add(WATCHDOG_GRACE));
        match self.worker.run(&(), program, limits, timeout) {
            Ok(finished) => {
                self.last_traceback = finished.traceback;
                finished.outcome
            }
            Err(WorkerError::Spawn(error)) => {
                Outcome::crashed(format!("cannot start the native worker thread: {error}"))
            }
            Err(WorkerError::Panicked(message)) => {
                Outcome::crashed(format!("panic in the native engine: {message}"))
            }
            // The program is stuck where the hook cannot reach (a finalizer, one long C
            // call); its thread was abandoned.
            Err(WorkerError::TimedOut) => Outcome {
                output: Vec::new(),
                end: End::Exhausted(Resource::Time),
                cost: Cost {
                    wall: timeout.unwrap_or_default(),
                    ..Cost::default()
                },
            },
            Err(WorkerError::Died) => Outcome::crashed("the native engine's worker thread died"),
        }
    }

    fn last_traceback(&self) -> Option<Vec<u8>> {
        self.last_traceback.clone()
    }
}
