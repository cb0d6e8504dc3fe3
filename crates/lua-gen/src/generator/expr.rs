//! Typed expressions: `expr(ty)` returns an expression that evaluates, without raising,
//! to exactly one value of type `ty`.
//!
//! Operands are biased toward what compilers special-case: a literal on one side of an
//! arithmetic or comparison operator (immediate and constant operands, both sides),
//! small and boundary immediates, int/float mixes, and nested calls.

use lua_syntax::ast::{BinOp, Expr, ExprKind, UnOp};

use super::Gen;
use crate::build::*;
use crate::config::Feature;
use crate::types::{Event, Shape, Ty};

impl Gen<'_, '_> {
    /// A single value of type `ty`.
    pub(crate) fn expr(&mut self, ty: Ty) -> Expr {
        // Deeper levels are more and more likely to be leaves, so expressions stay short
        // (a few operators) while any shape remains possible.
        if self.depth >= self.cfg.max_expr_depth
            || self.c.is_empty()
            || self.c.chance(10 + 25 * self.depth)
        {
            return self.leaf(ty);
        }
        self.depth += 1;
        let e = match ty {
            Ty::Nil => nil(),
            Ty::Bool => self.bool_expr(),
            Ty::Int => self.int_expr(),
            Ty::Float => self.float_expr(),
            Ty::Num => self.num_expr(),
            Ty::Fuzzy => self.fuzzy_expr(),
            Ty::Str => self.str_expr(),
            Ty::NumStr => self.leaf(ty),
            Ty::Tab(_) => self.table_expr(ty),
            Ty::Func(_) => self.func_expr(ty),
            Ty::Obj(_) => self.obj_expr(ty),
            Ty::Thread => self.thread_expr(),
            Ty::Any => {
                let t = self.any_ty();
                self.expr(t)
            }
        };
        self.depth -= 1;
        e
    }

    /// A variable or a literal of type `ty`: no operations, nothing that can raise.
    pub(crate) fn leaf(&mut self, ty: Ty) -> Expr {
        if self.c.chance(75)
            && let Some(i) = self.var_of(ty)
        {
            return self.var_expr(i);
        }
        match ty {
            Ty::Nil => nil(),
            Ty::Bool => boolean(self.c.chance(50)),
            Ty::Int => self.int_lit(),
            Ty::Float => self.float_lit(),
            Ty::Num => {
                if self.has(Feature::Floats) && self.c.chance(40) {
                    self.float_lit()
                } else {
                    self.int_lit()
                }
            }
            Ty::Fuzzy => lcall("math", "sin", vec![self.int_lit()]),
            Ty::Str => self.str_lit(),
            Ty::NumStr => self.numstr_lit(),
            Ty::Tab(_) => self.table_constructor(ty),
            Ty::Func(_) => self.func_literal(ty),
            Ty::Obj(_) => self.obj_constructor(ty),
            Ty::Thread => self.thread_expr(),
            Ty::Any => {
                let t = self.scalar_ty();
                self.leaf(t)
            }
        }
    }

    /// A random scalar type, among the enabled features.
    pub(crate) fn scalar_ty(&mut self) -> Ty {
        let floats = self.has(Feature::Floats);
        let strings = self.has(Feature::Strings);
        let w = [
            40,
            if floats { 20 } else { 0 },
            if floats { 6 } else { 0 },
            12,
            if strings { 20 } else { 0 },
            if strings { 3 } else { 0 },
            2,
        ];
        [
            Ty::Int,
            Ty::Float,
            Ty::Num,
            Ty::Bool,
            Ty::Str,
            Ty::NumStr,
            Ty::Nil,
        ][self.c.weighted(&w)]
    }

    /// Any type, including the table, function and object types of variables in scope.
    pub(crate) fn any_ty(&mut self) -> Ty {
        if self.c.chance(25)
            && let Some(i) = self.pick_var(|v, _| !matches!(v.ty, Ty::Any))
        {
            return self.vars[i].ty;
        }
        if self.has(Feature::MathLibrary) && self.c.chance(3) {
            return Ty::Fuzzy;
        }
        self.scalar_ty()
    }

