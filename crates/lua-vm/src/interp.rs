//! The interpreter loop (lvm.c `luaV_execute`): runs the Lua frame on top of the running
//! thread and every Lua frame it calls or returns to, without recursing on the Rust stack.
//!
//! Fast paths (integer and float arithmetic, table reads and writes without metatables,
//! comparisons of numbers) are inline; everything else goes through the slow paths of
//! `meta.rs` and `call.rs` after saving `pc`, and then the loop reloads its state from
//! the frame on top (a slow path may have pushed a metamethod frame, finished an
//! instruction, or moved `pc`).

use std::rc::Rc;

use lua_engine::Resource;
use lua_prims::forloop::{self, ForError, ForPart, ForPrep, ForValue};
use lua_prims::number::{self, str_to_number};

use crate::call::Precall;
use crate::debuginfo::Src;
use crate::func::{LProto, LuaFn};
use crate::meta::{Assign, Compare, Lookup};
use crate::opcodes::{Instruction, OpCode, TagMethod};
use crate::table::Table;
use crate::thread::{CallInfo, status};
use crate::value::{LuaFnRef, Value};
use crate::vm::{EXTRA_STACK, Throw, Vm};

/// Float multiplication with the same NaN rule as `+` (lua_prims::number::float_add):
/// when both operands are NaN, the result is the second operand's NaN, as in the native
/// engine's release build. Which NaN wins depends on the operand order the C compiler
/// chose for `luai_nummul` (lua5.4.9's own build, and a debug build of the native engine,
/// give the first operand's), so programs whose output shows the sign of such a NaN are
/// build-dependent; LLVM also commutes `x * y`, hence the explicit rule. The NaN case is
/// a cold call, so the common path has a predictable branch instead of a conditional
/// move on the result.
#[inline(always)]
fn float_mul(x: f64, y: f64) -> f64 {
    let r = x * y;
    if r.is_nan() {
        return nan_result(x, y, r, y);
    }
    r
}

/// Float addition with lua_prims::number::float_add's NaN rule (both NaN: `y`'s NaN),
/// with the NaN case out of line as in [`float_mul`].
#[inline(always)]
fn float_add(x: f64, y: f64) -> f64 {
    let r = x + y;
    if r.is_nan() {
        return nan_result(x, y, r, y);
    }
    r
}

/// The NaN a commutative operation gives: `first` (quieted) when both operands are NaN.
#[cold]
#[inline(never)]
fn nan_result(x: f64, y: f64, r: f64, first: f64) -> f64 {
    if x.is_nan() && y.is_nan() {
        f64::from_bits(first.to_bits() | (1 << 51))
    } else {
        r
    }
}

/// Converts a `for` operand for lua-prims.
fn for_value(vm: &Vm, v: Value) -> ForValue {
    match v {
        Value::Integer(i) => ForValue::Number(number::Number::Integer(i)),
        Value::Float(f) => ForValue::Number(number::Number::Float(f)),
        Value::String(s) => match str_to_number(vm.str_bytes(s)) {
            Some(n) => ForValue::NumericString(n),
            None => ForValue::Other,
        },
        _ => ForValue::Other,
    }
}

