//! Threads (coroutines) and their call frames ([`CallInfo`], like PUC's `CallInfo`).
//!
//! Every thread has its own value stack and frame list. The running thread's state lives
//! in the `Vm` itself (`Vm::th`) so the interpreter reaches its stack with one field
//! access; the others wait in the heap's thread arena.

use crate::func::LProto;
use crate::value::{LuaFnRef, UpvalRef, Value};

/// Frame status bits (`callstatus`).
pub mod status {
    /// A Lua function's frame (else a native function's).
    pub const LUA: u16 = 1 << 0;
    /// Entered from Rust (`Vm::call`, a coroutine's first frame): when it returns, the
    /// interpreter loop that runs it returns to its Rust caller.
    pub const FRESH: u16 = 1 << 1;
    /// Called by `pcall`/`xpcall`: the frame below is theirs; errors are caught here and
    /// the results get a status value in the slot below this frame's function.
    pub const PCALL: u16 = 1 << 2;
    /// A metamethod called by an instruction of the Lua frame below: when it returns, the
    /// interrupted instruction is finished (`luaV_finishOp`).
    pub const MM: u16 = 1 << 3;
    /// A metamethod frame answering `a <= b` through `__lt` (5.3 compatibility): the
    /// result is negated.
    pub const MM_NEGATE: u16 = 1 << 4;
    /// A `__close` metamethod called by CLOSE or RETURN in the frame below: when it
    /// returns, that instruction runs again to close the next variable.
    pub const CLOSE: u16 = 1 << 5;
    /// The frame was reused by a tail call.
    pub const TAIL: u16 = 1 << 6;
    /// A `pcall`/`xpcall` native frame (its `extra` holds the saved error handler).
    pub const PCALL_HOLDER: u16 = 1 << 7;
    /// A `__pairs` metamethod called by `pairs`: its first three results are `pairs`'s
    /// (the frame below is `pairs`'s).
    pub const PAIRS: u16 = 1 << 8;
}

/// One activation record.
#[derive(Clone, Copy, Debug)]
pub struct CallInfo {
    /// Stack index of the function value.
    pub func: usize,
    /// Stack index of the first register (Lua) or argument (native).
    pub base: usize,
    /// Lua: `base + maxstacksize`; native: where the native's pushes may start.
    pub top: usize,
    /// Lua: index of the next instruction (saved when the frame is not running).
    pub pc: usize,
    /// Results the caller wants (`-1`: all).
    pub nresults: i32,
    /// Status bits (see [`status`]).
    pub status: u16,
    /// Vararg functions: the number of extra arguments below `func`.
    pub nextraargs: u32,
    /// Per-status data: a RETURN's saved result count while `__close` runs, the total of a
    /// CONCAT waiting for `__concat`, a pcall frame's saved error handler.
    pub extra: usize,
    /// Lua frames: the running closure and its prototype, cached so that returning to the
    /// frame does not look them up again. The prototype stays alive as long as the closure
    /// in the frame's function slot does (see `interp.rs`); null for native frames.
    pub cl: LuaFnRef,
    pub proto: *const LProto,
}

impl CallInfo {
    #[inline(always)]
    pub fn is_lua(&self) -> bool {
        self.status & status::LUA != 0
    }
}

/// A coroutine's status as `coroutine.status` reports it (plus the dead-by-error case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CoStatus {
    /// Created or yielded: can be resumed.
    #[default]
    Suspended,
    Running,
    /// Resumed another coroutine.
    Normal,
    /// Finished normally.
    Dead,
    /// Finished with an uncaught error (its frames are kept for `debug.traceback`).
    DeadWithError,
}

/// The state of one thread.
#[derive(Debug, Default)]
pub struct Thread {
    pub stack: Vec<Value>,
    pub frames: Vec<CallInfo>,
    /// First free slot for natives and multiple results.
    pub top: usize,
    /// Open upvalues of this thread, sorted by stack index (innermost last).
    pub open_upvals: Vec<(usize, UpvalRef)>,
    /// Stack indices of to-be-closed variables, ascending.
    pub tbc: Vec<usize>,
    /// Stack index of the current message handler (`xpcall`), 0 for none.
    pub errfunc: usize,
    /// Nesting of non-yieldable sections (natives calling back into Lua).
    pub nny: u32,
    pub status: CoStatus,
    /// Whether the coroutine has started running.
    pub started: bool,
    /// The error value of a coroutine that died with an error.
    pub error_value: Value,
}

impl Thread {
    pub fn footprint(&self) -> usize {
        std::mem::size_of::<Thread>()
            + self.stack.capacity() * std::mem::size_of::<Value>()
            + self.frames.capacity() * std::mem::size_of::<CallInfo>()
    }
}
