//! The evaluator's core: the execution context of one coroutine ([`Exec`]), the call stack,
//! calls with proper tail calls, errors and their messages, and the limits that turn
//! runaway programs into `Exhausted` outcomes.
//!
//! Expressions are in `eval.rs`, statements and blocks in `stat.rs`, the operations that
//! consult metamethods in `ops.rs`.

mod eval;
mod ops;
mod stat;

use std::rc::Rc;

use corosensei::Yielder;
use lua_engine::Resource;

use crate::ir::{Proto, Slot, VarInfo};
use crate::runtime::Runtime;
use crate::thread::{ResumeIn, YieldOut};
use crate::value::{Function, FunctionRef, LResult, LuaStr, NativeBody, UpCell, Value};

pub use ops::Compare;

/// Why evaluation stopped early.
#[derive(Clone, Debug)]
pub enum Throw {
    /// A Lua error with its value (catchable by `pcall`).
    Error(Value),
    /// A resource limit: aborts the whole run; nothing can catch it.
    Exhausted(Resource),
    /// `coroutine.close` unwinding a suspended coroutine, running its pending `__close`
    /// handlers; carries the error a handler raised, if any. Not catchable by `pcall`.
    Close(Option<Value>),
}

/// How a function was called, for messages (`ldebug.c` `funcnamefromcall`).
#[derive(Clone, Debug)]
pub enum CallName {
    /// Unknown (called from a native function, or through a tail call).
    None,
    /// Called through a variable, field or method of the calling expression.
    Var(Rc<VarInfo>),
    /// Called as a metamethod (`"index"`, `"add"`...).
    Metamethod(&'static str),
    /// Called by a generic `for`.
    ForIterator,
}

impl CallName {
    /// The kind and name `debug.getinfo` reports (`namewhat`, `name`).
    pub fn kind_and_name(&self) -> Option<(&'static str, Vec<u8>)> {
        match self {
            CallName::None => None,
            CallName::Var(v) => Some((v.kind, v.name.clone())),
            CallName::Metamethod(m) => Some(("metamethod", m.as_bytes().to_vec())),
            CallName::ForIterator => Some(("for iterator", b"for iterator".to_vec())),
        }
    }
}

/// One active call.
pub struct CallInfo {
    pub func: FunctionRef,
    /// For a Lua function, the line of the call it is making (its "current line" as far
    /// as messages about its callees go).
    pub line: u32,
    pub name: CallName,
    /// Whether it was entered through a tail call (PUC forgets the caller then).
    pub tail: bool,
}

impl CallInfo {
    pub fn is_lua(&self) -> bool {
        matches!(&*self.func.0, Function::Lua(_))
    }

    pub fn proto(&self) -> Option<&Rc<Proto>> {
        match &*self.func.0 {
            Function::Lua(c) => Some(&c.proto),
            Function::Native(_) => None,
        }
    }
}

/// Where a call comes from.
#[derive(Clone)]
pub struct Site {
    /// The line of the calling expression (0 for calls from native code).
    pub line: u32,
    pub name: CallName,
    /// Whether the call is a Lua call expression (PUC counts every other call, made by
    /// native code or for a metamethod, against its limit of 200 nested C calls).
    pub from_lua: bool,
}

impl Site {
    /// A call made by a native function.
    pub fn native() -> Site {
        Site {
            line: 0,
            name: CallName::None,
            from_lua: false,
        }
    }