impl Vm {
    /// Runs Lua frames until a FRESH frame returns.
    #[allow(unsafe_code)]
    pub(crate) fn run<const COUNT: bool>(&mut self) -> Result<(), Throw> {
        let fuel = self.limits.fuel;
        'frame: loop {
            let mut ci_idx = self.th.frames.len() - 1;
            let mut steps = self.steps;
            let mut cl: LuaFnRef;
            let mut base: usize;
            let mut pc: usize;
            let mut code: &[Instruction];
            let mut k: &[Value];
            let mut proto: &LProto;

            // Loads the running frame's state (`luaV_execute`'s `startfunc`/`returning`).
            macro_rules! load_frame {
                () => {{
                    let ci = &self.th.frames[ci_idx];
                    debug_assert!(ci.is_lua());
                    debug_assert!(matches!(self.th.stack[ci.func], Value::LuaFn(f) if f == ci.cl));
                    base = ci.base;
                    pc = ci.pc;
                    cl = ci.cl;
                    let ptr: *const LProto = ci.proto;
                    // SAFETY: the prototype belongs to the closure in the frame's function
                    // slot. That slot is below the frame's registers, so no instruction of
                    // the frame writes it, and the collector marks whole stacks: the
                    // closure, and the `Rc` it holds, stay alive while the frame runs. The
                    // prototype is immutable. Every use of `proto`, `code` and `k` happens
                    // while the frame whose closure they came from is the one running.
                    proto = unsafe { &*ptr };
                    code = &proto.code;
                    k = &proto.k;
                }};
            }
            load_frame!();

            // Register, constant and code accesses are unchecked: `load_chunk` verifies every
            // prototype (registers below `maxstacksize`, constants and jump targets in
            // range, the code ending in a return), and every frame gets
            // `base + maxstacksize <= stack.len()` when it starts (`precall`, the inline
            // CALL, `tailcall`, VARARGPREP), while the stack never shrinks.
            macro_rules! reg {
                ($r:expr) => {
                    *{
                        let idx = base + ($r) as usize;
                        debug_assert!(idx < self.th.stack.len());
                        // SAFETY: see above: a verified register of the running frame.
                        unsafe { self.th.stack.get_unchecked_mut(idx) }
                    }
                };
            }
            macro_rules! kst {
                ($idx:expr) => {{
                    let idx = ($idx) as usize;
                    debug_assert!(idx < k.len());
                    // SAFETY: see above: a verified constant index.
                    *unsafe { k.get_unchecked(idx) }
                }};
            }
            macro_rules! fetch {
                ($pc:expr) => {{
                    let at = $pc;
                    debug_assert!(at < code.len());
                    // SAFETY: see above: verified code ends in a return and every jump
                    // lands inside it, so `pc` stays in range.
                    *unsafe { code.get_unchecked(at) }
                }};
            }
            macro_rules! savepc {
                () => {{
                    self.th.frames[ci_idx].pc = pc;
                    self.steps = steps;
                }};
            }
            // Runs a slow path with `pc` saved, then restarts from the frame on top.
            macro_rules! slow {
                ($e:expr) => {{
                    savepc!();
                    $e;
                    continue 'frame;
                }};
            }
            macro_rules! rk_c {
                ($i:expr) => {
                    if $i.k() { kst!($i.c()) } else { reg!($i.c()) }
                };
            }
            // Arithmetic on two numbers with Lua's subtype rules; when an operand is not a
            // number, the MM instruction that follows runs instead.
            macro_rules! arith {
                ($i:expr, $a:expr, $b:expr, $int:expr, $flt:expr) => {{
                    let (a, b) = ($a, $b);
                    let r = match (a, b) {
                        (Value::Integer(x), Value::Integer(y)) => Some(Value::Integer($int(x, y))),
                        (Value::Float(x), Value::Float(y)) => Some(Value::Float($flt(x, y))),
                        (Value::Integer(x), Value::Float(y)) => {
                            Some(Value::Float($flt(x as f64, y)))
                        }
                        (Value::Float(x), Value::Integer(y)) => {
                            Some(Value::Float($flt(x, y as f64)))
                        }
                        _ => None,
                    };
                    if let Some(v) = r {
                        reg!($i.a()) = v;
                        pc += 1;
                    }
                }};
            }
            // `%` and `//`: the integer forms fail on a zero divisor.
            macro_rules! arith_div {
                ($i:expr, $a:expr, $b:expr, $int:expr, $flt:expr) => {{
                    let (a, b) = ($a, $b);
                    let r = match (a, b) {
                        (Value::Integer(x), Value::Integer(y)) => match $int(x, y) {
                            Ok(v) => Some(Value::Integer(v)),
                            Err(e) => {
                                savepc!();
                                return Err(self.rt_error(e.message()));
                            }
                        },
                        (Value::Float(x), Value::Float(y)) => Some(Value::Float($flt(x, y))),
                        (Value::Integer(x), Value::Float(y)) => {
                            Some(Value::Float($flt(x as f64, y)))
                        }
                        (Value::Float(x), Value::Integer(y)) => {
                            Some(Value::Float($flt(x, y as f64)))
                        }
                        _ => None,
                    };
                    if let Some(v) = r {
                        reg!($i.a()) = v;
                        pc += 1;
                    }
                }};
            }
            // `/` and `^`: always floats.
            macro_rules! arith_float {
                ($i:expr, $a:expr, $b:expr, $flt:expr) => {{
                    if let (Some(x), Some(y)) = ($a.as_float(), $b.as_float()) {
                        reg!($i.a()) = Value::Float($flt(x, y));
                        pc += 1;
                    }
                }};
            }
            // Fuel is counted per instruction but checked only where control can go
            // back (jumps, loops, calls): straight-line code between two checks is
            // bounded by the length of the function.
            macro_rules! check_fuel {
                () => {
                    if steps > fuel {
                        savepc!();
                        return Err(Throw::Exhausted(Resource::Fuel));
                    }
                };
            }
            macro_rules! donextjump {
                () => {{
                    let ni = fetch!(pc);
                    pc = (pc as i64 + ni.sj() as i64 + 1) as usize;
                    check_fuel!();
                }};
            }
            macro_rules! condjump {
                ($i:expr, $cond:expr) => {{
                    if $cond != $i.k() {
                        pc += 1;
                    } else {
                        donextjump!();
                    }
                }};
            }

            loop {
                let i = fetch!(pc);
                pc += 1;
                steps += 1;
                let op = i.opcode();
                if COUNT && let Some(counts) = &mut self.op_counts {
                    counts[op as usize] += 1;
                }
                match op {
                    OpCode::Move => {
                        reg!(i.a()) = reg!(i.b());
                    }
                    OpCode::LoadI => {
                        reg!(i.a()) = Value::Integer(i.sbx() as i64);
                    }
                    OpCode::LoadF => {
                        reg!(i.a()) = Value::Float(i.sbx() as f64);
                    }
                    OpCode::LoadK => {
                        reg!(i.a()) = kst!(i.bx());
                    }
                    OpCode::LoadKX => {
                        let ax = fetch!(pc).ax();
                        pc += 1;
                        reg!(i.a()) = kst!(ax);
                    }
                    OpCode::LoadFalse => {
                        reg!(i.a()) = Value::Boolean(false);
                    }
                    OpCode::LFalseSkip => {
                        reg!(i.a()) = Value::Boolean(false);
                        pc += 1;
                    }
                    OpCode::LoadTrue => {
                        reg!(i.a()) = Value::Boolean(true);
                    }
                    OpCode::LoadNil => {
                        let a = base + i.a() as usize;
                        let b = i.b() as usize;
                        for slot in &mut self.th.stack[a..=a + b] {
                            *slot = Value::Nil;
                        }
                    }
                    OpCode::GetUpval => {
                        let uv = self.heap.lua_fns.get(cl.0).upvals[i.b() as usize];
                        reg!(i.a()) = self.upval_get(uv);
                    }
                    OpCode::SetUpval => {
                        let uv = self.heap.lua_fns.get(cl.0).upvals[i.b() as usize];
                        let v = reg!(i.a());
                        self.upval_set(uv, v);
                    }
                    OpCode::GetTabUp => {
                        let uv = self.heap.lua_fns.get(cl.0).upvals[i.b() as usize];
                        let t = self.upval_get(uv);
                        let key = kst!(i.c());
                        if let Value::String(ks) = key
                            && let Some(v) = self.get_fast_str(t, ks)
                        {
                            reg!(i.a()) = v;
                            continue;
                        }
                        slow!(self.get_slow(t, key, i.a(), Src::Upval(i.b()))?);
                    }
                    OpCode::GetTable => {
                        let t = reg!(i.b());
                        let key = reg!(i.c());
                        if let Value::Table(h) = t {
                            let v = match key {
                                Value::Integer(n) => self.heap.table(h).get_int(n),
                                _ => self.heap.table(h).get(key),
                            };
                            if !v.is_nil() {
                                reg!(i.a()) = v;
                                continue;
                            }
                        }
                        if matches!(key, Value::Integer(_) | Value::String(_))
                            && let Some(v) = self.get_fast(t, key)
                        {
                            reg!(i.a()) = v;
                            continue;
                        }
                        slow!(self.get_slow(t, key, i.a(), Src::Reg(i.b()))?);
                    }
                    OpCode::GetI => {
                        let t = reg!(i.b());
                        if let Value::Table(h) = t {
                            let v = self.heap.table(h).get_int(i.c() as i64);
                            if !v.is_nil() {
                                reg!(i.a()) = v;
                                continue;
                            }
                        }
                        let key = Value::Integer(i.c() as i64);
                        if let Some(v) = self.get_fast(t, key) {
                            reg!(i.a()) = v;
                            continue;
                        }
                        slow!(self.get_slow(t, key, i.a(), Src::Reg(i.b()))?);
                    }
                    OpCode::GetField => {
                        let t = reg!(i.b());
                        let key = kst!(i.c());
                        if let Value::String(ks) = key
                            && let Some(v) = self.get_fast_str(t, ks)
                        {
                            reg!(i.a()) = v;
                            continue;
                        }
                        slow!(self.get_slow(t, key, i.a(), Src::Reg(i.b()))?);
                    }
                    OpCode::SetTabUp => {
                        let uv = self.heap.lua_fns.get(cl.0).upvals[i.a() as usize];
                        let t = self.upval_get(uv);
                        let key = kst!(i.b());
                        let v = rk_c!(i);
                        if self.set_fast(t, key, v) {
                            continue;
                        }
                        slow!(self.set_slow(t, key, v, Src::Upval(i.a()))?);
                    }
                    OpCode::SetTable => {
                        let t = reg!(i.a());
                        let key = reg!(i.b());
                        let v = rk_c!(i);
                        if let (Value::Table(h), Value::Integer(n)) = (t, key) {
                            let tbl = self.heap.table_mut(h);
                            if tbl.metatable.is_none() {
                                let grown = tbl.set_int(n, v);
                                if grown > 0 {
                                    self.heap.charge(grown);
                                }
                                continue;
                            }
                        }
                        if matches!(key, Value::Integer(_) | Value::String(_))
                            && self.set_fast(t, key, v)
                        {
                            continue;
                        }
                        slow!(self.set_slow(t, key, v, Src::Reg(i.a()))?);
                    }
                    OpCode::SetI => {
                        let t = reg!(i.a());
                        let v = rk_c!(i);
                        if let Value::Table(h) = t {
                            let tbl = self.heap.table_mut(h);
                            if tbl.metatable.is_none() {
                                let grown = tbl.set_int(i.b() as i64, v);
                                if grown > 0 {
                                    self.heap.charge(grown);
                                }
                                continue;
                            }
                        }
                        let key = Value::Integer(i.b() as i64);
                        if self.set_fast(t, key, v) {
                            continue;
                        }
                        slow!(self.set_slow(t, key, v, Src::Reg(i.a()))?);
                    }
                    OpCode::SetField => {
                        let t = reg!(i.a());
                        let key = kst!(i.b());
                        let v = rk_c!(i);
                        if let (Value::Table(h), Value::String(s)) = (t, key)
                            && let Some(slot) = self.heap.table_mut(h).existing_str_mut(s)
                        {
                            *slot = v;
                            continue;
                        }
                        if self.set_fast(t, key, v) {
                            continue;
                        }
                        slow!(self.set_slow(t, key, v, Src::Reg(i.a()))?);
                    }
                    OpCode::NewTable => {
                        let mut b = i.b() as usize;
                        if b > 0 {
                            b = 1 << (b - 1);
                        }
                        let mut c = i.c() as usize;
                        if i.k() {
                            c += fetch!(pc).ax() as usize * 256;
                        }
                        pc += 1;
                        let t = self.heap.new_table(Table::with_capacity(c, b));
                        reg!(i.a()) = Value::Table(t);
                        if self.heap.needs_gc() {
                            savepc!();
                            self.gc_step()?;
                            // Finalizers may have run Lua code that counted steps.
                            steps = self.steps;
                        }
                    }
                    OpCode::Self_ => {
                        let t = reg!(i.b());
                        let key = rk_c!(i);
                        reg!(i.a() + 1) = t;
                        if let Value::String(ks) = key
                            && let Some(v) = self.get_fast_str(t, ks)
                        {
                            reg!(i.a()) = v;
                            continue;
                        }
                        slow!(self.get_slow(t, key, i.a(), Src::Reg(i.b()))?);
                    }
                    OpCode::AddI => {
                        let v = reg!(i.b());
                        match v {
                            Value::Integer(x) => {
                                reg!(i.a()) = Value::Integer(x.wrapping_add(i.sc() as i64));
                                pc += 1;
                            }
                            Value::Float(x) => {
                                reg!(i.a()) = Value::Float(float_add(x, i.sc() as f64));
                                pc += 1;
                            }
                            _ => {}
                        }
                    }
                    OpCode::AddK => {
                        arith!(i, reg!(i.b()), kst!(i.c()), i64::wrapping_add, float_add)
                    }
                    OpCode::SubK => arith!(
                        i,
                        reg!(i.b()),
                        kst!(i.c()),
                        i64::wrapping_sub,
                        |x: f64, y: f64| x - y
                    ),
                    OpCode::MulK => {
                        arith!(i, reg!(i.b()), kst!(i.c()), i64::wrapping_mul, float_mul)
                    }
                    OpCode::ModK => arith_div!(
                        i,
                        reg!(i.b()),
                        kst!(i.c()),
                        number::int_mod,
                        number::float_mod
                    ),
                    OpCode::IDivK => arith_div!(
                        i,
                        reg!(i.b()),
                        kst!(i.c()),
                        number::int_idiv,
                        number::float_idiv
                    ),
                    OpCode::PowK => arith_float!(i, reg!(i.b()), kst!(i.c()), number::float_pow),
                    OpCode::DivK => {
                        arith_float!(i, reg!(i.b()), kst!(i.c()), |x: f64, y: f64| x / y)
                    }
                    OpCode::BAndK | OpCode::BOrK | OpCode::BXorK => {
                        let a = reg!(i.b());
                        if let (Some(x), Value::Integer(y)) = (a.as_integer(), kst!(i.c())) {
                            reg!(i.a()) = Value::Integer(match op {
                                OpCode::BAndK => x & y,
                                OpCode::BOrK => x | y,
                                _ => x ^ y,
                            });
                            pc += 1;
                        }
                    }
                    OpCode::ShrI => {
                        if let Some(x) = reg!(i.b()).as_integer() {
                            reg!(i.a()) = Value::Integer(number::shift_left(x, -(i.sc() as i64)));
                            pc += 1;
                        }
                    }
                    OpCode::ShlI => {
                        if let Some(x) = reg!(i.b()).as_integer() {
                            reg!(i.a()) = Value::Integer(number::shift_left(i.sc() as i64, x));
                            pc += 1;
                        }
                    }
                    OpCode::Add => {
                        arith!(i, reg!(i.b()), reg!(i.c()), i64::wrapping_add, float_add)
                    }
                    OpCode::Sub => arith!(
                        i,
                        reg!(i.b()),
                        reg!(i.c()),
                        i64::wrapping_sub,
                        |x: f64, y: f64| x - y
                    ),
                    OpCode::Mul => {
                        arith!(i, reg!(i.b()), reg!(i.c()), i64::wrapping_mul, float_mul)
                    }
                    OpCode::Mod => arith_div!(
                        i,
                        reg!(i.b()),
                        reg!(i.c()),
                        number::int_mod,
                        number::float_mod
                    ),
                    OpCode::IDiv => arith_div!(
                        i,
                        reg!(i.b()),
                        reg!(i.c()),
                        number::int_idiv,
                        number::float_idiv
                    ),
                    OpCode::Pow => arith_float!(i, reg!(i.b()), reg!(i.c()), number::float_pow),
                    OpCode::Div => {
                        arith_float!(i, reg!(i.b()), reg!(i.c()), |x: f64, y: f64| x / y)
                    }
                    OpCode::BAnd | OpCode::BOr | OpCode::BXor | OpCode::Shl | OpCode::Shr => {
                        if let (Some(x), Some(y)) =
                            (reg!(i.b()).as_integer(), reg!(i.c()).as_integer())
                        {
                            reg!(i.a()) = Value::Integer(match op {
                                OpCode::BAnd => x & y,
                                OpCode::BOr => x | y,
                                OpCode::BXor => x ^ y,
                                OpCode::Shl => number::shift_left(x, y),
                                _ => number::shift_right(x, y),
                            });
                            pc += 1;
                        }
                    }
                    OpCode::MmBin => {
                        let a = reg!(i.a());
                        let b = reg!(i.b());
                        let event = TagMethod::from_number(i.c()).unwrap_or(TagMethod::Add);
                        slow!(self.mmbin(a, b, event, Src::Reg(i.a()), Src::Reg(i.b()))?);
                    }
                    OpCode::MmBinI => {
                        let a = reg!(i.a());
                        let imm = Value::Integer(i.sb() as i64);
                        let event = TagMethod::from_number(i.c()).unwrap_or(TagMethod::Add);
                        if i.k() {
                            slow!(self.mmbin(imm, a, event, Src::None, Src::Reg(i.a()))?);
                        } else {
                            slow!(self.mmbin(a, imm, event, Src::Reg(i.a()), Src::None)?);
                        }
                    }
                    OpCode::MmBinK => {
                        let a = reg!(i.a());
                        let imm = kst!(i.b());
                        let event = TagMethod::from_number(i.c()).unwrap_or(TagMethod::Add);
                        if i.k() {
                            slow!(self.mmbin(imm, a, event, Src::None, Src::Reg(i.a()))?);
                        } else {
                            slow!(self.mmbin(a, imm, event, Src::Reg(i.a()), Src::None)?);
                        }
                    }
                    OpCode::Unm => {
                        let v = reg!(i.b());
                        match v {
                            Value::Integer(x) => reg!(i.a()) = Value::Integer(x.wrapping_neg()),
                            Value::Float(x) => reg!(i.a()) = Value::Float(-x),
                            _ => slow!(self.mmbin(
                                v,
                                v,
                                TagMethod::Unm,
                                Src::Reg(i.b()),
                                Src::Reg(i.b())
                            )?),
                        }
                    }
                    OpCode::BNot => {
                        let v = reg!(i.b());
                        match v.as_integer() {
                            Some(x) => reg!(i.a()) = Value::Integer(!x),
                            None => slow!(self.mmbin(
                                v,
                                v,
                                TagMethod::BNot,
                                Src::Reg(i.b()),
                                Src::Reg(i.b())
                            )?),
                        }
                    }
                    OpCode::Not => {
                        reg!(i.a()) = Value::Boolean(reg!(i.b()).is_falsy());
                    }
                    OpCode::Len => {
                        let v = reg!(i.b());
                        if let Value::String(s) = v {
                            reg!(i.a()) = Value::Integer(self.str_bytes(s).len() as i64);
                            continue;
                        }
                        if let Value::Table(h) = v {
                            let t = self.heap.table(h);
                            if t.metatable.is_none() {
                                reg!(i.a()) = Value::Integer(t.length() as i64);
                                continue;
                            }
                        }
                        savepc!();
                        match self.length(v, Src::Reg(i.b()))? {
                            Lookup::Value(n) => reg!(i.a()) = n,
                            Lookup::Call(tm, obj) => {
                                slow!(self.call_mm(tm, &[obj, obj], 1, status::MM)?)
                            }
                        }
                    }
                    OpCode::Concat => {
                        let first = base + i.a() as usize;
                        let n = i.b() as usize;
                        slow!({
                            self.th.top = first + n;
                            self.concat(first, n)?;
                            if self.th.frames.len() == ci_idx + 1 {
                                self.gc_check()?;
                            }
                        });
                    }
                    OpCode::Close => {
                        let level = base + i.a() as usize;
                        slow!(self.close_in_loop(level)?);
                    }
                    OpCode::Tbc => {
                        savepc!();
                        self.new_tbc(base + i.a() as usize)?;
                    }
                    OpCode::Jmp => {
                        pc = (pc as i64 + i.sj() as i64) as usize;
                        check_fuel!();
                    }
                    OpCode::Eq => {
                        let a = reg!(i.a());
                        let b = reg!(i.b());
                        match self.equal(a, b) {
                            Compare::Done(r) => condjump!(i, r),
                            Compare::Call { tm, a, b, .. } => {
                                slow!(self.call_mm(tm, &[a, b], 1, status::MM)?)
                            }
                        }
                    }
                    OpCode::Lt => {
                        let a = reg!(i.a());
                        let b = reg!(i.b());
                        let r = match (a, b) {
                            (Value::Integer(x), Value::Integer(y)) => x < y,
                            _ => match (a.as_number(), b.as_number()) {
                                (Some(x), Some(y)) => number::num_lt(x, y),
                                _ => {
                                    savepc!();
                                    match self.less_than(a, b)? {
                                        Compare::Done(r) => r,
                                        c => slow!(self.compare_mm(c)?),
                                    }
                                }
                            },
                        };
                        condjump!(i, r);
                    }
                    OpCode::Le => {
                        let a = reg!(i.a());
                        let b = reg!(i.b());
                        let r = match (a, b) {
                            (Value::Integer(x), Value::Integer(y)) => x <= y,
                            _ => match (a.as_number(), b.as_number()) {
                                (Some(x), Some(y)) => number::num_le(x, y),
                                _ => {
                                    savepc!();
                                    match self.less_equal(a, b)? {
                                        Compare::Done(r) => r,
                                        c => slow!(self.compare_mm(c)?),
                                    }
                                }
                            },
                        };
                        condjump!(i, r);
                    }
                    OpCode::EqK => {
                        let r = reg!(i.a()).raw_eq(kst!(i.b()));
                        condjump!(i, r);
                    }
                    OpCode::EqI => {
                        let im = i.sb() as i64;
                        let r = match reg!(i.a()) {
                            Value::Integer(x) => x == im,
                            Value::Float(x) => x == im as f64,
                            _ => false,
                        };
                        condjump!(i, r);
                    }
                    OpCode::LtI | OpCode::LeI | OpCode::GtI | OpCode::GeI => {
                        let im = i.sb() as i64;
                        let a = reg!(i.a());
                        let r = match a {
                            Value::Integer(x) => match op {
                                OpCode::LtI => x < im,
                                OpCode::LeI => x <= im,
                                OpCode::GtI => x > im,
                                _ => x >= im,
                            },
                            Value::Float(x) => {
                                let f = im as f64;
                                match op {
                                    OpCode::LtI => x < f,
                                    OpCode::LeI => x <= f,
                                    OpCode::GtI => x > f,
                                    _ => x >= f,
                                }
                            }
                            _ => {
                                let imm = if i.c() != 0 {
                                    Value::Float(im as f64)
                                } else {
                                    Value::Integer(im)
                                };
                                savepc!();
                                let c = match op {
                                    OpCode::LtI => self.less_than(a, imm)?,
                                    OpCode::LeI => self.less_equal(a, imm)?,
                                    OpCode::GtI => self.less_than(imm, a)?,
                                    _ => self.less_equal(imm, a)?,
                                };
                                match c {
                                    Compare::Done(r) => r,
                                    c => slow!(self.compare_mm(c)?),
                                }
                            }
                        };
                        condjump!(i, r);
                    }
                    OpCode::Test => {
                        let r = reg!(i.a()).truthy();
                        condjump!(i, r);
                    }
                    OpCode::TestSet => {
                        let v = reg!(i.b());
                        if v.is_falsy() == i.k() {
                            pc += 1;
                        } else {
                            reg!(i.a()) = v;
                            donextjump!();
                        }
                    }
                    OpCode::Call => {
                        let func = base + i.a() as usize;
                        let b = i.b() as usize;
                        if b != 0 {
                            self.th.top = func + b;
                        }
                        let nresults = i.c() as i32 - 1;
                        check_fuel!();
                        savepc!();
                        // The common case inline: a Lua function with room on the stack.
                        if let Value::LuaFn(f) = self.th.stack[func] {
                            let ptr: *const LProto = Rc::as_ptr(self.heap.lua_fns.get(f.0).proto());
                            // SAFETY: as in `load_frame!`: the closure sits in the callee's
                            // function slot for as long as its frame runs.
                            let p: &LProto = unsafe { &*ptr };
                            let newbase = func + 1;
                            let nargs = self.th.top - newbase;
                            let fsize = p.maxstacksize;
                            if self.th.frames.len() < self.limits.depth
                                && newbase + fsize + nargs + EXTRA_STACK <= self.th.stack.len()
                            {
                                let np = p.numparams;
                                if nargs < np {
                                    for slot in &mut self.th.stack[newbase + nargs..newbase + np] {
                                        *slot = Value::Nil;
                                    }
                                    self.th.top = newbase + np;
                                }
                                self.th.frames.push(CallInfo {
                                    func,
                                    base: newbase,
                                    top: newbase + fsize,
                                    pc: 0,
                                    nresults,
                                    status: status::LUA,
                                    nextraargs: 0,
                                    extra: 0,
                                    cl: f,
                                    proto: ptr,
                                });
                                ci_idx += 1;
                                cl = f;
                                proto = p;
                                code = &proto.code;
                                k = &proto.k;
                                base = newbase;
                                pc = 0;
                                continue;
                            }
                        }
                        match self.precall(func, nresults, 0)? {
                            Precall::Lua => continue 'frame,
                            Precall::Done { fresh_returned } => {
                                debug_assert!(!fresh_returned);
                                if self.th.frames.len() != ci_idx + 1 {
                                    continue 'frame;
                                }
                                // A native may have run Lua code that counted steps.
                                steps = self.steps;
                            }
                        }
                    }
                    OpCode::TailCall => {
                        check_fuel!();
                        savepc!();
                        let func = base + i.a() as usize;
                        let mut b = i.b() as usize;
                        if b != 0 {
                            self.th.top = func + b;
                        } else {
                            b = self.th.top - func;
                        }
                        if i.k() {
                            self.close_upvals(base);
                        }
                        self.tailcall(ci_idx, func, b, i.c() as usize)?;
                        continue 'frame;
                    }
                    OpCode::Return => {
                        let ra = base + i.a() as usize;
                        let mut n = i.b() as usize;
                        if n == 0 {
                            n = self.th.top - ra;
                        } else {
                            n -= 1;
                        }
                        savepc!();
                        if i.k() {
                            self.th.frames[ci_idx].extra = n;
                            let ci_top = self.th.frames[ci_idx].top;
                            if self.th.top < ci_top {
                                self.th.top = ci_top;
                            }
                            self.close_upvals(base);
                            if self.close_tbc_in_loop(base)? {
                                continue 'frame;
                            }
                        }
                        let nparams1 = i.c() as usize;
                        if nparams1 != 0 {
                            let f = &mut self.th.frames[ci_idx];
                            f.func -= f.nextraargs as usize + nparams1;
                        }
                        self.th.top = ra + n;
                        if self.post_call(ra, n)? {
                            return Ok(());
                        }
                        continue 'frame;
                    }
                    OpCode::Return0 | OpCode::Return1 => {
                        let ci = &self.th.frames[ci_idx];
                        if ci.status & !(status::LUA | status::TAIL) == 0 {
                            // A plain return to the Lua caller: the whole `poscall` inline.
                            let res = ci.func;
                            let wanted = ci.nresults;
                            let v = if op == OpCode::Return1 {
                                reg!(i.a())
                            } else {
                                Value::Nil
                            };
                            match wanted {
                                0 => self.th.top = res,
                                1 => {
                                    self.th.stack[res] = v;
                                    self.th.top = res + 1;
                                }
                                _ => {
                                    let n = if wanted < 0 {
                                        (op == OpCode::Return1) as usize
                                    } else {
                                        wanted as usize
                                    };
                                    self.th.stack[res] = v;
                                    for slot in &mut self.th.stack[res + 1..res + n.max(1)] {
                                        *slot = Value::Nil;
                                    }
                                    self.th.top = res + n;
                                }
                            }
                            self.th.frames.pop();
                            ci_idx -= 1;
                            load_frame!();
                            continue;
                        }
                        let n = (op == OpCode::Return1) as usize;
                        let ra = base + i.a() as usize;
                        self.th.top = ra + n;
                        savepc!();
                        if self.post_call(ra, n)? {
                            return Ok(());
                        }
                        continue 'frame;
                    }
                    OpCode::ForLoop => {
                        let a = i.a();
                        if let (Value::Integer(step), Value::Integer(count), Value::Integer(idx)) =
                            (reg!(a + 2), reg!(a + 1), reg!(a))
                        {
                            // The counter is unsigned (FORPREP computed it).
                            if count != 0 {
                                let idx = idx.wrapping_add(step);
                                reg!(a + 1) = Value::Integer((count as u64 - 1) as i64);
                                reg!(a) = Value::Integer(idx);
                                reg!(a + 3) = Value::Integer(idx);
                                pc -= i.bx() as usize;
                                check_fuel!();
                            }
                        } else if let (Value::Float(idx), Value::Float(limit), Value::Float(step)) =
                            (reg!(a), reg!(a + 1), reg!(a + 2))
                            && let Some(next) = forloop::float_for_next(idx, limit, step)
                        {
                            reg!(a) = Value::Float(next);
                            reg!(a + 3) = Value::Float(next);
                            pc -= i.bx() as usize;
                            check_fuel!();
                        }
                    }
                    OpCode::ForPrep => {
                        let a = i.a();
                        if let (Value::Integer(init), Value::Integer(limit), Value::Integer(step)) =
                            (reg!(a), reg!(a + 1), reg!(a + 2))
                            && step != 0
                        {
                            // An integer loop with an integer limit: `forprep` inline.
                            let skip = if step > 0 { init > limit } else { init < limit };
                            if skip {
                                pc += i.bx() as usize + 1;
                            } else {
                                let count = if step > 0 {
                                    (limit as u64).wrapping_sub(init as u64) / step as u64
                                } else {
                                    (init as u64).wrapping_sub(limit as u64)
                                        / ((-(step + 1)) as u64 + 1)
                                };
                                reg!(a + 1) = Value::Integer(count as i64);
                                reg!(a + 3) = Value::Integer(init);
                            }
                            continue;
                        }
                        let ra = base + a as usize;
                        savepc!();
                        if self.forprep(ra)? {
                            pc += i.bx() as usize + 1;
                        }
                    }
                    OpCode::TForPrep => {
                        let ra = base + i.a() as usize;
                        savepc!();
                        self.new_tbc(ra + 3)?;
                        pc += i.bx() as usize;
                    }
                    OpCode::TForCall => {
                        // `ipairs` and `pairs` over plain tables without a call: the
                        // results of ipairs_aux and next land where the call would put
                        // them (nothing else about the call is observable).
                        let a = i.a();
                        let c = i.c();
                        if let (Value::Native(def), Value::Table(h)) = (reg!(a), reg!(a + 1)) {
                            let tbl = self.heap.table(h);
                            let pair = if std::ptr::eq(def, &crate::stdlib::base::IPAIRS_AUX) {
                                match reg!(a + 2) {
                                    Value::Integer(ctl) if tbl.metatable.is_none() => {
                                        let n = ctl.wrapping_add(1);
                                        let v = tbl.get_int(n);
                                        Some(if v.is_nil() {
                                            None
                                        } else {
                                            Some((Value::Integer(n), v))
                                        })
                                    }
                                    _ => None,
                                }
                            } else if std::ptr::eq(def, &crate::stdlib::base::NEXT) {
                                tbl.next(reg!(a + 2)).ok()
                            } else {
                                None
                            };
                            if let Some(pair) = pair {
                                let (k1, v1) = pair.unwrap_or((Value::Nil, Value::Nil));
                                reg!(a + 4) = k1;
                                if c >= 2 {
                                    reg!(a + 5) = v1;
                                    for r in 2..c {
                                        reg!(a + 4 + r) = Value::Nil;
                                    }
                                }
                                continue;
                            }
                        }
                        let ra = base + a as usize;
                        self.th.stack.copy_within(ra..ra + 3, ra + 4);
                        self.th.top = ra + 7;
                        savepc!();
                        match self.precall(ra + 4, i.c() as i32, 0)? {
                            Precall::Lua => continue 'frame,
                            Precall::Done { .. } => {
                                if self.th.frames.len() != ci_idx + 1 {
                                    continue 'frame;
                                }
                                steps = self.steps;
                            }
                        }
                    }
                    OpCode::TForLoop => {
                        let ra = base + i.a() as usize;
                        let v = self.th.stack[ra + 4];
                        if !v.is_nil() {
                            self.th.stack[ra + 2] = v;
                            pc -= i.bx() as usize;
                            check_fuel!();
                        }
                    }
                    OpCode::SetList => {
                        let ra = base + i.a() as usize;
                        let mut n = i.b() as usize;
                        let mut last = i.c() as usize;
                        if n == 0 {
                            n = self.th.top - ra - 1;
                        } else {
                            self.th.top = self.th.frames[ci_idx].top;
                        }
                        if i.k() {
                            last += fetch!(pc).ax() as usize * 256;
                            pc += 1;
                        }
                        if let Value::Table(h) = self.th.stack[ra] {
                            let grown = {
                                let (stack, heap) = (&self.th.stack, &mut self.heap);
                                heap.tables
                                    .get_mut(h.0)
                                    .set_list(last + 1, &stack[ra + 1..ra + 1 + n])
                            };
                            if grown > 0 {
                                self.heap.charge(grown);
                            }
                        }
                    }
                    OpCode::Closure => {
                        let p = proto.protos[i.bx() as usize].clone();
                        let ra = base + i.a() as usize;
                        let ncl = self.push_closure(p, cl, base);
                        self.th.stack[ra] = Value::LuaFn(ncl);
                        if self.heap.needs_gc() {
                            savepc!();
                            self.gc_step()?;
                            // Finalizers may have run Lua code that counted steps.
                            steps = self.steps;
                        }
                    }
                    OpCode::VarArg => {
                        let ra = base + i.a() as usize;
                        let wanted = i.c() as i32 - 1;
                        savepc!();
                        self.get_varargs(ci_idx, ra, wanted)?;
                    }
                    OpCode::VarArgPrep => {
                        savepc!();
                        self.adjust_varargs(ci_idx, i.a() as usize)?;
                        base = self.th.frames[ci_idx].base;
                    }
                    OpCode::ExtraArg => {
                        unreachable!("EXTRAARG is never executed");
                    }
                }
            }
        }
    }

    /// The slow path of a table read in the loop: follows `__index` and stores the
    /// result in register `a` (or calls the metamethod, which stores it when it returns).
    fn get_slow(&mut self, t: Value, key: Value, a: u8, src: Src) -> Result<(), Throw> {
        match self.index_chain(t, key, src)? {
            Lookup::Value(v) => {
                let base = self.th.frames.last().map_or(0, |c| c.base);
                self.th.stack[base + a as usize] = v;
                Ok(())
            }
            Lookup::Call(tm, obj) => self.call_mm(tm, &[obj, key], 1, status::MM),
        }
    }

    /// The slow path of a table write in the loop.
    fn set_slow(&mut self, t: Value, key: Value, v: Value, src: Src) -> Result<(), Throw> {
        match self.newindex_chain(t, key, v, src)? {
            Assign::Done => Ok(()),
            Assign::Call(tm, obj) => self.call_mm(tm, &[obj, key, v], 0, status::MM),
        }
    }

    /// An MM instruction (or a unary operator's fallback): calls the metamethod of
    /// `event` over the operands; its result goes where the arithmetic would have.
    fn mmbin(
        &mut self,
        a: Value,
        b: Value,
        event: TagMethod,
        sa: Src,
        sb: Src,
    ) -> Result<(), Throw> {
        let tm = self.arith_tm(a, b, event, sa, sb)?;
        self.call_mm(tm, &[a, b], 1, status::MM)
    }

    /// Calls an order or equality metamethod for the current comparison instruction.
    fn compare_mm(&mut self, c: Compare) -> Result<(), Throw> {
        match c {
            Compare::Done(_) => Ok(()),
            Compare::Call { tm, a, b, negate } => {
                let st = status::MM | if negate { status::MM_NEGATE } else { 0 };
                self.call_mm(tm, &[a, b], 1, st)
            }
        }
    }

    /// `forprep`: prepares R[A..A+3]; returns whether to skip the loop.
    fn forprep(&mut self, ra: usize) -> Result<bool, Throw> {
        let init = self.th.stack[ra];
        let limit = self.th.stack[ra + 1];
        let step = self.th.stack[ra + 2];
        let prep = forloop::for_prep(
            for_value(self, init),
            for_value(self, limit),
            for_value(self, step),
        );
        match prep {
            Ok(ForPrep::Skip) => Ok(true),
            Ok(ForPrep::Integer { init, step, count }) => {
                let s = &mut self.th.stack;
                s[ra] = Value::Integer(init);
                s[ra + 1] = Value::Integer(count as i64);
                s[ra + 2] = Value::Integer(step);
                s[ra + 3] = Value::Integer(init);
                Ok(false)
            }
            Ok(ForPrep::Float { init, limit, step }) => {
                let s = &mut self.th.stack;
                s[ra] = Value::Float(init);
                s[ra + 1] = Value::Float(limit);
                s[ra + 2] = Value::Float(step);
                s[ra + 3] = Value::Float(init);
                Ok(false)
            }
            Err(e) => {
                let v = match e {
                    ForError::NotANumber(ForPart::InitialValue) => init,
                    ForError::NotANumber(ForPart::Limit) => limit,
                    ForError::NotANumber(ForPart::Step) => step,
                    ForError::StepIsZero => step,
                };
                let tname = String::from_utf8_lossy(&self.type_name_for_error(v)).into_owned();
                Err(self.rt_error(e.message(&tname)))
            }
        }
    }

    /// A tail call from the frame at `ci_idx` of the function at `func` with `narg1`
    /// values (function and arguments). Returns whether a FRESH frame returned.
    fn tailcall(
        &mut self,
        ci_idx: usize,
        func: usize,
        narg1: usize,
        nparams1: usize,
    ) -> Result<(), Throw> {
        let ci = self.th.frames[ci_idx];
        let delta = if nparams1 != 0 {
            ci.nextraargs as usize + nparams1
        } else {
            0
        };
        let mut narg1 = narg1;
        loop {
            match self.th.stack[func] {
                Value::LuaFn(f) => {
                    let proto = self.heap.lua_fns.get(f.0).proto().clone();
                    let fsize = proto.maxstacksize;
                    let np = proto.numparams;
                    let newfunc = ci.func - delta;
                    self.ensure_stack(newfunc + 1 + fsize + narg1 + EXTRA_STACK)?;
                    self.th.stack.copy_within(func..func + narg1, newfunc);
                    while narg1 <= np {
                        self.th.stack[newfunc + narg1] = Value::Nil;
                        narg1 += 1;
                    }
                    let c = &mut self.th.frames[ci_idx];
                    c.func = newfunc;
                    c.base = newfunc + 1;
                    c.top = newfunc + 1 + fsize;
                    c.pc = 0;
                    c.nextraargs = 0;
                    c.status |= status::TAIL;
                    c.cl = f;
                    c.proto = Rc::as_ptr(&proto);
                    self.th.top = newfunc + narg1;
                    return Ok(());
                }
                Value::Native(_) | Value::NativeClosure(_) => {
                    // A native is called like CALL with all results: the RETURN that
                    // always follows a TAILCALL returns them (also when the native
                    // pushed a frame, as pcall does, or yielded).
                    self.th.top = func + narg1;
                    self.precall(func, -1, 0)?;
                    return Ok(());
                }
                other => {
                    let tm = self.metamethod(other, TagMethod::Call);
                    if tm.is_nil() {
                        return Err(self.call_error(func, other));
                    }
                    self.ensure_stack(func + narg1 + 1 + EXTRA_STACK)?;
                    self.th.stack.copy_within(func..func + narg1, func + 1);
                    self.th.stack[func] = tm;
                    narg1 += 1;
                }
            }
        }
    }

    /// Creates a closure of `p` in the frame whose function is `enclosing` (`pushclosure`).
    fn push_closure(&mut self, p: Rc<LProto>, enclosing: LuaFnRef, base: usize) -> LuaFnRef {
        let n = p.info.upvalues.len();
        let mut upvals = Vec::with_capacity(n);
        for d in p.info.upvalues.iter() {
            if d.in_stack {
                upvals.push(self.find_upval(base + d.index as usize));
            } else {
                upvals.push(self.heap.lua_fns.get(enclosing.0).upvals[d.index as usize]);
            }
        }
        self.heap.new_lua_fn(LuaFn {
            proto: Some(p),
            upvals: upvals.into_boxed_slice(),
        })
    }

    /// VARARGPREP (`luaT_adjustvarargs`): moves the function and its fixed parameters
    /// above the extra arguments.
    fn adjust_varargs(&mut self, ci_idx: usize, nfixparams: usize) -> Result<(), Throw> {
        let ci = self.th.frames[ci_idx];
        let actual = self.th.top - ci.func - 1;
        let nextra = actual - nfixparams;
        let fsize = ci.top - ci.base;
        self.ensure_stack(self.th.top + fsize + 1 + EXTRA_STACK)?;
        let top = self.th.top;
        let s = &mut self.th.stack;
        s[top] = s[ci.func];
        for i in 1..=nfixparams {
            s[top + i] = s[ci.func + i];
            s[ci.func + i] = Value::Nil;
        }
        let c = &mut self.th.frames[ci_idx];
        c.func += actual + 1;
        c.base = c.func + 1;
        c.top += actual + 1;
        c.nextraargs = nextra as u32;
        self.th.top = top + 1 + nfixparams;
        Ok(())
    }

    /// VARARG (`luaT_getvarargs`).
    fn get_varargs(&mut self, ci_idx: usize, ra: usize, wanted: i32) -> Result<(), Throw> {
        let ci = self.th.frames[ci_idx];
        let nextra = ci.nextraargs as usize;
        let wanted = if wanted < 0 {
            self.ensure_stack(ra + nextra + EXTRA_STACK)?;
            self.th.top = ra + nextra;
            nextra
        } else {
            wanted as usize
        };
        let from = ci.func - nextra;
        let ncopy = wanted.min(nextra);
        self.th.stack.copy_within(from..from + ncopy, ra);
        for slot in &mut self.th.stack[ra + ncopy..ra + wanted] {
            *slot = Value::Nil;
        }
        Ok(())
    }

    /// TBC (`luaF_newtbcupval`): marks a variable to be closed; false and nil need no
    /// closing, other values must have `__close`.
    pub(crate) fn new_tbc(&mut self, slot: usize) -> Result<(), Throw> {
        let v = self.th.stack[slot];
        if v.is_falsy() {
            return Ok(());
        }
        if self.metamethod(v, TagMethod::Close).is_nil() {
            let ci = *self.th.frames.last().expect("a frame");
            let idx = slot - ci.base + 1;
            let name = self
                .frame_proto(&ci)
                .and_then(|p| {
                    p.info
                        .local_name(idx, ci.pc.saturating_sub(1))
                        .map(str::to_string)
                })
                .unwrap_or_else(|| "?".to_string());
            return Err(self.rt_error(format!("variable '{name}' got a non-closable value")));
        }
        self.th.tbc.push(slot);
        Ok(())
    }

    /// CLOSE: closes upvalues and calls the next pending `__close` (as a frame that makes
    /// the instruction run again when it returns).
    fn close_in_loop(&mut self, level: usize) -> Result<(), Throw> {
        self.close_upvals(level);
        self.close_tbc_in_loop(level)?;
        Ok(())
    }

    /// Calls the `__close` of the innermost to-be-closed variable at or above `level`,
    /// if any, as a CLOSE frame; returns whether it did (the instruction then runs again).
    fn close_tbc_in_loop(&mut self, level: usize) -> Result<bool, Throw> {
        let Some(&slot) = self.th.tbc.last() else {
            return Ok(false);
        };
        if slot < level {
            return Ok(false);
        }
        self.th.tbc.pop();
        let obj = self.th.stack[slot];
        let tm = self.metamethod(obj, TagMethod::Close);
        // The instruction runs again after the handler returns (see `post_call`).
        self.call_mm(tm, &[obj, Value::Nil], 0, status::CLOSE)?;
        Ok(true)
    }
}