    /// A printable type: scalars and objects with `__tostring`.
    pub(crate) fn printable_ty(&mut self) -> Ty {
        if self.c.chance(20)
            && let Some(i) = self.pick_var(|v, t| crate::determinism::is_printable(v.ty, t))
        {
            return self.vars[i].ty;
        }
        self.scalar_ty()
    }

    /// An expression of a type that `..` accepts without metamethods.
    pub(crate) fn concatenable(&mut self) -> Expr {
        let ty = match self.c.weighted(&[50, 25, 12, 8, 5]) {
            0 if self.has(Feature::Strings) => Ty::Str,
            1 => Ty::Int,
            2 if self.has(Feature::Floats) => Ty::Float,
            3 if self.has(Feature::Floats) => Ty::Num,
            4 if self.has(Feature::Strings) => Ty::NumStr,
            _ => Ty::Int,
        };
        self.expr(ty)
    }

    // ---- Producers shared by every type --------------------------------------------

    /// Reads and calls that produce a value of type `ty` from what is in scope: a field of
    /// a record, an object field or method, a function call. `None` when nothing fits.
    fn scope_value(&mut self, ty: Ty) -> Option<Expr> {
        match self.c.weighted(&[30, 25, 15, 15, 15]) {
            0 => self.var_of(ty).map(|i| self.var_expr(i)),
            1 => self.call_returning(ty),
            2 => self.record_read(ty),
            3 => self.seq_or_map_read(ty),
            _ => self.object_read(ty),
        }
    }

    /// A call of a function in scope whose first result has type `ty`.
    fn call_returning(&mut self, ty: Ty) -> Option<Expr> {
        let room = self.room();
        let i = self.pick_var(|v, t| {
            t.sig_of(v.ty)
                .is_some_and(|s| s.rets.first().is_some_and(|r| r.fits(ty)))
        })?;
        let fty = self.vars[i].ty;
        let cost = self.call_cost(fty);
        if cost > room {
            return None;
        }
        self.spend(cost);
        let fname = self.vars[i].name.clone();
        let args = self.args_for(fty);
        let call = call(name(&fname), args);
        let nrets = self.types.sig_of(fty).map_or(1, |s| s.rets.len());
        Some(if nrets == 1 { call } else { paren(call) })
    }

    /// `t.f` for a record `t` with a field `f` of type `ty`.
    fn record_read(&mut self, ty: Ty) -> Option<Expr> {
        let i = self.pick_var(|v, t| match t.shape(v.ty) {
            Some(Shape::Rec { fields }) => fields.iter().any(|(_, ft)| ft.fits(ty)),
            _ => false,
        })?;
        let Some(Shape::Rec { fields }) = self.types.shape(self.vars[i].ty) else {
            return None;
        };
        let candidates: Vec<String> = fields
            .iter()
            .filter(|(_, ft)| ft.fits(ty))
            .map(|(n, _)| n.clone())
            .collect();
        let f = self.c.choose(&candidates).clone();
        Some(field(self.var_expr(i), &f))
    }

    /// `(s[i] or d)` for a sequence of `ty`, `(m[k] or d)` for a map to `ty`: the read may
    /// find nothing, so a default of the same type follows.
    fn seq_or_map_read(&mut self, ty: Ty) -> Option<Expr> {
        if !ty.is_truthy() {
            return None;
        }
        let i = self.pick_var(|v, t| match t.shape(v.ty) {
            Some(Shape::Seq { elem }) => elem.fits(ty),
            Some(Shape::Map { val, .. }) => val.fits(ty),
            _ => false,
        })?;
        let tname = self.vars[i].name.clone();
        let key = match self.types.shape(self.vars[i].ty) {
            Some(Shape::Seq { .. }) => self.seq_index(&tname),
            Some(Shape::Map { key, .. }) => {
                let k = *key;
                self.expr(k)
            }
            _ => return None,
        };
        let default = self.leaf(ty);
        Some(bin(BinOp::Or, index(name(&tname), key), default))
    }

