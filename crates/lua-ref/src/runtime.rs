//! The state shared by everything in one run: globals, metatables of basic types, the
//! output, the limits and the step counter, the random generator, the heap registry.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Instant;

use corosensei::stack::DefaultStack;
use lua_engine::{Limits, Resource};
use lua_prims::random::Xoshiro256;

use crate::heap::Registry;
use crate::interp::Throw;
use crate::table::Table;
use crate::thread::Thread;
use crate::value::{LuaStr, TableRef, ThreadRef, Type, UpCell, Value};

/// Metamethod events (manual §2.4), with the names PUC gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    Index,
    NewIndex,
    Gc,
    Mode,
    Len,
    Eq,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Lt,
    Le,
    Concat,
    Call,
    Close,
    ToString,
    Name,
    Metatable,
    Pairs,
}

impl Event {
    const ALL: [Event; 29] = [
        Event::Index,
        Event::NewIndex,
        Event::Gc,
        Event::Mode,
        Event::Len,
        Event::Eq,
        Event::Add,
        Event::Sub,
        Event::Mul,
        Event::Mod,
        Event::Pow,
        Event::Div,
        Event::IDiv,
        Event::BAnd,
        Event::BOr,
        Event::BXor,
        Event::Shl,
        Event::Shr,
        Event::Unm,
        Event::BNot,
        Event::Lt,
        Event::Le,
        Event::Concat,
        Event::Call,
        Event::Close,
        Event::ToString,
        Event::Name,
        Event::Metatable,
        Event::Pairs,
    ];

    /// The key in a metatable (`"__index"`).
    pub fn key(self) -> &'static str {
        match self {
            Event::Index => "__index",
            Event::NewIndex => "__newindex",
            Event::Gc => "__gc",
            Event::Mode => "__mode",
            Event::Len => "__len",
            Event::Eq => "__eq",
            Event::Add => "__add",
            Event::Sub => "__sub",
            Event::Mul => "__mul",
            Event::Mod => "__mod",
            Event::Pow => "__pow",
            Event::Div => "__div",
            Event::IDiv => "__idiv",
            Event::BAnd => "__band",
            Event::BOr => "__bor",
            Event::BXor => "__bxor",
            Event::Shl => "__shl",
            Event::Shr => "__shr",
            Event::Unm => "__unm",
            Event::BNot => "__bnot",
            Event::Lt => "__lt",
            Event::Le => "__le",
            Event::Concat => "__concat",
            Event::Call => "__call",
            Event::Close => "__close",
            Event::ToString => "__tostring",
            Event::Name => "__name",
            Event::Metatable => "__metatable",
            Event::Pairs => "__pairs",
        }
    }

    /// The name in messages about metamethod calls (`"index"` in "metamethod 'index'").
    pub fn short_name(self) -> &'static str {
        &self.key()[2..]
    }
}

/// State of `collectgarbage`'s switches, which change nothing but what it answers.
#[derive(Clone, Copy, Debug)]
pub struct GcState {
    pub running: bool,
    pub generational: bool,
    pub pause: i64,
    pub stepmul: i64,
}

/// How many coroutine stacks to keep for reuse.
const STACK_POOL_SIZE: usize = 16;

/// Everything one run shares.
pub struct Runtime {
    pub globals: TableRef,
    /// The main chunk's `_ENV` upvalue.
    pub globals_cell: UpCell,
    /// `package.loaded`: where `pushglobalfuncname` looks for function names.
    pub loaded: TableRef,
    /// Metatables of the basic types other than tables and userdata (the string library
    /// sets the one of strings; `debug.setmetatable` the others).
    pub type_metas: RefCell<[Option<TableRef>; 8]>,
    events: Vec<LuaStr>,
    pub output: RefCell<Vec<u8>>,
    pub limits: Limits,
    steps: Cell<u64>,
    next_check: Cell<u64>,
    deadline: Option<Instant>,
    pub rng: RefCell<Xoshiro256>,
    /// The running coroutine.
    pub current: RefCell<ThreadRef>,
    pub main_thread: ThreadRef,
    /// Whether the run is `luadiff exec` (extra libraries, tracebacks).
    pub exec_mode: bool,
    pub registry: Registry,
    stack_pool: RefCell<Vec<DefaultStack>>,
    /// The traceback of the uncaught error, captured where it was raised (exec mode).
    pub traceback: RefCell<Option<Vec<u8>>>,
    pub gc: Cell<GcState>,
    /// The resource limit the run hit, once it hits one: from then on the run only unwinds.
    pub exhausted: Cell<Option<Resource>>,
    /// The `FILE*` standing for the standard output (`io.write` returns it).
    pub stdout: RefCell<Value>,
    /// The tables marked for finalization, oldest first, held until the end of the run:
    /// there is no collector during a run, so their finalizers run when the state
    /// closes ([`Runtime::take_finalizable`]).
    finobj: RefCell<Vec<TableRef>>,
    /// The state is closing: tables marked from now on are not finalized (PUC's
    /// `GCSTPCLS`).
    closing: Cell<bool>,
}

