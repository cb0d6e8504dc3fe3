//! The state of one Lua universe ([`Vm`]): the heap, the running thread, the globals, the
//! limits of the current run, and the helpers everything else is built on (allocation,
//! errors with PUC's messages and positions, stack space).

use std::rc::Rc;

use lua_engine::Resource;
use lua_prims::numfmt;
use lua_prims::random::Xoshiro256;

use crate::func::{LProto, LuaFn, NativeClosure, Upval, Userdata};
use crate::heap::Heap;
use crate::native::NativeDef;
use crate::opcodes::TagMethod;
use crate::proto::{Constant, Proto};
use crate::table::Table;
use crate::thread::{CallInfo, Thread};
use crate::value::{
    LuaFnRef, NativeClosureRef, StrRef, TableRef, ThreadRef, UpvalRef, UserdataRef, Value,
};

/// How a Lua computation stopped early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Throw {
    /// A Lua error; the error value is in [`Vm::err_value`].
    Error,
    /// A resource limit: the run ends, and no `pcall` can catch it.
    Exhausted(Resource),
    /// A coroutine yields (the values are the arguments of the yielding native frame).
    Yield,
}

/// Nested Rust-level calls (natives calling Lua, coroutine resumes, message handlers)
/// before the run is stopped, as PUC's LUAI_MAXCCALLS.
pub const MAX_CCALLS: u32 = 200;
/// Largest stack of one thread, in slots (LUAI_MAXSTACK).
pub const MAX_STACK: usize = 1_000_000;
/// Free slots guaranteed to a native function (LUA_MINSTACK).
pub const MIN_STACK: usize = 20;
/// Slots kept free above every frame for metamethod calls and error handlers.
pub const EXTRA_STACK: usize = 8;

/// Pre-interned strings the runtime uses often.
#[derive(Debug)]
pub struct Names {
    /// `__index`, `__newindex`, ... in [`TagMethod`] order.
    pub tm: [StrRef; 25],
    pub name: StrRef,
    pub tostring: StrRef,
    pub metatable: StrRef,
    pub pairs: StrRef,
    pub n: StrRef,
    pub empty: StrRef,
}

/// Settings of a run that the runtime needs.
#[derive(Clone, Copy, Debug)]
pub struct RunLimits {
    pub fuel: u64,
    pub memory_bytes: usize,
    pub depth: usize,
    pub output_bytes: usize,
}

impl Default for RunLimits {
    fn default() -> RunLimits {
        RunLimits {
            fuel: u64::MAX,
            memory_bytes: usize::MAX,
            depth: 200_000,
            output_bytes: usize::MAX,
        }
    }
}

/// One Lua state with its standard library.
pub struct Vm {
    pub heap: Heap,
    /// The running thread's state (its slot in the heap holds an empty placeholder).
    pub th: Thread,
    pub current: ThreadRef,
    pub main_thread: ThreadRef,
    pub globals: TableRef,
    /// `package.loaded` (also what `pushglobalfuncname` searches).
    pub loaded: TableRef,
    /// Metatables of the basic types other than tables and userdata (strings have one).
    pub type_mt: [Option<TableRef>; 9],
    pub names: Names,
    /// The value of the error being raised or propagated.
    pub err_value: Value,
    /// Values natives hold outside the stack while they call back into Lua.
    pub roots: Vec<Value>,
    /// Nested Rust-level calls.
    pub n_ccalls: u32,
    /// While positive, the collector does not run (a native holds values in Rust locals
    /// across calls into Lua).
    pub gc_block: u32,
    pub gc_stopped: bool,
    /// The collector mode last requested (`collectgarbage("generational")`), reported
    /// back as the previous mode; the collector itself has one mode.
    pub gc_generational: bool,
    /// A buffer for building substrings before interning them.
    scratch: Vec<u8>,
    /// Tables with a finalizer (`__gc` in their metatable when it was set), oldest first.
    pub finobj: Vec<TableRef>,
    /// Unreachable tables whose finalizers are due, in the order they run (newest first).
    pub tobefnz: Vec<TableRef>,
    /// Whether finalizers are running (they do not start other finalizers).
    pub running_finalizers: bool,
    /// Instructions executed.
    pub steps: u64,
    pub limits: RunLimits,
    /// Everything `print` and `io.write` wrote.
    pub output: Vec<u8>,
    pub rng: Xoshiro256,
    /// Whether the run is `luadiff exec` (extra libraries, tracebacks).
    pub exec_mode: bool,
    /// Per-opcode execution counts, when collecting coverage.
    pub op_counts: Option<Box<[u64]>>,
    /// The compiler configuration `load` uses.
    pub compile_config: crate::config::CompileConfig,
    /// The standard output userdata `io.write` returns.
    pub stdout: Option<UserdataRef>,
    /// Natives called, by name, when collecting coverage.
    pub lib_counts: Option<std::collections::HashMap<&'static str, u64>>,
}