    /// An expression that gives a value of type `ty` or nil: a sequence or map read, or a
    /// library call that may fail. `None` when nothing fits.
    pub(crate) fn maybe_value(&mut self, ty: Ty) -> Option<Expr> {
        let i = self.pick_var(|v, t| match t.shape(v.ty) {
            Some(Shape::Seq { elem }) => *elem == ty,
            Some(Shape::Map { val, .. }) => *val == ty,
            _ => false,
        });
        if let Some(i) = i
            && self.c.chance(70)
        {
            let tname = self.vars[i].name.clone();
            let key = match self.types.shape(self.vars[i].ty) {
                Some(Shape::Map { key, .. }) => {
                    let k = *key;
                    self.leaf(k)
                }
                _ => self.seq_index(&tname),
            };
            return Some(index(name(&tname), key));
        }
        match ty {
            Ty::Int if self.has(Feature::MathLibrary) => {
                let t = self.num_ty();
                let x = self.leaf(t);
                Some(lcall("math", "tointeger", vec![x]))
            }
            Ty::Int if self.has(Feature::Strings) => {
                let s = self.leaf(Ty::Str);
                let p = self.str_lit();
                Some(paren(lcall(
                    "string",
                    "find",
                    vec![s, p, int(1), boolean(true)],
                )))
            }
            Ty::Str if self.has(Feature::StringLibrary) => {
                let s = self.leaf(Ty::Str);
                let (p, _) = self.pattern(false);
                Some(paren(lcall("string", "match", vec![s, string(&p)])))
            }
            _ => None,
        }
    }

    /// An index into sequence `t`: mostly in range (`1`, `#t`), sometimes not.
    pub(crate) fn seq_index(&mut self, t: &str) -> Expr {
        match self.c.pick(6) {
            0 => int(1),
            1 => un(UnOp::Len, name(t)),
            2 => int(self.c.range(2, 4)),
            3 => float(self.c.range(1, 3) as f64),
            4 => int(self.c.range(-1, 0)),
            _ => self.leaf(Ty::Int),
        }
    }

    // ---- Booleans ------------------------------------------------------------------

    fn bool_expr(&mut self) -> Expr {
        let floats = self.has(Feature::Floats);
        let w = [10, 30, 12, 10, 8, 8, 8, 8, 6];
        match self.c.weighted(&w) {
            0 => boolean(self.c.chance(50)),
            1 => self.numeric_comparison(),
            2 => {
                // Equality between values of one type, or of two types (always false,
                // never an error: `1 == "1"` is false).
                let t = self.any_ty();
                let other = if self.c.chance(20) {
                    self.scalar_ty()
                } else {
                    t
                };
                let (a, b) = (self.expr(t), self.expr(other));
                bin(
                    if self.c.chance(50) {
                        BinOp::Eq
                    } else {
                        BinOp::Ne
                    },
                    a,
                    b,
                )
            }
            3 => {
                let t = self.any_ty();
                not(self.expr(t))
            }
            4 => {
                let op = if self.c.chance(50) {
                    BinOp::And
                } else {
                    BinOp::Or
                };
                let (a, b) = (self.expr(Ty::Bool), self.expr(Ty::Bool));
                bin(op, a, b)
            }
            5 if self.has(Feature::Strings) => {
                let op = *self.c.choose(&[BinOp::Lt, BinOp::Le, BinOp::Gt, BinOp::Ge]);
                let (a, b) = (self.expr(Ty::Str), self.expr(Ty::Str));
                bin(op, a, b)
            }
            6 => self.object_comparison().unwrap_or_else(|| boolean(true)),
            7 => self.bool_library(),
            8 if floats => {
                // NaN is the only value not equal to itself.
                match self.var_of(Ty::Float) {
                    Some(i) => {
                        let n = self.vars[i].name.clone();
                        bin(BinOp::Ne, name(&n), name(&n))
                    }
                    None => self.numeric_comparison(),
                }
            }
            _ => self.scope_value(Ty::Bool).unwrap_or_else(|| boolean(false)),
        }
    }