/// Steps between checks of the memory account and the clock.
const CHECK_PERIOD: u64 = 4096;

impl Runtime {
    pub fn new(limits: Limits, exec_mode: bool) -> Rc<Runtime> {
        let registry = Registry::new();
        let globals = TableRef(Rc::new(RefCell::new(Table::new())));
        registry.register_table(&globals.0);
        let loaded = TableRef(Rc::new(RefCell::new(Table::new())));
        registry.register_table(&loaded.0);
        let globals_cell = UpCell::unregistered(Value::Table(globals.clone()));
        registry.register_cell(&globals_cell.0);
        let main_thread = ThreadRef(Rc::new(Thread::main()));
        registry.register_thread(&main_thread.0);
        let events = Event::ALL
            .iter()
            .map(|e| LuaStr::from_text(e.key()))
            .collect();
        let deadline = limits.wall_time.and_then(|d| Instant::now().checked_add(d));
        Rc::new(Runtime {
            globals,
            globals_cell,
            loaded,
            type_metas: RefCell::new(Default::default()),
            events,
            output: RefCell::new(Vec::new()),
            limits,
            steps: Cell::new(0),
            next_check: Cell::new(CHECK_PERIOD.min(limits.fuel)),
            deadline,
            rng: RefCell::new(Xoshiro256::seeded(0, 0)),
            current: RefCell::new(main_thread.clone()),
            main_thread,
            exec_mode,
            registry,
            stack_pool: RefCell::new(Vec::new()),
            traceback: RefCell::new(None),
            gc: Cell::new(GcState {
                running: true,
                generational: false,
                pause: 200,
                stepmul: 100,
            }),
            exhausted: Cell::new(None),
            stdout: RefCell::new(Value::Nil),
            finobj: RefCell::new(Vec::new()),
            closing: Cell::new(false),
        })
    }

    /// `setmetatable(t, mt)` marks `t` for finalization when `mt` has a `__gc` field
    /// (`luaC_checkfinalizer`), once: marking it again does not move it.
    pub fn mark_for_finalization(&self, t: &TableRef) {
        let has_gc = t
            .borrow()
            .meta
            .as_ref()
            .is_some_and(|mt| !mt.borrow().get_str(self.event(Event::Gc)).is_nil());
        if !has_gc || t.borrow().finalizable || self.closing.get() {
            return;
        }
        t.borrow_mut().finalizable = true;
        self.finobj.borrow_mut().push(t.clone());
    }

    /// Closes the state for finalization: the tables to finalize, newest first (the order
    /// of `lua_close`); none are marked after this.
    pub fn take_finalizable(&self) -> Vec<TableRef> {
        self.closing.set(true);
        let mut marked = std::mem::take(&mut *self.finobj.borrow_mut());
        marked.reverse();
        marked
    }

    /// The interned name of an event.
    #[inline]
    pub fn event(&self, e: Event) -> &LuaStr {
        &self.events[e as usize]
    }

    /// The metatable of a value (`lua_getmetatable`).
    #[inline]
    pub fn metatable(&self, v: &Value) -> Option<TableRef> {
        match v {
            Value::Table(t) => t.borrow().meta.clone(),
            Value::Userdata(u) => u.0.meta.borrow().clone(),
            other => self.type_metas.borrow()[other.type_of() as usize].clone(),
        }
    }

    /// Sets the metatable of a basic type (strings, numbers...).
    pub fn set_type_metatable(&self, t: Type, mt: Option<TableRef>) {
        self.type_metas.borrow_mut()[t as usize] = mt;
    }

