//! Lua values (manual §2.1): the eight types, byte strings, and the reference types.
//!
//! Representation is chosen for obvious correctness: strings are immutable reference-counted
//! byte strings, tables are `Rc<RefCell<Table>>`, functions are Lua closures or native
//! functions, and every reference type compares by identity.

use std::cell::RefCell;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use lua_prims::Number;

use crate::heap;
use crate::interp::Exec;
use crate::ir::Proto;
use crate::table::Table;
use crate::thread::Thread;

/// The result of anything that can raise a Lua error.
pub type LResult<T> = Result<T, crate::interp::Throw>;

/// The bytes of a string, and its hash once a table has needed it.
pub struct StrBytes {
    bytes: Box<[u8]>,
    /// The hash for table lookups; 0 until computed (computed hashes are never 0).
    hash: std::cell::Cell<u32>,
}

/// Bytes accounted for every string besides its contents.
const STRING_OVERHEAD: usize = 32;

impl Drop for StrBytes {
    fn drop(&mut self) {
        heap::release(self.bytes.len() + STRING_OVERHEAD);
    }
}

/// A Lua string: an immutable sequence of bytes (not necessarily UTF-8).
#[derive(Clone)]
pub struct LuaStr(Rc<StrBytes>);

impl LuaStr {
    /// A new string (its size is charged to the memory account; callers building large
    /// strings check the limit before allocating, see `Exec::reserve`).
    pub fn new(bytes: impl Into<Box<[u8]>>) -> LuaStr {
        let bytes = bytes.into();
        heap::charge(bytes.len() + STRING_OVERHEAD);
        LuaStr(Rc::new(StrBytes {
            bytes,
            hash: std::cell::Cell::new(0),
        }))
    }

    /// The string's hash for tables (computed once).
    #[inline]
    pub fn table_hash(&self) -> u32 {
        let h = self.0.hash.get();
        if h != 0 {
            return h;
        }
        use std::hash::BuildHasher;
        let full = rustc_hash::FxBuildHasher.hash_one(self.as_bytes());
        // Mix the high bits in: FxHash's low bits are weak, and tables use them.
        let h = ((full >> 32) ^ full) as u32;
        let h = if h == 0 { 0x9E37_79B9 } else { h };
        self.0.hash.set(h);
        h
    }

    pub fn from_text(s: &str) -> LuaStr {
        LuaStr::new(s.as_bytes())
    }

    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0.bytes
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.0.bytes.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.bytes.is_empty()
    }

    /// The text for messages (invalid UTF-8 replaced).
    pub fn to_str_lossy(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(self.as_bytes())
    }
}

impl PartialEq for LuaStr {
    #[inline]
    fn eq(&self, other: &LuaStr) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.as_bytes() == other.as_bytes()
    }
}

impl Eq for LuaStr {}

impl Hash for LuaStr {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state)
    }
}

impl fmt::Debug for LuaStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_str_lossy())
    }
}

/// A reference to a table.
#[derive(Clone)]
pub struct TableRef(pub Rc<RefCell<Table>>);

impl TableRef {
    #[inline]
    pub fn ptr_eq(&self, other: &TableRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }

    #[inline]
    pub fn borrow(&self) -> std::cell::Ref<'_, Table> {
        self.0.borrow()
    }

    #[inline]
    pub fn borrow_mut(&self) -> std::cell::RefMut<'_, Table> {
        self.0.borrow_mut()
    }

    /// The metatable, if any.
    #[inline]
    pub fn metatable(&self) -> Option<TableRef> {
        self.0.borrow().meta.clone()
    }
}

/// The storage of an upvalue cell.
pub struct CellBox {
    pub value: RefCell<Value>,
}

/// Bytes accounted for an upvalue cell.
pub const CELL_BYTES: usize = 40;

impl Drop for CellBox {
    fn drop(&mut self) {
        heap::object_dropped();
        heap::release(CELL_BYTES);
    }
}

/// An upvalue cell: a local variable captured by a closure, shared by every closure that
/// captures it and by the frame that declared it. Create cells with `Runtime::new_cell`,
/// which registers them for teardown.
#[derive(Clone)]
pub struct UpCell(pub Rc<CellBox>);