    /// A comparison of numbers, often with a literal on either side (EQI/EQK/LTI/GTI...),
    /// mixing integers and floats.
    pub(crate) fn numeric_comparison(&mut self) -> Expr {
        // Equality twice as often: EQ, EQK and EQI each have int/float cases of their own.
        let op = *self.c.choose(&[
            BinOp::Eq,
            BinOp::Ne,
            BinOp::Eq,
            BinOp::Ne,
            BinOp::Lt,
            BinOp::Le,
            BinOp::Gt,
            BinOp::Ge,
        ]);
        let lt = self.num_ty();
        let a = self.expr(lt);
        let b = match self.c.pick(3) {
            0 => self.int_lit(),
            1 if self.has(Feature::Floats) => self.float_lit(),
            _ => {
                let t = self.num_ty();
                self.expr(t)
            }
        };
        if self.c.chance(35) {
            bin(op, b, a)
        } else {
            bin(op, a, b)
        }
    }

    /// Int, Float or Num.
    pub(crate) fn num_ty(&mut self) -> Ty {
        if !self.has(Feature::Floats) {
            return Ty::Int;
        }
        [Ty::Int, Ty::Float, Ty::Num][self.c.weighted(&[50, 35, 15])]
    }

    fn bool_library(&mut self) -> Expr {
        match self.c.pick(8) {
            0 => {
                let t = self.any_ty();
                let (a, b) = (self.expr(t), self.expr(t));
                gcall("rawequal", vec![a, b])
            }
            1 if self.has(Feature::MathLibrary) => {
                let (a, b) = (self.expr(Ty::Int), self.expr(Ty::Int));
                lcall("math", "ult", vec![a, b])
            }
            2 if self.has(Feature::Coroutines) => lcall("coroutine", "isyieldable", vec![]),
            3 if self.has(Feature::Strings) => {
                let s = self.expr(Ty::Str);
                let p = self.str_lit();
                bin(
                    BinOp::Ne,
                    lcall("string", "find", vec![s, p, int(1), boolean(true)]),
                    nil(),
                )
            }
            4 => {
                // Whether a table is empty does not depend on traversal order.
                match self.pick_var(|v, t| t.shape(v.ty).is_some()) {
                    Some(i) => {
                        let n = self.vars[i].name.clone();
                        bin(BinOp::Eq, gcall("next", vec![name(&n)]), nil())
                    }
                    None => boolean(true),
                }
            }
            5 => {
                let t = self.any_ty();
                let e = self.expr(t);
                let tn = self
                    .c
                    .pick_str(&["number", "string", "table", "nil", "boolean", "function"]);
                bin(BinOp::Eq, gcall("type", vec![e]), string(tn))
            }
            6 if self.has(Feature::MathLibrary) => {
                let t = self.num_ty();
                let e = self.expr(t);
                bin(BinOp::Eq, lcall("math", "type", vec![e]), string("integer"))
            }
            _ => self.scope_value(Ty::Bool).unwrap_or_else(|| boolean(true)),
        }
    }

    // ---- Integers ------------------------------------------------------------------

    fn int_expr(&mut self) -> Expr {
        let w = [15, 12, 26, 10, 10, 5, 5, 8, 5, 4];
        match self.c.weighted(&w) {
            0 => self.int_lit(),
            1 => self
                .scope_value(Ty::Int)
                .unwrap_or_else(|| self.leaf(Ty::Int)),
            2 => {
                let op = *self.c.choose(&[BinOp::Add, BinOp::Sub, BinOp::Mul]);
                self.arith_with_literal(op, Ty::Int, Ty::Int)
            }
            3 => {
                let op = if self.c.chance(50) {
                    BinOp::IDiv
                } else {
                    BinOp::Mod
                };
                let a = self.expr(Ty::Int);
                let d = self.nonzero_int();
                bin(op, a, d)
            }
            4 => {
                let op =
                    *self
                        .c
                        .choose(&[BinOp::BAnd, BinOp::BOr, BinOp::BXor, BinOp::Shl, BinOp::Shr]);
                let a = self.bitwise_operand();
                let b = if matches!(op, BinOp::Shl | BinOp::Shr) && self.c.chance(60) {
                    int(*self.c.choose(&[1, 2, 3, 4, 8, 31, 32, 63, 64, 65, -1, -3]))
                } else {
                    self.bitwise_operand()
                };
                bin(op, a, b)
            }
            5 => {
                let op = if self.c.chance(50) {
                    UnOp::Neg
                } else {
                    UnOp::BNot
                };
                let a = self.expr(Ty::Int);
                un(op, a)
            }
            6 => self.length_expr(),
            7 => self.int_library(),
            8 => self.ternary(Ty::Int),
            _ => self.object_op(Ty::Int).unwrap_or_else(|| self.int_lit()),
        }
    }