    /// A metamethod call made by an operation at `line`.
    pub fn meta(line: u32, event: crate::runtime::Event) -> Site {
        Site {
            line,
            name: CallName::Metamethod(event.short_name()),
            from_lua: false,
        }
    }
}

/// The message handler of an active protected call.
#[derive(Clone)]
pub enum Handler {
    /// `pcall`: none.
    None,
    /// `xpcall`: a function called with the error, at the point of the error.
    Function(Value),
    /// The main chunk (like `lua.c`'s `msghandler`): records a traceback in exec mode.
    Main,
}

/// PUC's `LUAI_MAXCCALLS`: nested calls made by native code or metamethods.
pub const MAX_C_CALLS: u32 = 200;

/// Bytes of native stack kept free below the point where calls are refused.
const STACK_MARGIN: usize = 256 << 10;

/// The address of a local variable: how deep the native stack is.
#[inline(always)]
fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// The execution context of one coroutine (or the main thread).
pub struct Exec<'y> {
    pub rt: Rc<Runtime>,
    pub(crate) yielder: Option<&'y Yielder<ResumeIn, YieldOut>>,
    pub calls: Vec<CallInfo>,
    pub(crate) protect: Vec<Handler>,
    /// Non-yieldable native calls in progress.
    pub(crate) nny: u32,
    /// Calls of the coroutines that resumed this one (they count against the depth limit).
    pub(crate) depth_base: usize,
    /// Nested calls from native code and metamethods (PUC's C calls), including those of
    /// the resuming coroutines.
    pub(crate) c_calls: u32,
    /// The part of `c_calls` that belongs to the resuming coroutines.
    pub(crate) c_base: u32,
    /// Set once the coroutine is being closed (by `coroutine.close` or after an error
    /// killed it): its remaining `__close` handlers run, nothing is deferred any more.
    pub(crate) closing: bool,
    stack_base: usize,
    stack_budget: usize,
}

/// What a function body produced.
pub(crate) enum Ret {
    Values(Vec<Value>),
    /// A proper tail call to make once the frame is gone.
    TailCall(Value, Vec<Value>, CallName, u32),
}

/// The locals of one activation of a Lua function.
pub struct Frame<'f> {
    pub regs: Vec<Value>,
    pub cells: Vec<Option<UpCell>>,
    pub varargs: Vec<Value>,
    pub upvals: &'f [UpCell],
    pub proto: &'f Proto,
}

impl Frame<'_> {
    #[inline]
    pub fn get(&self, slot: Slot) -> Value {
        match slot {
            Slot::Reg(r) => self.regs[r as usize].clone(),
            Slot::Cell(c) => match &self.cells[c as usize] {
                Some(cell) => cell.get(),
                None => Value::Nil,
            },
        }
    }

    #[inline]
    pub fn get_ref(&self, slot: Slot) -> Option<&Value> {
        match slot {
            Slot::Reg(r) => Some(&self.regs[r as usize]),
            Slot::Cell(_) => None,
        }
    }
}

