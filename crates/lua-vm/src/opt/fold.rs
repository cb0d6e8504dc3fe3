//! Pass `fold`: constant folding of arithmetic and bitwise operations on numerals, with
//! exactly the runtime's arithmetic (`lua_prims::number::arith`).
//!
//! The code generator calls [`fold_arith`] when both operands of an operator are numeric
//! constants (literals, folded results or compile-time `<const>` locals) and uses the
//! result in place of the operation. `not` of a constant folds to a boolean (see
//! `compiler::expr`), which needs no rule here.
//!
//! Folding is valid only when the operation cannot behave differently at run time
//! (lcode.c `validop` and `constfolding`):
//! - it must not raise an error: no integer or float division or modulo by zero (the
//!   error, or the `inf`/`nan` result, happens at run time), no bitwise operation on a
//!   float without an exact integer value ("number has no integer representation");
//! - a float result must be neither NaN nor zero: NaN constants would break constant
//!   deduplication, and a zero might be `-0.0`, which must stay a run-time value
//!   (`0.0` and `-0.0` are equal as table keys and constants but print differently);
//! - integer and float results stay distinct (`1 + 1` is `2`, `1 + 1.0` is `2.0`).

use lua_prims::{ArithOp, Number};

/// The value of `a op b` (for a unary `op`, pass `Number::Integer(0)` as `b`), or
/// `None` when the rules above forbid folding it.
pub fn fold_arith(op: ArithOp, a: Number, b: Number) -> Option<Number> {
    if !is_valid(op, a, b) {
        return None;
    }
    match lua_prims::number::arith(op, a, b).ok()? {
        Number::Float(f) if f.is_nan() || f == 0.0 => None,
        result => Some(result),
    }
}

/// Whether folding `op` cannot raise an error (lcode.c `validop`).
fn is_valid(op: ArithOp, a: Number, b: Number) -> bool {
    if op.is_bitwise() {
        // Both operands need exact integer values; the unary `~` gets a fake integer `b`.
        return a.to_integer().is_some() && b.to_integer().is_some();
    }
    match op {
        ArithOp::Div | ArithOp::IDiv | ArithOp::Mod => b.to_float() != 0.0,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Number::{Float, Integer};

    fn bits(n: Option<Number>) -> Option<(bool, u64)> {
        n.map(|n| match n {
            Integer(i) => (true, i as u64),
            Float(f) => (false, f.to_bits()),
        })
    }

    #[test]
    fn folds_what_puc_folds() {
        let f = |op, a, b| bits(fold_arith(op, a, b));
        assert_eq!(
            f(ArithOp::Add, Integer(1), Integer(2)),
            bits(Some(Integer(3)))
        );
        assert_eq!(
            f(ArithOp::Add, Integer(1), Float(1.0)),
            bits(Some(Float(2.0)))
        );
        assert_eq!(
            f(ArithOp::Pow, Integer(2), Integer(53)),
            bits(Some(Float(9007199254740992.0)))
        );
        assert_eq!(
            f(ArithOp::Add, Integer(i64::MAX), Integer(1)),
            bits(Some(Integer(i64::MIN)))
        );
        assert_eq!(
            f(ArithOp::Unm, Integer(5), Integer(0)),
            bits(Some(Integer(-5)))
        );
        assert_eq!(
            f(ArithOp::BNot, Float(3.0), Integer(0)),
            bits(Some(Integer(-4)))
        );
        assert_eq!(
            f(ArithOp::Mul, Float(1e308), Integer(10)),
            bits(Some(Float(f64::INFINITY)))
        );
    }

    #[test]
    fn refuses_what_puc_refuses() {
        assert!(fold_arith(ArithOp::Div, Integer(1), Integer(0)).is_none());
        assert!(fold_arith(ArithOp::IDiv, Integer(1), Float(-0.0)).is_none());
        assert!(fold_arith(ArithOp::Mod, Float(1.5), Integer(0)).is_none());
        assert!(fold_arith(ArithOp::BOr, Float(3.5), Integer(0)).is_none());
        assert!(fold_arith(ArithOp::Shl, Integer(1), Float(0.5)).is_none());
        assert!(fold_arith(ArithOp::BNot, Float(0.5), Integer(0)).is_none());
        // Zero and NaN float results.
        assert!(fold_arith(ArithOp::Unm, Float(0.0), Integer(0)).is_none());
        assert!(fold_arith(ArithOp::Sub, Float(1.0), Float(1.0)).is_none());
        assert!(fold_arith(ArithOp::Mul, Float(f64::INFINITY), Integer(0)).is_none());
        assert!(fold_arith(ArithOp::Add, Float(f64::INFINITY), Float(f64::NEG_INFINITY)).is_none());
        // An integer zero result is fine.
        assert!(fold_arith(ArithOp::Sub, Integer(1), Integer(1)).is_some());
    }
}
