//! Metamethods (ltm.c, lvm.c slow paths): indexing chains, arithmetic and comparison
//! fallbacks, concatenation, length, equality, `tostring`, and how the interpreter calls a
//! metamethod as an ordinary frame and finishes the interrupted instruction when it
//! returns (`luaV_finishOp`).
//!
//! Each slow path comes in the form the interpreter needs (find the metamethod, then call
//! it as a frame marked MM so it may yield) and, where natives need it, a synchronous
//! form (`*_sync`) that calls the metamethod from Rust.

use lua_prims::number::{self, ArithOp, Number, str_to_number};
use lua_prims::numfmt;

use crate::debuginfo::Src;
use crate::opcodes::{OpCode, TagMethod};
use crate::table::Table;
use crate::thread::status;
use crate::value::{KeyError, TableRef, Value};
use crate::vm::{EXTRA_STACK, Throw, Vm};

/// Longest `__index`/`__newindex` chain (MAXTAGLOOP).
const MAX_TAG_LOOP: usize = 2000;

/// The outcome of following an `__index` chain.
#[derive(Clone, Copy, Debug)]
pub enum Lookup {
    /// The value found.
    Value(Value),
    /// A function metamethod to call with (object, key).
    Call(Value, Value),
}

/// The outcome of following a `__newindex` chain.
#[derive(Clone, Copy, Debug)]
pub enum Assign {
    Done,
    /// A function metamethod to call with (object, key, value).
    Call(Value, Value),
}

/// The outcome of a comparison.
#[derive(Clone, Copy, Debug)]
pub enum Compare {
    Done(bool),
    /// Call the metamethod with the two operands; negate its result when `negate`.
    Call {
        tm: Value,
        a: Value,
        b: Value,
        negate: bool,
    },
}

impl Vm {
    /// A metamethod of a metatable, caching its absence for the fast events.
    #[inline]
    pub fn tm_of(&mut self, mt: TableRef, event: TagMethod) -> Value {
        let v = self.fast_tm(mt, event);
        if v.is_nil() {
            self.cache_absent_tm(mt, event);
        }
        v
    }

    /// `t[k]` when it needs no call: a table, then `__index` tables. `None` when a
    /// function metamethod or a non-table needs the slow path. `k` is a normalised key
    /// of the kind the caller knows (a string or an integer here).
    #[inline]
    pub fn get_fast(&mut self, t: Value, k: Value) -> Option<Value> {
        let mut t = t;
        for _ in 0..8 {
            let Value::Table(h) = t else {
                return None;
            };
            let table = self.heap.table(h);
            let v = table.get(k);
            if !v.is_nil() {
                return Some(v);
            }
            let mt = table.metatable?;
            let tm = self.tm_of(mt, TagMethod::Index);
            match tm {
                Value::Nil => return Some(Value::Nil),
                Value::Table(_) => t = tm,
                _ => return None,
            }
        }
        None
    }

    /// [`Vm::get_fast`] for a string key.
    #[inline(always)]
    pub fn get_fast_str(&mut self, t: Value, k: crate::value::StrRef) -> Option<Value> {
        let mut t = t;
        for _ in 0..8 {
            let mt = match t {
                Value::Table(h) => {
                    let table = self.heap.table(h);
                    let v = table.get_sref(k);
                    if !v.is_nil() {
                        return Some(v);
                    }
                    table.metatable?
                }
                // Methods of strings: the string metatable's `__index` table.
                Value::String(_) => self.type_mt[crate::value::Type::String.index()]?,
                _ => return None,
            };
            let mtt = self.heap.table(mt);
            let tm = if mtt.absent & 1 != 0 {
                Value::Nil
            } else {
                mtt.get_sref(self.names.tm[TagMethod::Index as usize])
            };
            match tm {
                Value::Table(_) => t = tm,
                // Without `__index`, a table gives nil; any other value is an error (the
                // slow path raises it).
                Value::Nil if matches!(t, Value::Table(_)) => {
                    self.cache_absent_tm(mt, TagMethod::Index);
                    return Some(Value::Nil);
                }
                _ => return None,
            }
        }
        None
    }