    /// `a op b` with a literal on one side in most cases.
    fn arith_with_literal(&mut self, op: BinOp, lt: Ty, rt: Ty) -> Expr {
        match self.c.pick(4) {
            0 => {
                let a = self.expr(lt);
                let k = self.lit_of(rt);
                bin(op, a, k)
            }
            1 => {
                let k = self.lit_of(lt);
                let b = self.expr(rt);
                bin(op, k, b)
            }
            _ => {
                let a = self.expr(lt);
                let b = self.expr(rt);
                bin(op, a, b)
            }
        }
    }

    fn lit_of(&mut self, ty: Ty) -> Expr {
        match ty {
            Ty::Float => self.float_lit(),
            Ty::Num if self.has(Feature::Floats) && self.c.chance(40) => self.float_lit(),
            _ => self.int_lit(),
        }
    }

    /// An integer divisor that is never zero: a non-zero literal (often negative, where
    /// floor and truncation differ), `x | 1`, or a variable known to be non-zero.
    pub(crate) fn nonzero_int(&mut self) -> Expr {
        match self.c.weighted(&[55, 20, 25]) {
            0 => int(*self
                .c
                .choose(&[2, 3, -2, -3, 7, -7, 1, -1, 10, 256, -129, 1 << 40])),
            1 => bin(BinOp::BOr, self.leaf(Ty::Int), int(1)),
            _ => match self.pick_var(|v, _| v.known.is_some_and(|k| k != 0)) {
                Some(i) => self.var_expr(i),
                None => int(-5),
            },
        }
    }

    /// An operand of a bitwise operator: an integer, or a float with an exact integer
    /// value (converted by the operator).
    fn bitwise_operand(&mut self) -> Expr {
        if self.has(Feature::Floats) && self.c.chance(10) {
            return float(
                *self
                    .c
                    .choose(&[3.0, -1.0, 0.0, -0.0, 255.0, 9007199254740992.0]),
            );
        }
        self.expr(Ty::Int)
    }

    /// `#x` where the length is well defined.
    fn length_expr(&mut self) -> Expr {
        let i = self.pick_var(|v, t| crate::determinism::length_is_deterministic(v.ty, t));
        match i {
            Some(i) if self.c.chance(70) => {
                let vty = self.vars[i].ty;
                if let Ty::Obj(_) = vty {
                    if self.types.class_of(vty).and_then(|c| c.event(Event::Len)) != Some(Ty::Int) {
                        return self.int_lit();
                    }
                    let cost = self.types.class_of(vty).map_or(1, |c| c.mm_cost);
                    self.spend(cost);
                }
                un(UnOp::Len, self.var_expr(i))
            }
            _ if self.has(Feature::Strings) => {
                let s = self.expr(Ty::Str);
                un(UnOp::Len, s)
            }
            _ => self.int_lit(),
        }
    }

