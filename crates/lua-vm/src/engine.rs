//! [`VmEngine`]: the `lua_engine::Engine` implementation (`vm` at -O2, `vm-O0` at -O0).
//!
//! Each run gets a fresh [`Vm`] on a thread with a large stack (a worker thread, or the
//! caller's own: see `lua_engine::worker`): the runtime recurses on the Rust stack only
//! where PUC recurses on the C stack (natives calling Lua, coroutine resumes), at most
//! [`crate::vm::MAX_CCALLS`] levels deep, but each level is several interpreter frames,
//! more than a default 2 MiB thread stack may hold.

use std::rc::Rc;
use std::time::Instant;

use lua_engine::worker::{Worker, WorkerError};
use lua_engine::{Cost, End, Engine, ErrorKind, Limits, LuaError, Observed, Outcome, Program};

use crate::config::{CompileConfig, OptLevel};
use crate::opcodes::OpCode;
use crate::value::Value;
use crate::vm::{RunLimits, Throw, Vm};

/// The stack a run needs (virtual memory: only the pages used are committed).
pub const STACK_BYTES: usize = 256 << 20;

/// The `vm` engine: compiles with the given configuration and runs on the register VM.
pub struct VmEngine {
    name: String,
    settings: Settings,
    worker: Worker<Settings, Finished>,
    last_traceback: Option<Vec<u8>>,
}

/// How this engine compiles and what it counts.
#[derive(Clone)]
struct Settings {
    config: CompileConfig,
    count_ops: bool,
}

struct Finished {
    outcome: Outcome,
    traceback: Option<Vec<u8>>,
}

impl VmEngine {
    /// An engine named after its optimization level (`vm` for -O2, `vm-O0`, `vm-O1`).
    pub fn new(config: CompileConfig) -> VmEngine {
        let name = match config.opt_level {
            OptLevel::O2 => "vm",
            OptLevel::O1 => "vm-O1",
            OptLevel::O0 => "vm-O0",
        };
        VmEngine::with_name(name, config)
    }

    /// An engine with a given registry name.
    pub fn with_name(name: &str, config: CompileConfig) -> VmEngine {
        VmEngine {
            name: name.to_string(),
            settings: Settings {
                config,
                count_ops: false,
            },
            worker: Worker::new("lua-vm", STACK_BYTES, run_job),
            last_traceback: None,
        }
    }

    /// Collects per-opcode execution counts (`Cost::counters`, `op:NAME`).
    pub fn with_op_counters(mut self, on: bool) -> VmEngine {
        self.settings.count_ops = on;
        self
    }
}

impl Engine for VmEngine {
    fn name(&self) -> &str {
        &self.name
    }

    fn description(&self) -> String {
        format!("lua-vm register VM ({})", self.settings.config.opt_level)
    }

    fn run(&mut self, program: &Program<'_>, limits: &Limits) -> Outcome {
        self.last_traceback = None;
        match self.worker.run(&self.settings, program, limits, None) {
            Ok(finished) => {
                self.last_traceback = finished.traceback;
                finished.outcome
            }
            Err(WorkerError::Spawn(e)) => {
                Outcome::crashed(format!("cannot start the lua-vm worker: {e}"))
            }
            Err(WorkerError::Panicked(msg)) => Outcome::crashed(format!("lua-vm panicked: {msg}")),
            Err(WorkerError::TimedOut | WorkerError::Died) => {
                Outcome::crashed("the lua-vm worker thread died")
            }
        }
    }

    fn last_traceback(&self) -> Option<Vec<u8>> {
        self.last_traceback.clone()
    }
}

/// Runs one program in a fresh VM (on the current thread).
fn run_job(settings: &Settings, program: &Program<'_>, limits: &Limits) -> Finished {
    let started = Instant::now();
    let limits = RunLimits {
        fuel: limits.fuel,
        memory_bytes: limits.memory_bytes,
        depth: limits.depth as usize,
        output_bytes: limits.output_bytes,
    };
    let exec_mode = program.script.is_some();
    let mut vm = Vm::new(limits, exec_mode, settings.config.clone());
    if settings.count_ops {
        vm.op_counts = Some(vec![0u64; crate::opcodes::NUM_OPCODES].into_boxed_slice());
    }
    let (mut end, traceback) = run_in(&mut vm, program);
    // Closing the state runs the pending finalizers, which may still write output.
    if let Err(Throw::Exhausted(r)) = vm.finalize_all() {
        end = End::Exhausted(r);
    }
    let mut counters = Vec::new();
    if let Some(counts) = &vm.op_counts {
        for (i, &c) in counts.iter().enumerate() {
            if c > 0 {
                counters.push((format!("op:{}", OpCode::ALL[i].name()), c));
            }
        }
    }
    let cost = Cost {
        instructions: Some(vm.steps),
        allocations: Some(vm.heap.allocations),
        peak_memory: Some(vm.heap.peak.max(vm.heap.allocated) as u64),
        wall: started.elapsed(),
        counters,
    };
    let output = std::mem::take(&mut vm.output);
    Finished {
        outcome: Outcome { output, end, cost },
        traceback,
    }
}