impl Vm {
    /// A fresh state with the standard libraries (`exec_mode` adds `os`, `debug`,
    /// `require` and `package`).
    pub fn new(
        limits: RunLimits,
        exec_mode: bool,
        compile_config: crate::config::CompileConfig,
    ) -> Vm {
        let mut heap = Heap::new();
        let intern = |heap: &mut Heap, s: &str| heap.intern(s.as_bytes());
        let tm = TagMethod::ALL.map(|t| intern(&mut heap, t.name()));
        let names = Names {
            tm,
            name: intern(&mut heap, "__name"),
            tostring: intern(&mut heap, "__tostring"),
            metatable: intern(&mut heap, "__metatable"),
            pairs: intern(&mut heap, "__pairs"),
            n: intern(&mut heap, "n"),
            empty: intern(&mut heap, ""),
        };
        let main_thread = ThreadRef(heap.threads.alloc(Thread::default()));
        let globals = TableRef(heap.tables.alloc(Table::new()));
        let loaded = TableRef(heap.tables.alloc(Table::new()));
        let mut th = Thread {
            stack: vec![Value::Nil; 64],
            ..Thread::default()
        };
        th.status = crate::thread::CoStatus::Running;
        th.started = true;
        let mut vm = Vm {
            heap,
            th,
            current: main_thread,
            main_thread,
            globals,
            loaded,
            type_mt: [None; 9],
            names,
            err_value: Value::Nil,
            roots: Vec::new(),
            n_ccalls: 0,
            gc_block: 0,
            gc_stopped: false,
            gc_generational: false,
            scratch: Vec::new(),
            finobj: Vec::new(),
            tobefnz: Vec::new(),
            running_finalizers: false,
            steps: 0,
            limits,
            output: Vec::new(),
            rng: Xoshiro256::seeded(0, 0),
            exec_mode,
            op_counts: None,
            compile_config,
            stdout: None,
            lib_counts: None,
        };
        crate::stdlib::open_libs(&mut vm);
        vm.heap.reset_debt();
        vm
    }

    // -----------------------------------------------------------------------------------
    // Allocation.

    /// Interns a string.
    #[inline]
    pub fn intern(&mut self, s: &[u8]) -> StrRef {
        self.heap.intern(s)
    }

    /// Interns an owned string.
    #[inline]
    pub fn intern_vec(&mut self, s: Vec<u8>) -> StrRef {
        self.heap.intern_vec(s)
    }

    /// A string value.
    #[inline]
    pub fn str_value(&mut self, s: &[u8]) -> Value {
        Value::String(self.heap.intern(s))
    }

    /// Interns a substring of a string.
    pub fn intern_sub(&mut self, s: StrRef, range: std::ops::Range<usize>) -> StrRef {
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        buf.extend_from_slice(&self.heap.strings.bytes(s)[range]);
        let r = self.heap.intern(&buf);
        self.scratch = buf;
        r
    }

    #[inline(always)]
    pub fn str_bytes(&self, s: StrRef) -> &[u8] {
        self.heap.strings.bytes(s)
    }

