//! Expressions: expression descriptors ([`ExpDesc`], lparser.h `expdesc`) and the code for
//! every kind of expression, operators included (lparser.c `subexpr` and lcode.c's
//! `luaK_prefix`/`luaK_infix`/`luaK_posfix`).
//!
//! An expression compiles to a descriptor that says where its value is (a constant, a
//! register, a variable still to be read, an instruction whose destination is still
//! open, a pending comparison) plus two jump lists (`t`/`f`) for the paths on which
//! it is already known to be true or false. The consumer decides where the value
//! goes, so most values land where they are needed without copies.

use super::code::{MAX_INDEX_RK, NO_JUMP};
use super::{CResult, Compiler, ConstValue};
use crate::config::Pass;
use crate::opcodes::{Instruction, Op, OpCode, TagMethod, fits_sc, limits};
use crate::opt::fold::fold_arith;
use lua_prims::{ArithOp, Number};
use lua_syntax::ast::{BinOp, Expr, ExprKind, Field, TableConstructor, UnOp};

/// Where the value of an expression is (lparser.h `expkind`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum ExpKind<'a> {
    /// No value (an empty expression list).
    Void,
    Nil,
    True,
    False,
    /// Constant `K[index]`.
    K(u32),
    /// A float numeral.
    KFlt(f64),
    /// An integer numeral.
    KInt(i64),
    /// A string literal.
    KStr(&'a [u8]),
    /// The value is in this register, which the expression does not own if it is a
    /// local's.
    NonReloc(u8),
    /// A local variable in register `ridx`; `vidx` is its index among the function's
    /// active variables.
    Local {
        ridx: u8,
        vidx: u32,
    },
    /// Upvalue number.
    Upval(u8),
    /// A compile-time constant: the index of its variable in the compiler's `actvar`.
    Const(usize),
    /// `R[t][R[idx]]`.
    Indexed {
        t: u8,
        idx: u8,
    },
    /// `UpValue[t][K[idx]]` (K[idx] a short string).
    IndexUp {
        t: u8,
        idx: u8,
    },
    /// `R[t][idx]` with a small integer key.
    IndexI {
        t: u8,
        idx: u8,
    },
    /// `R[t][K[idx]]` (K[idx] a short string).
    IndexStr {
        t: u8,
        idx: u8,
    },
    /// A comparison: the position of its JMP.
    Jmp(usize),
    /// The instruction at this position computes the value; its A is still open.
    Reloc(usize),
    /// A function call at this position (multiple results possible).
    Call(usize),
    /// `...` at this position (multiple results possible).
    Vararg(usize),
}

impl<'a> ExpKind<'a> {
    /// The descriptor of a compile-time constant's value (lcode.c `const2exp`).
    pub fn from_const(v: ConstValue<'a>) -> ExpKind<'a> {
        match v {
            ConstValue::Nil => ExpKind::Nil,
            ConstValue::Bool(true) => ExpKind::True,
            ConstValue::Bool(false) => ExpKind::False,
            ConstValue::Int(i) => ExpKind::KInt(i),
            ConstValue::Float(f) => ExpKind::KFlt(f),
            ConstValue::Str(s) => ExpKind::KStr(s),
        }
    }
}

/// An expression descriptor.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ExpDesc<'a> {
    pub k: ExpKind<'a>,
    /// Jumps taken when the expression is true.
    pub t: i32,
    /// Jumps taken when the expression is false.
    pub f: i32,
}