fn run_in(vm: &mut Vm, program: &Program<'_>) -> (End, Option<Vec<u8>>) {
    let f = match vm.load_main_chunk(program.source, program.chunkname) {
        Ok(f) => f,
        Err(msg) => {
            return (
                End::Error(LuaError {
                    kind: ErrorKind::Syntax,
                    value: Observed::String(msg.clone()),
                    message: msg,
                }),
                None,
            );
        }
    };
    let mut args: Vec<Value> = Vec::new();
    if let Some(script) = program.script {
        let arg = vm.new_table(crate::table::Table::new());
        for (i, a) in script.iter().enumerate() {
            let s = vm.str_value(a);
            vm.heap.table_set_int(arg, i as i64, s);
            if i > 0 {
                args.push(s);
            }
        }
        let g = vm.globals;
        crate::stdlib::set_field(vm, g, "arg", Value::Table(arg));
    }
    let base = vm.th.top;
    if vm
        .ensure_stack(base + args.len() + 1 + crate::vm::EXTRA_STACK)
        .is_err()
    {
        return (End::Exhausted(lua_engine::Resource::Depth), None);
    }
    vm.th.stack[base] = Value::LuaFn(f);
    for (i, &a) in args.iter().enumerate() {
        vm.th.stack[base + 1 + i] = a;
    }
    vm.th.top = base + 1 + args.len();
    match vm.call(base, -1) {
        Ok(()) => {
            let values = vm.th.stack[base..vm.th.top]
                .iter()
                .map(|&v| observe(vm, v))
                .collect();
            (End::Returned(values), None)
        }
        Err(Throw::Error) => {
            let value = vm.err_value;
            let traceback_wanted = program.script.is_some();
            let (message, plain) = error_message(vm, value);
            let traceback = if traceback_wanted && plain {
                let mut t = vm.traceback(None, 0);
                t.extend_from_slice(b"\n\t[C]: in ?");
                Some(t)
            } else {
                None
            };
            (
                End::Error(LuaError {
                    kind: ErrorKind::Runtime,
                    message,
                    value: observe(vm, value),
                }),
                traceback,
            )
        }
        Err(Throw::Exhausted(r)) => (End::Exhausted(r), None),
        Err(Throw::Yield) => {
            // The main thread cannot yield (`yield_check` refuses); treat it as a bug.
            (
                End::Crashed("a yield reached the main chunk".to_string()),
                None,
            )
        }
    }
}

/// What `lua` prints for an uncaught error (lua.c's `msghandler`), and whether it is
/// followed by a traceback (not when `__tostring` produced the message).
fn error_message(vm: &mut Vm, value: Value) -> (Vec<u8>, bool) {
    match value {
        Value::String(s) => (vm.str_bytes(s).to_vec(), true),
        Value::Integer(_) | Value::Float(_) => (vm.raw_tostring(value), true),
        _ => {
            let tm = vm.metafield(value, vm.names.tostring);
            if !tm.is_nil()
                && let Ok(Value::String(s)) = vm.call1(tm, &[value])
            {
                return (vm.str_bytes(s).to_vec(), false);
            }
            (
                format!("(error object is a {} value)", value.type_name()).into_bytes(),
                true,
            )
        }
    }
}

/// A value as the oracle compares it.
fn observe(vm: &Vm, v: Value) -> Observed {
    match v {
        Value::Nil => Observed::Nil,
        Value::Boolean(b) => Observed::Boolean(b),
        Value::Integer(i) => Observed::Integer(i),
        Value::Float(f) => Observed::Float(f),
        Value::String(s) => Observed::String(vm.str_bytes(s).to_vec()),
        Value::Table(_) => Observed::Table,
        Value::LuaFn(_) | Value::Native(_) | Value::NativeClosure(_) => Observed::Function,
        Value::Thread(_) => Observed::Thread,
        Value::Userdata(_) | Value::LightUserdata(_) => Observed::Userdata,
    }
}

impl Vm {
    /// Parses and compiles a chunk and makes its main closure (`_ENV` = the globals).
    /// The error is the message `load` returns.
    pub fn load_chunk(
        &mut self,
        source: &[u8],
        chunkname: &str,
    ) -> Result<crate::value::LuaFnRef, Vec<u8>> {
        let chunk = lua_syntax::parse(source, chunkname).map_err(|e| e.message.into_bytes())?;
        self.load_tree(&chunk, chunkname)
    }

    /// [`Vm::load_chunk`] for a program's main chunk: parsed through the per-thread cache
    /// (`lua_syntax::parse_shared`), so that engines run after this one on the same
    /// program reuse the tree.
    pub fn load_main_chunk(
        &mut self,
        source: &[u8],
        chunkname: &str,
    ) -> Result<crate::value::LuaFnRef, Vec<u8>> {
        let parsed = lua_syntax::parse_shared(source, chunkname);
        let chunk = parsed
            .as_ref()
            .as_ref()
            .map_err(|e| e.message.clone().into_bytes())?;
        self.load_tree(chunk, chunkname)
    }

    fn load_tree(
        &mut self,
        chunk: &lua_syntax::ast::Chunk,
        chunkname: &str,
    ) -> Result<crate::value::LuaFnRef, Vec<u8>> {
        let proto = crate::compile(chunk, chunkname, &self.compile_config)
            .map_err(|e| e.message.into_bytes())?;
        // The interpreter relies on verified code (unchecked register, constant and code
        // accesses): code the verifier rejects is a compiler bug, reported as a crash.
        if let Err(e) = crate::verify(&proto) {
            panic!("lua-vm: the compiler produced code the verifier rejects: {e}");
        }
        let lp = self.load_proto(&Rc::new(proto));
        Ok(self.main_closure(lp))
    }
}