    fn int_library(&mut self) -> Expr {
        let math = self.has(Feature::MathLibrary);
        let strings = self.has(Feature::Strings);
        match self.c.pick(13) {
            0 if math => {
                let a = self.expr(Ty::Int);
                lcall("math", "abs", vec![a])
            }
            1 if math => {
                let f = if self.c.chance(50) { "max" } else { "min" };
                let n = self.c.range(1, 3);
                let args = (0..n).map(|_| self.expr(Ty::Int)).collect();
                lcall("math", f, args)
            }
            2 if math => {
                let t = self.num_ty();
                let a = self.expr(t);
                bin(BinOp::Or, lcall("math", "tointeger", vec![a]), int(-1))
            }
            3 if math => {
                let a = self.expr(Ty::Int);
                let d = self.nonzero_int();
                lcall("math", "fmod", vec![a, d])
            }
            4 if strings => {
                let s = self.expr(Ty::Str);
                if self.c.chance(50) {
                    method(s, "len", vec![])
                } else {
                    lcall("string", "len", vec![s])
                }
            }
            5 if strings => {
                let s = self.expr(Ty::Str);
                let i = self.str_index();
                bin(BinOp::Or, lcall("string", "byte", vec![s, i]), int(-1))
            }
            6 => {
                let t = self.printable_ty();
                let e = self.expr(t);
                un(UnOp::Len, gcall("tostring", vec![e]))
            }
            7 if self.has(Feature::Random) => match self.c.pick(3) {
                0 => {
                    let lo = self.c.range(-5, 5);
                    let hi = lo + self.c.range(0, 1000);
                    lcall("math", "random", vec![int(lo), int(hi)])
                }
                1 => lcall("math", "random", vec![int(self.c.range(1, 100))]),
                // `random(0)` gives all 64 bits.
                _ => lcall("math", "random", vec![int(0)]),
            },
            8 if strings => {
                let s = self.expr(Ty::Str);
                let p = self.str_lit();
                bin(
                    BinOp::Or,
                    lcall("string", "find", vec![s, p, int(1), boolean(true)]),
                    int(0),
                )
            }
            9 if self.has(Feature::Utf8Library) => {
                let s = self.expr(Ty::Str);
                bin(BinOp::Or, lcall("utf8", "len", vec![s]), int(-1))
            }
            10 if math => {
                let a = self.expr(Ty::Int);
                lcall("math", "floor", vec![a])
            }
            11 => {
                let n = self.c.range(0, 3);
                let mut args = vec![string("#")];
                for _ in 0..n {
                    let t = self.any_ty();
                    args.push(self.expr(t));
                }
                gcall("select", args)
            }
            _ => self.scope_value(Ty::Int).unwrap_or_else(|| self.int_lit()),
        }
    }

    /// `c and a or b` for a truthy type, which Lua's compilers turn into TESTSET chains.
    pub(crate) fn ternary(&mut self, ty: Ty) -> Expr {
        if !ty.is_truthy() {
            return self.leaf(ty);
        }
        let c = self.expr(Ty::Bool);
        let a = self.expr(ty);
        let b = self.expr(ty);
        bin(BinOp::Or, bin(BinOp::And, c, a), b)
    }

    // ---- Floats ----------------------------------------------------------------------

    fn float_expr(&mut self) -> Expr {
        if !self.has(Feature::Floats) {
            return bin(
                BinOp::Div,
                self.expr(Ty::Int),
                int(*self.c.choose(&[2, 4, -8])),
            );
        }
        match self.c.weighted(&[15, 12, 25, 10, 6, 5, 12, 5, 5, 5]) {
            0 => self.float_lit(),
            1 => self
                .scope_value(Ty::Float)
                .unwrap_or_else(|| self.float_lit()),
            2 => {
                // At least one float operand makes the result a float.
                let op =
                    *self
                        .c
                        .choose(&[BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::IDiv, BinOp::Mod]);
                let other = self.num_ty();
                if self.c.chance(50) {
                    self.arith_with_literal(op, Ty::Float, other)
                } else {
                    self.arith_with_literal(op, other, Ty::Float)
                }
            }
            3 => {
                let (lt, rt) = (self.num_ty(), self.num_ty());
                self.arith_with_literal(BinOp::Div, lt, rt)
            }
            4 => {
                // Small integer exponents are computed exactly by every pow().
                let t = self.num_ty();
                let a = self.expr(t);
                bin(BinOp::Pow, a, int(*self.c.choose(&[0, 1, 2, 3, -1])))
            }
            5 => {
                let a = self.expr(Ty::Float);
                un(UnOp::Neg, a)
            }
            6 => self.float_library(),
            7 => self.ternary(Ty::Float),
            8 => {
                let a = self.expr(Ty::Int);
                bin(BinOp::Add, a, float(*self.c.choose(&[0.0, -0.0, 0.5])))
            }
            _ => self
                .object_op(Ty::Float)
                .unwrap_or_else(|| self.float_lit()),
        }
    }