impl<'a> ExpDesc<'a> {
    pub fn new(k: ExpKind<'a>) -> ExpDesc<'a> {
        ExpDesc {
            k,
            t: NO_JUMP,
            f: NO_JUMP,
        }
    }

    #[inline]
    pub fn has_jumps(&self) -> bool {
        self.t != self.f
    }

    /// The register of a `NonReloc` expression.
    pub fn reg(&self) -> u8 {
        match self.k {
            ExpKind::NonReloc(r) => r,
            other => unreachable!("register of {other:?}"),
        }
    }

    /// The 8-bit operand of an RK expression: its constant index or its register.
    pub fn info_index(&self) -> u8 {
        match self.k {
            ExpKind::K(k) => {
                debug_assert!(k <= MAX_INDEX_RK);
                k as u8
            }
            ExpKind::NonReloc(r) => r,
            other => unreachable!("RK operand of {other:?}"),
        }
    }

    /// Whether this is a call or `...` (whose number of results can be adjusted).
    pub fn is_multi(&self) -> bool {
        matches!(self.k, ExpKind::Call(_) | ExpKind::Vararg(_))
    }

    /// The numeric value of a numeral without jumps (lcode.c `tonumeral`).
    fn numeral(&self) -> Option<Number> {
        if self.has_jumps() {
            return None;
        }
        match self.k {
            ExpKind::KInt(i) => Some(Number::Integer(i)),
            ExpKind::KFlt(f) => Some(Number::Float(f)),
            _ => None,
        }
    }

    /// The integer of an integer numeral without jumps (`isKint`).
    fn int_numeral(&self) -> Option<i64> {
        match self.k {
            ExpKind::KInt(i) if !self.has_jumps() => Some(i),
            _ => None,
        }
    }

    /// The `sC` immediate (excess-K encoded) of an integer numeral that fits (`isSCint`).
    fn sc_int(&self) -> Option<u8> {
        self.int_numeral()
            .filter(|&i| fits_sc(i))
            .map(|i| (i + limits::OFFSET_SC as i64) as u8)
    }

    /// The immediate of an integer numeral, or of a float numeral with an integral
    /// value, that fits `sB`/`sC`, and whether it was a float (`isSCnumber`).
    fn sc_number(&self) -> Option<(u8, bool)> {
        if self.has_jumps() {
            return None;
        }
        let (i, is_float) = match self.k {
            ExpKind::KInt(i) => (i, false),
            ExpKind::KFlt(f) => (Number::Float(f).to_integer()?, true),
            _ => return None,
        };
        fits_sc(i).then(|| ((i + limits::OFFSET_SC as i64) as u8, is_float))
    }
}

/// The arithmetic operator of a binary operator, if it is arithmetic or bitwise.
fn arith_of(op: BinOp) -> Option<ArithOp> {
    Some(match op {
        BinOp::Add => ArithOp::Add,
        BinOp::Sub => ArithOp::Sub,
        BinOp::Mul => ArithOp::Mul,
        BinOp::Div => ArithOp::Div,
        BinOp::IDiv => ArithOp::IDiv,
        BinOp::Mod => ArithOp::Mod,
        BinOp::Pow => ArithOp::Pow,
        BinOp::BAnd => ArithOp::BAnd,
        BinOp::BOr => ArithOp::BOr,
        BinOp::BXor => ArithOp::BXor,
        BinOp::Shl => ArithOp::Shl,
        BinOp::Shr => ArithOp::Shr,
        _ => return None,
    })
}

fn number_kind<'a>(n: Number) -> ExpKind<'a> {
    match n {
        Number::Integer(i) => ExpKind::KInt(i),
        Number::Float(f) => ExpKind::KFlt(f),
    }
}

impl<'a> Compiler<'a> {
    /// Compiles an expression whose value is used (value context).
    pub fn expr(&mut self, e: &'a Expr) -> CResult<ExpDesc<'a>> {
        self.expr_ctx(e, false)
    }

    /// Compiles an expression. `cond`: only its truth matters (a condition, the operand
    /// of `not`), so `and`/`or` never need to carry values in their jumps.
    pub fn expr_ctx(&mut self, e: &'a Expr, cond: bool) -> CResult<ExpDesc<'a>> {
        // PUC gives NEWTABLE the line of the token before the `{` (the constructor is
        // coded before its brace is read), which the current line approximates.
        let is_table = matches!(e.kind, ExprKind::Table(_));
        if !is_table {
            self.set_line(e.line);
        }
        let desc = match &e.kind {
            ExprKind::Nil => ExpDesc::new(ExpKind::Nil),
            ExprKind::True => ExpDesc::new(ExpKind::True),
            ExprKind::False => ExpDesc::new(ExpKind::False),
            ExprKind::Integer(i) => ExpDesc::new(ExpKind::KInt(*i)),
            ExprKind::Float(f) if f.0 == 0.0 && f.0.is_sign_negative() => {
                // The parser folds `-0.0` into a literal; PUC computes it at run time
                // (a zero is never folded), so it is `-(0.0)` here too.
                let mut zero = ExpDesc::new(ExpKind::KFlt(0.0));
                self.prefix(UnOp::Neg, &mut zero, e.line)?;
                zero
            }
            ExprKind::Float(f) => ExpDesc::new(ExpKind::KFlt(f.0)),
            ExprKind::String(s) => ExpDesc::new(ExpKind::KStr(s)),
            ExprKind::Vararg => {
                if !self.fs_ref().f.is_vararg {
                    self.near = Some(Near::Token("..."));
                    return Err(self.syntax_error("cannot use '...' outside a vararg function"));
                }
                let pc = self.code(Op::VarArg { a: 0, c: 1 });
                ExpDesc::new(ExpKind::Vararg(pc))
            }
            ExprKind::Function(body) => self.function_body(body, false, body.line)?,
            ExprKind::Table(table) => return self.constructor(table),
            ExprKind::Binary { op, lhs, rhs } => match op {
                BinOp::And | BinOp::Or => self.and_or(*op, lhs, rhs, cond, e.line)?,
                _ => {
                    let mut e1 = self.expr(lhs)?;
                    self.set_line(e.line);
                    // PUC prepares the first operand having read the operator.
                    self.near = Some(Near::Operand(rhs, op.priority().1));
                    self.infix(*op, &mut e1)?;
                    self.near = None;
                    let mut e2 =
                        if *op == BinOp::Sub && self.const_value(rhs) == Some(ConstValue::Int(0)) {
                            // `e - 0` keeps PUC's semantics at every level (see `sub_zero`):
                            // the zero is a pure constant, so it need not be evaluated.
                            ExpDesc::new(ExpKind::KInt(0))
                        } else {
                            self.expr(rhs)?
                        };
                    // No `set_line` here: PUC discharges a pending second operand (an
                    // indexing) at the line of its last token, then fixes the operator's
                    // instruction to the operator's line (`posfix` does that).
                    self.posfix(*op, &mut e1, &mut e2, e.line)?;
                    e1
                }
            },
            ExprKind::Unary { op, operand } => {
                let mut v = self.expr_ctx(operand, *op == UnOp::Not)?;
                self.set_line(e.line);
                self.prefix(*op, &mut v, e.line)?;
                v
            }
            ExprKind::Name(name) => self.single_var(name)?,
            ExprKind::Index { object, key } => {
                let mut v = self.expr(object)?;
                // PUC puts the object in a register on reading the `.` or `[`.
                let field = matches!(&key.kind, ExprKind::String(s) if lua_syntax::is_name(s));
                self.near = Some(Near::Token(if field { "." } else { "[" }));
                self.exp2anyregup(&mut v)?;
                self.near = None;
                let mut k = self.expr(key)?;
                self.near = Some(Near::Token(if field { "." } else { "]" }));
                self.exp2val(&mut k)?;
                self.set_line(e.line);
                self.indexed(&mut v, &mut k)?;
                self.near = None;
                v
            }
            ExprKind::Call {
                func,
                args,
                close_line,
            } => {
                let mut f = self.expr(func)?;
                // PUC puts the function in a register on reading the arguments' start.
                self.near = Some(Near::Token("("));
                self.exp2nextreg(&mut f)?;
                self.near = None;
                self.funcargs(&mut f, args, e.line, *close_line)?;
                f
            }
            ExprKind::Method {
                object,
                name,
                args,
                close_line,
            } => {
                let mut v = self.expr(object)?;
                self.set_line(e.line);
                let mut key = ExpDesc::new(ExpKind::KStr(name.as_bytes()));
                self.near = Some(Near::Token("("));
                self.self_method(&mut v, &mut key)?;
                self.near = None;
                self.funcargs(&mut v, args, e.line, *close_line)?;
                v
            }
            ExprKind::Paren(inner) => {
                let mut v = self.expr(inner)?;
                self.discharge_vars(&mut v)?;
                v
            }
        };
        self.set_line(e.line);
        Ok(desc)
    }

    /// Compiles a list of expressions: all but the last go to consecutive registers;
    /// the last is returned open, with the number of expressions (lparser.c `explist`).
    pub fn explist(&mut self, list: &'a [Expr]) -> CResult<(ExpDesc<'a>, usize)> {
        let Some((last, rest)) = list.split_last() else {
            return Ok((ExpDesc::new(ExpKind::Void), 0));
        };
        for (i, e) in rest.iter().enumerate() {
            self.near = None;
            let mut v = self.expr(e)?;
            self.near = Some(Near::Expr(&list[i + 1]));
            self.exp2nextreg(&mut v)?;
        }
        self.near = None;
        let v = self.expr(last)?;
        Ok((v, list.len()))
    }

    /// Compiles call arguments and the CALL (lparser.c `funcargs`). `f` is the function
    /// in register `base` (or the method set up by SELF); `line` is where the arguments
    /// open and `close_line` where they end.
    fn funcargs(
        &mut self,
        f: &mut ExpDesc<'a>,
        args: &'a [Expr],
        line: u32,
        close_line: u32,
    ) -> CResult<()> {
        let base = f.reg();
        let (mut a, _) = self.explist(args)?;
        // PUC closes the last argument having read the `)`: a pending indexing there is
        // coded at its line.
        self.set_line(close_line);
        let nparams = if a.is_multi() {
            self.set_multret(&mut a)?;
            -1
        } else {
            if !matches!(a.k, ExpKind::Void) {
                self.near = Some(Near::Token(")"));
                self.exp2nextreg(&mut a)?;
                self.near = None;
            }
            self.fs_ref().freereg as i32 - (base as i32 + 1)
        };
        self.set_line(line);
        let pc = self.code(Op::Call {
            a: base,
            b: (nparams + 1) as u8,
            c: 2,
        });
        self.fix_line(line);
        f.k = ExpKind::Call(pc);
        // The call removes the function and its arguments and leaves one result (unless
        // the caller changes the count).
        self.fs().freereg = base as u32 + 1;
        Ok(())
    }

    /// `a and b`, `a or b`.
    fn and_or(
        &mut self,
        op: BinOp,
        lhs: &'a Expr,
        rhs: &'a Expr,
        cond: bool,
        line: u32,
    ) -> CResult<ExpDesc<'a>> {
        // In a condition only truth matters: jump lists without values. For a value,
        // pass `testset` makes the jumps carry it (TESTSET, PUC's code); without it the
        // value is computed in one register with plain tests.
        if cond || self.opt.apply(Pass::TestSet, line) {
            let want_value = !cond;
            let mut e1 = self.expr_ctx(lhs, cond)?;
            self.set_line(line);
            if op == BinOp::And {
                self.go_if_true(&mut e1, want_value)?;
            } else {
                self.go_if_false(&mut e1, want_value)?;
            }
            let mut e2 = self.expr_ctx(rhs, cond)?;
            self.discharge_vars(&mut e2)?;
            if op == BinOp::And {
                debug_assert_eq!(e1.t, NO_JUMP);
                let mut f = e2.f;
                self.concat(&mut f, e1.f)?;
                e2.f = f;
            } else {
                debug_assert_eq!(e1.f, NO_JUMP);
                let mut t = e2.t;
                self.concat(&mut t, e1.t)?;
                e2.t = t;
            }
            return Ok(e2);
        }
        let mut e1 = self.expr(lhs)?;
        self.exp2nextreg(&mut e1)?;
        let r = e1.reg();
        self.set_line(line);
        // `and` skips the right operand when the left one is false, `or` when it is true.
        self.code(Op::Test {
            a: r,
            k: op == BinOp::Or,
        });
        let skip = self.jump();
        let mut e2 = self.expr(rhs)?;
        self.discharge_vars(&mut e2)?;
        self.free_exp(&e2);
        self.exp2reg(&mut e2, r)?;
        self.patch_to_here(skip as i32)?;
        Ok(ExpDesc::new(ExpKind::NonReloc(r)))
    }

    /// A unary operator (`luaK_prefix`).
    pub fn prefix(&mut self, op: UnOp, e: &mut ExpDesc<'a>, line: u32) -> CResult<()> {
        self.discharge_vars(e)?;
        match op {
            UnOp::Neg | UnOp::BNot => {
                let aop = if op == UnOp::Neg {
                    ArithOp::Unm
                } else {
                    ArithOp::BNot
                };
                if let Some(v) = e.numeral()
                    && let Some(r) = fold_arith(aop, v, Number::Integer(0))
                    && self.opt.apply(Pass::Fold, line)
                {
                    e.k = number_kind(r);
                    return Ok(());
                }
                let opcode = if op == UnOp::Neg {
                    OpCode::Unm
                } else {
                    OpCode::BNot
                };
                self.code_unexpval(opcode, e, line)
            }
            UnOp::Len => self.code_unexpval(OpCode::Len, e, line),
            UnOp::Not => self.code_not(e, line),
        }
    }

    /// UNM, BNOT, LEN over a register (`codeunexpval`).
    fn code_unexpval(&mut self, op: OpCode, e: &mut ExpDesc<'a>, line: u32) -> CResult<()> {
        let r = self.exp2anyreg(e)?;
        self.free_exp(e);
        e.k = ExpKind::Reloc(self.code_abck(op, 0, r, 0, false));
        self.fix_line(line);
        Ok(())
    }

    /// `not e` (`codenot`).
    fn code_not(&mut self, e: &mut ExpDesc<'a>, line: u32) -> CResult<()> {
        match e.k {
            // Pass `fold`: `not` of a constant is a constant.
            ExpKind::Nil | ExpKind::False if self.opt.apply(Pass::Fold, line) => {
                e.k = ExpKind::True;
            }
            ExpKind::K(_)
            | ExpKind::KFlt(_)
            | ExpKind::KInt(_)
            | ExpKind::KStr(_)
            | ExpKind::True
                if self.opt.apply(Pass::Fold, line) =>
            {
                e.k = ExpKind::False;
            }
            // Pass `cond-invert`: `not` of a comparison is the inverted comparison.
            ExpKind::Jmp(_) if self.opt.apply(Pass::CondInvert, line) => {
                self.negate_condition(e);
            }
            ExpKind::Jmp(_) => {
                let r = self.exp2anyreg(e)?;
                self.free_exp(e);
                e.k = ExpKind::Reloc(self.code(Op::Not { a: 0, b: r }));
            }
            _ => {
                self.discharge2anyreg(e)?;
                self.free_exp(e);
                let r = e.reg();
                e.k = ExpKind::Reloc(self.code(Op::Not { a: 0, b: r }));
            }
        }
        std::mem::swap(&mut e.t, &mut e.f);
        // Negated values are useless: the jumps only carry truth now.
        self.remove_values(e.f);
        self.remove_values(e.t);
        Ok(())
    }

    /// Prepares the first operand of a binary operator before the second is compiled
    /// (`luaK_infix`).
    fn infix(&mut self, op: BinOp, v: &mut ExpDesc<'a>) -> CResult<()> {
        self.discharge_vars(v)?;
        match op {
            BinOp::Concat => self.exp2nextreg(v)?,
            BinOp::Eq | BinOp::Ne => {
                // Numerals are kept for EQI and folding; other constants may be a K.
                if v.numeral().is_none() {
                    self.exp2rk(v, Pass::CmpK)?;
                }
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                if v.sc_number().is_none() {
                    self.exp2anyreg(v)?;
                }
            }
            _ => {
                // Arithmetic: numerals are kept for folding and immediate operands.
                if v.numeral().is_none() {
                    self.exp2anyreg(v)?;
                }
            }
        }
        Ok(())
    }

    /// Finishes a binary operator once both operands are compiled (`luaK_posfix`).
    fn posfix(
        &mut self,
        op: BinOp,
        e1: &mut ExpDesc<'a>,
        e2: &mut ExpDesc<'a>,
        line: u32,
    ) -> CResult<()> {
        self.discharge_vars(e2)?;
        if let Some(aop) = arith_of(op)
            && let (Some(a), Some(b)) = (e1.numeral(), e2.numeral())
            && let Some(r) = fold_arith(aop, a, b)
            && self.opt.apply(Pass::Fold, line)
        {
            e1.k = number_kind(r);
            return Ok(());
        }
        match op {
            BinOp::Concat => {
                self.exp2nextreg(e2)?;
                self.code_concat(e1, e2, line);
            }
            BinOp::Add | BinOp::Mul => self.code_commutative(op, e1, e2, line)?,
            BinOp::Sub if e2.int_numeral() == Some(0) => self.sub_zero(e1, e2, line)?,
            BinOp::Sub => {
                if !self.finish_binexp_neg(e1, e2, OpCode::AddI, line, TagMethod::Sub)? {
                    self.code_arith(ArithOp::Sub, e1, e2, false, line)?;
                }
            }
            BinOp::Div | BinOp::IDiv | BinOp::Mod | BinOp::Pow => {
                let aop = arith_of(op).expect("arithmetic operator");
                self.code_arith(aop, e1, e2, false, line)?;
            }
            BinOp::BAnd | BinOp::BOr | BinOp::BXor => {
                let aop = arith_of(op).expect("bitwise operator");
                self.code_bitwise(aop, e1, e2, line)?;
            }
            BinOp::Shl => {
                if let Some(im) = e1.sc_int()
                    && self.opt.apply(Pass::ArithImm, line)
                {
                    // `I << x` is SHLI with the immediate first.
                    std::mem::swap(e1, e2);
                    self.finish_binexpval(
                        e1,
                        e2,
                        OpCode::ShlI,
                        im,
                        true,
                        line,
                        OpCode::MmBinI,
                        TagMethod::Shl,
                    )?;
                } else if !self.finish_binexp_neg(e1, e2, OpCode::ShrI, line, TagMethod::Shl)? {
                    self.code_binexpval(ArithOp::Shl, e1, e2, line)?;
                }
            }
            BinOp::Shr => {
                if let Some(im) = e2.sc_int()
                    && self.opt.apply(Pass::ArithImm, line)
                {
                    self.finish_binexpval(
                        e1,
                        e2,
                        OpCode::ShrI,
                        im,
                        false,
                        line,
                        OpCode::MmBinI,
                        TagMethod::Shr,
                    )?;
                } else {
                    self.code_binexpval(ArithOp::Shr, e1, e2, line)?;
                }
            }
            BinOp::Eq | BinOp::Ne => self.code_eq(op == BinOp::Eq, e1, e2)?,
            BinOp::Gt | BinOp::Ge => {
                // `a > b` is `b < a`; `a >= b` is `b <= a`.
                std::mem::swap(e1, e2);
                self.code_order(op == BinOp::Ge, e1, e2)?;
            }
            BinOp::Lt | BinOp::Le => self.code_order(op == BinOp::Le, e1, e2)?,
            BinOp::And | BinOp::Or => unreachable!("and/or are compiled by and_or"),
        }
        Ok(())
    }

    /// Emits an arithmetic instruction and its MM instruction; `e1` becomes the result
    /// (`finishbinexpval`). `v2` is the raw second operand (register, K index or
    /// excess-K immediate); `flip` says the operands were swapped.
    #[allow(clippy::too_many_arguments)]
    fn finish_binexpval(
        &mut self,
        e1: &mut ExpDesc<'a>,
        e2: &mut ExpDesc<'a>,
        op: OpCode,
        v2: u8,
        flip: bool,
        line: u32,
        mmop: OpCode,
        event: TagMethod,
    ) -> CResult<()> {
        let v1 = self.exp2anyreg(e1)?;
        let pc = self.code_abck(op, 0, v1, v2, false);
        self.free_exps(e1, e2);
        e1.k = ExpKind::Reloc(pc);
        self.fix_line(line);
        self.code_abck(mmop, v1, v2, event as u8, flip);
        self.fix_line(line);
        Ok(())
    }

    /// Both operands in registers (`codebinexpval`).
    fn code_binexpval(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc<'a>,
        e2: &mut ExpDesc<'a>,
        line: u32,
    ) -> CResult<()> {
        let opcode = OpCode::for_arith(op).expect("binary operator");
        let v2 = self.exp2anyreg(e2)?;
        self.finish_binexpval(
            e1,
            e2,
            opcode,
            v2,
            false,
            line,
            OpCode::MmBin,
            TagMethod::for_arith(op),
        )
    }

    /// Pass `arith-imm` for `x - I` (ADDI with -I) and `x << I` (SHRI with -I): valid
    /// when both I and -I fit the immediate; the MM instruction keeps the original
    /// operand and event, so a metamethod sees `x - I` (`finishbinexpneg`).
    fn finish_binexp_neg(
        &mut self,
        e1: &mut ExpDesc<'a>,
        e2: &mut ExpDesc<'a>,
        op: OpCode,
        line: u32,
        event: TagMethod,
    ) -> CResult<bool> {
        let Some(i2) = e2.int_numeral() else {
            return Ok(false);
        };
        if !(fits_sc(i2) && fits_sc(i2.wrapping_neg()) && self.opt.apply(Pass::ArithImm, line)) {
            return Ok(false);
        }
        let neg = ((-i2) + limits::OFFSET_SC as i64) as u8;
        self.finish_binexpval(e1, e2, op, neg, false, line, OpCode::MmBinI, event)?;
        let pc = self.pc() - 1;
        self.instruction(pc).set_sb(i2 as i32);
        Ok(true)
    }

    /// `e - 0` with an integer zero. PUC codes `e - I` as `e + (-I)` (ADDI), which is the
    /// same value for every `e` and `I` but one: `-0.0 - 0` is `0.0` in native Lua, not
    /// `-0.0`, because `-0.0 + 0` is `0.0`. That is native semantics, so every level
    /// codes `e - 0` this way (ADDI 0 with MMBINI 0 `__sub`, so a metamethod still sees
    /// `e - 0`), whatever the passes; it is not counted as an application.
    fn sub_zero(&mut self, e1: &mut ExpDesc<'a>, e2: &mut ExpDesc<'a>, line: u32) -> CResult<()> {
        let zero = limits::OFFSET_SC as u8;
        self.finish_binexpval(
            e1,
            e2,
            OpCode::AddI,
            zero,
            false,
            line,
            OpCode::MmBinI,
            TagMethod::Sub,
        )
    }

    /// `+` and `*`: a numeral first operand is swapped to the second place so that it
    /// can be an immediate or a K operand (`codecommutative`).
    fn code_commutative(
        &mut self,
        op: BinOp,
        e1: &mut ExpDesc<'a>,
        e2: &mut ExpDesc<'a>,
        line: u32,
    ) -> CResult<()> {
        let mut flip = false;
        if e1.numeral().is_some() {
            std::mem::swap(e1, e2);
            flip = true;
        }
        let aop = arith_of(op).expect("arithmetic operator");
        if op == BinOp::Add
            && let Some(im) = e2.sc_int()
            && self.opt.apply(Pass::ArithImm, line)
        {
            return self.finish_binexpval(
                e1,
                e2,
                OpCode::AddI,
                im,
                flip,
                line,
                OpCode::MmBinI,
                TagMethod::Add,
            );
        }
        self.code_arith(aop, e1, e2, flip, line)
    }

    /// An arithmetic operator with a K operand if the second operand is a numeral that
    /// fits (pass `arith-k`), else over registers (`codearith`).
    fn code_arith(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc<'a>,
        e2: &mut ExpDesc<'a>,
        flip: bool,
        line: u32,
    ) -> CResult<()> {
        if e2.numeral().is_some() && self.exp2k(e2, Pass::ArithK)? {
            return self.code_bink(op, e1, e2, flip, line);
        }
        self.code_bin_nok(op, e1, e2, flip, line)
    }

    /// Bitwise operators: an integer numeral operand becomes a K operand (`codebitwise`).
    fn code_bitwise(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc<'a>,
        e2: &mut ExpDesc<'a>,
        line: u32,
    ) -> CResult<()> {
        let mut flip = false;
        if matches!(e1.k, ExpKind::KInt(_)) {
            std::mem::swap(e1, e2);
            flip = true;
        }
        if matches!(e2.k, ExpKind::KInt(_)) && self.exp2k(e2, Pass::ArithK)? {
            return self.code_bink(op, e1, e2, flip, line);
        }
        self.code_bin_nok(op, e1, e2, flip, line)
    }

    /// ADDK..BXORK (`codebinK`).
    fn code_bink(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc<'a>,
        e2: &mut ExpDesc<'a>,
        flip: bool,
        line: u32,
    ) -> CResult<()> {
        let opcode = OpCode::for_arith_k(op).expect("operator with a K form");
        let v2 = e2.info_index();
        self.finish_binexpval(
            e1,
            e2,
            opcode,
            v2,
            flip,
            line,
            OpCode::MmBinK,
            TagMethod::for_arith(op),
        )
    }

    /// Register operands, in source order (`codebinNoK`).
    fn code_bin_nok(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc<'a>,
        e2: &mut ExpDesc<'a>,
        flip: bool,
        line: u32,
    ) -> CResult<()> {
        if flip {
            std::mem::swap(e1, e2);
        }
        self.code_binexpval(op, e1, e2, line)
    }

    /// `e1 .. e2`, with `e1` in a register and `e2` in the next one (`codeconcat`).
    fn code_concat(&mut self, e1: &mut ExpDesc<'a>, e2: &mut ExpDesc<'a>, line: u32) {
        let r1 = e1.reg();
        // Pass `concat-merge`: if `e2` is itself a concatenation that just ended with a
        // CONCAT starting right after `e1` (and no jump lands between), one CONCAT over
        // all the registers does both: `..` is right associative, so `a .. (b .. c)`
        // concatenates the same values in the same order.
        let pc = self.pc();
        let prev_is_concat = pc > self.fs_ref().lasttarget && {
            let prev = self.fs_ref().f.code[pc - 1];
            prev.opcode() == OpCode::Concat && prev.a() == r1 + 1
        };
        if prev_is_concat && self.opt.apply(Pass::ConcatMerge, line) {
            let prev = self.fs_ref().f.code[pc - 1];
            self.free_exp(e2);
            let i = self.instruction(pc - 1);
            i.set_a(r1);
            i.set_b(prev.b() + 1);
        } else {
            self.code(Op::Concat { a: r1, b: 2 });
            self.free_exp(e2);
            self.fix_line(line);
        }
    }

    /// `<`, `<=` (and `>`, `>=` swapped): immediate forms with pass `cmp-imm`
    /// (`codeorder`).
    fn code_order(&mut self, le: bool, e1: &mut ExpDesc<'a>, e2: &mut ExpDesc<'a>) -> CResult<()> {
        let line = self.line;
        let (op, r1, r2, is_float);
        if let Some((im, f)) = e2.sc_number()
            && self.opt.apply(Pass::CmpImm, line)
        {
            r1 = self.exp2anyreg(e1)?;
            r2 = im;
            is_float = f;
            op = if le { OpCode::LeI } else { OpCode::LtI };
        } else if let Some((im, f)) = e1.sc_number()
            && self.opt.apply(Pass::CmpImm, line)
        {
            // `I < x` is `x > I`; `I <= x` is `x >= I`.
            r1 = self.exp2anyreg(e2)?;
            r2 = im;
            is_float = f;
            op = if le { OpCode::GeI } else { OpCode::GtI };
        } else {
            // An operand still open may have jump lists (`a < (b and c)`); it must be
            // complete before the other operand's code, or its jumps would skip that
            // code. The first operand is complete (in a register) unless `infix` kept
            // it as a numeral for an immediate that was not used: then the numeral is
            // loaded last. (After the swap for `>`/`>=`, the second one is complete.)
            if e1.numeral().is_some() {
                r2 = self.exp2anyreg(e2)?;
                r1 = self.exp2anyreg(e1)?;
            } else {
                r1 = self.exp2anyreg(e1)?;
                r2 = self.exp2anyreg(e2)?;
            }
            is_float = false;
            op = if le { OpCode::Le } else { OpCode::Lt };
        }
        self.free_exps(e1, e2);
        self.code_abck(op, r1, r2, is_float as u8, true);
        e1.k = ExpKind::Jmp(self.jump());
        e1.t = NO_JUMP;
        e1.f = NO_JUMP;
        Ok(())
    }

    /// `==`, `~=` (`codeeq`): EQI with pass `cmp-imm`, EQK with pass `cmp-k`.
    fn code_eq(&mut self, eq: bool, e1: &mut ExpDesc<'a>, e2: &mut ExpDesc<'a>) -> CResult<()> {
        let line = self.line;
        if !matches!(e1.k, ExpKind::NonReloc(_)) {
            // The first operand is a constant (kept by `infix`): it goes second.
            std::mem::swap(e1, e2);
        }
        let r1 = self.exp2anyreg(e1)?;
        let instruction;
        if let Some((im, is_float)) = e2.sc_number()
            && self.opt.apply(Pass::CmpImm, line)
        {
            instruction = Instruction::new_abck(OpCode::EqI, r1, im, is_float as u8, eq);
        } else if self.exp2rk(e2, Pass::CmpK)? {
            instruction = Instruction::new_abck(OpCode::EqK, r1, e2.info_index(), 0, eq);
        } else {
            let r2 = self.exp2anyreg(e2)?;
            instruction = Instruction::new_abck(OpCode::Eq, r1, r2, 0, eq);
        }
        self.free_exps(e1, e2);
        self.code_instruction(instruction);
        e1.k = ExpKind::Jmp(self.jump());
        e1.t = NO_JUMP;
        e1.f = NO_JUMP;
        Ok(())
    }

    // ------------------------------------------------------------------------------
    // Table constructors.

    /// `{ fields }` (lparser.c `constructor`).
    fn constructor(&mut self, table: &'a TableConstructor) -> CResult<ExpDesc<'a>> {
        let fields = &table.fields;
        let pc = self.code(Op::NewTable {
            a: 0,
            b: 0,
            c: 0,
            k: false,
        });
        self.code(Op::ExtraArg { ax: 0 });
        let treg = self.fs_ref().freereg as u8;
        let t = ExpDesc::new(ExpKind::NonReloc(treg));
        self.reserve_regs(1)?;
        let mut na: u32 = 0; // Array items already stored.
        let mut nh: u32 = 0; // Record items.
        let mut tostore: u32 = 0; // Array items pending in registers.
        let mut pending = ExpDesc::new(ExpKind::Void);
        for field in fields {
            // Close the previous list item (lparser.c `closelistfield`).
            if !matches!(pending.k, ExpKind::Void) {
                self.near = Some(Near::Field(field));
                self.exp2nextreg(&mut pending)?;
                self.near = None;
                pending = ExpDesc::new(ExpKind::Void);
                if tostore == limits::FIELDS_PER_FLUSH {
                    self.set_list(treg, na, tostore as i32);
                    na += tostore;
                    tostore = 0;
                }
            }
            match field {
                Field::Positional(e) => {
                    pending = self.expr(e)?;
                    tostore += 1;
                }
                Field::Keyed { key, value } => {
                    let reg = self.fs_ref().freereg;
                    nh += 1;
                    let mut k = self.expr(key)?;
                    self.exp2val(&mut k)?;
                    let mut tab = t;
                    self.indexed(&mut tab, &mut k)?;
                    let mut v = self.expr(value)?;
                    self.store_var(&tab, &mut v)?;
                    self.fs().freereg = reg;
                }
            }
        }
        // The last list item (lparser.c `lastlistfield`), coded having read the `}`: a
        // pending indexing there and the SETLIST get its line.
        self.set_line(table.close_line);
        if tostore > 0 {
            if pending.is_multi() {
                self.set_multret(&mut pending)?;
                self.set_list(treg, na, -1);
                na += tostore - 1;
            } else {
                if !matches!(pending.k, ExpKind::Void) {
                    self.near = Some(Near::Token("}"));
                    self.exp2nextreg(&mut pending)?;
                    self.near = None;
                }
                self.set_list(treg, na, tostore as i32);
                na += tostore;
            }
        }
        // Size hints (lcode.c `luaK_settablesize`).
        let rb = if nh == 0 {
            0
        } else {
            (u32::BITS - (nh - 1).leading_zeros()) + 1
        };
        let extra = na / (limits::MAXARG_C + 1);
        let rc = na % (limits::MAXARG_C + 1);
        *self.instruction(pc) = Op::NewTable {
            a: treg,
            b: rb as u8,
            c: rc as u8,
            k: extra > 0,
        }
        .encode();
        *self.instruction(pc + 1) = Op::ExtraArg { ax: extra }.encode();
        Ok(t)
    }

    /// Emits SETLIST for `tostore` items (-1: up to top) after `nelems` stored ones
    /// (`luaK_setlist`).
    fn set_list(&mut self, base: u8, nelems: u32, tostore: i32) {
        let b = if tostore == -1 { 0 } else { tostore as u8 };
        if nelems <= limits::MAXARG_C {
            self.code(Op::SetList {
                a: base,
                b,
                c: nelems as u8,
                k: false,
            });
        } else {
            let extra = nelems / (limits::MAXARG_C + 1);
            self.code(Op::SetList {
                a: base,
                b,
                c: (nelems % (limits::MAXARG_C + 1)) as u8,
                k: true,
            });
            self.code(Op::ExtraArg { ax: extra });
        }
        self.fs().freereg = base as u32 + 1;
    }
}

/// The first token of an expression as PUC would print it after "near", for error
/// messages raised while the parser stands on it (a best effort: numerals are printed
/// as values, not as written).
pub(crate) fn first_token(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Nil => "'nil'".into(),
        ExprKind::True => "'true'".into(),
        ExprKind::False => "'false'".into(),
        ExprKind::Vararg => "'...'".into(),
        ExprKind::Integer(i) if *i < 0 => "'-'".into(),
        ExprKind::Integer(i) => format!("'{i}'"),
        ExprKind::Float(f) if f.0.is_sign_negative() => "'-'".into(),
        ExprKind::Float(f) => format!("'{}'", lua_prims::numfmt::fmt_float_g14(f.0).as_str()),
        ExprKind::String(s) => format!("'\"{}\"'", String::from_utf8_lossy(s)),
        ExprKind::Function(_) => "'function'".into(),
        ExprKind::Table(_) => "'{'".into(),
        ExprKind::Binary { lhs, .. } => first_token(lhs),
        ExprKind::Unary { op, .. } => format!("'{}'", op.symbol()),
        ExprKind::Name(n) => format!("'{n}'"),
        ExprKind::Index { object, .. } => first_token(object),
        ExprKind::Call { func, .. } => first_token(func),
        ExprKind::Method { object, .. } => first_token(object),
        ExprKind::Paren(_) => "'('".into(),
    }
}

/// The token the parser would stand on when an error is raised (for "near").
#[derive(Clone, Copy, Debug)]
pub(crate) enum Near<'a> {
    /// The first token of this expression.
    Expr(&'a Expr),
    /// The first token of the right operand of a binary operator whose right priority
    /// is the number: an operand that binds less tightly was written in parentheses.
    Operand(&'a Expr, u8),
    /// The first token of this table field.
    Field(&'a Field),
    /// A punctuation token.
    Token(&'static str),
}

impl Near<'_> {
    /// The token as PUC prints it, quotes included.
    pub fn describe(self) -> String {
        match self {
            Near::Expr(e) => first_token(e),
            Near::Operand(e, limit) => match &e.kind {
                ExprKind::Binary { op, .. } if op.priority().0 <= limit => "'('".into(),
                _ => first_token(e),
            },
            Near::Field(f) => first_field_token(f),
            Near::Token(t) => format!("'{t}'"),
        }
    }
}

/// The first token of a table field.
fn first_field_token(f: &Field) -> String {
    match f {
        Field::Positional(e) => first_token(e),
        Field::Keyed { key, .. } => match &key.kind {
            ExprKind::String(s) if lua_syntax::is_name(s) => {
                format!("'{}'", String::from_utf8_lossy(s))
            }
            _ => "'['".into(),
        },
    }
}
