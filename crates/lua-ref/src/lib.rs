//! lua-ref: the reference Lua 5.4 interpreter, a tree-walking evaluator over the lua-syntax
//! AST that aims to be complete and obviously correct rather than fast. It is the oracle
//! that tells a compiler bug from a runtime-library bug when native Lua and lua-vm disagree.
//!
//! # Design
//!
//! - **Evaluation** walks the tree. A resolution pre-pass (`resolve.rs`) turns the AST into
//!   the tree of `ir.rs`, with names resolved to local slots, upvalues and globals
//!   (`_ENV.name`); the evaluator (`interp/`) then implements each rule of the manual
//!   directly, citing the section it implements. Nothing is shared with lua-vm; the
//!   representation-independent algorithms (number rules, formatting, patterns, pack,
//!   utf8, random, sort) come from lua-prims.
//! - **Error messages** name values as PUC's `ldebug.c` does from bytecode, computed from
//!   the tree (`ir::varinfo`), at the lines the tree carries (including those of the
//!   closing tokens where PUC codes a pending indexing or a loop's preparation).
//! - **Values** (`value.rs`) are reference counted: strings are immutable byte strings,
//!   tables are `Rc<RefCell<Table>>` laid out like PUC's (`table.rs`: array part, hash
//!   part with main positions and free-node collisions, the same rehash sizes), so that
//!   `pairs` order and `#` borders match native Lua wherever native Lua is deterministic;
//!   closures hold upvalue cells shared with the frames that declared them.
//! - **Teardown** (`heap.rs`): acyclic garbage is freed as soon as it is unreachable; cycles
//!   live until the end of the run, when every registered table, upvalue cell and coroutine
//!   is emptied, so memory stays flat across millions of runs (`heap::live_objects` returns
//!   to zero). There is no garbage collector during a run: weak tables hold their entries
//!   strongly, and `__gc` runs only when the run ends, for every table marked for
//!   finalization, newest first, as `lua_close` does (`engine.rs`).
//! - **Proper tail calls** (`interp/mod.rs`): a `return f(args)` leaves its frame before the
//!   call is made, in a loop (a trampoline), so unbounded tail recursion runs in constant
//!   native stack.
//! - **Coroutines** (`thread.rs`) are stackful: each runs the same recursive evaluator on its
//!   own native stack (`corosensei`), so yields work from anywhere Lua allows (metamethods,
//!   `pcall`, iterators, `__close`), and native functions that PUC runs without a
//!   continuation make their Lua callees non-yieldable ("attempt to yield across a C-call
//!   boundary").
//! - **Limits**: every statement, loop iteration and call is a step of fuel; memory is
//!   accounted approximately (strings, tables, closures, cells) against
//!   `Limits::memory_bytes`; output against `Limits::output_bytes`; calls against
//!   `Limits::depth`, PUC's limit of 200 nested native-to-Lua calls, and the native stack
//!   actually left. Hitting any of them aborts the whole run as `Exhausted`, which `pcall`
//!   cannot catch.
//! - **Libraries**: `Engine::run` exposes exactly the native sandbox's environment (base,
//!   string, table, math, utf8, coroutine, `io.write`). In exec mode (`Program::script`
//!   set) the debug subset, `os.clock`/`os.time`/`os.difftime`/`os.getenv`, `require`
//!   (from `package.preload` and `./?.lua`) and the `arg` table are added.
//!
//! Known differences from PUC-Rio Lua are listed, with reasons, in `COMPATIBILITY.md`.
//!
//! # Testing
//!
//! - `cargo test -p lua-ref`: hostile programs end as `Exhausted`, tail calls run in
//!   constant stack, cycles are torn down (`tests/teardown.rs` checks the live-object
//!   count), and regression programs reproduce lua5.4.9's output (`tests/programs/`).
//! - `crates/lua-ref/devloop.sh [FILES]`: every conformance program (or the given files)
//!   against `lua5.4.9-sandbox`; `luadiff run --engines native,ref FILES` against the
//!   native engine.
//! - `cargo bench -p lua-ref`: speed on benchmark-like programs; the `profile` example
//!   runs a file on the main thread for `perf` and `callgrind`, `batch` runs files of
//!   generated programs through the engine.

mod ast_drop;
mod captures;
mod engine;
mod heap;
pub mod interp;
pub mod ir;
mod resolve;
mod runtime;
mod stdlib;
mod table;
mod thread;
mod value;

use std::rc::Rc;

use lua_engine::Resource;

pub use engine::{MAIN_STACK_BYTES, RefEngine, run_program};
pub use heap::live_objects;

use crate::interp::{Exec, Throw};
use crate::ir::Proto;
use crate::value::{FunctionRef, LResult, LuaClosure, LuaStr, UpCell, Value};

/// Compiles a chunk. `file` is whether it comes from a file (a first line starting with
/// `#` is then skipped, as `luaL_loadfile` does; `load` does not skip it). A syntax error
/// is a Lua error with PUC's message; running out of C stack while parsing (too deep
/// nesting) exhausts the depth limit.
pub(crate) fn compile(
    exec: &mut Exec<'_>,
    source: &[u8],
    chunkname: &str,
    file: bool,
) -> LResult<Rc<Proto>> {
    exec.rt.reserve(source.len() * 8)?;
    let spaced;
    let source = if !file && (source.first() == Some(&b'#') || source.starts_with(b"\xEF\xBB\xBF"))
    {
        // lua-syntax skips these like luaL_loadfile; `load` must see them. A leading
        // space changes no line number and no message.
        let mut s = Vec::with_capacity(source.len() + 1);
        s.push(b' ');
        s.extend_from_slice(source);
        spaced = s;
        &spaced[..]
    } else {
        source
    };
    // A file (the main chunk, a `require`d file) is parsed through the per-thread cache,
    // so that the engines after this one in a campaign reuse the tree; a `load`ed
    // string is parsed on its own and its tree dropped without recursion, as it may be
    // running on a coroutine's smaller stack.
    if file {
        let parsed = lua_syntax::parse_shared(source, chunkname);
        resolve_parsed(exec, parsed.as_ref().as_ref(), chunkname)
    } else {
        let parsed = lua_syntax::parse(source, chunkname);
        let proto = resolve_parsed(exec, parsed.as_ref(), chunkname);
        if let Ok(chunk) = parsed {
            ast_drop::drop_chunk(chunk);
        }
        proto
    }
}

/// The function of a parsed chunk, or its syntax error as a Lua error.
fn resolve_parsed(
    exec: &mut Exec<'_>,
    parsed: Result<&lua_syntax::ast::Chunk, &lua_syntax::SyntaxError>,
    chunkname: &str,
) -> LResult<Rc<Proto>> {
    match parsed {
        Ok(chunk) => match resolve::resolve(chunk, chunkname) {
            Ok(p) => Ok(p),
            Err(resolve::TooDeep) => Err(exec.exhausted(Resource::Depth)),
        },
        Err(e) => {
            if e.message.contains("stack overflow") {
                return Err(exec.exhausted(Resource::Depth));
            }
            Err(Throw::Error(Value::String(LuaStr::new(
                e.message.as_bytes(),
            ))))
        }
    }
}

/// The closure of a main chunk, with `env` as its `_ENV` upvalue.
pub(crate) fn main_closure(proto: Rc<Proto>, env: UpCell) -> Value {
    Value::Function(FunctionRef::lua(LuaClosure {
        proto,
        upvalues: std::cell::RefCell::new(vec![env].into_boxed_slice()),
    }))
}
