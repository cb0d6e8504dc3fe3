//! The operations that consult metamethods (manual §2.4, §3.4): indexing, assignment to
//! fields, arithmetic, concatenation, length, equality and order, with PUC-Rio Lua's
//! error messages (`ldebug.c`, `lvm.c`, `ltm.c`).

use lua_prims::number::{self, ArithError, ArithOp, Number};
use lua_prims::numfmt;

use super::{Exec, Site};
use crate::ir::{Expr, VarInfo, varinfo};
use crate::runtime::Event;
use crate::value::{LResult, LuaStr, Value};

/// PUC's `MAXTAGLOOP`: how many `__index`/`__newindex` links are followed.
const MAX_TAG_LOOP: usize = 2000;

/// Which order comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    Lt,
    Le,
}

fn event_of(op: ArithOp) -> Event {
    match op {
        ArithOp::Add => Event::Add,
        ArithOp::Sub => Event::Sub,
        ArithOp::Mul => Event::Mul,
        ArithOp::Mod => Event::Mod,
        ArithOp::Pow => Event::Pow,
        ArithOp::Div => Event::Div,
        ArithOp::IDiv => Event::IDiv,
        ArithOp::BAnd => Event::BAnd,
        ArithOp::BOr => Event::BOr,
        ArithOp::BXor => Event::BXor,
        ArithOp::Shl => Event::Shl,
        ArithOp::Shr => Event::Shr,
        ArithOp::Unm => Event::Unm,
        ArithOp::BNot => Event::BNot,
    }
}