    /// `t[k] = v` when it needs no call and no key check: an existing entry, or a new one
    /// in a table whose metatable has no `__newindex`. Returns false for the slow path.
    /// `k` must be a valid normalised key (a string or an integer).
    #[inline]
    pub fn set_fast(&mut self, t: Value, k: Value, v: Value) -> bool {
        let Value::Table(h) = t else {
            return false;
        };
        let table = self.heap.table_mut(h);
        let Some(mt) = table.metatable else {
            let grown = table.set(k, v);
            if grown > 0 {
                self.heap.charge(grown);
            }
            return true;
        };
        if let Some(slot) = table.existing_mut(k) {
            *slot = v;
            return true;
        }
        if !self.tm_of(mt, TagMethod::NewIndex).is_nil() {
            return false;
        }
        self.heap.table_set(h, k, v);
        true
    }

    /// Follows the `__index` chain of `t[k]` (`luaV_finishget`). `src` names `t` for the
    /// error message.
    pub fn index_chain(&mut self, t: Value, k: Value, src: Src) -> Result<Lookup, Throw> {
        let mut t = t;
        for depth in 0..MAX_TAG_LOOP {
            let tm = match t {
                Value::Table(h) => {
                    let table = self.heap.table(h);
                    let v = table.get(k);
                    if !v.is_nil() {
                        return Ok(Lookup::Value(v));
                    }
                    let Some(mt) = table.metatable else {
                        return Ok(Lookup::Value(Value::Nil));
                    };
                    let tm = self.tm_of(mt, TagMethod::Index);
                    if tm.is_nil() {
                        return Ok(Lookup::Value(Value::Nil));
                    }
                    tm
                }
                _ => {
                    let tm = self.metamethod(t, TagMethod::Index);
                    if tm.is_nil() {
                        let src = if depth == 0 { src } else { Src::None };
                        return Err(self.type_error(t, "index", src));
                    }
                    tm
                }
            };
            if tm.is_function() {
                return Ok(Lookup::Call(tm, t));
            }
            t = tm;
        }
        Err(self.rt_error("'__index' chain too long; possible loop"))
    }

    /// Follows the `__newindex` chain of `t[k] = v` (`luaV_finishset`), doing the raw
    /// assignment when the chain ends in a table without `__newindex`.
    pub fn newindex_chain(
        &mut self,
        t: Value,
        k: Value,
        v: Value,
        src: Src,
    ) -> Result<Assign, Throw> {
        let mut t = t;
        for depth in 0..MAX_TAG_LOOP {
            let tm = match t {
                Value::Table(h) => {
                    let table = self.heap.table(h);
                    let existing = !table.get(k).is_nil();
                    let tm = match table.metatable {
                        Some(mt) if !existing => self.tm_of(mt, TagMethod::NewIndex),
                        _ => Value::Nil,
                    };
                    if tm.is_nil() {
                        self.raw_set(h, k, v)?;
                        return Ok(Assign::Done);
                    }
                    tm
                }
                _ => {
                    let tm = self.metamethod(t, TagMethod::NewIndex);
                    if tm.is_nil() {
                        let src = if depth == 0 { src } else { Src::None };
                        return Err(self.type_error(t, "index", src));
                    }
                    tm
                }
            };
            if tm.is_function() {
                return Ok(Assign::Call(tm, t));
            }
            t = tm;
        }
        Err(self.rt_error("'__newindex' chain too long; possible loop"))
    }

    /// `rawset(t, k, v)`: normalises the key; nil and NaN keys are errors.
    pub fn raw_set(&mut self, t: TableRef, k: Value, v: Value) -> Result<(), Throw> {
        match k {
            Value::Integer(i) => {
                self.heap.table_set_int(t, i, v);
                Ok(())
            }
            Value::String(_) => {
                self.heap.table_set(t, k, v);
                Ok(())
            }
            _ => match k.to_key() {
                Ok(key) => {
                    self.heap.table_set(t, key, v);
                    Ok(())
                }
                Err(KeyError::Nil) => Err(self.rt_error("table index is nil")),
                Err(KeyError::NaN) => Err(self.rt_error("table index is NaN")),
            },
        }
    }