    pub fn new_table(&mut self, t: Table) -> TableRef {
        self.heap.new_table(t)
    }

    pub fn new_native_closure(
        &mut self,
        def: &'static NativeDef,
        upvals: Vec<Value>,
    ) -> NativeClosureRef {
        self.heap.new_native_closure(NativeClosure {
            def: Some(def),
            upvals,
            gmatch: None,
        })
    }

    pub fn new_userdata(&mut self, u: Userdata) -> UserdataRef {
        self.heap.new_userdata(u)
    }

    /// The text of a number as `tostring` gives it, interned.
    pub fn number_to_str(&mut self, v: Value) -> StrRef {
        match v {
            Value::Integer(i) => self.intern(&numfmt::fmt_integer(i)),
            Value::Float(f) => self.intern(&numfmt::fmt_float(f)),
            _ => self.names.empty,
        }
    }

    /// Turns a compiled prototype into a runnable one (constants to values).
    pub fn load_proto(&mut self, p: &Rc<Proto>) -> Rc<LProto> {
        let k: Box<[Value]> = p
            .constants
            .iter()
            .map(|c| match c {
                Constant::Nil => Value::Nil,
                Constant::Boolean(b) => Value::Boolean(*b),
                Constant::Integer(i) => Value::Integer(*i),
                Constant::Float(f) => Value::Float(*f),
                Constant::String(s) => Value::String(self.heap.intern(s)),
            })
            .collect();
        let protos: Box<[Rc<LProto>]> = p.protos.iter().map(|c| self.load_proto(c)).collect();
        self.heap.charge(
            std::mem::size_of::<LProto>()
                + p.code.len() * 4
                + k.len() * std::mem::size_of::<Value>()
                + p.lineinfo.len() * 4,
        );
        Rc::new(LProto {
            code: p.code.clone().into_boxed_slice(),
            k,
            protos,
            info: p.clone(),
            numparams: p.numparams as usize,
            is_vararg: p.is_vararg,
            maxstacksize: p.maxstacksize as usize,
            mark_epoch: std::cell::Cell::new(0),
        })
    }

    /// A closure of a main chunk: one upvalue, `_ENV`, set to the globals.
    pub fn main_closure(&mut self, proto: Rc<LProto>) -> LuaFnRef {
        let env = self
            .heap
            .new_upval(Upval::Closed(Value::Table(self.globals)));
        let n = proto.info.upvalues.len();
        let mut upvals = Vec::with_capacity(n);
        upvals.push(env);
        for _ in 1..n {
            upvals.push(self.heap.new_upval(Upval::Closed(Value::Nil)));
        }
        self.heap.new_lua_fn(LuaFn {
            proto: Some(proto),
            upvals: upvals.into_boxed_slice(),
        })
    }

    // -----------------------------------------------------------------------------------
    // The stack.

    /// Makes sure the stack has at least `n` slots.
    #[inline]
    pub fn ensure_stack(&mut self, n: usize) -> Result<(), Throw> {
        if n > self.th.stack.len() {
            self.grow_stack(n)?;
        }
        Ok(())
    }

    #[cold]
    fn grow_stack(&mut self, n: usize) -> Result<(), Throw> {
        if n > MAX_STACK {
            return Err(Throw::Exhausted(Resource::Depth));
        }
        let new_len = (self.th.stack.len() * 2)
            .max(n)
            .min(MAX_STACK + EXTRA_STACK * 4);
        let added = new_len - self.th.stack.len();
        self.heap.charge(added * std::mem::size_of::<Value>());
        self.th.stack.resize(new_len, Value::Nil);
        Ok(())
    }

    /// Pushes a value at the top (natives' results).
    #[inline]
    pub fn push(&mut self, v: Value) {
        let top = self.th.top;
        if top >= self.th.stack.len() {
            // The stack limit is checked when calls are made; natives push few values.
            let new_len = (self.th.stack.len() * 2).max(top + 1);
            self.heap.charge((new_len - self.th.stack.len()) * 16);
            self.th.stack.resize(new_len, Value::Nil);
        }
        self.th.stack[top] = v;
        self.th.top = top + 1;
    }

