//! The numeric `for` loop's preparation and float step (lvm.c `forprep`, `forlimit`,
//! `floatforloop`), shared so both engines run exactly PUC's number of iterations.
//!
//! An integer loop (initial value and step both integers) precomputes an unsigned
//! iteration count, so its control variable never overflows; a float limit is floored or
//! ceiled and clipped to the integer range. Otherwise all three values become floats and
//! the loop accumulates `i += step`. Numeric strings are accepted, but never make an
//! integer loop.

use crate::number::{F2I, Number};

/// A `for` operand as the engine sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ForValue {
    /// A number.
    Number(Number),
    /// A string that converts to this number (`luaO_str2num`).
    NumericString(Number),
    /// Anything else (the engine knows its type name for the error).
    Other,
}

impl From<Number> for ForValue {
    fn from(n: Number) -> ForValue {
        ForValue::Number(n)
    }
}

impl ForValue {
    /// The value converted to a number, strings included (`tonumber` in lvm.c).
    fn number(self) -> Option<Number> {
        match self {
            ForValue::Number(n) | ForValue::NumericString(n) => Some(n),
            ForValue::Other => None,
        }
    }
}

/// Which `for` operand is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForPart {
    InitialValue,
    Limit,
    Step,
}

impl ForPart {
    /// The name in error messages.
    pub fn name(self) -> &'static str {
        match self {
            ForPart::InitialValue => "initial value",
            ForPart::Limit => "limit",
            ForPart::Step => "step",
        }
    }
}

/// A runtime error of `for` preparation (the engine adds `chunk:line:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForError {
    /// "'for' step is zero".
    StepIsZero,
    /// "bad 'for' {part} (number expected, got {type})".
    NotANumber(ForPart),
}

impl ForError {
    /// The message, given the type name of the offending value (`luaT_objtypename`, which
    /// honours `__name`) for [`ForError::NotANumber`].
    pub fn message(self, type_name: &str) -> String {
        match self {
            ForError::StepIsZero => "'for' step is zero".to_string(),
            ForError::NotANumber(part) => {
                format!(
                    "bad 'for' {} (number expected, got {})",
                    part.name(),
                    type_name
                )
            }
        }
    }
}

/// How a prepared loop runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ForPrep {
    /// The loop body never runs.
    Skip,
    /// An integer loop: the body runs `count + 1` times, with the control variable
    /// `init`, `init + step`, ... (wrapping additions; the count guarantees no overflow
    /// is ever observed). PUC's `OP_FORLOOP`: `if count > 0 { count -= 1; i += step; loop }`.
    Integer { init: i64, step: i64, count: u64 },
    /// A float loop: starts at `init`; each step is [`float_for_next`].
    Float { init: f64, limit: f64, step: f64 },
}

/// The integer limit of an integer loop (`forlimit`): `None` when the loop must not run.
fn for_limit(init: i64, limit: ForValue, step: i64) -> Result<Option<i64>, ForError> {
    let mode = if step < 0 { F2I::Ceil } else { F2I::Floor };
    let Some(n) = limit.number() else {
        return Err(ForError::NotANumber(ForPart::Limit));
    };
    let p = match n.to_integer_mode(mode) {
        Some(p) => p,
        None => {
            // A float out of the integer range (or NaN, which PUC treats as negative):
            // clip it, or skip when no initial value can reach it.
            let f = n.to_float();
            if 0.0 < f {
                if step < 0 {
                    return Ok(None);
                }
                i64::MAX
            } else {
                if step > 0 {
                    return Ok(None);
                }
                i64::MIN
            }
        }
    };
    let skip = if step > 0 { init > p } else { init < p };
    Ok(if skip { None } else { Some(p) })
}

/// Prepares a numeric `for` loop (`forprep`), raising PUC's errors in PUC's order.
pub fn for_prep(init: ForValue, limit: ForValue, step: ForValue) -> Result<ForPrep, ForError> {
    if let (ForValue::Number(Number::Integer(init)), ForValue::Number(Number::Integer(step))) =
        (init, step)
    {
        if step == 0 {
            return Err(ForError::StepIsZero);
        }
        let Some(limit) = for_limit(init, limit, step)? else {
            return Ok(ForPrep::Skip);
        };
        let count = if step > 0 {
            let count = (limit as u64).wrapping_sub(init as u64);
            if step != 1 {
                count / step as u64
            } else {
                count
            }
        } else {
            // `step + 1` avoids negating minint.
            let count = (init as u64).wrapping_sub(limit as u64);
            count / ((-(step + 1)) as u64 + 1)
        };
        return Ok(ForPrep::Integer { init, step, count });
    }
    let limit = limit
        .number()
        .ok_or(ForError::NotANumber(ForPart::Limit))?
        .to_float();
    let step = step
        .number()
        .ok_or(ForError::NotANumber(ForPart::Step))?
        .to_float();
    let init = init
        .number()
        .ok_or(ForError::NotANumber(ForPart::InitialValue))?
        .to_float();
    if step == 0.0 {
        return Err(ForError::StepIsZero);
    }
    let skip = if 0.0 < step {
        limit < init
    } else {
        init < limit
    };
    Ok(if skip {
        ForPrep::Skip
    } else {
        ForPrep::Float { init, limit, step }
    })
}

/// One step of a float loop (`floatforloop`): the next control value, or `None` when the
/// loop ends.
#[inline]
pub fn float_for_next(index: f64, limit: f64, step: f64) -> Option<f64> {
    let next = index + step;
    let go_on = if 0.0 < step {
        next <= limit
    } else {
        limit <= next
    };
    if go_on { Some(next) } else { None }
}
