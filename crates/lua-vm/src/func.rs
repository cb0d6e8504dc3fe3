//! Functions as the runtime holds them: loaded prototypes ([`LProto`], a compiled
//! [`Proto`] with its constants turned into values), Lua closures, upvalue cells, native
//! closures, and userdata.

use std::cell::Cell;
use std::rc::Rc;

use crate::native::NativeDef;
use crate::opcodes::Instruction;
use crate::proto::Proto;
use crate::value::{TableRef, ThreadRef, UpvalRef, Value};

/// A prototype ready to run: the compiler's [`Proto`] (kept for debug information) with
/// its code, its constants as values (strings interned) and its nested prototypes loaded.
#[derive(Debug)]
pub struct LProto {
    pub code: Box<[Instruction]>,
    pub k: Box<[Value]>,
    pub protos: Box<[Rc<LProto>]>,
    pub info: Rc<Proto>,
    pub numparams: usize,
    pub is_vararg: bool,
    pub maxstacksize: usize,
    /// The collection in which this prototype's constants were last marked.
    pub(crate) mark_epoch: Cell<u32>,
}

/// A Lua function: a prototype and its upvalue cells.
#[derive(Debug, Default)]
pub struct LuaFn {
    pub proto: Option<Rc<LProto>>,
    pub upvals: Box<[UpvalRef]>,
}

impl LuaFn {
    #[inline(always)]
    pub fn proto(&self) -> &Rc<LProto> {
        self.proto
            .as_ref()
            .expect("a live Lua function has a prototype")
    }

    pub fn footprint(&self) -> usize {
        std::mem::size_of::<LuaFn>() + self.upvals.len() * 4
    }
}

/// An upvalue cell: open while the variable is still on its thread's stack, closed (holding
/// the value itself) once its block has ended.
#[derive(Clone, Copy, Debug)]
pub enum Upval {
    Open { thread: ThreadRef, index: u32 },
    Closed(Value),
}

impl Default for Upval {
    fn default() -> Upval {
        Upval::Closed(Value::Nil)
    }
}

/// A native function with upvalues (iterators of `gmatch`, functions of `coroutine.wrap`).
#[derive(Debug, Default)]
pub struct NativeClosure {
    pub def: Option<&'static NativeDef>,
    pub upvals: Vec<Value>,
    /// The position of a `string.gmatch` iterator.
    pub gmatch: Option<lua_prims::pattern::Gmatch>,
}

impl NativeClosure {
    pub fn footprint(&self) -> usize {
        std::mem::size_of::<NativeClosure>() + self.upvals.capacity() * 16
    }
}

/// What a full userdata stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UserdataKind {
    /// A plain block (not reachable from Lua code in the sandbox).
    #[default]
    Plain,
    /// The standard output file that `io.write` returns.
    Stdout,
}

/// A full userdata.
#[derive(Debug, Default)]
pub struct Userdata {
    pub metatable: Option<TableRef>,
    pub kind: UserdataKind,
    /// The user value (`debug.setuservalue`), kept for completeness.
    pub user_value: Value,
}