    /// A stack index above every value of the running frames: where calls made in the
    /// middle of an instruction (metamethods, handlers) can put their function.
    #[inline]
    pub fn safe_top(&self) -> usize {
        match self.th.frames.last() {
            Some(ci) => ci.top.max(self.th.top),
            None => self.th.top,
        }
    }

    // -----------------------------------------------------------------------------------
    // Metatables.

    /// The metatable of a value (raw: ignores `__metatable`).
    #[inline]
    pub fn metatable(&self, v: Value) -> Option<TableRef> {
        match v {
            Value::Table(t) => self.heap.tables.get(t.0).metatable,
            Value::Userdata(u) => self.heap.userdata.get(u.0).metatable,
            other => self.type_mt[other.type_of().index()],
        }
    }

    /// The metamethod `event` of a value, nil when absent.
    #[inline]
    pub fn metamethod(&self, v: Value, event: TagMethod) -> Value {
        match self.metatable(v) {
            Some(mt) => self.fast_tm(mt, event),
            None => Value::Nil,
        }
    }

    /// A metamethod from a metatable, using the table's cache of absent events for the
    /// first six events (`__index`..`__eq`).
    #[inline]
    pub fn fast_tm(&self, mt: TableRef, event: TagMethod) -> Value {
        let t = self.heap.tables.get(mt.0);
        let ev = event as u8;
        if ev < 6 && t.absent & (1 << ev) != 0 {
            return Value::Nil;
        }
        let v = t.get_str(Value::String(self.names.tm[ev as usize]));
        if v.is_nil() && ev < 6 {
            // Interior mutability would be needed to cache through `&self`; the cache is
            // filled by `cache_absent_tm` on the paths that can take `&mut self`.
        }
        v
    }

    /// Records that `mt` has no metamethod for `event` (one of the first six events).
    #[inline]
    pub fn cache_absent_tm(&mut self, mt: TableRef, event: TagMethod) {
        let ev = event as u8;
        if ev < 6 {
            self.heap.tables.get_mut(mt.0).absent |= 1 << ev;
        }
    }

    /// A field of a value's metatable (`luaL_getmetafield`, raw).
    pub fn metafield(&self, v: Value, name: StrRef) -> Value {
        match self.metatable(v) {
            Some(mt) => self.heap.tables.get(mt.0).get_str(Value::String(name)),
            None => Value::Nil,
        }
    }

    /// The type name for messages (`luaT_objtypename`): a string `__name` in the metatable
    /// of a table or userdata, else the basic type name.
    pub fn type_name_for_error(&self, v: Value) -> Vec<u8> {
        if matches!(v, Value::Table(_) | Value::Userdata(_))
            && let Value::String(s) = self.metafield(v, self.names.name)
        {
            return self.str_bytes(s).to_vec();
        }
        v.type_name().as_bytes().to_vec()
    }

    // -----------------------------------------------------------------------------------
    // Errors.

    /// Raises `v` as an error (`luaG_errormsg`): the message handler of an enclosing
    /// `xpcall` sees it first, with the stack still intact.
    pub fn throw_value(&mut self, v: Value) -> Throw {
        self.err_value = v;
        let errfunc = self.th.errfunc;
        if errfunc == 0 {
            return Throw::Error;
        }
        if self.n_ccalls >= MAX_CCALLS {
            // A message handler that keeps failing recurses until PUC gives up with
            // LUA_ERRERR.
            self.err_value = Value::String(self.heap.intern(b"error in error handling"));
            return Throw::Error;
        }
        let handler = self.th.stack[errfunc];
        let at = self.safe_top();
        if self.ensure_stack(at + 2 + EXTRA_STACK).is_err() {
            return Throw::Exhausted(Resource::Depth);
        }
        self.th.stack[at] = handler;
        self.th.stack[at + 1] = v;
        self.th.top = at + 2;
        match self.call(at, 1) {
            Ok(()) => {
                self.err_value = self.th.stack[at];
                self.th.top = at;
                Throw::Error
            }
            Err(e) => e,
        }
    }

