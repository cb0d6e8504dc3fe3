//! The interface every Lua implementation under test plugs into, and the vocabulary of outcomes.
//!
//! An engine runs one program and reports an [`Outcome`]: what the program wrote, how it
//! ended, and what it cost. A Lua error is a normal outcome ([`End::Error`]); running out
//! of fuel, memory or call depth is [`End::Exhausted`] (limits differ between engines, so
//! such runs are not compared); only a bug in the engine ends in [`End::Crashed`].
//!
//! This crate depends on no other workspace crate (Architecture Invariant): engines and
//! the harness meet here and nowhere else.

pub mod worker;

use std::fmt;
use std::time::Duration;

/// A Lua implementation that can run programs.
pub trait Engine {
    /// The registry name (`native`, `ref`, `vm`, `vm-O0`, `ext:lua5.4`).
    fn name(&self) -> &str;

    /// What exactly this engine is, for reports and corpus headers
    /// (for example "PUC-Rio Lua 5.4.9 through mlua 0.12.2").
    fn description(&self) -> String {
        self.name().to_string()
    }

    /// Runs one program from a fresh state and reports what happened. Never panics on
    /// purpose; the harness catches a panic anyway and reports it as [`End::Crashed`].
    fn run(&mut self, program: &Program<'_>, limits: &Limits) -> Outcome;

    /// The `stack traceback:` lines for the uncaught runtime error that ended the last
    /// run, where the engine has them, for `luadiff exec` to print after the message as
    /// the `lua` command does. Engines need to produce one only for programs that carry
    /// `script` (exec mode), so campaigns do not pay for it.
    fn last_traceback(&self) -> Option<Vec<u8>> {
        None
    }
}

/// A program to run.
#[derive(Clone, Copy, Debug)]
pub struct Program<'a> {
    /// Lua source text (bytes: Lua source need not be UTF-8). A first line starting
    /// with `#` is skipped, as the `lua` command does for files.
    pub source: &'a [u8],
    /// The chunk name given to `load`: `@path` for files, `=name` for other sources.
    pub chunkname: &'a str,
    /// For `luadiff exec`: the script name and its arguments. When set, the engine
    /// installs the global table `arg` (`arg[0]` = the script, `arg[1..]` = the
    /// arguments) and passes the arguments to the chunk as `...`, like the `lua`
    /// command. When `None` there is no `arg` table and the chunk gets no arguments.
    pub script: Option<&'a [Vec<u8>]>,
}

impl<'a> Program<'a> {
    /// A program with no script arguments.
    pub fn new(source: &'a [u8], chunkname: &'a str) -> Program<'a> {
        Program {
            source,
            chunkname,
            script: None,
        }
    }
}

/// Resource limits for one run. Every engine enforces them its own way (fuel is counted
/// in each engine's own unit of work), which is why an exhausted run is never compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Units of work (VM instructions, interpreter steps) before the run ends as
    /// `Exhausted(Fuel)`.
    pub fuel: u64,
    /// Approximate heap the program may use.
    pub memory_bytes: usize,
    /// Nested calls (Lua and library) before the run ends as `Exhausted(Depth)`.
    pub depth: u32,
    /// Bytes of output (print, io.write) before the run ends as `Exhausted(Memory)`.
    pub output_bytes: usize,
    /// Wall-clock limit, for engines that cannot count fuel (`ext:`), as `Exhausted(Time)`.
    pub wall_time: Option<Duration>,
}

impl Limits {
    /// Limits for generated programs: small, because a generated program that gets
    /// anywhere near them is a generator problem, and every wasted millisecond slows
    /// a campaign down.
    pub const GENERATED: Limits = Limits {
        fuel: 2_000_000,
        memory_bytes: 64 << 20,
        depth: 200,
        output_bytes: 1 << 20,
        wall_time: Some(Duration::from_secs(10)),
    };

    /// Limits for user files (`luadiff run`, `exec`, conformance, benchmarks): roughly
    /// what the `lua` command allows.
    pub const FILES: Limits = Limits {
        fuel: u64::MAX,
        memory_bytes: 4 << 30,
        depth: 200_000,
        output_bytes: 1 << 30,
        wall_time: None,
    };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::GENERATED
    }
}

/// Everything a run produced.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Everything `print` and `io.write` wrote, in order.
    pub output: Vec<u8>,
    pub end: End,
    pub cost: Cost,
}

