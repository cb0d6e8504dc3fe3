//! Which expressions PUC-Rio Lua treats as compile-time constants (lcode.c's constant folding).
//!
//! It matters for one thing visible to programs: a `local x <const> = e` whose value
//! `e` is a compile-time constant is not a variable at all, so closures referring to `x`
//! get no upvalue for it, which changes when the limit of 255 upvalues is reached. The
//! rules mirror `luaK_exp2const`: literals, other such constants, and arithmetic or
//! bitwise operations on numerals that PUC folds (never a division by zero, never a
//! NaN or zero float result, bitwise operations only on integral values); `not` of a
//! constant; `and`/`or` whose left operand decides statically to yield the right one.

use crate::ast::{BinOp, Expr, ExprKind, UnOp};

/// The value of a compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ConstVal {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str,
}

impl ConstVal {
    fn truthy(&self) -> bool {
        !matches!(self, ConstVal::Nil | ConstVal::Bool(false))
    }
}

/// The constant value of `e`, if PUC-Rio Lua would know it at compile time. `lookup`
/// resolves a name to the value of the compile-time constant it denotes, if any.
pub(crate) fn const_value(
    e: &Expr,
    lookup: &mut dyn FnMut(&str) -> Option<ConstVal>,
) -> Option<ConstVal> {
    // A left-associative chain (`1 + 2 + ... + n`) can be as long as the source, so its
    // left spine is walked with a loop; everything else nests at most ~200 levels.
    let mut spine = Vec::new();
    let mut leftmost = e;
    while let ExprKind::Binary { op, lhs, rhs } = &leftmost.kind {
        spine.push((*op, &**rhs));
        leftmost = lhs;
    }
    let mut value = operand_value(leftmost, lookup)?;
    for (op, rhs) in spine.into_iter().rev() {
        value = match op {
            // A true constant left operand emits no jump; nil and false do.
            BinOp::And if value.truthy() => const_value(rhs, lookup)?,
            BinOp::Or if !value.truthy() => const_value(rhs, lookup)?,
            BinOp::And | BinOp::Or => return None,
            _ => fold(Op::from_binop(op)?, &value, &const_value(rhs, lookup)?)?,
        };
    }
    Some(value)
}