impl UpCell {
    /// A cell that is not registered for teardown (the caller registers it).
    pub fn unregistered(v: Value) -> UpCell {
        heap::object_created();
        heap::charge(CELL_BYTES);
        UpCell(Rc::new(CellBox {
            value: RefCell::new(v),
        }))
    }

    #[inline]
    pub fn get(&self) -> Value {
        self.0.value.borrow().clone()
    }

    #[inline]
    pub fn set(&self, v: Value) {
        *self.0.value.borrow_mut() = v;
    }

    pub fn ptr_eq(&self, other: &UpCell) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }
}

/// A native (Rust) function: the standard library.
pub type NativeFn = for<'a, 'y> fn(&'a mut Exec<'y>, Vec<Value>) -> LResult<Vec<Value>>;

/// A native function with captured state (`string.gmatch` iterators, `coroutine.wrap`).
pub type NativeClosure = dyn for<'a, 'y> Fn(&'a mut Exec<'y>, Vec<Value>) -> LResult<Vec<Value>>;

/// What a native function runs.
pub enum NativeBody {
    Fn(NativeFn),
    Closure(Box<NativeClosure>),
}

/// A native function.
pub struct Native {
    /// The name lauxlib's `pushglobalfuncname` would find for it (`"table.insert"`,
    /// `"print"`), used in messages when the call site gives no name; empty when it
    /// is not reachable from `package.loaded`.
    pub name: &'static str,
    pub body: NativeBody,
    /// Whether Lua code it calls may yield (functions with continuations in PUC:
    /// `pcall`, `xpcall`, ...). Calls into Lua from any other native function are not
    /// yieldable ("attempt to yield across a C-call boundary").
    pub yieldable: bool,
}

/// A Lua function: a prototype and its upvalue cells.
pub struct LuaClosure {
    pub proto: Rc<Proto>,
    /// Mutable only for `debug.upvaluejoin`.
    pub upvalues: RefCell<Box<[UpCell]>>,
}

/// A function value.
pub enum Function {
    Lua(LuaClosure),
    Native(Native),
}

impl Drop for Function {
    fn drop(&mut self) {
        if let Function::Lua(c) = self {
            heap::release(CLOSURE_BYTES + 8 * c.upvalues.borrow().len());
            heap::object_dropped();
        }
    }
}

/// Bytes accounted for a closure besides its upvalues.
pub const CLOSURE_BYTES: usize = 48;

/// A reference to a function.
#[derive(Clone)]
pub struct FunctionRef(pub Rc<Function>);

impl FunctionRef {
    pub fn lua(closure: LuaClosure) -> FunctionRef {
        heap::charge(CLOSURE_BYTES + 8 * closure.upvalues.borrow().len());
        heap::object_created();
        FunctionRef(Rc::new(Function::Lua(closure)))
    }

    pub fn native(name: &'static str, f: NativeFn) -> FunctionRef {
        FunctionRef(Rc::new(Function::Native(Native {
            name,
            body: NativeBody::Fn(f),
            yieldable: false,
        })))
    }

    pub fn ptr_eq(&self, other: &FunctionRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }
}

/// A reference to a coroutine.
#[derive(Clone)]
pub struct ThreadRef(pub Rc<Thread>);

impl ThreadRef {
    pub fn ptr_eq(&self, other: &ThreadRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }
}

/// A full userdata. The only one is the `FILE*` that `io.write` returns.
pub struct Userdata {
    pub meta: RefCell<Option<TableRef>>,
}

/// A reference to a userdata.
#[derive(Clone)]
pub struct UserdataRef(pub Rc<Userdata>);

impl UserdataRef {
    pub fn ptr_eq(&self, other: &UserdataRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }
}

/// A Lua value.
#[derive(Clone, Default)]
pub enum Value {
    #[default]
    Nil,
    Boolean(bool),
    Integer(i64),
    Float(f64),
    String(LuaStr),
    Table(TableRef),
    Function(FunctionRef),
    Thread(ThreadRef),
    Userdata(UserdataRef),
}

/// The basic types (manual §2.1), in the order of PUC's type tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Nil,
    Boolean,
    Number,
    String,
    Table,
    Function,
    Thread,
    Userdata,
}