impl Outcome {
    /// The outcome of an engine that panicked (or otherwise failed as a program).
    pub fn crashed(message: impl Into<String>) -> Outcome {
        Outcome {
            output: Vec::new(),
            end: End::Crashed(message.into()),
            cost: Cost::default(),
        }
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub enum End {
    /// The chunk returned these values.
    Returned(Vec<Observed>),
    /// A syntax error, or a runtime error nobody caught.
    Error(LuaError),
    /// The run hit a resource limit. Also used for Lua's own "stack overflow",
    /// "C stack overflow" and "not enough memory" errors, even when caught by `pcall`,
    /// because those limits differ between engines.
    Exhausted(Resource),
    /// The engine itself failed (a panic, a subprocess killed by a signal). Always a finding.
    Crashed(String),
}

/// An error that ended a run.
#[derive(Clone, Debug, PartialEq)]
pub struct LuaError {
    pub kind: ErrorKind,
    /// What the `lua` command would print after `lua: ` (without the traceback): the
    /// error value if it is a string or number, the result of its `__tostring`
    /// metamethod if it has one, else `(error object is a T value)`.
    pub message: Vec<u8>,
    /// The error value itself.
    pub value: Observed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The chunk did not compile.
    Syntax,
    /// The chunk compiled and raised an error while running.
    Runtime,
}

/// The resource a run exhausted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resource {
    Fuel,
    Memory,
    Depth,
    Time,
}

/// What a run cost. Counters are deterministic where the engine has them (`None` when it
/// does not), so they can be compared between runs; wall time is for humans.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cost {
    /// Units of work done: VM instructions, interpreter steps.
    pub instructions: Option<u64>,
    /// Heap allocations made by the program.
    pub allocations: Option<u64>,
    /// Peak memory in bytes, where measured.
    pub peak_memory: Option<u64>,
    pub wall: Duration,
    /// Named counters for coverage reports (for example `op:ADDI` or
    /// `lib:string.format`), filled only by engines asked to collect them.
    pub counters: Vec<(String, u64)>,
}

/// A Lua value as far as comparing runs goes: scalars by value, reference types by type.
#[derive(Clone, Debug)]
pub enum Observed {
    Nil,
    Boolean(bool),
    Integer(i64),
    Float(f64),
    String(Vec<u8>),
    Table,
    Function,
    Thread,
    Userdata,
}

impl PartialEq for Observed {
    /// Floats compare by bits (so `-0.0` differs from `0.0`), except that any NaN
    /// equals any NaN: NaN sign bits are not portable between platforms' libm.
    fn eq(&self, other: &Observed) -> bool {
        use Observed::*;
        match (self, other) {
            (Nil, Nil) | (Table, Table) | (Function, Function) => true,
            (Thread, Thread) | (Userdata, Userdata) => true,
            (Boolean(a), Boolean(b)) => a == b,
            (Integer(a), Integer(b)) => a == b,
            (Float(a), Float(b)) => (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits(),
            (String(a), String(b)) => a == b,
            _ => false,
        }
    }
}

impl Observed {
    /// The Lua type name (`type(v)`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Observed::Nil => "nil",
            Observed::Boolean(_) => "boolean",
            Observed::Integer(_) | Observed::Float(_) => "number",
            Observed::String(_) => "string",
            Observed::Table => "table",
            Observed::Function => "function",
            Observed::Thread => "thread",
            Observed::Userdata => "userdata",
        }
    }
}

impl fmt::Display for Observed {
    /// A readable rendering for reports: strings quoted, floats with their subtype
    /// visible (`1.0`, `-0.0`), reference types by type name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Observed::Nil => f.write_str("nil"),
            Observed::Boolean(b) => write!(f, "{b}"),
            Observed::Integer(i) => write!(f, "{i}"),
            Observed::Float(x) if x.is_nan() => f.write_str("nan"),
            Observed::Float(x) if x.is_infinite() => {
                f.write_str(if *x > 0.0 { "inf" } else { "-inf" })
            }
            Observed::Float(x) if x.fract() == 0.0 && x.abs() < 1e16 => write!(f, "{x:.1}"),
            Observed::Float(x) => write!(f, "{x:e}"),
            Observed::String(s) => write!(f, "{:?}", String::from_utf8_lossy(s)),
            other => f.write_str(other.type_name()),
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Resource::Fuel => "fuel",
            Resource::Memory => "memory",
            Resource::Depth => "depth",
            Resource::Time => "time",
        })
    }
}

impl fmt::Display for End {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            End::Returned(values) if values.is_empty() => f.write_str("returned"),
            End::Returned(values) => {
                f.write_str("returned ")?;
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                Ok(())
            }
            End::Error(e) => {
                let kind = match e.kind {
                    ErrorKind::Syntax => "syntax",
                    ErrorKind::Runtime => "runtime",
                };
                write!(f, "{kind} error: {}", String::from_utf8_lossy(&e.message))
            }
            End::Exhausted(r) => write!(f, "exhausted {r}"),
            End::Crashed(m) => write!(f, "crashed: {m}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_compare_by_bits_but_nans_are_equal() {
        assert_ne!(Observed::Float(0.0), Observed::Float(-0.0));
        assert_eq!(Observed::Float(f64::NAN), Observed::Float(-f64::NAN));
        assert_ne!(Observed::Float(1.0), Observed::Integer(1));
        assert_eq!(Observed::Table, Observed::Table);
        assert_ne!(Observed::Table, Observed::Function);
    }

    #[test]
    fn display_shows_subtypes() {
        let end = End::Returned(vec![
            Observed::Float(1.0),
            Observed::Integer(1),
            Observed::Float(-0.0),
            Observed::String(b"x".to_vec()),
        ]);
        assert_eq!(end.to_string(), r#"returned 1.0, 1, -0.0, "x""#);
    }
}