    /// Raises a string error as is.
    pub fn throw_str(&mut self, msg: impl AsRef<[u8]>) -> Throw {
        let s = self.str_value(msg.as_ref());
        self.throw_value(s)
    }

    /// A runtime error (`luaG_runerror`): prefixed with `chunk:line:` when the running
    /// frame is a Lua function.
    pub fn rt_error(&mut self, msg: impl AsRef<[u8]>) -> Throw {
        let mut text = Vec::new();
        if let Some(ci) = self.th.frames.last()
            && ci.is_lua()
        {
            let ci = *ci;
            text.extend_from_slice(&self.position_of(&ci));
        }
        text.extend_from_slice(msg.as_ref());
        self.throw_str(text)
    }

    /// A library error (`luaL_error`): prefixed with the position of the native's caller
    /// when that is a Lua function (`luaL_where(L, 1)`).
    pub fn lib_error(&mut self, msg: impl AsRef<[u8]>) -> Throw {
        let mut text = self.where_(1);
        text.extend_from_slice(msg.as_ref());
        self.throw_str(text)
    }

    /// `luaL_where(L, level)`: `chunk:line: ` of the function `level` frames down, if it is
    /// a Lua function with line information.
    pub fn where_(&self, level: usize) -> Vec<u8> {
        let n = self.th.frames.len();
        if level >= n {
            return Vec::new();
        }
        let ci = self.th.frames[n - 1 - level];
        if ci.is_lua() {
            self.position_of(&ci)
        } else {
            Vec::new()
        }
    }

    /// `short_src:line: ` of a Lua frame.
    pub fn position_of(&self, ci: &CallInfo) -> Vec<u8> {
        let Some(p) = self.frame_proto(ci) else {
            return Vec::new();
        };
        let line = p.info.line_at(ci.pc.saturating_sub(1)).unwrap_or(0);
        format!("{}:{}: ", lua_syntax::chunkid(&p.info.source), line).into_bytes()
    }

    /// The prototype a Lua frame runs.
    pub fn frame_proto(&self, ci: &CallInfo) -> Option<Rc<LProto>> {
        match self.th.stack.get(ci.func) {
            Some(Value::LuaFn(f)) if ci.is_lua() => self.heap.lua_fns.get(f.0).proto.clone(),
            _ => None,
        }
    }

    /// `luaL_argerror`: "bad argument #i to 'f' (msg)" for the running native, with the
    /// name derived from its call site ("calling 'f' on bad self" for methods).
    pub fn arg_error(&mut self, arg: usize, msg: impl AsRef<[u8]>) -> Throw {
        let mut arg = arg;
        let level = self.th.frames.len().saturating_sub(1);
        let (name, what) = self.call_site_name(level);
        if what.as_deref() == Some("method") {
            arg -= 1;
            if arg == 0 {
                let mut text = format!(
                    "calling '{}' on bad self (",
                    String::from_utf8_lossy(name.as_deref().unwrap_or(b"?"))
                )
                .into_bytes();
                text.extend_from_slice(msg.as_ref());
                text.push(b')');
                return self.lib_error(text);
            }
        }
        let name = match name {
            Some(n) => n,
            None => self
                .global_func_name(level)
                .unwrap_or_else(|| b"?".to_vec()),
        };
        let mut text = format!("bad argument #{arg} to '").into_bytes();
        text.extend_from_slice(&name);
        text.extend_from_slice(b"' (");
        text.extend_from_slice(msg.as_ref());
        text.push(b')');
        self.lib_error(text)
    }

    // -----------------------------------------------------------------------------------
    // Output.