/// The constant value of an expression that is not a binary operation.
fn operand_value(e: &Expr, lookup: &mut dyn FnMut(&str) -> Option<ConstVal>) -> Option<ConstVal> {
    match &e.kind {
        ExprKind::Nil => Some(ConstVal::Nil),
        ExprKind::True => Some(ConstVal::Bool(true)),
        ExprKind::False => Some(ConstVal::Bool(false)),
        ExprKind::String(_) => Some(ConstVal::Str),
        ExprKind::Integer(i) => Some(ConstVal::Int(*i)),
        // The parser folds `-0.0` into a literal, but PUC refuses to fold a zero result.
        ExprKind::Float(f) if f.0 == 0.0 && f.0.is_sign_negative() => None,
        ExprKind::Float(f) => Some(ConstVal::Float(f.0)),
        ExprKind::Name(n) => lookup(n),
        ExprKind::Unary { op, operand } => {
            let v = const_value(operand, lookup)?;
            match op {
                UnOp::Not => Some(ConstVal::Bool(!v.truthy())),
                UnOp::Neg => fold(Op::Unm, &v, &ConstVal::Int(0)),
                UnOp::BNot => fold(Op::BNot, &v, &ConstVal::Int(0)),
                UnOp::Len => None,
            }
        }
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
}

impl Op {
    fn from_binop(op: BinOp) -> Option<Op> {
        Some(match op {
            BinOp::Add => Op::Add,
            BinOp::Sub => Op::Sub,
            BinOp::Mul => Op::Mul,
            BinOp::Mod => Op::Mod,
            BinOp::Pow => Op::Pow,
            BinOp::Div => Op::Div,
            BinOp::IDiv => Op::IDiv,
            BinOp::BAnd => Op::BAnd,
            BinOp::BOr => Op::BOr,
            BinOp::BXor => Op::BXor,
            BinOp::Shl => Op::Shl,
            BinOp::Shr => Op::Shr,
            _ => return None,
        })
    }

    fn is_bitwise(self) -> bool {
        matches!(
            self,
            Op::BAnd | Op::BOr | Op::BXor | Op::Shl | Op::Shr | Op::BNot
        )
    }
}

/// An integer with the same value as `v`, if there is one (`luaV_tointegerns` with
/// exact conversion).
fn to_integer(v: &ConstVal) -> Option<i64> {
    match *v {
        ConstVal::Int(i) => Some(i),
        ConstVal::Float(f) => float_to_integer(f),
        _ => None,
    }
}

fn float_to_integer(f: f64) -> Option<i64> {
    // [-2^63, 2^63) and integral.
    if f.floor() == f && (-9223372036854775808.0..9223372036854775808.0).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

fn to_float(v: &ConstVal) -> Option<f64> {
    match *v {
        ConstVal::Int(i) => Some(i as f64),
        ConstVal::Float(f) => Some(f),
        _ => None,
    }
}

/// `constfolding`: the folded value of `a op b` over numerals, or `None` when PUC does
/// not fold it.
fn fold(op: Op, a: &ConstVal, b: &ConstVal) -> Option<ConstVal> {
    if !matches!(a, ConstVal::Int(_) | ConstVal::Float(_))
        || !matches!(b, ConstVal::Int(_) | ConstVal::Float(_))
    {
        return None;
    }
    // validop
    if op.is_bitwise() {
        to_integer(a)?;
        to_integer(b)?;
    }
    if matches!(op, Op::Div | Op::IDiv | Op::Mod) && to_float(b)? == 0.0 {
        return None;
    }
    let result = if op.is_bitwise() {
        let (x, y) = (to_integer(a)?, to_integer(b)?);
        ConstVal::Int(match op {
            Op::BAnd => x & y,
            Op::BOr => x | y,
            Op::BXor => x ^ y,
            Op::Shl => shift_left(x, y),
            Op::Shr => shift_left(x, y.wrapping_neg()),
            _ => !x,
        })
    } else if let (ConstVal::Int(x), ConstVal::Int(y), false) =
        (a, b, matches!(op, Op::Div | Op::Pow))
    {
        let (x, y) = (*x, *y);
        ConstVal::Int(match op {
            Op::Add => x.wrapping_add(y),
            Op::Sub => x.wrapping_sub(y),
            Op::Mul => x.wrapping_mul(y),
            Op::Mod => int_mod(x, y),
            Op::IDiv => int_idiv(x, y),
            _ => x.wrapping_neg(),
        })
    } else {
        let (x, y) = (to_float(a)?, to_float(b)?);
        let r = match op {
            Op::Add => x + y,
            Op::Sub => x - y,
            Op::Mul => x * y,
            Op::Div => x / y,
            Op::Pow => {
                if y == 2.0 {
                    x * x
                } else {
                    x.powf(y)
                }
            }
            Op::IDiv => (x / y).floor(),
            Op::Mod => float_mod(x, y),
            _ => -x,
        };
        if r.is_nan() || r == 0.0 {
            return None;
        }
        ConstVal::Float(r)
    };
    Some(result)
}

fn shift_left(x: i64, y: i64) -> i64 {
    if y <= -64 || y >= 64 {
        0
    } else if y >= 0 {
        ((x as u64) << y) as i64
    } else {
        ((x as u64) >> (-y)) as i64
    }
}

fn int_mod(m: i64, n: i64) -> i64 {
    if n == -1 {
        return 0;
    }
    let r = m % n;
    if r != 0 && (r ^ n) < 0 { r + n } else { r }
}

fn int_idiv(m: i64, n: i64) -> i64 {
    if n == -1 {
        return m.wrapping_neg();
    }
    let q = m / n;
    if (m % n != 0) && ((m ^ n) < 0) {
        q - 1
    } else {
        q
    }
}

fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if (m > 0.0 && b < 0.0) || (m < 0.0 && b > 0.0) {
        m + b
    } else {
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_rules() {
        let i = ConstVal::Int;
        let f = ConstVal::Float;
        assert_eq!(fold(Op::Add, &i(1), &i(2)), Some(i(3)));
        assert_eq!(fold(Op::Div, &i(1), &i(0)), None);
        assert_eq!(fold(Op::IDiv, &i(7), &i(-2)), Some(i(-4)));
        assert_eq!(fold(Op::Mod, &i(-7), &i(2)), Some(i(1)));
        assert_eq!(fold(Op::Sub, &f(1.0), &f(1.0)), None);
        assert_eq!(fold(Op::BOr, &f(1.5), &i(0)), None);
        assert_eq!(fold(Op::BOr, &f(2.0), &i(1)), Some(i(3)));
        assert_eq!(fold(Op::Unm, &i(i64::MIN), &i(0)), Some(i(i64::MIN)));
        assert_eq!(fold(Op::Shr, &i(-1), &i(1)), Some(i(i64::MAX)));
        assert_eq!(
            fold(Op::Mod, &f(-1.0), &f(f64::INFINITY)),
            Some(f(f64::INFINITY))
        );
        assert_eq!(fold(Op::Add, &ConstVal::Str, &i(1)), None);
    }
}