impl<'y> Exec<'y> {
    /// The context of the main thread, or of a coroutine started with `yielder`.
    pub fn new(
        rt: Rc<Runtime>,
        yielder: Option<&'y Yielder<ResumeIn, YieldOut>>,
        stack_bytes: usize,
    ) -> Exec<'y> {
        Exec {
            rt,
            yielder,
            calls: Vec::new(),
            protect: Vec::new(),
            nny: if yielder.is_some() { 0 } else { 1 },
            depth_base: 0,
            c_calls: 0,
            c_base: 0,
            closing: false,
            stack_base: stack_position(),
            stack_budget: stack_bytes.saturating_sub(STACK_MARGIN),
        }
    }

    /// Counts a step of work against the fuel.
    #[inline]
    pub fn step(&self) -> LResult<()> {
        self.rt.step()
    }

    /// Ends the run with a resource exhausted.
    pub fn exhausted(&self, r: Resource) -> Throw {
        self.rt.exhaust(r)
    }

    // ---------------------------------------------------------------------------------
    // Calls.

    /// Calls `f` with `args` (any value: `__call` applies), returning all its results.
    pub fn call_value(&mut self, f: Value, args: Vec<Value>, site: &Site) -> LResult<Vec<Value>> {
        let (func, args) = self.callable(f, args, site)?;
        self.call_function(func, args, site)
    }

    /// Calls a function from a native function (not yieldable unless the native is).
    pub fn call(&mut self, f: Value, args: Vec<Value>) -> LResult<Vec<Value>> {
        self.call_value(f, args, &Site::native())
    }

    /// Calls `f` and keeps its first result.
    pub fn call1(&mut self, f: Value, args: Vec<Value>, site: &Site) -> LResult<Value> {
        Ok(self
            .call_value(f, args, site)?
            .into_iter()
            .next()
            .unwrap_or_default())
    }

    /// Resolves `__call` (manual §2.4): the function to call and its arguments.
    pub(crate) fn callable(
        &mut self,
        f: Value,
        mut args: Vec<Value>,
        site: &Site,
    ) -> LResult<(FunctionRef, Vec<Value>)> {
        let mut f = f;
        let mut rounds = 0;
        loop {
            if let Value::Function(func) = f {
                return Ok((func, args));
            }
            let mm = self.rt.metamethod(&f, crate::runtime::Event::Call);
            if mm.is_nil() {
                return Err(self.call_error(&f, site));
            }
            rounds += 1;
            if rounds > 10_000 {
                return Err(self.exhausted(Resource::Depth));
            }
            args.insert(0, f);
            f = mm;
        }
    }

    /// "attempt to call a nil value (global 'f')".
    fn call_error(&mut self, f: &Value, site: &Site) -> Throw {
        let info = match &site.name {
            CallName::None => None,
            CallName::Var(v) => Some((**v).clone()),
            CallName::Metamethod(m) => Some(VarInfo {
                kind: "metamethod",
                name: m.as_bytes().to_vec(),
            }),
            CallName::ForIterator => Some(VarInfo {
                kind: "for iterator",
                name: b"for iterator".to_vec(),
            }),
        };
        let mut msg = format!("attempt to call a {} value", self.obj_type_name(f)).into_bytes();
        // PUC names the callee only when a Lua function makes the call.
        if self.calls.last().is_some_and(CallInfo::is_lua) {
            msg.extend(VarInfo::suffix(info.as_ref()));
            self.rt_error(site.line, msg)
        } else {
            self.rt_error_here(msg)
        }
    }

    /// Calls a resolved function: pushes its call record, runs it (following proper tail
    /// calls without growing the native stack) and pops the record.
    pub(crate) fn call_function(
        &mut self,
        func: FunctionRef,
        args: Vec<Value>,
        site: &Site,
    ) -> LResult<Vec<Value>> {
        self.enter(&func, site)?;
        let result = self.run_function(func, args);
        self.calls.pop();
        if !site.from_lua {
            self.c_calls -= 1;
        }
        result
    }

    /// Fails when the native stack is nearly used up (deep expressions, deep calls).
    #[inline]
    pub(crate) fn check_stack(&self) -> LResult<()> {
        if self.stack_base.saturating_sub(stack_position()) > self.stack_budget {
            return Err(self.exhausted(Resource::Depth));
        }
        Ok(())
    }

    /// Pushes a call record after checking the depth limits.
    fn enter(&mut self, func: &FunctionRef, site: &Site) -> LResult<()> {
        self.step()?;
        if self.depth_base + self.calls.len() >= self.rt.limits.depth as usize {
            return Err(self.exhausted(Resource::Depth));
        }
        self.check_stack()?;
        if !site.from_lua {
            if self.c_calls >= MAX_C_CALLS {
                return Err(self.exhausted(Resource::Depth));
            }
            self.c_calls += 1;
        }
        if let Some(caller) = self.calls.last_mut()
            && site.line != 0
        {
            caller.line = site.line;
        }
        self.calls.push(CallInfo {
            func: func.clone(),
            line: 0,
            name: site.name.clone(),
            tail: false,
        });
        Ok(())
    }

    fn run_function(&mut self, func: FunctionRef, args: Vec<Value>) -> LResult<Vec<Value>> {
        let mut func = func;
        let mut args = args;
        loop {
            let ret = match &*func.0 {
                Function::Native(n) => {
                    let yieldable = n.yieldable;
                    if !yieldable {
                        self.nny += 1;
                    }
                    let r = match &n.body {
                        NativeBody::Fn(f) => f(self, args),
                        NativeBody::Closure(f) => f(self, args),
                    };
                    if !yieldable {
                        self.nny -= 1;
                    }
                    return r;
                }
                Function::Lua(_) => self.run_lua(&func, args)?,
            };
            match ret {
                Ret::Values(v) => return Ok(v),
                Ret::TailCall(f, a, name, line) => {
                    let site = Site {
                        line,
                        name,
                        from_lua: true,
                    };
                    let (g, a) = self.callable(f, a, &site)?;
                    if let Function::Native(_) = &*g.0 {
                        // PUC runs a native function in tail position as an ordinary call
                        // from the frame that makes it.
                        return self.call_function(g, a, &site);
                    }
                    self.step()?;
                    let top = self.calls.last_mut().expect("the running call");
                    top.func = g.clone();
                    top.line = 0;
                    top.name = CallName::None;
                    top.tail = true;
                    func = g;
                    args = a;
                }
            }
        }
    }

    /// Runs one activation of a Lua function.
    fn run_lua(&mut self, func: &FunctionRef, mut args: Vec<Value>) -> LResult<Ret> {
        let Function::Lua(closure) = &*func.0 else {
            unreachable!("run_lua on a native function")
        };
        let proto: &Proto = &closure.proto;
        let varargs = if proto.is_vararg && args.len() > proto.num_params {
            args.split_off(proto.num_params)
        } else {
            Vec::new()
        };
        let mut cells: Vec<Option<UpCell>> = vec![None; proto.num_cells];
        let regs = if proto.params_in_registers {
            // The arguments become the first registers.
            args.truncate(proto.num_params);
            args.resize(proto.num_regs.max(proto.num_params), Value::Nil);
            args
        } else {
            let mut regs = vec![Value::Nil; proto.num_regs];
            let mut args = args.into_iter();
            for slot in &proto.params {
                let v = args.next().unwrap_or_default();
                match *slot {
                    Slot::Reg(r) => regs[r as usize] = v,
                    Slot::Cell(c) => cells[c as usize] = Some(self.rt.new_cell(v)),
                }
            }
            regs
        };
        let upvals = closure.upvalues.borrow();
        let mut frame = Frame {
            regs,
            cells,
            varargs,
            upvals: &upvals,
            proto,
        };
        self.exec_body(&mut frame, &proto.body)
    }

    // ---------------------------------------------------------------------------------
    // Errors.

    /// Raises `e` as an error: the message handler of the innermost protected call sees
    /// it first, where it happened (PUC's `luaG_errormsg`).
    pub fn raise(&mut self, e: Value) -> Throw {
        match self.protect.last() {
            Some(Handler::Function(h)) => {
                // A handler that keeps failing calls itself until PUC runs out of C
                // stack, which ends in this error (LUA_ERRERR) instead of a call.
                if self.c_calls + 1 >= MAX_C_CALLS {
                    return Throw::Error(Value::str("error in error handling"));
                }
                let h = h.clone();
                match self.call_value(h, vec![e], &Site::native()) {
                    Ok(results) => Throw::Error(results.into_iter().next().unwrap_or_default()),
                    Err(t) => t,
                }
            }
            Some(Handler::Main) => {
                if self.rt.exec_mode {
                    let tb = self.traceback_text(&e);
                    *self.rt.traceback.borrow_mut() = tb;
                }
                Throw::Error(e)
            }
            _ => Throw::Error(e),
        }
    }

    /// The chunk name and current line prefix of the Lua function at `level` (0 is the
    /// running function), or nothing for native functions (`luaL_where`).
    pub fn where_prefix(&self, level: usize) -> Vec<u8> {
        let n = self.calls.len();
        if level < n {
            let ci = &self.calls[n - 1 - level];
            if let Some(p) = ci.proto()
                && ci.line > 0
            {
                return format!("{}:{}: ", p.chunk.short_src, ci.line).into_bytes();
            }
        }
        Vec::new()
    }

    /// A runtime error raised by Lua code at `line` of the running Lua function
    /// (`luaG_runerror`: `chunk:line:` prefix).
    pub fn rt_error(&mut self, line: u32, msg: impl Into<Vec<u8>>) -> Throw {
        let msg = msg.into();
        let mut text = Vec::new();
        if let Some(ci) = self.calls.last_mut()
            && let Some(p) = ci.proto().cloned()
        {
            ci.line = line;
            text.extend_from_slice(format!("{}:{}: ", p.chunk.short_src, line).as_bytes());
        }
        text.extend_from_slice(&msg);
        let v = Value::String(LuaStr::new(text));
        self.raise(v)
    }

    /// A runtime error raised by the running function, with a position only when it is a
    /// Lua function (`luaG_runerror` from native code gets none).
    pub fn rt_error_here(&mut self, msg: impl Into<Vec<u8>>) -> Throw {
        let mut text = self.where_prefix(0);
        text.extend_from_slice(&msg.into());
        let v = Value::String(LuaStr::new(text));
        self.raise(v)
    }

    /// An error raised by a native function (`luaL_error`): the position of its caller.
    pub fn error(&mut self, msg: impl Into<Vec<u8>>) -> Throw {
        let mut text = self.where_prefix(1);
        text.extend_from_slice(&msg.into());
        let v = Value::String(LuaStr::new(text));
        self.raise(v)
    }

    /// `luaL_argerror`: "bad argument #arg to 'name' (msg)", with PUC's rules for the
    /// name (from the call site, else the global name of the function) and for methods.
    pub fn arg_error(&mut self, arg: usize, msg: impl AsRef<[u8]>) -> Throw {
        let msg = msg.as_ref();
        let (mut arg, name) = (arg, self.called_name());
        let is_method = matches!(&self.calls.last().map(|c| &c.name), Some(CallName::Var(v)) if v.kind == "method");
        if is_method {
            arg -= 1;
            if arg == 0 {
                let mut text = b"calling '".to_vec();
                text.extend_from_slice(&name);
                text.extend_from_slice(b"' on bad self (");
                text.extend_from_slice(msg);
                text.push(b')');
                return self.error(text);
            }
        }
        let mut text = format!("bad argument #{arg} to '").into_bytes();
        text.extend_from_slice(&name);
        text.extend_from_slice(b"' (");
        text.extend_from_slice(msg);
        text.push(b')');
        self.error(text)
    }

    /// The name of the running native function for `luaL_argerror`.
    fn called_name(&self) -> Vec<u8> {
        let Some(ci) = self.calls.last() else {
            return b"?".to_vec();
        };
        if let Some((_, name)) = ci.name.kind_and_name() {
            return name;
        }
        match &*ci.func.0 {
            Function::Native(n) if !n.name.is_empty() => n.name.as_bytes().to_vec(),
            _ => self
                .global_function_name(&ci.func)
                .unwrap_or_else(|| b"?".to_vec()),
        }
    }

    /// lauxlib's `pushglobalfuncname`: `module.name` for a function found in
    /// `package.loaded` (without a leading `_G.`).
    pub fn global_function_name(&self, f: &FunctionRef) -> Option<Vec<u8>> {
        if let Function::Native(n) = &*f.0
            && !n.name.is_empty()
        {
            return Some(n.name.as_bytes().to_vec());
        }
        let loaded = self.rt.loaded.clone();
        let mut key = Value::Nil;
        loop {
            let (k, v) = loaded.borrow().next(&key).ok()??;
            key = k.clone();
            let (Value::String(module), Value::Table(t)) = (&k, &v) else {
                continue;
            };
            let mut inner = Value::Nil;
            loop {
                let next = t.borrow().next(&inner).ok().flatten();
                let Some((fk, fv)) = next else { break };
                inner = fk.clone();
                if let (Value::String(field), Value::Function(g)) = (&fk, &fv)
                    && g.ptr_eq(f)
                {
                    let mut name = Vec::new();
                    if module.as_bytes() != b"_G" {
                        name.extend_from_slice(module.as_bytes());
                        name.push(b'.');
                    }
                    name.extend_from_slice(field.as_bytes());
                    return Some(name);
                }
            }
        }
    }

    /// `luaL_typeerror`: "bad argument #arg to 'f' (T expected, got U)".
    pub fn type_arg_error(&mut self, args: &[Value], arg: usize, expected: &str) -> Throw {
        let got = match args.get(arg - 1) {
            None => "no value".to_string(),
            Some(v) => {
                match self.rt.metatable(v).map(|mt| {
                    mt.borrow()
                        .get_str(self.rt.event(crate::runtime::Event::Name))
                }) {
                    Some(Value::String(s)) => s.to_str_lossy().into_owned(),
                    _ => v.type_name().to_string(),
                }
            }
        };
        self.arg_error(arg, format!("{expected} expected, got {got}"))
    }

    /// Turns an error of a lua-prims primitive into a Lua error of the running native.
    pub fn prims_error(&mut self, e: lua_prims::Error) -> Throw {
        match e {
            lua_prims::Error::Message(m) => self.error(m),
            lua_prims::Error::Argument { arg, message } => self.arg_error(arg, message),
        }
    }

    /// The type name PUC uses in messages (`luaT_objtypename`): `__name` of a table's or
    /// userdata's metatable when it is a string, else the basic type.
    pub fn obj_type_name(&self, v: &Value) -> String {
        if let Value::Table(_) | Value::Userdata(_) = v
            && let Some(mt) = self.rt.metatable(v)
            && let Value::String(s) = mt
                .borrow()
                .get_str(self.rt.event(crate::runtime::Event::Name))
        {
            return s.to_str_lossy().into_owned();
        }
        v.type_name().to_string()
    }

    /// "attempt to {op} a {type} value{info}" at `line`.
    pub fn type_error(&mut self, line: u32, v: &Value, op: &str, info: Option<VarInfo>) -> Throw {
        let mut msg = format!("attempt to {op} a {} value", self.obj_type_name(v)).into_bytes();
        msg.extend(VarInfo::suffix(info.as_ref()));
        self.rt_error(line, msg)
    }

    /// The `stack traceback:` text of the current call stack (`luaL_traceback`), preceded
    /// by the message lua.c's handler would print for `e`.
    fn traceback_text(&mut self, e: &Value) -> Option<Vec<u8>> {
        match e {
            Value::String(_) | Value::Integer(_) | Value::Float(_) => {}
            _ => {
                let tm = self.rt.metamethod(e, crate::runtime::Event::ToString);
                if !tm.is_nil() {
                    return None;
                }
            }
        }
        Some(self.traceback(0))
    }

    /// The lines of `luaL_traceback` from `level` (0 = the running function).
    pub fn traceback(&self, level: usize) -> Vec<u8> {
        let mut out = b"stack traceback:".to_vec();
        let n = self.calls.len();
        let frames: Vec<&CallInfo> = self.calls.iter().rev().skip(level).collect();
        const LEVELS1: usize = 10;
        const LEVELS2: usize = 11;
        let total = frames.len();
        let mut i = 0;
        while i < total {
            if total > LEVELS1 + LEVELS2 && i == LEVELS1 {
                let skip = total - LEVELS1 - LEVELS2;
                out.extend_from_slice(format!("\n\t...\t(skipping {skip} levels)").as_bytes());
                i += skip;
                continue;
            }
            let ci = frames[i];
            out.extend_from_slice(b"\n\t");
            match ci.proto() {
                Some(p) => {
                    out.extend_from_slice(format!("{}:", p.chunk.short_src).as_bytes());
                    if ci.line > 0 {
                        out.extend_from_slice(format!("{}:", ci.line).as_bytes());
                    }
                }
                None => out.extend_from_slice(b"[C]:"),
            }
            out.extend_from_slice(b" in ");
            out.extend_from_slice(&self.function_description(ci));
            if ci.tail {
                out.extend_from_slice(b"\n\t(...tail calls...)");
            }
            i += 1;
        }
        let _ = n;
        out.extend_from_slice(b"\n\t[C]: in ?");
        out
    }

    /// How a traceback describes a function (`pushfuncname`).
    fn function_description(&self, ci: &CallInfo) -> Vec<u8> {
        if let Some(name) = self.global_function_name(&ci.func) {
            let mut s = b"function '".to_vec();
            s.extend_from_slice(&name);
            s.push(b'\'');
            return s;
        }
        if let Some((kind, name)) = ci.name.kind_and_name() {
            let mut s = format!("{kind} '").into_bytes();
            s.extend_from_slice(&name);
            s.push(b'\'');
            return s;
        }
        match ci.proto() {
            Some(p) if p.is_main => b"main chunk".to_vec(),
            Some(p) => format!("function <{}:{}>", p.chunk.short_src, p.line_defined).into_bytes(),
            None => b"?".to_vec(),
        }
    }
}
