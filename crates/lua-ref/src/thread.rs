//! Coroutines (manual §2.6): each one runs the ordinary recursive evaluator on a native
//! stack of its own (`corosensei`), so a coroutine can yield from anywhere the evaluator
//! is, exactly where Lua allows it: inside metamethods, `pcall`, iterators and `__close`
//! handlers. Where PUC-Rio Lua forbids it (inside a native function that calls back into
//! Lua without a continuation: `table.sort` comparators, `string.gsub` replacement
//! functions, `__tostring` called by `tostring`...) the evaluator counts non-yieldable
//! native calls and refuses with "attempt to yield across a C-call boundary".
//!
//! A coroutine killed by an error keeps its to-be-closed variables open until
//! `coroutine.close` (or `coroutine.wrap`) closes them, as in PUC: the evaluator suspends
//! the coroutine's stack at the first block that would close them (see
//! `Exec::defer_close`), reports the error to the resumer, and unwinds the rest of the
//! way when closed.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult};
use lua_engine::Resource;

use crate::heap;
use crate::interp::{Exec, MAX_C_CALLS, Site, Throw};
use crate::value::{LResult, ThreadRef, Value};

/// The native stack of every coroutine (reserved address space; pages are committed when
/// used). Deeper recursion inside a coroutine ends as `Exhausted(Depth)`.
pub const COROUTINE_STACK_BYTES: usize = 64 << 20;

/// What a resumer passes to a coroutine.
pub enum ResumeIn {
    Resume {
        args: Vec<Value>,
        /// Calls active in the resuming coroutines (for the depth limit).
        depth_base: usize,
        /// Nested native calls of the resuming coroutines, plus one for the resume.
        c_calls: u32,
    },
    /// Close the coroutine: unwind it, running its pending `__close` handlers.
    Close,
}

/// What a coroutine passes back when it suspends.
pub enum YieldOut {
    Yield(Vec<Value>),
    /// An error is killing the coroutine; its stack stays suspended so that its
    /// to-be-closed variables can be closed later.
    Deferred(Value),
}

type Coro = Coroutine<ResumeIn, YieldOut, LResult<Vec<Value>>, DefaultStack>;

/// `coroutine.status` (manual §6.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoStatus {
    Suspended,
    Running,
    Normal,
    Dead,
}

impl CoStatus {
    pub fn name(self) -> &'static str {
        match self {
            CoStatus::Suspended => "suspended",
            CoStatus::Running => "running",
            CoStatus::Normal => "normal",
            CoStatus::Dead => "dead",
        }
    }
}

/// A coroutine (or the main thread).
pub struct Thread {
    pub status: Cell<CoStatus>,
    started: Cell<bool>,
    coroutine: RefCell<Option<Coro>>,
    /// The body, until the coroutine starts.
    func: RefCell<Value>,
    /// The error that killed it, until `coroutine.close` reports it.
    error: RefCell<Option<Value>>,
    /// Whether its stack is suspended with an error pending (see the module docs).
    deferred: Cell<bool>,
    pub is_main: bool,
}

impl Thread {
    pub fn main() -> Thread {
        heap::object_created();
        Thread {
            status: Cell::new(CoStatus::Running),
            started: Cell::new(true),
            coroutine: RefCell::new(None),
            func: RefCell::new(Value::Nil),
            error: RefCell::new(None),
            deferred: Cell::new(false),
            is_main: true,
        }
    }

    pub fn new(func: Value) -> Thread {
        heap::object_created();
        heap::charge(THREAD_BYTES);
        Thread {
            status: Cell::new(CoStatus::Suspended),
            started: Cell::new(false),
            coroutine: RefCell::new(None),
            func: RefCell::new(func),
            error: RefCell::new(None),
            deferred: Cell::new(false),
            is_main: false,
        }
    }

    /// Drops everything the coroutine holds, unwinding its native stack if it is
    /// suspended (without running any Lua code).
    pub fn teardown(&self) {
        let co = self.coroutine.borrow_mut().take();
        drop(co);
        let f = std::mem::take(&mut *self.func.borrow_mut());
        drop(f);
        let e = self.error.borrow_mut().take();
        drop(e);
    }
}

impl Drop for Thread {
    fn drop(&mut self) {
        heap::object_dropped();
        if !self.is_main {
            heap::release(THREAD_BYTES);
        }
    }
}

/// Bytes accounted for a coroutine (PUC's thread state and initial stack; the native
/// stack is reserved address space, committed only as deep as it is used).
const THREAD_BYTES: usize = 1024;

