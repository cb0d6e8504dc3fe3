//! The `ref` engine: runs each program from a fresh state on a thread with a large native
//! stack (a worker thread, or the caller's own: see `lua_engine::worker`), and reports
//! the outcome through the `Engine` trait.

use std::time::Instant;

use lua_engine::worker::{Worker, WorkerError};
use lua_engine::{Cost, End, Engine, ErrorKind, Limits, LuaError, Observed, Outcome, Program};

use crate::interp::{Exec, Handler, Site, Throw};
use crate::runtime::{Event, Runtime};
use crate::table::Table;
use crate::value::Value;
use crate::{compile, heap, main_closure, stdlib};

/// The native stack a run needs (address space; pages are committed as used).
/// Deep recursion ends as `Exhausted(Depth)` well before it runs out.
pub const MAIN_STACK_BYTES: usize = 1 << 30;

/// How long past `Limits::wall_time` a run may take before its worker is abandoned.
const WATCHDOG_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// The `ref` engine.
pub struct RefEngine {
    worker: Worker<(), (Outcome, Option<Vec<u8>>)>,
    last_traceback: Option<Vec<u8>>,
}

impl RefEngine {
    pub fn new() -> RefEngine {
        RefEngine {
            worker: Worker::new("lua-ref", MAIN_STACK_BYTES, |(), program, limits| {
                run_program(program, limits)
            }),
            last_traceback: None,
        }
    }
}

impl Default for RefEngine {
    fn default() -> RefEngine {
        RefEngine::new()
    }
}

impl Engine for RefEngine {
    fn name(&self) -> &str {
        "ref"
    }

    fn description(&self) -> String {
        "lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)".to_string()
    }

    fn run(&mut self, program: &Program<'_>, limits: &Limits) -> Outcome {
        self.last_traceback = None;
        // The evaluator checks the clock itself, but a single library call (a pattern
        // that backtracks exponentially) can run long between checks: past the limit plus
        // a grace period a worker thread is abandoned (it exits when its run ends).
        let timeout = limits.wall_time.map(|limit| limit + WATCHDOG_GRACE);
        match self.worker.run(&(), program, limits, timeout) {
            Ok((outcome, traceback)) => {
                self.last_traceback = traceback;
                outcome
            }
            Err(WorkerError::Spawn(e)) => {
                Outcome::crashed(format!("cannot start the lua-ref worker: {e}"))
            }
            Err(WorkerError::Panicked(msg)) => Outcome::crashed(format!("lua-ref panicked: {msg}")),
            Err(WorkerError::TimedOut) => Outcome {
                output: Vec::new(),
                end: End::Exhausted(lua_engine::Resource::Time),
                cost: Cost::default(),
            },
            Err(WorkerError::Died) => Outcome::crashed("the lua-ref worker died"),
        }
    }

    fn last_traceback(&self) -> Option<Vec<u8>> {
        self.last_traceback.clone()
    }
}

