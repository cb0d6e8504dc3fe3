//! lua-vm: an optimizing compiler from the lua-syntax AST to Lua 5.4 bytecode, and the
//! register VM that runs it, in the style of PUC-Rio Lua 5.4 (lopcodes.h, lcode.c, lvm.c).
//!
//! Module owners add their `pub mod` lines here once the module compiles.

pub mod compiler;
pub mod config;
pub mod disasm;
pub mod opcodes;
pub mod opt;
pub mod proto;
pub mod verify;

// The runtime (vm-runtime).
pub mod arena;
pub mod call;
pub mod coro;
pub mod debuginfo;
pub mod engine;
pub mod func;
pub mod gc;
pub mod heap;
pub mod interp;
pub mod meta;
pub mod native;
pub mod stdlib;
pub mod string;
pub mod table;
pub mod thread;
pub mod value;
pub mod vm;

pub use compiler::{CompileError, compile, compile_with_stats, find_application};
pub use config::{CompileConfig, OptLevel, Pass};
pub use disasm::disassemble;
pub use opt::{Application, OptStats};
pub use proto::Proto;
pub use verify::{VerifyError, verify};

pub use engine::VmEngine;
pub use value::Value;
pub use vm::Vm;