/// The outcome of `coroutine.resume`.
pub enum Resumed {
    /// The coroutine yielded or returned these values.
    Values(Vec<Value>),
    /// The coroutine raised this error (and is now dead).
    Error(Value),
    /// The coroutine could not be resumed (dead, running...): this message.
    Refused(Value),
}

impl Exec<'_> {
    /// `coroutine.create(f)`.
    pub fn create_thread(&mut self, f: Value) -> ThreadRef {
        let t = ThreadRef(Rc::new(Thread::new(f)));
        self.rt.registry.register_thread(&t.0);
        t
    }

    /// The running coroutine.
    pub fn running(&self) -> ThreadRef {
        self.rt.current.borrow().clone()
    }

    /// `coroutine.resume(co, ...)` (`lua_resume`).
    pub fn resume(&mut self, co: &ThreadRef, args: Vec<Value>) -> LResult<Resumed> {
        let th = &co.0;
        match th.status.get() {
            CoStatus::Suspended => {}
            CoStatus::Dead => {
                return Ok(Resumed::Refused(Value::str("cannot resume dead coroutine")));
            }
            CoStatus::Running | CoStatus::Normal => {
                return Ok(Resumed::Refused(Value::str(
                    "cannot resume non-suspended coroutine",
                )));
            }
        }
        if self.c_calls >= MAX_C_CALLS {
            return Err(self.exhausted(Resource::Depth));
        }
        let coroutine = th.coroutine.borrow_mut().take();
        let mut coroutine = match coroutine {
            Some(c) => c,
            None => self.start_coroutine(co)?,
        };
        th.started.set(true);
        let input = ResumeIn::Resume {
            args,
            depth_base: self.depth_base + self.calls.len(),
            c_calls: self.c_calls + 1,
        };
        let result = self.switch_to(co, &mut coroutine, input);
        self.after_switch(co, coroutine, result)
    }

    /// Runs `coroutine` until it suspends or ends, with the statuses of a resume.
    fn switch_to(
        &mut self,
        co: &ThreadRef,
        coroutine: &mut Coro,
        input: ResumeIn,
    ) -> CoroutineResult<YieldOut, LResult<Vec<Value>>> {
        let previous = self.rt.current.replace(co.clone());
        previous.0.status.set(CoStatus::Normal);
        co.0.status.set(CoStatus::Running);
        let result = coroutine.resume(input);
        *self.rt.current.borrow_mut() = previous.clone();
        previous.0.status.set(CoStatus::Running);
        result
    }

    /// Bookkeeping after a coroutine suspended or ended.
    fn after_switch(
        &mut self,
        co: &ThreadRef,
        coroutine: Coro,
        result: CoroutineResult<YieldOut, LResult<Vec<Value>>>,
    ) -> LResult<Resumed> {
        let th = &co.0;
        match result {
            CoroutineResult::Yield(YieldOut::Yield(values)) => {
                th.status.set(CoStatus::Suspended);
                *th.coroutine.borrow_mut() = Some(coroutine);
                Ok(Resumed::Values(values))
            }
            CoroutineResult::Yield(YieldOut::Deferred(e)) => {
                th.status.set(CoStatus::Dead);
                th.deferred.set(true);
                *th.coroutine.borrow_mut() = Some(coroutine);
                *th.error.borrow_mut() = Some(e.clone());
                Ok(Resumed::Error(e))
            }
            CoroutineResult::Return(r) => {
                th.status.set(CoStatus::Dead);
                self.rt.return_stack(coroutine.into_stack());
                match r {
                    Ok(values) => Ok(Resumed::Values(values)),
                    Err(Throw::Error(e)) => {
                        *th.error.borrow_mut() = Some(e.clone());
                        Ok(Resumed::Error(e))
                    }
                    Err(Throw::Exhausted(r)) => Err(Throw::Exhausted(r)),
                    Err(Throw::Close(e)) => Ok(Resumed::Error(e.unwrap_or_default())),
                }
            }
        }
    }

    /// Creates the native coroutine that runs the thread's body.
    fn start_coroutine(&mut self, co: &ThreadRef) -> LResult<Coro> {
        let Some(stack) = self.rt.take_stack() else {
            return Err(self.exhausted(Resource::Memory));
        };
        let rt = self.rt.clone();
        let func = std::mem::take(&mut *co.0.func.borrow_mut());
        let weak: Weak<Thread> = Rc::downgrade(&co.0);
        drop(weak);
        Ok(Coroutine::with_stack(stack, move |yielder, input| {
            let ResumeIn::Resume {
                args,
                depth_base,
                c_calls,
            } = input
            else {
                return Err(Throw::Close(None));
            };
            let mut exec = Exec::new(rt, Some(yielder), COROUTINE_STACK_BYTES);
            exec.depth_base = depth_base;
            exec.c_calls = c_calls;
            exec.c_base = c_calls;
            let site = Site {
                line: 0,
                name: crate::interp::CallName::None,
                from_lua: true,
            };
            exec.call_value(func, args, &site)
        }))
    }

    /// `coroutine.yield(...)` (`lua_yield`).
    pub fn yield_values(&mut self, values: Vec<Value>) -> LResult<Vec<Value>> {
        let Some(yielder) = self.yielder else {
            return Err(self.rt_error_here("attempt to yield from outside a coroutine"));
        };
        if self.nny > 0 {
            return Err(self.rt_error_here("attempt to yield across a C-call boundary"));
        }
        match yielder.suspend(YieldOut::Yield(values)) {
            ResumeIn::Resume {
                args,
                depth_base,
                c_calls,
            } => {
                self.depth_base = depth_base;
                self.c_calls = self.c_calls - self.c_base + c_calls;
                self.c_base = c_calls;
                Ok(args)
            }
            ResumeIn::Close => {
                self.closing = true;
                self.nny += 1;
                Err(Throw::Close(None))
            }
        }
    }

    /// Suspends a coroutine that an error is killing (see the module docs); returns once
    /// `coroutine.close` resumes it, with the error to close its variables with.
    pub(crate) fn defer_close(&mut self, e: Value) -> Throw {
        let Some(yielder) = self.yielder else {
            return Throw::Error(e);
        };
        let input = yielder.suspend(YieldOut::Deferred(e.clone()));
        self.closing = true;
        self.nny += 1;
        match input {
            ResumeIn::Close => Throw::Close(Some(e)),
            // A dead coroutine is never resumed; treat it as a close anyway.
            ResumeIn::Resume { .. } => Throw::Close(Some(e)),
        }
    }

    /// `coroutine.close(co)` (`lua_closethread`): `Ok(None)` when every handler ran
    /// without error, `Ok(Some(e))` with the error otherwise (the one that killed the
    /// coroutine, or one raised by a handler).
    pub fn close_thread(&mut self, co: &ThreadRef) -> LResult<Option<Value>> {
        let th = &co.0;
        match th.status.get() {
            CoStatus::Running => return Err(self.error("cannot close a running coroutine")),
            CoStatus::Normal => return Err(self.error("cannot close a normal coroutine")),
            CoStatus::Suspended | CoStatus::Dead => {}
        }
        let suspended_stack =
            th.status.get() == CoStatus::Suspended && th.started.get() || th.deferred.get();
        th.status.set(CoStatus::Dead);
        th.deferred.set(false);
        let pending_error = th.error.borrow_mut().take();
        if !suspended_stack {
            let f = std::mem::take(&mut *th.func.borrow_mut());
            drop(f);
            let c = th.coroutine.borrow_mut().take();
            drop(c);
            return Ok(pending_error);
        }
        let coroutine = th.coroutine.borrow_mut().take();
        let Some(mut coroutine) = coroutine else {
            return Ok(pending_error);
        };
        let result = self.switch_to(co, &mut coroutine, ResumeIn::Close);
        th.status.set(CoStatus::Dead);
        match result {
            CoroutineResult::Return(r) => {
                self.rt.return_stack(coroutine.into_stack());
                match r {
                    Err(Throw::Close(e)) => Ok(e),
                    Err(Throw::Exhausted(r)) => Err(Throw::Exhausted(r)),
                    Err(Throw::Error(e)) => Ok(Some(e)),
                    Ok(_) => Ok(pending_error),
                }
            }
            CoroutineResult::Yield(_) => {
                // Yields are refused while closing; a coroutine cannot get here.
                drop(coroutine);
                Ok(pending_error)
            }
        }
    }

    /// `coroutine.status(co)`.
    pub fn thread_status(&self, co: &ThreadRef) -> &'static str {
        co.0.status.get().name()
    }

    /// Whether `co` has an error pending that closing it would report.
    pub fn thread_has_error(&self, co: &ThreadRef) -> bool {
        co.0.deferred.get() || co.0.error.borrow().is_some()
    }
}