impl Type {
    /// The name `type` returns.
    pub fn name(self) -> &'static str {
        match self {
            Type::Nil => "nil",
            Type::Boolean => "boolean",
            Type::Number => "number",
            Type::String => "string",
            Type::Table => "table",
            Type::Function => "function",
            Type::Thread => "thread",
            Type::Userdata => "userdata",
        }
    }
}

impl Value {
    #[inline]
    pub fn type_of(&self) -> Type {
        match self {
            Value::Nil => Type::Nil,
            Value::Boolean(_) => Type::Boolean,
            Value::Integer(_) | Value::Float(_) => Type::Number,
            Value::String(_) => Type::String,
            Value::Table(_) => Type::Table,
            Value::Function(_) => Type::Function,
            Value::Thread(_) => Type::Thread,
            Value::Userdata(_) => Type::Userdata,
        }
    }

    /// The name `type` returns.
    #[inline]
    pub fn type_name(&self) -> &'static str {
        self.type_of().name()
    }

    /// Lua truthiness: everything but `nil` and `false` is true.
    #[inline]
    pub fn truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Boolean(false))
    }

    #[inline]
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    pub fn str(s: &str) -> Value {
        Value::String(LuaStr::from_text(s))
    }

    pub fn bytes(b: &[u8]) -> Value {
        Value::String(LuaStr::new(b))
    }

    /// The value as a number, without string coercion.
    #[inline]
    pub fn as_number(&self) -> Option<Number> {
        match *self {
            Value::Integer(i) => Some(Number::Integer(i)),
            Value::Float(f) => Some(Number::Float(f)),
            _ => None,
        }
    }

    /// The value as a number, converting numeric strings (`cvt2num`, `luaV_tonumber_`).
    pub fn to_number(&self) -> Option<Number> {
        match self {
            Value::Integer(i) => Some(Number::Integer(*i)),
            Value::Float(f) => Some(Number::Float(*f)),
            Value::String(s) => lua_prims::number::str_to_number(s.as_bytes()),
            _ => None,
        }
    }

    /// The value as an integer: integers, floats with an exact integer value, and strings
    /// that convert to one (`lua_tointegerx`).
    pub fn to_integer(&self) -> Option<i64> {
        self.to_number()?.to_integer()
    }

    pub fn from_number(n: Number) -> Value {
        match n {
            Number::Integer(i) => Value::Integer(i),
            Number::Float(f) => Value::Float(f),
        }
    }

    /// Raw equality (`rawequal`, `luaV_rawequalobj`).
    pub fn raw_equal(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Boolean(a), Value::Boolean(b)) => a == b,
            (Value::Integer(a), Value::Integer(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b,
            (Value::Integer(_) | Value::Float(_), Value::Integer(_) | Value::Float(_)) => {
                lua_prims::number::num_eq(
                    self.as_number().unwrap_or(Number::Integer(0)),
                    other.as_number().unwrap_or(Number::Integer(0)),
                )
            }
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Table(a), Value::Table(b)) => a.ptr_eq(b),
            (Value::Function(a), Value::Function(b)) => a.ptr_eq(b),
            (Value::Thread(a), Value::Thread(b)) => a.ptr_eq(b),
            (Value::Userdata(a), Value::Userdata(b)) => a.ptr_eq(b),
            _ => false,
        }
    }

    /// An address for `%p` and `tostring`, for values that have one.
    pub fn addr(&self) -> Option<usize> {
        match self {
            Value::Table(t) => Some(t.addr()),
            Value::Function(f) => Some(f.addr()),
            Value::Thread(t) => Some(t.addr()),
            Value::Userdata(u) => Some(u.addr()),
            Value::String(s) => Some(Rc::as_ptr(&s.0) as *const u8 as usize),
            _ => None,
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nil => f.write_str("nil"),
            Value::Boolean(b) => write!(f, "{b}"),
            Value::Integer(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{}", lua_prims::numfmt::fmt_float(*x)),
            Value::String(s) => write!(f, "{s:?}"),
            other => write!(f, "{}: {:#x}", other.type_name(), other.addr().unwrap_or(0)),
        }
    }
}