    /// The metamethod `e` of `v`, or nil (`luaT_gettmbyobj`).
    #[inline]
    pub fn metamethod(&self, v: &Value, e: Event) -> Value {
        match v {
            Value::Table(t) => {
                let t = t.borrow();
                match &t.meta {
                    None => Value::Nil,
                    Some(mt) => mt.borrow().get_str(self.event(e)),
                }
            }
            other => match self.metatable(other) {
                None => Value::Nil,
                Some(mt) => mt.borrow().get_str(self.event(e)),
            },
        }
    }

    /// Counts one step of work and enforces the fuel, memory and time limits.
    #[inline]
    pub fn step(&self) -> Result<(), Throw> {
        let s = self.steps.get() + 1;
        self.steps.set(s);
        if s >= self.next_check.get() {
            return self.check_limits();
        }
        Ok(())
    }

    /// Counts `n` steps at once (library functions doing work proportional to `n`).
    pub fn steps_n(&self, n: u64) -> Result<(), Throw> {
        let s = self.steps.get().saturating_add(n);
        self.steps.set(s);
        if s >= self.next_check.get() {
            return self.check_limits();
        }
        Ok(())
    }

    pub fn steps_taken(&self) -> u64 {
        self.steps.get()
    }

    #[cold]
    fn check_limits(&self) -> Result<(), Throw> {
        let s = self.steps.get();
        if s > self.limits.fuel {
            return Err(self.exhaust(Resource::Fuel));
        }
        self.check_memory()?;
        if let Some(deadline) = self.deadline
            && Instant::now() >= deadline
        {
            return Err(self.exhaust(Resource::Time));
        }
        self.next_check.set(
            s.saturating_add(CHECK_PERIOD)
                .min(self.limits.fuel.saturating_add(1)),
        );
        Ok(())
    }

    /// Fails when the memory account is over the limit.
    pub fn check_memory(&self) -> Result<(), Throw> {
        if crate::heap::memory_in_use() > self.limits.memory_bytes {
            return Err(self.exhaust(Resource::Memory));
        }
        Ok(())
    }

    /// Checks that `bytes` more can be allocated, before allocating them.
    pub fn reserve(&self, bytes: usize) -> Result<(), Throw> {
        if crate::heap::memory_in_use().saturating_add(bytes) > self.limits.memory_bytes {
            return Err(self.exhaust(Resource::Memory));
        }
        Ok(())
    }

    /// Records that the run hit a limit and returns the throw that aborts it.
    pub fn exhaust(&self, r: Resource) -> Throw {
        if self.exhausted.get().is_none() {
            self.exhausted.set(Some(r));
        }
        Throw::Exhausted(self.exhausted.get().unwrap_or(r))
    }

    /// Appends to the output, up to the output limit.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Throw> {
        let mut out = self.output.borrow_mut();
        let room = self.limits.output_bytes.saturating_sub(out.len());
        if bytes.len() > room {
            out.extend_from_slice(&bytes[..room]);
            drop(out);
            return Err(self.exhaust(Resource::Memory));
        }
        out.extend_from_slice(bytes);
        Ok(())
    }

    /// A stack for a new coroutine, reused when one is available.
    pub fn take_stack(&self) -> Option<DefaultStack> {
        if let Some(s) = self.stack_pool.borrow_mut().pop() {
            return Some(s);
        }
        DefaultStack::new(crate::thread::COROUTINE_STACK_BYTES).ok()
    }

    /// Gives back the stack of a finished coroutine.
    pub fn return_stack(&self, stack: DefaultStack) {
        let mut pool = self.stack_pool.borrow_mut();
        if pool.len() < STACK_POOL_SIZE {
            pool.push(stack);
        }
    }

    /// A new table, registered for teardown.
    pub fn new_table(&self, table: Table) -> TableRef {
        let t = TableRef(Rc::new(RefCell::new(table)));
        self.registry.register_table(&t.0);
        t
    }

    /// A new upvalue cell, registered for teardown.
    pub fn new_cell(&self, v: Value) -> UpCell {
        let c = UpCell::unregistered(v);
        self.registry.register_cell(&c.0);
        c
    }
}