    /// `t[k]` with metamethods, called from a native (`lua_gettable`).
    pub fn index_sync(&mut self, t: Value, k: Value) -> Result<Value, Throw> {
        match self.index_chain(t, k, Src::None)? {
            Lookup::Value(v) => Ok(v),
            Lookup::Call(tm, obj) => self.call1(tm, &[obj, k]),
        }
    }

    /// `t[k] = v` with metamethods, called from a native (`lua_settable`).
    pub fn newindex_sync(&mut self, t: Value, k: Value, v: Value) -> Result<(), Throw> {
        match self.newindex_chain(t, k, v, Src::None)? {
            Assign::Done => Ok(()),
            Assign::Call(tm, obj) => {
                self.call_value(tm, &[obj, k, v], 0)?;
                Ok(())
            }
        }
    }

    /// The metamethod for a binary arithmetic or bitwise event over `p1` and `p2`
    /// (`luaT_trybinTM`), or the error PUC raises when there is none.
    pub fn arith_tm(
        &mut self,
        p1: Value,
        p2: Value,
        event: TagMethod,
        s1: Src,
        s2: Src,
    ) -> Result<Value, Throw> {
        let mut tm = self.metamethod(p1, event);
        if tm.is_nil() {
            tm = self.metamethod(p2, event);
        }
        if !tm.is_nil() {
            return Ok(tm);
        }
        let bitwise = matches!(
            event,
            TagMethod::BAnd
                | TagMethod::BOr
                | TagMethod::BXor
                | TagMethod::Shl
                | TagMethod::Shr
                | TagMethod::BNot
        );
        if bitwise {
            if p1.as_number().is_some() && p2.as_number().is_some() {
                // luaG_tointerror: blame the first operand unless it converts.
                let (blame_src, _) = if p1.as_integer().is_none() {
                    (s1, p1)
                } else {
                    (s2, p2)
                };
                let info = self.varinfo(blame_src);
                return Err(self.rt_error(number::no_integer_representation_message(&info)));
            }
            let (v, s) = if p1.as_number().is_none() {
                (p1, s1)
            } else {
                (p2, s2)
            };
            return Err(self.type_error(v, "perform bitwise operation on", s));
        }
        let (v, s) = if p1.as_number().is_none() {
            (p1, s1)
        } else {
            (p2, s2)
        };
        Err(self.type_error(v, "perform arithmetic on", s))
    }