    /// Appends to the program's output, within the output limit.
    pub fn write_output(&mut self, bytes: &[u8]) -> Result<(), Throw> {
        let room = self.limits.output_bytes.saturating_sub(self.output.len());
        if bytes.len() > room {
            self.output.extend_from_slice(&bytes[..room]);
            return Err(Throw::Exhausted(Resource::Memory));
        }
        self.output.extend_from_slice(bytes);
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Upvalues.

    /// The value of an upvalue cell.
    #[inline(always)]
    pub fn upval_get(&self, uv: UpvalRef) -> Value {
        match *self.heap.upvals.get(uv.0) {
            Upval::Closed(v) => v,
            Upval::Open { thread, index } => {
                if thread == self.current {
                    self.th.stack[index as usize]
                } else {
                    self.heap.threads.get(thread.0).stack[index as usize]
                }
            }
        }
    }

    /// Assigns an upvalue cell.
    #[inline(always)]
    pub fn upval_set(&mut self, uv: UpvalRef, v: Value) {
        match self.heap.upvals.get_mut(uv.0) {
            Upval::Closed(slot) => *slot = v,
            Upval::Open { thread, index } => {
                let (thread, index) = (*thread, *index as usize);
                if thread == self.current {
                    self.th.stack[index] = v;
                } else {
                    self.heap.threads.get_mut(thread.0).stack[index] = v;
                }
            }
        }
    }

    /// The open upvalue for stack slot `index` of the running thread, created if needed.
    pub fn find_upval(&mut self, index: usize) -> UpvalRef {
        let list = &self.th.open_upvals;
        // Most captures are of recent locals: search from the innermost end.
        let mut pos = list.len();
        while pos > 0 {
            let (slot, uv) = list[pos - 1];
            if slot == index {
                return uv;
            }
            if slot < index {
                break;
            }
            pos -= 1;
        }
        let uv = self.heap.new_upval(Upval::Open {
            thread: self.current,
            index: index as u32,
        });
        self.th.open_upvals.insert(pos, (index, uv));
        uv
    }

    /// Closes the open upvalues at stack slots `>= level` (`luaF_closeupval`).
    #[inline]
    pub fn close_upvals(&mut self, level: usize) {
        while let Some(&(slot, uv)) = self.th.open_upvals.last() {
            if slot < level {
                break;
            }
            self.th.open_upvals.pop();
            let v = self.th.stack[slot];
            *self.heap.upvals.get_mut(uv.0) = Upval::Closed(v);
        }
    }

    /// The tostring text of a value without metamethods (numbers, strings, booleans, nil,
    /// or `type: 0x...` for the others).
    pub fn raw_tostring(&self, v: Value) -> Vec<u8> {
        match v {
            Value::Nil => b"nil".to_vec(),
            Value::Boolean(true) => b"true".to_vec(),
            Value::Boolean(false) => b"false".to_vec(),
            Value::Integer(i) => numfmt::fmt_integer(i).to_vec(),
            Value::Float(f) => numfmt::fmt_float(f).to_vec(),
            Value::String(s) => self.str_bytes(s).to_vec(),
            other => format!("{}: {}", other.type_name(), self.address_text(other)).into_bytes(),
        }
    }

    /// A stable pseudo-address of a reference value, formatted like `%p` (`0x...`).
    pub fn address_text(&self, v: Value) -> String {
        format!("0x{:08x}", self.pseudo_address(v).unwrap_or(0))
    }

    /// A pseudo-address for `%p` and `tostring`: distinct for distinct objects.
    pub fn pseudo_address(&self, v: Value) -> Option<usize> {
        let (tag, slot): (usize, usize) = match v {
            Value::Table(t) => (1, t.index()),
            Value::LuaFn(f) => (2, f.index()),
            Value::NativeClosure(f) => (3, f.index()),
            Value::Thread(t) => (4, t.index()),
            Value::Userdata(u) => (5, u.index()),
            Value::String(s) => (6, s.index()),
            Value::Native(def) => return Some(def as *const NativeDef as usize),
            _ => return None,
        };
        Some(0x5555_0000_0000 + (tag << 36) + slot * 0x40)
    }

    /// The number of values above `first` (for varargs and results).
    #[inline]
    pub fn top_count(&self, first: usize) -> usize {
        self.th.top - first
    }
}