    fn float_library(&mut self) -> Expr {
        if !self.has(Feature::MathLibrary) {
            return self.float_lit();
        }
        match self.c.pick(10) {
            0 => {
                let t = self.num_ty();
                let a = self.expr(t);
                lcall("math", "sqrt", vec![a])
            }
            1 => {
                let a = self.expr(Ty::Float);
                lcall("math", "abs", vec![a])
            }
            2 => {
                let a = self.expr(Ty::Float);
                let t = self.num_ty();
                let b = self.expr(t);
                lcall("math", "fmod", vec![a, b])
            }
            3 => lib("math", if self.c.chance(50) { "huge" } else { "pi" }),
            4 => {
                let f = if self.c.chance(50) { "max" } else { "min" };
                let (a, b) = (self.expr(Ty::Float), self.expr(Ty::Float));
                lcall("math", f, vec![a, b])
            }
            5 => {
                let a = self.expr(Ty::Float);
                let e = int(self.c.range(-60, 60));
                lcall("math", "ldexp", vec![a, e])
            }
            6 => {
                let a = self.expr(Ty::Float);
                paren(lcall("math", "frexp", vec![a]))
            }
            7 if self.has(Feature::Random) => lcall("math", "random", vec![]),
            8 => {
                let a = self.expr(Ty::Float);
                if self.c.chance(50) {
                    paren(lcall("math", "modf", vec![a]))
                } else {
                    gcall("select", vec![int(2), lcall("math", "modf", vec![a])])
                }
            }
            _ => {
                let a = self.expr(Ty::Float);
                lcall("math", "ldexp", vec![a, int(0)])
            }
        }
    }

    // ---- Numbers of either subtype ------------------------------------------------------

    fn num_expr(&mut self) -> Expr {
        match self.c.weighted(&[25, 20, 10, 10, 10, 10, 8, 7]) {
            0 => self.int_expr(),
            1 => self.float_expr(),
            2 if self.has(Feature::MathLibrary) => {
                let f = self.c.pick_str(&["floor", "ceil"]);
                let t = self.num_ty();
                let a = self.expr(t);
                lcall("math", f, vec![a])
            }
            3 if self.has(Feature::MathLibrary) => {
                let f = if self.c.chance(50) { "max" } else { "min" };
                let (t1, t2) = (self.num_ty(), self.num_ty());
                let (a, b) = (self.expr(t1), self.expr(t2));
                lcall("math", f, vec![a, b])
            }
            4 if self.has(Feature::Strings) => {
                // String arithmetic goes through the string metatable (manual §3.4.3).
                let s = self.numstr_lit();
                let op = *self.c.choose(&[BinOp::Add, BinOp::Sub, BinOp::Mul]);
                let t = self.num_ty();
                let n = self.expr(t);
                if self.c.chance(50) {
                    bin(op, s, n)
                } else {
                    bin(op, n, s)
                }
            }
            5 if self.has(Feature::Strings) => {
                let s = self.numstr_lit();
                if self.c.chance(70) {
                    gcall("tonumber", vec![s])
                } else {
                    un(UnOp::Neg, s)
                }
            }
            6 => {
                let op = *self.c.choose(&[BinOp::Add, BinOp::Sub, BinOp::Mul]);
                self.arith_with_literal(op, Ty::Num, Ty::Num)
            }
            _ => self
                .scope_value(Ty::Num)
                .unwrap_or_else(|| self.leaf(Ty::Num)),
        }
    }

    // ---- Fuzzy floats --------------------------------------------------------------------

