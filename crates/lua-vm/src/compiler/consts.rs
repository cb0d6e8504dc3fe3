//! Compile-time constants: which `local x <const> = e` declarations have a value known at
//! compile time (lcode.c `luaK_exp2const` over what the parser has folded).
//!
//! Such a variable is not a variable at all in PUC-Rio Lua: it has no register, no debug
//! information (`debug.getlocal` does not list it) and closures get no upvalue for it.
//! That is observable, so the decision is the same at every optimization level and does
//! not depend on the `fold` pass: it is made here, on the tree, with PUC's folding rules
//! ([`crate::opt::fold::fold_arith`]).

use super::{Compiler, ConstValue};
use crate::opt::fold::fold_arith;
use lua_prims::{ArithOp, Number};
use lua_syntax::ast::{BinOp, Expr, ExprKind, UnOp};

impl<'a> Compiler<'a> {
    /// The value of `e` if PUC knows it at compile time: literals (except `-0.0`, which
    /// PUC computes at run time), compile-time constants, foldable arithmetic on
    /// numerals, `not` of a constant, and `and`/`or` whose left operand is a constant
    /// that selects the right operand without a jump.
    pub fn const_value(&self, e: &'a Expr) -> Option<ConstValue<'a>> {
        match &e.kind {
            ExprKind::Nil => Some(ConstValue::Nil),
            ExprKind::True => Some(ConstValue::Bool(true)),
            ExprKind::False => Some(ConstValue::Bool(false)),
            ExprKind::Integer(i) => Some(ConstValue::Int(*i)),
            ExprKind::Float(f) if f.0 == 0.0 && f.0.is_sign_negative() => None,
            ExprKind::Float(f) => Some(ConstValue::Float(f.0)),
            ExprKind::String(s) => Some(ConstValue::Str(s)),
            ExprKind::Name(name) => self.lookup_const(name),
            ExprKind::Unary { op, operand } => {
                let v = self.const_value(operand)?;
                match op {
                    UnOp::Not => Some(ConstValue::Bool(!truthy(v))),
                    UnOp::Neg => fold(ArithOp::Unm, v, ConstValue::Int(0)),
                    UnOp::BNot => fold(ArithOp::BNot, v, ConstValue::Int(0)),
                    UnOp::Len => None,
                }
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let aop = match op {
                    BinOp::And => {
                        // A true constant emits no jump; nil and false do.
                        let l = self.const_value(lhs)?;
                        return if truthy(l) {
                            self.const_value(rhs)
                        } else {
                            None
                        };
                    }
                    BinOp::Or => {
                        let l = self.const_value(lhs)?;
                        return if truthy(l) {
                            None
                        } else {
                            self.const_value(rhs)
                        };
                    }
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
                };
                let l = self.const_value(lhs)?;
                let r = self.const_value(rhs)?;
                fold(aop, l, r)
            }
            _ => None,
        }
    }

    /// The value of the compile-time constant that `name` denotes here, if it denotes
    /// one. Resolution follows `single_var_aux` (locals, then existing upvalues, then the
    /// enclosing function) without creating upvalues.
    fn lookup_const(&self, name: &str) -> Option<ConstValue<'a>> {
        for fs in self.funcs.iter().rev() {
            for vidx in (0..fs.nactvar).rev() {
                let var = &self.actvar[fs.firstlocal + vidx];
                if var.name == name {
                    return var.value;
                }
            }
            if fs.f.upvalues.iter().any(|u| &*u.name == name) {
                return None;
            }
        }
        None
    }
}

fn truthy(v: ConstValue<'_>) -> bool {
    !matches!(v, ConstValue::Nil | ConstValue::Bool(false))
}

fn number(v: ConstValue<'_>) -> Option<Number> {
    match v {
        ConstValue::Int(i) => Some(Number::Integer(i)),
        ConstValue::Float(f) => Some(Number::Float(f)),
        _ => None,
    }
}

fn fold<'a>(op: ArithOp, a: ConstValue<'a>, b: ConstValue<'a>) -> Option<ConstValue<'a>> {
    match fold_arith(op, number(a)?, number(b)?)? {
        Number::Integer(i) => Some(ConstValue::Int(i)),
        Number::Float(f) => Some(ConstValue::Float(f)),
    }
}