impl Exec<'_> {
    /// Indexing after the fast path failed (`luaV_finishget`): follows `__index` chains.
    pub(crate) fn index_slow(
        &mut self,
        object: Value,
        key: Value,
        line: u32,
        info: impl FnOnce() -> Option<VarInfo>,
    ) -> LResult<Value> {
        let mut t = object;
        let mut info = Some(info);
        for _ in 0..MAX_TAG_LOOP {
            let tm = if let Value::Table(tab) = &t {
                let tb = tab.borrow();
                let v = tb.get(&key);
                if !v.is_nil() {
                    return Ok(v);
                }
                match &tb.meta {
                    None => return Ok(Value::Nil),
                    Some(mt) => mt.borrow().get_str(self.rt.event(Event::Index)),
                }
            } else {
                let tm = self.rt.metamethod(&t, Event::Index);
                if tm.is_nil() {
                    // Only the original operand has a name: later links of the chain are
                    // not in a register.
                    let info = info.take().and_then(|f| f());
                    return Err(self.type_error(line, &t, "index", info));
                }
                tm
            };
            if tm.is_nil() {
                return Ok(Value::Nil);
            }
            info = None;
            if let Value::Function(_) = tm {
                return self.call1(tm, vec![t, key], &Site::meta(line, Event::Index));
            }
            t = tm;
        }
        Err(self.rt_error(line, "'__index' chain too long; possible loop"))
    }

    /// `object[key]` where only a value is known (library functions, `lua_gettable`).
    pub fn get_index(&mut self, object: Value, key: Value) -> LResult<Value> {
        if let Value::Table(t) = &object {
            let tb = t.borrow();
            let v = tb.get(&key);
            if !v.is_nil() || tb.meta.is_none() {
                return Ok(v);
            }
        }
        let line = self.current_line();
        self.index_slow(object, key, line, || None)
    }

    /// The line PUC reports for operations of the running function made on behalf of a
    /// native function (none: natives have no lines).
    fn current_line(&self) -> u32 {
        0
    }

    /// `object[key] = value` (`luaV_finishset`): follows `__newindex` chains.
    pub(crate) fn set_index(
        &mut self,
        object: Value,
        key: Value,
        value: Value,
        line: u32,
        object_expr: Option<&Expr>,
    ) -> LResult<()> {
        let mut t = object;
        let mut first = true;
        for _ in 0..MAX_TAG_LOOP {
            let tm = if let Value::Table(tab) = &t {
                // A present key is assigned directly; an absent one consults __newindex.
                // (Read first, then write: the metatable may be the table itself.)
                let tm = {
                    let tb = tab.borrow();
                    if !tb.get(&key).is_nil() {
                        Value::Nil
                    } else {
                        match &tb.meta {
                            None => Value::Nil,
                            Some(mt) => mt.borrow().get_str(self.rt.event(Event::NewIndex)),
                        }
                    }
                };
                if tm.is_nil() {
                    let r = tab.borrow_mut().set(key, value);
                    if let Err(e) = r {
                        return Err(self.rt_error_or_here(line, e.message()));
                    }
                    return Ok(());
                }
                tm
            } else {
                let tm = self.rt.metamethod(&t, Event::NewIndex);
                if tm.is_nil() {
                    let info = if first {
                        object_expr.and_then(varinfo)
                    } else {
                        None
                    };
                    return Err(self.type_error_or_here(line, &t, "index", info));
                }
                tm
            };
            first = false;
            if let Value::Function(_) = tm {
                self.call_value(tm, vec![t, key, value], &Site::meta(line, Event::NewIndex))?;
                return Ok(());
            }
            t = tm;
        }
        Err(self.rt_error_or_here(line, "'__newindex' chain too long; possible loop"))
    }

    /// A runtime error at `line` when Lua code is running, else without position.
    fn rt_error_or_here(&mut self, line: u32, msg: &str) -> super::Throw {
        if line > 0 {
            self.rt_error(line, msg)
        } else {
            self.rt_error_here(msg)
        }
    }

    fn type_error_or_here(
        &mut self,
        line: u32,
        v: &Value,
        op: &str,
        info: Option<VarInfo>,
    ) -> super::Throw {
        if line > 0 {
            self.type_error(line, v, op, info)
        } else {
            let msg = format!("attempt to {op} a {} value", self.obj_type_name(v));
            self.rt_error_here(msg)
        }
    }

    /// `object[key] = value` from a library function (`lua_settable`).
    pub fn set_index_api(&mut self, object: Value, key: Value, value: Value) -> LResult<()> {
        if let Value::Table(t) = &object {
            let mut tb = t.borrow_mut();
            if tb.meta.is_none() {
                return match tb.set(key, value) {
                    Ok(()) => Ok(()),
                    Err(e) => {
                        drop(tb);
                        Err(self.rt_error_here(e.message()))
                    }
                };
            }
        }
        self.set_index(object, key, value, 0, None)
    }

    /// Arithmetic and bitwise operators (manual §3.4.1, §3.4.2) with their metamethods.
    /// `lhs`/`rhs` describe the operands for messages.
    pub(crate) fn arith(
        &mut self,
        op: ArithOp,
        a: Value,
        b: Value,
        line: u32,
        lhs: Option<&Expr>,
        rhs: Option<&Expr>,
    ) -> LResult<Value> {
        if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            match number::arith(op, x, y) {
                Ok(n) => return Ok(Value::from_number(n)),
                Err(ArithError::NoIntegerRepresentation { operand }) => {
                    let info = if operand == 0 { lhs } else { rhs }.and_then(varinfo);
                    let msg = number::no_integer_representation_message(&String::from_utf8_lossy(
                        &VarInfo::suffix(info.as_ref()),
                    ));
                    return Err(self.rt_error_at(line, msg));
                }
                Err(e) => return Err(self.rt_error_at(line, e.message())),
            }
        }
        let event = event_of(op);
        let mut tm = self.rt.metamethod(&a, event);
        if tm.is_nil() {
            tm = self.rt.metamethod(&b, event);
        }
        if !tm.is_nil() {
            return self.call1(tm, vec![a, b], &Site::meta(line, event));
        }
        // No metamethod: blame the first operand that is not a number (strings included),
        // or for bitwise operators on two numbers the one without an integer value.
        if op.is_bitwise() {
            if let (Some(x), Some(_)) = (a.as_number(), b.as_number()) {
                let blame_first = x.to_integer().is_none();
                let info = if blame_first { lhs } else { rhs }.and_then(varinfo);
                let msg = number::no_integer_representation_message(&String::from_utf8_lossy(
                    &VarInfo::suffix(info.as_ref()),
                ));
                return Err(self.rt_error_at(line, msg));
            }
            let (v, e) = if a.as_number().is_none() {
                (&a, lhs)
            } else {
                (&b, rhs)
            };
            let info = e.and_then(varinfo);
            return Err(self.type_error_at(line, v, "perform bitwise operation on", info));
        }
        let (v, e) = if a.as_number().is_none() {
            (&a, lhs)
        } else {
            (&b, rhs)
        };
        let info = e.and_then(varinfo);
        Err(self.type_error_at(line, v, "perform arithmetic on", info))
    }

    /// A runtime error at `line` of Lua code, or at the running native (line 0).
    fn rt_error_at(&mut self, line: u32, msg: impl Into<Vec<u8>>) -> super::Throw {
        if line > 0 {
            self.rt_error(line, msg)
        } else {
            self.rt_error_here(msg)
        }
    }

    fn type_error_at(
        &mut self,
        line: u32,
        v: &Value,
        op: &str,
        info: Option<VarInfo>,
    ) -> super::Throw {
        if line > 0 {
            self.type_error(line, v, op, info)
        } else {
            let msg = format!("attempt to {op} a {} value", self.obj_type_name(v));
            self.rt_error_here(msg)
        }
    }

    /// Arithmetic from library code (`lua_arith`): no operand descriptions, no line.
    pub fn arith_api(&mut self, op: ArithOp, a: Value, b: Value) -> LResult<Value> {
        self.arith(op, a, b, 0, None, None)
    }

    /// The concatenation `a .. b` (manual §3.4.6).
    pub(crate) fn concat(
        &mut self,
        a: Value,
        b: Value,
        line: u32,
        lhs: &Expr,
        rhs: &Expr,
    ) -> LResult<Value> {
        if let (Some(x), Some(y)) = (concat_piece(&a), concat_piece(&b)) {
            let len = x.len() + y.len();
            self.rt.reserve(len)?;
            let mut s = Vec::with_capacity(len);
            s.extend_from_slice(&x);
            s.extend_from_slice(&y);
            return Ok(Value::String(LuaStr::new(s)));
        }
        let mut tm = self.rt.metamethod(&a, Event::Concat);
        if tm.is_nil() {
            tm = self.rt.metamethod(&b, Event::Concat);
        }
        if !tm.is_nil() {
            return self.call1(tm, vec![a, b], &Site::meta(line, Event::Concat));
        }
        let (v, e) = if concat_piece(&a).is_none() {
            (&a, lhs)
        } else {
            (&b, rhs)
        };
        let info = varinfo(e);
        Err(self.type_error(line, v, "concatenate", info))
    }

    /// The length operator `#` (manual §3.4.7).
    pub(crate) fn length(&mut self, v: Value, line: u32, operand: Option<&Expr>) -> LResult<Value> {
        match &v {
            Value::String(s) => return Ok(Value::Integer(s.len() as i64)),
            Value::Table(t) => {
                let tb = t.borrow();
                if tb.meta.is_none() {
                    return Ok(Value::Integer(tb.border()));
                }
            }
            _ => {}
        }
        let tm = self.rt.metamethod(&v, Event::Len);
        if !tm.is_nil() {
            return self.call1(tm, vec![v.clone(), v], &Site::meta(line, Event::Len));
        }
        if let Value::Table(t) = &v {
            return Ok(Value::Integer(t.borrow().border()));
        }
        let info = operand.and_then(varinfo);
        Err(self.type_error_at(line, &v, "get length of", info))
    }

    /// `a == b` (manual §3.4.4): raw equality, then `__eq` for two tables or two userdata.
    pub fn equals(&mut self, a: &Value, b: &Value, line: u32) -> LResult<bool> {
        match (a, b) {
            (Value::Table(x), Value::Table(y)) => {
                if x.ptr_eq(y) {
                    return Ok(true);
                }
            }
            (Value::Userdata(x), Value::Userdata(y)) => {
                if x.ptr_eq(y) {
                    return Ok(true);
                }
            }
            _ => return Ok(a.raw_equal(b)),
        }
        let mut tm = self.rt.metamethod(a, Event::Eq);
        if tm.is_nil() {
            tm = self.rt.metamethod(b, Event::Eq);
        }
        if tm.is_nil() {
            return Ok(false);
        }
        let r = self.call1(tm, vec![a.clone(), b.clone()], &Site::meta(line, Event::Eq))?;
        Ok(r.truthy())
    }

    /// `a < b` (manual §3.4.4): numbers, strings, then `__lt`.
    pub fn less_than(&mut self, a: &Value, b: &Value, line: u32) -> LResult<bool> {
        match (a, b) {
            (Value::Integer(x), Value::Integer(y)) => Ok(x < y),
            (Value::String(x), Value::String(y)) => Ok(x.as_bytes() < y.as_bytes()),
            _ => match (a.as_number(), b.as_number()) {
                (Some(x), Some(y)) => Ok(number::num_lt(x, y)),
                _ => self.order_tm(a, b, line, Event::Lt),
            },
        }
    }

    /// `a <= b`: numbers, strings, `__le`, then (5.3 compatibility) `not (b < a)`.
    pub fn less_equal(&mut self, a: &Value, b: &Value, line: u32) -> LResult<bool> {
        match (a, b) {
            (Value::Integer(x), Value::Integer(y)) => Ok(x <= y),
            (Value::String(x), Value::String(y)) => Ok(x.as_bytes() <= y.as_bytes()),
            _ => match (a.as_number(), b.as_number()) {
                (Some(x), Some(y)) => Ok(number::num_le(x, y)),
                _ => self.order_tm(a, b, line, Event::Le),
            },
        }
    }

    fn order_tm(&mut self, a: &Value, b: &Value, line: u32, event: Event) -> LResult<bool> {
        let mut tm = self.rt.metamethod(a, event);
        if tm.is_nil() {
            tm = self.rt.metamethod(b, event);
        }
        if !tm.is_nil() {
            let r = self.call1(tm, vec![a.clone(), b.clone()], &Site::meta(line, event))?;
            return Ok(r.truthy());
        }
        if event == Event::Le {
            // LUA_COMPAT_LT_LE: `a <= b` is `not (b < a)` through __lt.
            let mut tm = self.rt.metamethod(b, Event::Lt);
            if tm.is_nil() {
                tm = self.rt.metamethod(a, Event::Lt);
            }
            if !tm.is_nil() {
                let r = self.call1(tm, vec![b.clone(), a.clone()], &Site::meta(line, Event::Lt))?;
                return Ok(!r.truthy());
            }
        }
        let t1 = self.obj_type_name(a);
        let t2 = self.obj_type_name(b);
        let msg = if t1 == t2 {
            format!("attempt to compare two {t1} values")
        } else {
            format!("attempt to compare {t1} with {t2}")
        };
        Err(self.rt_error_at(line, msg))
    }

    /// `tostring(v)` (`luaL_tolstring`): `__tostring` (which must return a string), then
    /// `__name`, then the default form.
    pub fn tostring(&mut self, v: &Value) -> LResult<LuaStr> {
        let tm = self.rt.metamethod(v, Event::ToString);
        if !tm.is_nil() {
            let r = self.call1(tm, vec![v.clone()], &Site::native())?;
            return match r {
                Value::String(s) => Ok(s),
                Value::Integer(_) | Value::Float(_) => {
                    let n = r.as_number().unwrap_or(Number::Integer(0));
                    Ok(LuaStr::new(numfmt::fmt_number(n).as_bytes()))
                }
                _ => Err(self.error("'__tostring' must return a string")),
            };
        }
        Ok(match v {
            Value::String(s) => s.clone(),
            Value::Integer(_) | Value::Float(_) => LuaStr::new(
                numfmt::fmt_number(v.as_number().unwrap_or(Number::Integer(0))).as_bytes(),
            ),
            Value::Nil => LuaStr::from_text("nil"),
            Value::Boolean(true) => LuaStr::from_text("true"),
            Value::Boolean(false) => LuaStr::from_text("false"),
            other => {
                let kind = match self
                    .rt
                    .metatable(other)
                    .map(|mt| mt.borrow().get_str(self.rt.event(Event::Name)))
                {
                    Some(Value::String(s)) => s.to_str_lossy().into_owned(),
                    _ => other.type_name().to_string(),
                };
                let addr = other.addr().unwrap_or(0);
                LuaStr::from_text(&format!("{kind}: {addr:#x}"))
            }
        })
    }
}

/// The bytes a string or number contributes to a concatenation (numbers are converted
/// with `tostring`'s format).
fn concat_piece(v: &Value) -> Option<std::borrow::Cow<'_, [u8]>> {
    match v {
        Value::String(s) => Some(std::borrow::Cow::Borrowed(s.as_bytes())),
        Value::Integer(i) => Some(std::borrow::Cow::Owned(numfmt::fmt_integer(*i).to_vec())),
        Value::Float(f) => Some(std::borrow::Cow::Owned(numfmt::fmt_float(*f).to_vec())),
        _ => None,
    }
}