/// Runs one program on the current thread (which needs a large stack: see
/// [`MAIN_STACK_BYTES`]) and tears its heap down. Returns the outcome and, in exec mode,
/// the traceback of an uncaught error.
pub fn run_program(program: &Program<'_>, limits: &Limits) -> (Outcome, Option<Vec<u8>>) {
    let started = Instant::now();
    heap::reset_memory();
    let exec_mode = program.script.is_some();
    let rt = Runtime::new(*limits, exec_mode);
    stdlib::open(&rt);
    let mut exec = Exec::new(rt.clone(), None, MAIN_STACK_BYTES);
    let mut args = Vec::new();
    if let Some(script) = program.script {
        let arg = rt.new_table(Table::new());
        for (i, a) in script.iter().enumerate() {
            let _ = arg
                .borrow_mut()
                .set(Value::Integer(i as i64), Value::bytes(a));
            if i > 0 {
                args.push(Value::bytes(a));
            }
        }
        let _ = rt
            .globals
            .borrow_mut()
            .set(Value::str("arg"), Value::Table(arg));
    }
    let end = match compile(&mut exec, program.source, program.chunkname, true) {
        Err(Throw::Error(msg)) => {
            let bytes = match &msg {
                Value::String(s) => s.as_bytes().to_vec(),
                _ => Vec::new(),
            };
            End::Error(LuaError {
                kind: ErrorKind::Syntax,
                message: bytes.clone(),
                value: Observed::String(bytes),
            })
        }
        Err(Throw::Exhausted(r)) => End::Exhausted(r),
        Err(Throw::Close(_)) => End::Crashed("a close signal escaped the compiler".to_string()),
        Ok(proto) => {
            let main = main_closure(proto, rt.globals_cell.clone());
            exec.protect.push(Handler::Main);
            let r = exec.call_value(main, args, &Site::native());
            exec.protect.pop();
            match r {
                Ok(values) => End::Returned(values.iter().map(observe).collect()),
                Err(Throw::Error(e)) => {
                    let message = uncaught_message(&mut exec, &e, 0);
                    match message {
                        Ok(message) => End::Error(LuaError {
                            kind: ErrorKind::Runtime,
                            message,
                            value: observe(&e),
                        }),
                        Err(r) => End::Exhausted(r),
                    }
                }
                Err(Throw::Exhausted(r)) => End::Exhausted(r),
                Err(Throw::Close(_)) => {
                    End::Crashed("a coroutine close escaped the main chunk".to_string())
                }
            }
        }
    };
    // Closing the state runs the finalizers, which may still write output (the `lua`
    // command closes its state too). A run that hit a limit is not closed.
    let end = match &end {
        End::Exhausted(_) => end,
        _ => match finalize_all(&mut exec) {
            Ok(()) => end,
            Err(r) => End::Exhausted(r),
        },
    };
    let traceback = if exec_mode
        && matches!(
            end,
            End::Error(LuaError {
                kind: ErrorKind::Runtime,
                ..
            })
        ) {
        rt.traceback.borrow_mut().take()
    } else {
        None
    };
    let output = std::mem::take(&mut *rt.output.borrow_mut());
    let steps = rt.steps_taken();
    drop(exec);
    rt.registry.teardown();
    drop(rt);
    let outcome = Outcome {
        output,
        end,
        cost: Cost {
            instructions: Some(steps),
            wall: started.elapsed(),
            ..Cost::default()
        },
    };
    (outcome, traceback)
}

/// Calls the finalizer of every table marked for finalization, newest first, as
/// `lua_close` does: the `__gc` its metatable has now, if that is a function. An error
/// in a finalizer becomes a warning in PUC, which the sandbox does not show; here it is
/// dropped.
fn finalize_all(exec: &mut Exec<'_>) -> Result<(), lua_engine::Resource> {
    for t in exec.rt.take_finalizable() {
        let object = Value::Table(t);
        let gc = exec.rt.metamethod(&object, Event::Gc);
        if !matches!(gc, Value::Function(_)) {
            continue;
        }
        match exec.call(gc, vec![object]) {
            Ok(_) | Err(Throw::Error(_)) | Err(Throw::Close(_)) => {}
            Err(Throw::Exhausted(r)) => return Err(r),
        }
    }
    Ok(())
}

/// What the `lua` command prints for an uncaught error (`msghandler` in lua.c): a string
/// or number as text, else the result of `__tostring` if it is a string, else
/// `(error object is a T value)`. An error inside `__tostring` is handled the same way.
fn uncaught_message(
    exec: &mut Exec<'_>,
    e: &Value,
    depth: u32,
) -> Result<Vec<u8>, lua_engine::Resource> {
    match e {
        Value::String(s) => return Ok(s.as_bytes().to_vec()),
        Value::Integer(_) | Value::Float(_) => {
            let n = e.as_number().unwrap_or(lua_prims::Number::Integer(0));
            return Ok(lua_prims::numfmt::fmt_number(n).to_vec());
        }
        _ => {}
    }
    let tm = exec.rt.metamethod(e, Event::ToString);
    if !tm.is_nil() && depth < 10 {
        match exec.call(tm, vec![e.clone()]) {
            Ok(r) => {
                if let Some(Value::String(s)) = r.first() {
                    return Ok(s.as_bytes().to_vec());
                }
            }
            Err(Throw::Error(e2)) => return uncaught_message(exec, &e2, depth + 1),
            Err(Throw::Exhausted(r)) => return Err(r),
            Err(Throw::Close(_)) => {}
        }
    }
    Ok(format!("(error object is a {} value)", e.type_name()).into_bytes())
}

/// A value as the harness compares it.
fn observe(v: &Value) -> Observed {
    match v {
        Value::Nil => Observed::Nil,
        Value::Boolean(b) => Observed::Boolean(*b),
        Value::Integer(i) => Observed::Integer(*i),
        Value::Float(f) => Observed::Float(*f),
        Value::String(s) => Observed::String(s.as_bytes().to_vec()),
        Value::Table(_) => Observed::Table,
        Value::Function(_) => Observed::Function,
        Value::Thread(_) => Observed::Thread,
        Value::Userdata(_) => Observed::Userdata,
    }
}