    /// Arithmetic with metamethods from a native (`lua_arith`).
    pub fn arith_sync(&mut self, op: ArithOp, a: Value, b: Value) -> Result<Value, Throw> {
        if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            match number::arith(op, x, y) {
                Ok(n) => return Ok(Value::from_number(n)),
                Err(number::ArithError::NoIntegerRepresentation { .. }) => {}
                Err(e) => return Err(self.rt_error(e.message())),
            }
        }
        let tm = self.arith_tm(a, b, TagMethod::for_arith(op), Src::None, Src::None)?;
        self.call1(tm, &[a, b])
    }

    /// `a < b` (`luaV_lessthan`) without calling anything: numbers and strings compare
    /// directly; other values need `__lt`.
    pub fn less_than(&mut self, a: Value, b: Value) -> Result<Compare, Throw> {
        if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            return Ok(Compare::Done(number::num_lt(x, y)));
        }
        if let (Value::String(x), Value::String(y)) = (a, b) {
            return Ok(Compare::Done(self.str_bytes(x) < self.str_bytes(y)));
        }
        self.order_tm(a, b, TagMethod::Lt)
    }

    /// `a <= b` (`luaV_lessequal`), with the 5.3 fallback `not (b < a)` through `__lt`.
    pub fn less_equal(&mut self, a: Value, b: Value) -> Result<Compare, Throw> {
        if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            return Ok(Compare::Done(number::num_le(x, y)));
        }
        if let (Value::String(x), Value::String(y)) = (a, b) {
            return Ok(Compare::Done(self.str_bytes(x) <= self.str_bytes(y)));
        }
        self.order_tm(a, b, TagMethod::Le)
    }

    /// `luaT_callorderTM` without the call.
    fn order_tm(&mut self, a: Value, b: Value, event: TagMethod) -> Result<Compare, Throw> {
        let mut tm = self.metamethod(a, event);
        if tm.is_nil() {
            tm = self.metamethod(b, event);
        }
        if !tm.is_nil() {
            return Ok(Compare::Call {
                tm,
                a,
                b,
                negate: false,
            });
        }
        if event == TagMethod::Le {
            let mut tm = self.metamethod(b, TagMethod::Lt);
            if tm.is_nil() {
                tm = self.metamethod(a, TagMethod::Lt);
            }
            if !tm.is_nil() {
                return Ok(Compare::Call {
                    tm,
                    a: b,
                    b: a,
                    negate: true,
                });
            }
        }
        Err(self.order_error(a, b))
    }

    /// `luaG_ordererror`.
    pub fn order_error(&mut self, a: Value, b: Value) -> Throw {
        let t1 = self.type_name_for_error(a);
        let t2 = self.type_name_for_error(b);
        let mut msg = b"attempt to compare ".to_vec();
        if t1 == t2 {
            msg.extend_from_slice(b"two ");
            msg.extend_from_slice(&t1);
            msg.extend_from_slice(b" values");
        } else {
            msg.extend_from_slice(&t1);
            msg.extend_from_slice(b" with ");
            msg.extend_from_slice(&t2);
        }
        self.rt_error(msg)
    }

    /// `a == b` (`luaV_equalobj`) without calling anything.
    #[inline]
    pub fn equal(&mut self, a: Value, b: Value) -> Compare {
        match (a, b) {
            (Value::Table(x), Value::Table(y)) => {
                if x == y {
                    return Compare::Done(true);
                }
                let mt1 = self.heap.table(x).metatable;
                let mt2 = self.heap.table(y).metatable;
                self.eq_tm(a, b, mt1, mt2)
            }
            (Value::Userdata(x), Value::Userdata(y)) => {
                if x == y {
                    return Compare::Done(true);
                }
                let mt1 = self.heap.userdata.get(x.0).metatable;
                let mt2 = self.heap.userdata.get(y.0).metatable;
                self.eq_tm(a, b, mt1, mt2)
            }
            _ => Compare::Done(a.raw_eq(b)),
        }
    }

    fn eq_tm(
        &mut self,
        a: Value,
        b: Value,
        mt1: Option<TableRef>,
        mt2: Option<TableRef>,
    ) -> Compare {
        let mut tm = match mt1 {
            Some(mt) => self.tm_of(mt, TagMethod::Eq),
            None => Value::Nil,
        };
        if tm.is_nil()
            && let Some(mt) = mt2
        {
            tm = self.tm_of(mt, TagMethod::Eq);
        }
        if tm.is_nil() {
            Compare::Done(false)
        } else {
            Compare::Call {
                tm,
                a,
                b,
                negate: false,
            }
        }
    }

    /// Runs a comparison to its end from a native (`lua_compare`).
    pub fn compare_sync(&mut self, c: Compare) -> Result<bool, Throw> {
        match c {
            Compare::Done(r) => Ok(r),
            Compare::Call { tm, a, b, negate } => {
                let r = self.call1(tm, &[a, b])?.truthy();
                Ok(r != negate)
            }
        }
    }

    /// `#v` (`luaV_objlen`) without calling: a length, or a `__len` to call with (v, v).
    pub fn length(&mut self, v: Value, src: Src) -> Result<Lookup, Throw> {
        match v {
            Value::Table(t) => {
                let table = self.heap.table(t);
                if let Some(mt) = table.metatable {
                    let tm = self.tm_of(mt, TagMethod::Len);
                    if !tm.is_nil() {
                        return Ok(Lookup::Call(tm, v));
                    }
                }
                Ok(Lookup::Value(Value::Integer(
                    self.heap.table(t).length() as i64
                )))
            }
            Value::String(s) => Ok(Lookup::Value(
                Value::Integer(self.str_bytes(s).len() as i64),
            )),
            _ => {
                let tm = self.metamethod(v, TagMethod::Len);
                if tm.is_nil() {
                    return Err(self.type_error(v, "get length of", src));
                }
                Ok(Lookup::Call(tm, v))
            }
        }
    }

    /// `#v` with metamethods, from a native (`luaL_len` without the integer check).
    pub fn length_sync(&mut self, v: Value) -> Result<Value, Throw> {
        match self.length(v, Src::None)? {
            Lookup::Value(n) => Ok(n),
            Lookup::Call(tm, obj) => self.call1(tm, &[obj, obj]),
        }
    }

    /// `luaL_len`: the length as an integer ("object length is not an integer").
    pub fn len_integer(&mut self, v: Value) -> Result<i64, Throw> {
        let n = self.length_sync(v)?;
        match self.to_integer_coerce(n) {
            Some(i) => Ok(i),
            None => Err(self.lib_error("object length is not an integer")),
        }
    }

    /// `luaL_tolstring`: `__tostring`, `__name`, or the default text.
    pub fn tostring_sync(&mut self, v: Value) -> Result<Vec<u8>, Throw> {
        let tm = self.metafield(v, self.names.tostring);
        if !tm.is_nil() {
            let r = self.call1(tm, &[v])?;
            return match r {
                Value::String(s) => Ok(self.str_bytes(s).to_vec()),
                Value::Integer(_) | Value::Float(_) => Ok(self.raw_tostring(r)),
                _ => Err(self.lib_error("'__tostring' must return a string")),
            };
        }
        match v {
            Value::Table(_) | Value::Userdata(_) => {
                if let Value::String(s) = self.metafield(v, self.names.name) {
                    let mut out = self.str_bytes(s).to_vec();
                    out.extend_from_slice(b": ");
                    out.extend_from_slice(self.address_text(v).as_bytes());
                    return Ok(out);
                }
                Ok(self.raw_tostring(v))
            }
            _ => Ok(self.raw_tostring(v)),
        }
    }

    /// Calls a metamethod for the running Lua frame's current instruction: the call goes
    /// above the frame's registers, marked MM so that its return finishes the
    /// instruction. A native metamethod runs (and the instruction finishes) at once; a
    /// Lua one leaves its frame for the interpreter to run.
    pub fn call_mm(
        &mut self,
        tm: Value,
        args: &[Value],
        nresults: i32,
        extra: u16,
    ) -> Result<(), Throw> {
        let at = self.safe_top();
        self.ensure_stack(at + args.len() + 1 + EXTRA_STACK)?;
        self.th.stack[at] = tm;
        for (i, &a) in args.iter().enumerate() {
            self.th.stack[at + 1 + i] = a;
        }
        self.th.top = at + 1 + args.len();
        self.precall(at, nresults, extra)?;
        Ok(())
    }

    /// Finishes the instruction a metamethod interrupted (`luaV_finishOp`); the result is
    /// at `res`. The frame on top is the interrupted Lua frame.
    pub(crate) fn finish_op(&mut self, res: usize, st: u16) -> Result<(), Throw> {
        let ci_idx = self.th.frames.len() - 1;
        let ci = self.th.frames[ci_idx];
        let proto = self.frame_proto(&ci).expect("an interrupted Lua frame");
        let i = proto.code[ci.pc - 1];
        let base = ci.base;
        match i.opcode() {
            OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK => {
                let prev = proto.code[ci.pc - 2];
                self.th.stack[base + prev.a() as usize] = self.th.stack[res];
            }
            OpCode::Unm
            | OpCode::BNot
            | OpCode::Len
            | OpCode::GetTabUp
            | OpCode::GetTable
            | OpCode::GetI
            | OpCode::GetField
            | OpCode::Self_ => {
                self.th.stack[base + i.a() as usize] = self.th.stack[res];
            }
            OpCode::Lt
            | OpCode::Le
            | OpCode::LtI
            | OpCode::LeI
            | OpCode::GtI
            | OpCode::GeI
            | OpCode::Eq => {
                let mut r = self.th.stack[res].truthy();
                if st & status::MM_NEGATE != 0 {
                    r = !r;
                }
                if r != i.k() {
                    self.th.frames[ci_idx].pc += 1;
                }
            }
            OpCode::Concat => {
                let total = ci.extra;
                let first = base + i.a() as usize;
                let top = first + total;
                self.th.stack[top - 2] = self.th.stack[res];
                self.concat(first, total - 1)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Concatenates `stack[first..first + total]` into `stack[first]` (`luaV_concat`) for
    /// the running Lua frame's CONCAT. Stops after calling a `__concat` metamethod: its
    /// return continues the work (see [`Vm::finish_op`]).
    pub(crate) fn concat(&mut self, first: usize, total: usize) -> Result<(), Throw> {
        let mut total = total;
        while total > 1 {
            let top = first + total;
            let p1 = self.th.stack[top - 2];
            let p1_ok = matches!(p1, Value::String(_) | Value::Integer(_) | Value::Float(_));
            // As in lvm.c, the second operand becomes a string only when the first can.
            if !p1_ok || !self.tostring_in_place(top - 1) {
                let p2 = self.th.stack[top - 1];
                let tm = {
                    let mut tm = self.metamethod(p1, TagMethod::Concat);
                    if tm.is_nil() {
                        tm = self.metamethod(p2, TagMethod::Concat);
                    }
                    tm
                };
                if tm.is_nil() {
                    let ci_base = self.th.frames.last().map_or(0, |c| c.base);
                    let (v, slot) =
                        if matches!(p1, Value::String(_) | Value::Integer(_) | Value::Float(_)) {
                            (p2, top - 1)
                        } else {
                            (p1, top - 2)
                        };
                    let src = Src::Reg((slot - ci_base) as u8);
                    return Err(self.type_error(v, "concatenate", src));
                }
                let ci_idx = self.th.frames.len() - 1;
                self.th.frames[ci_idx].extra = total;
                return self.call_mm(tm, &[p1, p2], 1, status::MM);
            }
            let s2 = self.as_str(top - 1);
            let n;
            if self.str_bytes(s2).is_empty() {
                self.tostring_in_place(top - 2);
                n = 2;
            } else if matches!(p1, Value::String(s) if self.str_bytes(s).is_empty()) {
                self.th.stack[top - 2] = self.th.stack[top - 1];
                n = 2;
            } else {
                // Collect as many strings (or numbers) as possible from the top.
                let mut count = 1;
                let mut len = self.str_bytes(s2).len();
                while count < total && self.tostring_in_place(top - count - 1) {
                    len += self.str_bytes(self.as_str(top - count - 1)).len();
                    count += 1;
                }
                self.reserve(len)?;
                let mut buf = Vec::with_capacity(len);
                for slot in top - count..top {
                    let s = self.as_str(slot);
                    buf.extend_from_slice(self.str_bytes(s));
                }
                let s = self.intern_vec(buf);
                self.th.stack[top - count] = Value::String(s);
                n = count;
            }
            total -= n - 1;
        }
        Ok(())
    }

    fn as_str(&self, slot: usize) -> crate::value::StrRef {
        match self.th.stack[slot] {
            Value::String(s) => s,
            _ => self.names.empty,
        }
    }

    /// Converts a number in a stack slot to a string in place (`tostring` in lvm.h);
    /// returns whether the slot now holds a string.
    fn tostring_in_place(&mut self, slot: usize) -> bool {
        match self.th.stack[slot] {
            Value::String(_) => true,
            v @ (Value::Integer(_) | Value::Float(_)) => {
                let s = self.number_to_str(v);
                self.th.stack[slot] = Value::String(s);
                true
            }
            _ => false,
        }
    }

    /// String to number for arithmetic on strings (the string library's metamethods).
    pub fn str_to_num(&self, v: Value) -> Option<Number> {
        match v {
            Value::String(s) => str_to_number(self.str_bytes(s)),
            Value::Integer(i) => Some(Number::Integer(i)),
            Value::Float(f) => Some(Number::Float(f)),
            _ => None,
        }
    }

    /// The `%.14g` text of a number as `tostring` makes it, for natives.
    pub fn number_text(&self, n: Number) -> Vec<u8> {
        numfmt::fmt_number(n).to_vec()
    }

    /// A table with the given array values.
    pub fn table_from(&mut self, values: &[Value]) -> TableRef {
        let mut t = Table::with_capacity(values.len(), 0);
        for (i, &v) in values.iter().enumerate() {
            t.set_int(i as i64 + 1, v);
        }
        self.new_table(t)
    }
}
