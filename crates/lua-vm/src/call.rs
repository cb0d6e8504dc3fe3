//! Calls and returns (ldo.c): pushing frames, moving results, protected calls, error
//! recovery and the closing of to-be-closed variables.
//!
//! Lua-to-Lua calls never recurse on the Rust stack: [`Vm::precall`] pushes a frame and
//! the interpreter loop switches to it, and a return pops it (see `interp.rs`). Rust
//! recursion happens only where PUC recurses on the C stack: a native calling back into
//! Lua ([`Vm::call`]), a coroutine resume, a message handler, a `__close` during error
//! recovery. `pcall` and `xpcall` are not recursions: they push a marked frame and let
//! the loop run the callee, so the callee can yield.

use lua_engine::Resource;

use crate::native::{NativeDef, Special};
use crate::opcodes::TagMethod;
use crate::thread::{CallInfo, status};
use crate::value::Value;
use crate::vm::{EXTRA_STACK, MAX_CCALLS, MIN_STACK, Throw, Vm};

/// The `cl` of native frames.
pub const NO_CLOSURE: crate::value::LuaFnRef = crate::value::LuaFnRef(u32::MAX);

/// What [`Vm::precall`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precall {
    /// A Lua frame was pushed: run it.
    Lua,
    /// A native ran to completion and its results are in place. `fresh_returned` says
    /// that a FRESH frame returned in the process (its Rust caller is done).
    Done { fresh_returned: bool },
}

