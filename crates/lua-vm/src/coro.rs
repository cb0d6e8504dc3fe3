//! Coroutines (ldo.c `lua_resume`, `lua_yield`, lstate.c `luaE_resetthread`): every
//! coroutine is a thread with its own stack and frames. Resuming switches the running
//! thread and runs its frames in a nested interpreter loop (one Rust-level call, counted
//! against the C-call limit as in PUC); yielding returns from that loop with the
//! yielding native's frame left on the coroutine's stack, and the next resume completes
//! that frame with the values it brings (finishing an interrupted instruction when the
//! yield happened inside a metamethod).

use lua_engine::Resource;

use crate::call::Precall;
use crate::thread::{CoStatus, Thread, status};
use crate::value::{ThreadRef, Value};
use crate::vm::{EXTRA_STACK, MAX_CCALLS, Throw, Vm};

/// How a resume ended.
pub enum Resumed {
    /// The coroutine yielded or returned these values.
    Values(Vec<Value>),
    /// The resume failed (with this error value): an error in the coroutine, or a
    /// coroutine that cannot be resumed.
    Error(Value),
}

impl Vm {
    /// A new coroutine running `f`.
    pub fn new_thread(&mut self, f: Value) -> ThreadRef {
        let mut th = Thread {
            stack: vec![Value::Nil; 32],
            ..Thread::default()
        };
        th.stack[0] = f;
        th.top = 1;
        th.status = CoStatus::Suspended;
        self.heap.charge(th.footprint());
        ThreadRef(self.heap.threads.alloc(th))
    }

    /// Makes `to` the running thread (the current one's state goes back to its slot).
    pub(crate) fn switch_thread(&mut self, to: ThreadRef) {
        let cur = self.current;
        std::mem::swap(&mut self.th, self.heap.threads.get_mut(cur.0));
        std::mem::swap(&mut self.th, self.heap.threads.get_mut(to.0));
        self.current = to;
    }

    /// The status of a thread as `coroutine.status` sees it.
    pub fn thread_status(&self, co: ThreadRef) -> CoStatus {
        if co == self.current {
            CoStatus::Running
        } else {
            self.heap.threads.get(co.0).status
        }
    }

    /// `lua_resume` + `auxresume`: runs `co` with `args` until it yields, returns or fails.
    pub fn resume(&mut self, co: ThreadRef, args: Vec<Value>) -> Result<Resumed, Throw> {
        match self.thread_status(co) {
            CoStatus::Suspended => {}
            CoStatus::Running | CoStatus::Normal => {
                let msg = self.str_value(b"cannot resume non-suspended coroutine");
                return Ok(Resumed::Error(msg));
            }
            CoStatus::Dead | CoStatus::DeadWithError => {
                let msg = self.str_value(b"cannot resume dead coroutine");
                return Ok(Resumed::Error(msg));
            }
        }
        if self.n_ccalls >= MAX_CCALLS {
            return Err(Throw::Exhausted(Resource::Depth));
        }
        self.n_ccalls += 1;
        let prev = self.current;
        self.th.status = CoStatus::Normal;
        self.switch_thread(co);
        self.th.status = CoStatus::Running;
        let r = self.run_coroutine(args);
        let outcome = match r {
            Ok(()) => {
                let results = self.th.stack[..self.th.top].to_vec();
                self.th.status = CoStatus::Dead;
                self.th.frames.clear();
                self.th.top = 0;
                Ok(Resumed::Values(results))
            }
            Err(Throw::Yield) => {
                let ci = *self.th.frames.last().expect("the yielding frame");
                let values = self.th.stack[ci.base..self.th.top].to_vec();
                self.th.status = CoStatus::Suspended;
                Ok(Resumed::Values(values))
            }
            Err(Throw::Error) => {
                self.th.status = CoStatus::DeadWithError;
                self.th.error_value = self.err_value;
                // Keep every frame's values for `debug.traceback(co)` (the collector
                // clears a stack above its top).
                let frames_top = self.th.frames.iter().map(|ci| ci.top).max().unwrap_or(0);
                self.th.top = self.th.top.max(frames_top).min(self.th.stack.len());
                Ok(Resumed::Error(self.err_value))
            }
            Err(e) => {
                self.th.status = CoStatus::DeadWithError;
                Err(e)
            }
        };
        self.switch_thread(prev);
        self.th.status = CoStatus::Running;
        self.n_ccalls -= 1;
        outcome
    }

    /// Starts or continues the running coroutine.
    fn run_coroutine(&mut self, args: Vec<Value>) -> Result<(), Throw> {
        let n = args.len();
        self.ensure_stack(self.th.top + n + EXTRA_STACK)?;
        let first = self.th.top;
        self.th.stack[first..first + n].copy_from_slice(&args);
        self.th.top = first + n;
        let r = if !self.th.started {
            self.th.started = true;
            match self.precall(0, -1, status::FRESH) {
                Ok(Precall::Lua) => Ok(false),
                Ok(Precall::Done { .. }) => Ok(true),
                Err(e) => Err(e),
            }
        } else {
            // The yielding native's frame is on top: the resume values are its results.
            self.post_call(first, n)
        };
        let r = match r {
            Err(Throw::Error) => self.recover(0),
            other => other,
        };
        match r {
            Ok(true) => Ok(()),
            Ok(false) => self.execute(0),
            Err(e) => Err(e),
        }
    }

    /// `coroutine.yield`: checks that the running thread may yield.
    pub fn yield_check(&mut self) -> Result<(), Throw> {
        if self.current == self.main_thread {
            return Err(self.rt_error("attempt to yield from outside a coroutine"));
        }
        if self.th.nny > 0 {
            return Err(self.rt_error("attempt to yield across a C-call boundary"));
        }
        Ok(())
    }

    /// `lua_closethread`: closes the pending to-be-closed variables of a suspended or
    /// dead coroutine (with its error, if it died of one) and kills it. Returns the
    /// error, if any remains.
    pub fn close_thread(&mut self, co: ThreadRef) -> Result<Option<Value>, Throw> {
        let prev = self.current;
        self.th.status = CoStatus::Normal;
        self.switch_thread(co);
        let err = match self.th.status {
            CoStatus::DeadWithError => Some(self.th.error_value),
            _ => None,
        };
        self.th.status = CoStatus::Running;
        // Handlers run above everything the coroutine had.
        let top = self.safe_top();
        self.th.frames.clear();
        self.th.top = top;
        let r = self.close_protected(0, err.unwrap_or(Value::Nil));
        // A handler that raised an error leaves it as the result even when the
        // coroutine was merely suspended.
        let outcome = match r {
            Ok((v, raised)) => Ok(if err.is_some() || raised {
                Some(v)
            } else {
                None
            }),
            Err(e) => Err(e),
        };
        self.th.frames.clear();
        self.th.top = 0;
        self.th.tbc.clear();
        self.th.open_upvals.clear();
        self.th.status = CoStatus::Dead;
        self.th.started = true;
        self.switch_thread(prev);
        self.th.status = CoStatus::Running;
        outcome
    }
}