    fn fuzzy_expr(&mut self) -> Expr {
        let t = self.num_ty();
        let a = self.expr(t);
        match self.c.pick(9) {
            0 => {
                let f = self.c.pick_str(&["sin", "cos", "tan", "atan", "exp"]);
                lcall("math", f, vec![a])
            }
            1 => {
                let f = self.c.pick_str(&["asin", "acos", "log", "log10"]);
                lcall("math", f, vec![a])
            }
            2 => {
                let f = self.c.pick_str(&["sinh", "cosh", "tanh"]);
                lcall("math", f, vec![a])
            }
            3 => {
                let base = *self.c.choose(&[2, 10, 3]);
                lcall("math", "log", vec![a, int(base)])
            }
            4 => {
                let b = self.float_lit();
                lcall("math", "pow", vec![a, b])
            }
            5 => {
                let b = self.float_lit();
                bin(BinOp::Pow, a, b)
            }
            6 => {
                let b = self.expr(Ty::Fuzzy);
                bin(*self.c.choose(&[BinOp::Add, BinOp::Mul, BinOp::Sub]), a, b)
            }
            7 => {
                let b = self.expr(t);
                lcall("math", "atan", vec![a, b])
            }
            _ => {
                let f = self.c.pick_str(&["deg", "rad"]);
                lcall("math", f, vec![a])
            }
        }
    }

    // ---- Strings ------------------------------------------------------------------------

    fn str_expr(&mut self) -> Expr {
        if !self.has(Feature::Strings) {
            let e = self.expr(Ty::Int);
            return gcall("tostring", vec![e]);
        }
        match self.c.weighted(&[14, 12, 22, 8, 20, 6, 6, 6, 6]) {
            0 => self.str_lit(),
            1 => self.scope_value(Ty::Str).unwrap_or_else(|| self.str_lit()),
            2 => {
                // Concatenation chains: `..` is right associative and compiles to one
                // CONCAT over consecutive registers.
                let n = self.c.range(2, 4);
                let mut parts: Vec<Expr> = (0..n).map(|_| self.concatenable()).collect();
                if !parts.iter().any(|p| matches!(p.kind, ExprKind::String(_))) && self.c.chance(50)
                {
                    parts[0] = self.str_lit();
                }
                let mut e = parts.pop().expect("n >= 2");
                while let Some(p) = parts.pop() {
                    e = bin(BinOp::Concat, p, e);
                }
                e
            }
            3 => {
                let t = self.printable_ty();
                let e = self.expr(t);
                gcall("tostring", vec![e])
            }
            4 => self.string_library(),
            5 => self.ternary(Ty::Str),
            6 => {
                let t = self.any_ty();
                let e = self.expr(t);
                gcall("type", vec![e])
            }
            7 if self.has(Feature::MathLibrary) => {
                let t = self.num_ty();
                let e = self.expr(t);
                lcall("math", "type", vec![e])
            }
            _ => self.object_op(Ty::Str).unwrap_or_else(|| self.str_lit()),
        }
    }

    // ---- Threads -------------------------------------------------------------------------

    fn thread_expr(&mut self) -> Expr {
        if let Some(i) = self.var_of(Ty::Thread) {
            return self.var_expr(i);
        }
        lcall(
            "coroutine",
            "create",
            vec![function(vec![], false, block(vec![]))],
        )
    }

    /// Arguments for a call of a function of type `fty`: one per parameter, plus up to
    /// three extra values for a vararg function.
    pub(crate) fn args_for(&mut self, fty: Ty) -> Vec<Expr> {
        let Some(sig) = self.types.sig_rc(fty).cloned() else {
            return Vec::new();
        };
        let mut args: Vec<Expr> = sig.params.iter().map(|&p| self.expr(p)).collect();
        if let Some(va) = sig.va {
            for _ in 0..self.c.range(0, 3) {
                args.push(self.expr(va));
            }
        }
        // A multi-result call as last argument expands: keep single results here.
        if let Some(last) = args.last_mut()
            && last.is_multi()
        {
            *last = paren(last.clone());
        }
        args
    }
}