impl Vm {
    /// Calls `stack[func]` with the arguments `stack[func + 1..top]` from Rust, running it
    /// to completion. Its results end at `func` (`nresults` of them, all when -1) and
    /// `top` is after them. The call is not yieldable.
    pub fn call(&mut self, func: usize, nresults: i32) -> Result<(), Throw> {
        if self.n_ccalls >= MAX_CCALLS {
            return Err(Throw::Exhausted(Resource::Depth));
        }
        self.n_ccalls += 1;
        self.th.nny += 1;
        let entry = self.th.frames.len();
        let r = match self.precall(func, nresults, status::FRESH) {
            Ok(Precall::Lua) => self.execute(entry),
            Ok(Precall::Done { .. }) => Ok(()),
            Err(Throw::Error) => match self.recover(entry) {
                Ok(true) => Ok(()),
                Ok(false) => self.execute(entry),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        self.th.nny -= 1;
        self.n_ccalls -= 1;
        r
    }

    /// Calls `stack[func]` like [`Vm::call`], but catches a Lua error the way
    /// `lua_pcall` does: the frames it left are dropped, upvalues and to-be-closed
    /// variables above `func` are closed, and the error value is returned (rooted by the
    /// caller's use: it is also in `err_value`).
    pub fn call_protected(
        &mut self,
        func: usize,
        nresults: i32,
    ) -> Result<Result<(), Value>, Throw> {
        let entry = self.th.frames.len();
        let errfunc = self.th.errfunc;
        match self.call(func, nresults) {
            Ok(()) => Ok(Ok(())),
            Err(Throw::Error) => {
                let top = self.safe_top();
                self.th.frames.truncate(entry);
                self.th.top = top;
                let err = self.err_value;
                let (err, _) = self.close_protected(func, err)?;
                self.th.errfunc = errfunc;
                self.th.top = func;
                self.err_value = err;
                Ok(Err(err))
            }
            Err(e) => Err(e),
        }
    }

    /// Calls `f` with `args` from Rust and returns its first `nresults` results (all when
    /// -1) as the stack range where they are.
    pub fn call_value(
        &mut self,
        f: Value,
        args: &[Value],
        nresults: i32,
    ) -> Result<std::ops::Range<usize>, Throw> {
        let at = self.safe_top();
        self.ensure_stack(at + args.len() + 1 + EXTRA_STACK)?;
        self.th.stack[at] = f;
        for (i, &a) in args.iter().enumerate() {
            self.th.stack[at + 1 + i] = a;
        }
        self.th.top = at + 1 + args.len();
        self.call(at, nresults)?;
        Ok(at..self.th.top)
    }

    /// Calls `f(args)` from Rust and returns its first result (nil if none).
    pub fn call1(&mut self, f: Value, args: &[Value]) -> Result<Value, Throw> {
        let r = self.call_value(f, args, 1)?;
        let v = self.th.stack[r.start];
        self.th.top = r.start;
        Ok(v)
    }

    /// Starts a call of `stack[func]` with arguments up to `top`: pushes a Lua frame, or
    /// runs a native to completion. `__call` metamethods of other values are resolved
    /// here.
    #[inline]
    pub fn precall(&mut self, func: usize, nresults: i32, st: u16) -> Result<Precall, Throw> {
        loop {
            match self.th.stack[func] {
                Value::LuaFn(f) => {
                    let proto = self.heap.lua_fns.get(f.0).proto();
                    let proto_ptr = std::rc::Rc::as_ptr(proto);
                    let fsize = proto.maxstacksize;
                    let np = proto.numparams;
                    let nargs = self.th.top - func - 1;
                    let base = func + 1;
                    if self.th.frames.len() >= self.limits.depth {
                        return Err(Throw::Exhausted(Resource::Depth));
                    }
                    self.ensure_stack(base + fsize + nargs + EXTRA_STACK)?;
                    if nargs < np {
                        for slot in &mut self.th.stack[base + nargs..base + np] {
                            *slot = Value::Nil;
                        }
                        self.th.top = base + np;
                    }
                    self.th.frames.push(CallInfo {
                        func,
                        base,
                        top: base + fsize,
                        pc: 0,
                        nresults,
                        status: st | status::LUA,
                        nextraargs: 0,
                        extra: 0,
                        cl: f,
                        proto: proto_ptr,
                    });
                    return Ok(Precall::Lua);
                }
                Value::Native(def) => return self.call_native(func, def, nresults, st),
                Value::NativeClosure(f) => {
                    let def = self
                        .heap
                        .natives
                        .get(f.0)
                        .def
                        .expect("a live native closure has a function");
                    return self.call_native(func, def, nresults, st);
                }
                other => {
                    let tm = self.metamethod(other, TagMethod::Call);
                    if tm.is_nil() {
                        return Err(self.call_error(func, other));
                    }
                    // Insert the metamethod below the arguments: it gets the value first.
                    self.ensure_stack(self.th.top + 1 + EXTRA_STACK)?;
                    let top = self.th.top;
                    self.th.stack.copy_within(func..top, func + 1);
                    self.th.stack[func] = tm;
                    self.th.top = top + 1;
                }
            }
        }
    }

    /// Runs a native function (or starts `pcall`/`xpcall`).
    fn call_native(
        &mut self,
        func: usize,
        def: &'static NativeDef,
        nresults: i32,
        st: u16,
    ) -> Result<Precall, Throw> {
        if self.th.frames.len() >= self.limits.depth {
            return Err(Throw::Exhausted(Resource::Depth));
        }
        let base = func + 1;
        let nargs = self.th.top - base;
        self.ensure_stack(self.th.top + MIN_STACK + EXTRA_STACK)?;
        if let Some(counts) = &mut self.lib_counts {
            *counts.entry(def.name).or_insert(0) += 1;
        }
        match def.special {
            Special::None => {}
            Special::Pcall => return self.start_pcall(func, nargs, nresults, st, false),
            Special::Xpcall => return self.start_pcall(func, nargs, nresults, st, true),
            Special::Pairs => {
                let t = self.th.stack[base];
                let tm = self.metafield(t, self.names.pairs);
                if nargs > 0 && !tm.is_nil() {
                    return self.start_pairs(func, t, tm, nresults, st);
                }
            }
        }
        self.th.frames.push(CallInfo {
            func,
            base,
            top: self.th.top,
            pc: 0,
            nresults,
            status: st,
            nextraargs: 0,
            extra: 0,
            cl: NO_CLOSURE,
            proto: std::ptr::null(),
        });
        let n = (def.func)(self, base, nargs)?;
        let first = self.th.top - n;
        let fresh_returned = self.post_call(first, n)?;
        self.gc_check()?;
        Ok(Precall::Done { fresh_returned })
    }

    /// `pcall(f, ...)` / `xpcall(f, msgh, ...)`: pushes the holder frame and calls `f`
    /// with a frame marked PCALL, whose results (or error) come back with a status in the
    /// slot below `f`.
    fn start_pcall(
        &mut self,
        func: usize,
        nargs: usize,
        nresults: i32,
        st: u16,
        with_handler: bool,
    ) -> Result<Precall, Throw> {
        self.th.frames.push(CallInfo {
            func,
            base: func + 1,
            top: self.th.top,
            pc: 0,
            nresults,
            status: st | status::PCALL_HOLDER,
            nextraargs: 0,
            extra: self.th.errfunc,
            cl: NO_CLOSURE,
            proto: std::ptr::null(),
        });
        let f = if with_handler {
            // xpcall(f, msgh, args...): [xpcall, f, msgh, status, f, args...].
            if nargs < 2 || !self.th.stack[func + 2].is_function() {
                let present = nargs >= 2;
                let msgh = self.th.stack[func + 2];
                let got = if present {
                    self.type_name_for_error(msgh)
                } else {
                    b"no value".to_vec()
                };
                let mut msg = b"function expected, got ".to_vec();
                msg.extend_from_slice(&got);
                return Err(self.arg_error(2, msg));
            }
            let top = self.th.top;
            self.ensure_stack(top + 2 + EXTRA_STACK)?;
            self.th.stack.copy_within(func + 3..top, func + 5);
            self.th.stack[func + 4] = self.th.stack[func + 1];
            self.th.stack[func + 3] = Value::Boolean(true);
            self.th.top = top + 2;
            self.th.errfunc = func + 2;
            func + 4
        } else {
            if nargs == 0 {
                return Err(self.arg_error(1, "value expected"));
            }
            self.th.errfunc = 0;
            func + 1
        };
        let holder = self.th.frames.len() - 1;
        match self.precall(f, -1, status::PCALL) {
            Err(Throw::Error) if self.th.frames.len() == holder + 1 => {
                // The call never started (a value that cannot be called): the pcall
                // catches the error itself.
                let err = self.err_value;
                self.th.errfunc = self.th.frames[holder].extra;
                self.th.stack[f - 1] = Value::Boolean(false);
                self.th.stack[f] = err;
                self.th.top = f + 1;
                let fresh_returned = self.post_call(f - 1, 2)?;
                Ok(Precall::Done { fresh_returned })
            }
            other => other,
        }
    }

    /// `pairs(t)` with a `__pairs` metamethod: the metamethod is called as a frame above
    /// `pairs`'s, and its first three results become `pairs`'s (`post_call_special`).
    fn start_pairs(
        &mut self,
        func: usize,
        t: Value,
        tm: Value,
        nresults: i32,
        st: u16,
    ) -> Result<Precall, Throw> {
        self.th.frames.push(CallInfo {
            func,
            base: func + 1,
            top: self.th.top,
            pc: 0,
            nresults,
            status: st,
            nextraargs: 0,
            extra: 0,
            cl: NO_CLOSURE,
            proto: std::ptr::null(),
        });
        let at = func + 2;
        self.ensure_stack(at + 2 + EXTRA_STACK)?;
        self.th.stack[at] = tm;
        self.th.stack[at + 1] = t;
        self.th.top = at + 2;
        self.precall(at, 3, status::PAIRS)
    }

    /// Finishes the frame on top: moves its `n` results from `first` to its function's
    /// slot, adjusted to the number its caller wants, pops it and performs what its
    /// status asks (completing a pcall, finishing an interrupted instruction). Returns
    /// whether a FRESH frame returned.
    #[inline]
    pub fn post_call(&mut self, first: usize, n: usize) -> Result<bool, Throw> {
        let ci = self.th.frames.pop().expect("a frame to return from");
        let res = ci.func;
        let wanted = ci.nresults;
        let stack = &mut self.th.stack;
        match wanted {
            0 => self.th.top = res,
            1 => {
                stack[res] = if n == 0 { Value::Nil } else { stack[first] };
                self.th.top = res + 1;
            }
            _ => {
                let wanted = if wanted < 0 { n } else { wanted as usize };
                let ncopy = n.min(wanted);
                if first != res {
                    stack.copy_within(first..first + ncopy, res);
                }
                if ncopy < wanted {
                    if res + wanted > stack.len() {
                        stack.resize(res + wanted + EXTRA_STACK, Value::Nil);
                    }
                    for slot in &mut stack[res + ncopy..res + wanted] {
                        *slot = Value::Nil;
                    }
                }
                self.th.top = res + wanted;
            }
        }
        if ci.status & (status::FRESH | status::PCALL | status::MM | status::CLOSE | status::PAIRS)
            == 0
        {
            return Ok(false);
        }
        self.post_call_special(ci)
    }

    #[cold]
    fn post_call_special(&mut self, ci: CallInfo) -> Result<bool, Throw> {
        if ci.status & status::PCALL != 0 {
            // The holder frame is now on top; its results are `true` and ours.
            let holder = *self.th.frames.last().expect("a pcall holder");
            self.th.errfunc = holder.extra;
            let first = ci.func - 1;
            self.th.stack[first] = Value::Boolean(true);
            let n = self.th.top - first;
            return self.post_call(first, n);
        }
        if ci.status & status::MM != 0 {
            self.finish_op(ci.func, ci.status)?;
            return Ok(false);
        }
        if ci.status & status::PAIRS != 0 {
            // The three results are `pairs`'s.
            return self.post_call(ci.func, 3);
        }
        if ci.status & status::CLOSE != 0 {
            // The CLOSE or RETURN that called `__close` runs again; a RETURN of all
            // values up to `top` needs `top` back where its results end.
            let caller_idx = self.th.frames.len() - 1;
            self.th.frames[caller_idx].pc -= 1;
            let caller = self.th.frames[caller_idx];
            if let Some(p) = self.frame_proto(&caller) {
                let ins = p.code[caller.pc];
                if ins.opcode() == crate::opcodes::OpCode::Return {
                    self.th.top = caller.base + ins.a() as usize + caller.extra;
                }
            }
            return Ok(false);
        }
        Ok(ci.status & status::FRESH != 0)
    }

    /// Runs Lua frames from `frames[entry]` (a FRESH frame) until it returns, catching
    /// errors in the pcalls above `entry`.
    pub(crate) fn execute(&mut self, entry: usize) -> Result<(), Throw> {
        loop {
            let r = if self.op_counts.is_some() {
                self.run::<true>()
            } else {
                self.run::<false>()
            };
            match r {
                Ok(()) => return Ok(()),
                Err(Throw::Error) => {
                    if self.recover(entry)? {
                        return Ok(());
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Catches the error being propagated in the innermost pcall above `entry`, if any:
    /// unwinds to it, closes upvalues and to-be-closed variables, and completes the pcall
    /// with `false, error`. Returns whether a FRESH frame returned in the process (else
    /// the interpreter continues with the frame now on top).
    pub(crate) fn recover(&mut self, entry: usize) -> Result<bool, Throw> {
        let frames = &self.th.frames;
        let Some(i) = (entry + 1..frames.len())
            .rev()
            .find(|&i| frames[i].status & status::PCALL != 0)
        else {
            return Err(Throw::Error);
        };
        let f = frames[i].func;
        let holder = frames[i - 1];
        let top = self.safe_top();
        self.th.frames.truncate(i);
        self.th.top = top;
        let err = self.err_value;
        let (err, _) = self.close_protected(f, err)?;
        self.th.errfunc = holder.extra;
        self.th.stack[f - 1] = Value::Boolean(false);
        self.th.stack[f] = err;
        self.th.top = f + 1;
        self.post_call(f - 1, 2)
    }

    /// Closes upvalues and to-be-closed variables at slots `>= level` after an error
    /// (`luaD_closeprotected`): each `__close` gets the error; an error in a handler
    /// replaces it. Returns the final error value and whether a handler raised one.
    pub(crate) fn close_protected(
        &mut self,
        level: usize,
        err: Value,
    ) -> Result<(Value, bool), Throw> {
        self.close_upvals(level);
        let mut err = err;
        let mut raised = false;
        while let Some(&slot) = self.th.tbc.last() {
            if slot < level {
                break;
            }
            self.th.tbc.pop();
            let obj = self.th.stack[slot];
            let tm = self.metamethod(obj, TagMethod::Close);
            let at = self.safe_top();
            self.ensure_stack(at + 3 + EXTRA_STACK)?;
            self.th.stack[at] = tm;
            self.th.stack[at + 1] = obj;
            self.th.stack[at + 2] = err;
            self.th.top = at + 3;
            self.roots.push(err);
            let r = self.call_protected(at, 0);
            self.roots.pop();
            match r? {
                Ok(()) => {}
                Err(e) => {
                    err = e;
                    raised = true;
                }
            }
        }
        Ok((err, raised))
    }

    /// The error for calling a value that is not callable (`luaG_callerror`), named
    /// after the call site when the caller is a Lua function.
    #[cold]
    pub(crate) fn call_error(&mut self, func: usize, v: Value) -> Throw {
        let info = match self.th.frames.last().copied() {
            Some(ci) if ci.is_lua() => match self.funcname_from_code(&ci) {
                Some((kind, name)) => format_varinfo(&kind, &name),
                None => self.varinfo_slot(&ci, func),
            },
            _ => String::new(),
        };
        let tname = self.type_name_for_error(v);
        let mut msg = b"attempt to call a ".to_vec();
        msg.extend_from_slice(&tname);
        msg.extend_from_slice(b" value");
        msg.extend_from_slice(info.as_bytes());
        self.rt_error(msg)
    }
}

/// ` (kind 'name')`, as `formatvarinfo` writes it.
pub fn format_varinfo(kind: &str, name: &str) -> String {
    format!(" ({kind} '{name}')")
}
