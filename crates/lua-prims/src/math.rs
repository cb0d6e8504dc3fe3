//! The `math` library functions whose results depend on Lua's number rules (lmathlib.c):
//! which subtype they return, their integer branches and their errors. Plain float
//! functions (`sin`, `exp`, ...) are Rust's `f64` methods, which call the same C library.
//!
//! The integer branches test `lua_isinteger`, which is false for strings: an engine passes
//! a numeric string argument as `Number::Float` of its value (`math.fmod("7", "2")` is
//! `1.0`, `math.abs("-3")` is `3.0`, `math.floor("3")` is `3`), except to [`tointeger`]
//! (`math.tointeger("8")` is `8`).

use crate::error::Error;
use crate::number::{F2I, Number, float_to_integer};

/// Returns an integer when the float has an exact integer value, else the float
/// (`pushnumint`, used by `floor`, `ceil` and `modf`).
#[inline]
pub fn float_to_number(f: f64) -> Number {
    match float_to_integer(f, F2I::Exact) {
        Some(i) => Number::Integer(i),
        None => Number::Float(f),
    }
}

/// `math.abs`: integers wrap (`math.abs(math.mininteger) == math.mininteger`).
pub fn abs(n: Number) -> Number {
    match n {
        Number::Integer(i) => Number::Integer(i.wrapping_abs()),
        Number::Float(f) => Number::Float(f.abs()),
    }
}

/// `math.floor`: integers unchanged, floats floored and made integers when they fit
/// (`math.floor(2^63)` stays a float).
pub fn floor(n: Number) -> Number {
    match n {
        Number::Integer(_) => n,
        Number::Float(f) => float_to_number(f.floor()),
    }
}

/// `math.ceil`.
pub fn ceil(n: Number) -> Number {
    match n {
        Number::Integer(_) => n,
        Number::Float(f) => float_to_number(f.ceil()),
    }
}

/// `math.fmod(a, b)`: with two integers, C's truncating remainder, where a zero divisor
/// is "bad argument #2 to 'fmod' (zero)" and -1 gives 0; otherwise C's `fmod` on floats.
pub fn fmod(a: Number, b: Number) -> Result<Number, Error> {
    match (a, b) {
        (Number::Integer(x), Number::Integer(y)) => {
            if (y as u64).wrapping_add(1) <= 1 {
                if y == 0 {
                    return Err(Error::argument(2, "zero"));
                }
                return Ok(Number::Integer(0));
            }
            Ok(Number::Integer(x % y))
        }
        _ => Ok(Number::Float(a.to_float() % b.to_float())),
    }
}

/// `math.modf(x)`: the integral part (an integer when it fits; for an integer argument,
/// itself) and the fractional part (always a float, `0.0` for infinities).
pub fn modf(n: Number) -> (Number, f64) {
    match n {
        Number::Integer(_) => (n, 0.0),
        Number::Float(f) => {
            let ip = if f < 0.0 { f.ceil() } else { f.floor() };
            let frac = if f == ip { 0.0 } else { f - ip };
            (float_to_number(ip), frac)
        }
    }
}

/// `math.ult(a, b)`: unsigned comparison.
pub fn ult(a: i64, b: i64) -> bool {
    (a as u64) < (b as u64)
}

/// `math.tointeger(x)` for a number (strings convert too in 5.4.9: the engine passes
/// `str_to_number(s)` for them); `None` is fail.
pub fn tointeger(n: Number) -> Option<i64> {
    n.to_integer()
}

/// `math.log(x, base)`: natural log without a base; `log2` for base 2, `log10` for base 10,
/// else `log(x) / log(base)`.
pub fn log(x: f64, base: Option<f64>) -> f64 {
    match base {
        None => x.ln(),
        Some(2.0) => x.log2(),
        Some(10.0) => x.log10(),
        Some(b) => x.ln() / b.ln(),
    }
}

/// `math.pi`.
pub const PI: f64 = std::f64::consts::PI;

/// `math.deg(x)`.
pub fn deg(x: f64) -> f64 {
    x * (180.0 / PI)
}

/// `math.rad(x)`.
pub fn rad(x: f64) -> f64 {
    x * (PI / 180.0)
}

/// `math.frexp(x)` (5.3 compatibility): `m * 2^e == x` with `0.5 <= |m| < 1`; zero,
/// infinities and NaN come back unchanged with exponent 0.
pub fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    if biased == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, biased - 1022)
}

/// `math.ldexp(m, e)` (5.3 compatibility): `m * 2^e` rounded once, as C's `ldexp`; the
/// engine converts `e` to a C `int` first (`(int)luaL_checkinteger`, which wraps).
pub fn ldexp(m: f64, e: i32) -> f64 {
    if m == 0.0 || !m.is_finite() {
        return m;
    }
    let sign = m.to_bits() & (1 << 63);
    // Write |m| as mant * 2^exp with 2^52 <= mant < 2^53.
    let (mut mant, mut exp) = {
        let bits = m.to_bits() & !(1 << 63);
        let biased = (bits >> 52) as i64;
        if biased == 0 {
            (bits, -1074)
        } else {
            (bits & ((1 << 52) - 1) | (1 << 52), biased - 1075)
        }
    };
    while mant < (1 << 52) {
        mant <<= 1;
        exp -= 1;
    }
    let biased = exp + i64::from(e) + 52 + 1023;
    if biased >= 2047 {
        return f64::from_bits(sign | f64::INFINITY.to_bits());
    }
    if biased >= 1 {
        return f64::from_bits(sign | (biased as u64) << 52 | (mant & ((1 << 52) - 1)));
    }
    // Subnormal: shift the mantissa right, rounding to nearest-even once. A carry into
    // bit 52 correctly gives the smallest normal number.
    let shift = (1 - biased) as u32;
    if shift > 60 {
        return f64::from_bits(sign);
    }
    let kept = mant >> shift;
    let rem = mant & ((1 << shift) - 1);
    let half = 1u64 << (shift - 1);
    let rounded = if rem > half || (rem == half && kept & 1 == 1) {
        kept + 1
    } else {
        kept
    };
    f64::from_bits(sign | rounded)
}
