//! Lua numbers: the two subtypes, arithmetic with Lua's integer/float rules, exact conversions
//! and comparisons between subtypes, and string-to-number coercions (lvm.c, lobject.c, llimits.h).
//!
//! Everything here is total and panic-free: integer arithmetic wraps, division and modulo
//! by zero are reported as [`ArithError`], and float-to-integer conversions never use Rust's
//! saturating `as` casts on values that could be out of range.

use crate::error::Error;
pub use lua_syntax::number::{Numeral, is_space, str2number};

/// A Lua number: an integer or a float (Lua's two number subtypes).
#[derive(Clone, Copy, Debug)]
pub enum Number {
    Integer(i64),
    Float(f64),
}

/// How a float becomes an integer (PUC's `F2Imod`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum F2I {
    /// Only integral values convert (`F2Ieq`): what Lua uses everywhere except `for` limits.
    Exact,
    /// Take the floor first (`F2Ifloor`).
    Floor,
    /// Take the ceiling first (`F2Iceil`).
    Ceil,
}

/// Exact equality by value: `Integer(1) == Float(1.0)`, NaN is unequal to everything.
impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        num_eq(*self, *other)
    }
}

/// `tostring` of the number (`3`, `3.0`, `1e+100`, `-nan`).
impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(crate::numfmt::fmt_number(*self).as_str())
    }
}

impl From<i64> for Number {
    fn from(i: i64) -> Number {
        Number::Integer(i)
    }
}

impl From<f64> for Number {
    fn from(f: f64) -> Number {
        Number::Float(f)
    }
}

impl From<Numeral> for Number {
    fn from(n: Numeral) -> Number {
        match n {
            Numeral::Integer(i) => Number::Integer(i),
            Numeral::Float(f) => Number::Float(f),
        }
    }
}

impl From<Number> for Numeral {
    fn from(n: Number) -> Numeral {
        match n {
            Number::Integer(i) => Numeral::Integer(i),
            Number::Float(f) => Numeral::Float(f),
        }
    }
}

impl Number {
    /// The value as a float (`cast_num`): integers beyond 2^53 round to nearest.
    #[inline]
    pub fn to_float(self) -> f64 {
        match self {
            Number::Integer(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    /// The value as an integer if it has an exact integer representation
    /// (`luaV_tointegerns` with `F2Ieq`): `3.0` converts, `3.5`, `2^63` and NaN do not.
    #[inline]
    pub fn to_integer(self) -> Option<i64> {
        self.to_integer_mode(F2I::Exact)
    }

    /// The value as an integer, rounding floats according to `mode`.
    #[inline]
    pub fn to_integer_mode(self, mode: F2I) -> Option<i64> {
        match self {
            Number::Integer(i) => Some(i),
            Number::Float(f) => float_to_integer(f, mode),
        }
    }

    /// Whether this is the integer subtype.
    #[inline]
    pub fn is_integer(self) -> bool {
        matches!(self, Number::Integer(_))
    }

    /// What `math.type` returns: `"integer"` or `"float"`.
    pub fn subtype_name(self) -> &'static str {
        match self {
            Number::Integer(_) => "integer",
            Number::Float(_) => "float",
        }
    }

    /// Table-key normalisation: a float with an integral value in range becomes an integer
    /// key; any other number is returned unchanged (NaN keys are the engine's error).
    #[inline]
    pub fn normalize_key(self) -> Number {
        match self {
            Number::Float(f) => match float_to_integer(f, F2I::Exact) {
                Some(i) => Number::Integer(i),
                None => self,
            },
            n => n,
        }
    }
}

/// 2^63 as a float: the first float above every integer.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// Converts a float to an integer according to `mode` (`luaV_flttointeger`): `None` when
/// the (rounded) value is not integral or is outside [-2^63, 2^63), and for NaN.
#[inline]
pub fn float_to_integer(f: f64, mode: F2I) -> Option<i64> {
    let mut floor = f.floor();
    if f != floor {
        match mode {
            F2I::Exact => return None,
            F2I::Floor => {}
            // `f != floor` means `f` is not integral, so the ceiling is one more.
            F2I::Ceil => floor += 1.0,
        }
    }
    // The range test also rejects NaN (every comparison with NaN is false). Inside the
    // range an integral float converts exactly, so the cast cannot saturate.
    if (-TWO_POW_63..TWO_POW_63).contains(&floor) {
        Some(floor as i64)
    } else {
        None
    }
}

/// Whether an integer converts to a float exactly because it is within ±2^53
/// (`l_intfitsf`); larger integers may still convert exactly, but need not.
#[inline]
pub fn int_fits_float(i: i64) -> bool {
    const MAXINTFITSF: u64 = 1 << 53;
    MAXINTFITSF.wrapping_add(i as u64) <= 2 * MAXINTFITSF
}

// ---------------------------------------------------------------------------------------
// Arithmetic.

/// Lua's arithmetic and bitwise operators, in PUC's `LUA_OPADD..LUA_OPBNOT` order (which is
/// also the order of the `__add..__bnot` metamethod events).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArithOp {
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

impl ArithOp {
    /// Every operator, in PUC order.
    pub const ALL: [ArithOp; 14] = [
        ArithOp::Add,
        ArithOp::Sub,
        ArithOp::Mul,
        ArithOp::Mod,
        ArithOp::Pow,
        ArithOp::Div,
        ArithOp::IDiv,
        ArithOp::BAnd,
        ArithOp::BOr,
        ArithOp::BXor,
        ArithOp::Shl,
        ArithOp::Shr,
        ArithOp::Unm,
        ArithOp::BNot,
    ];

    /// The metamethod event name (`"__add"`, ...).
    pub fn event(self) -> &'static str {
        match self {
            ArithOp::Add => "__add",
            ArithOp::Sub => "__sub",
            ArithOp::Mul => "__mul",
            ArithOp::Mod => "__mod",
            ArithOp::Pow => "__pow",
            ArithOp::Div => "__div",
            ArithOp::IDiv => "__idiv",
            ArithOp::BAnd => "__band",
            ArithOp::BOr => "__bor",
            ArithOp::BXor => "__bxor",
            ArithOp::Shl => "__shl",
            ArithOp::Shr => "__shr",
            ArithOp::Unm => "__unm",
            ArithOp::BNot => "__bnot",
        }
    }

    /// The operator as written in Lua source (`-` for both `Sub` and `Unm`).
    pub fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub | ArithOp::Unm => "-",
            ArithOp::Mul => "*",
            ArithOp::Mod => "%",
            ArithOp::Pow => "^",
            ArithOp::Div => "/",
            ArithOp::IDiv => "//",
            ArithOp::BAnd => "&",
            ArithOp::BOr => "|",
            ArithOp::BXor | ArithOp::BNot => "~",
            ArithOp::Shl => "<<",
            ArithOp::Shr => ">>",
        }
    }

    /// Whether the operator works on integers only (`& | ~ << >>` and unary `~`).
    pub fn is_bitwise(self) -> bool {
        matches!(
            self,
            ArithOp::BAnd
                | ArithOp::BOr
                | ArithOp::BXor
                | ArithOp::Shl
                | ArithOp::Shr
                | ArithOp::BNot
        )
    }

    /// Whether the operator takes one operand (`-x`, `~x`).
    pub fn is_unary(self) -> bool {
        matches!(self, ArithOp::Unm | ArithOp::BNot)
    }
}

/// An arithmetic error between two numbers. These are runtime errors (`luaG_runerror`):
/// when raised by Lua code the engine prefixes `chunk:line:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithError {
    /// Integer `//` by zero: "attempt to divide by zero".
    DivideByZero,
    /// Integer `%` by zero: "attempt to perform 'n%0'".
    ModuloByZero,
    /// A bitwise operand is a float without an exact integer value. `operand` is the one
    /// PUC blames (0 for the first, 1 for the second): the first operand if it does not
    /// convert, else the second. The engine writes
    /// "number" + variable info of that operand + " has no integer representation".
    NoIntegerRepresentation { operand: usize },
}

impl ArithError {
    /// The message without variable information.
    pub fn message(self) -> &'static str {
        match self {
            ArithError::DivideByZero => "attempt to divide by zero",
            ArithError::ModuloByZero => "attempt to perform 'n%0'",
            ArithError::NoIntegerRepresentation { .. } => "number has no integer representation",
        }
    }
}

impl std::fmt::Display for ArithError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

/// The message of a failed bitwise conversion with the engine's variable information
/// (for example `" (local 'x')"`, or `""`): `number (local 'x') has no integer representation`.
pub fn no_integer_representation_message(varinfo: &str) -> String {
    format!("number{varinfo} has no integer representation")
}

/// The error of the string library's arithmetic metamethods when an operand is not a
/// numeral and the other operand has no metamethod (`trymt` in lstrlib.c):
/// "attempt to add a 'string' with a 'table'". `first` and `second` are the type names of
/// the two operands (for unary minus, PUC passes the operand twice).
///
/// `"10" + 1` reaches the string metatable's `__add`, which converts both operands with
/// [`str_to_number`] and applies [`arith`]. This message is a `luaL_error`, so it carries
/// the position of the Lua code that did the arithmetic (`input:1: attempt to add...`),
/// while an [`ArithError`] raised there (`"1" // 0`) comes from inside a C function, where
/// PUC's `luaG_runerror` adds no position: plain "attempt to divide by zero".
pub fn string_arith_message(op: ArithOp, first: &str, second: &str) -> String {
    format!(
        "attempt to {} a '{first}' with a '{second}'",
        &op.event()[2..]
    )
}

/// Applies `op` to two numbers with Lua's rules (`luaO_rawarith` on numbers): bitwise
/// operators need exact integers, `/` and `^` always give floats, other operators give an
/// integer when both operands are integers and a float otherwise. Unary operators ignore `b`
/// (pass `a` twice, as PUC does).
#[inline]
pub fn arith(op: ArithOp, a: Number, b: Number) -> Result<Number, ArithError> {
    use Number::{Float, Integer};
    if op.is_bitwise() {
        let Some(x) = a.to_integer() else {
            return Err(ArithError::NoIntegerRepresentation { operand: 0 });
        };
        let Some(y) = b.to_integer() else {
            return Err(ArithError::NoIntegerRepresentation { operand: 1 });
        };
        return int_arith(op, x, y);
    }
    match (op, a, b) {
        (ArithOp::Div | ArithOp::Pow, _, _) => {
            Ok(Float(float_arith(op, a.to_float(), b.to_float())))
        }
        (_, Integer(x), Integer(y)) => int_arith(op, x, y),
        (_, Float(x), Float(y)) => Ok(Float(float_arith(op, x, y))),
        _ => Ok(Float(float_arith(op, a.to_float(), b.to_float()))),
    }
}

/// Applies `op` to two integers (`intarith`); `/` and `^` convert both to floats and give
/// a float, every other operator gives an integer.
#[inline]
pub fn int_arith(op: ArithOp, x: i64, y: i64) -> Result<Number, ArithError> {
    Ok(Number::Integer(match op {
        ArithOp::Add => x.wrapping_add(y),
        ArithOp::Sub => x.wrapping_sub(y),
        ArithOp::Mul => x.wrapping_mul(y),
        ArithOp::Mod => int_mod(x, y)?,
        ArithOp::IDiv => int_idiv(x, y)?,
        ArithOp::BAnd => x & y,
        ArithOp::BOr => x | y,
        ArithOp::BXor => x ^ y,
        ArithOp::Shl => shift_left(x, y),
        ArithOp::Shr => shift_right(x, y),
        ArithOp::Unm => 0i64.wrapping_sub(x),
        ArithOp::BNot => !x,
        ArithOp::Div | ArithOp::Pow => {
            return Ok(Number::Float(float_arith(op, x as f64, y as f64)));
        }
    }))
}

/// Applies a non-bitwise `op` to two floats (`numarith`). Bitwise operators return NaN;
/// [`arith`] never passes them.
#[inline]
pub fn float_arith(op: ArithOp, x: f64, y: f64) -> f64 {
    match op {
        ArithOp::Add => float_add(x, y),
        ArithOp::Sub => x - y,
        ArithOp::Mul => float_mul(x, y),
        ArithOp::Div => x / y,
        ArithOp::Pow => float_pow(x, y),
        ArithOp::IDiv => float_idiv(x, y),
        ArithOp::Unm => -x,
        ArithOp::Mod => float_mod(x, y),
        _ => f64::NAN,
    }
}

/// Float addition as the native build computes it. Addition is commutative except for
/// which NaN comes out when both operands are NaN: x86 returns its first operand's, and
/// native Lua's `+` puts `y` first (`(-(0/0)) + (0/0)` is `nan` in lua5.4.9, and the
/// reverse is `-nan`). LLVM commutes `x + y` freely, so the choice is made explicitly.
#[inline]
pub fn float_add(x: f64, y: f64) -> f64 {
    second_nan(x, y, x + y)
}

/// Float multiplication as the native engine computes it, with `+`'s rule for two NaNs:
/// the second operand's. For `*` that rule is the C compiler's choice of operand order
/// (lua5.4.9's own build gives the first operand's; PUC compiled at -O3, as Cargo.toml
/// pins it for every profile, the second's), and LLVM commutes `x * y` freely, so the
/// choice is made explicitly. lua-vm's interpreter follows the same rule.
#[inline]
pub fn float_mul(x: f64, y: f64) -> f64 {
    second_nan(x, y, x * y)
}

/// `r`, the result of `x op y`, unless both operands are NaN: then `y`'s NaN, quieted
/// as the hardware quiets a signalling NaN (the quiet bit set).
#[inline]
fn second_nan(x: f64, y: f64, r: f64) -> f64 {
    if r.is_nan() && x.is_nan() && y.is_nan() {
        return f64::from_bits(y.to_bits() | (1 << 51));
    }
    r
}

/// Integer floor division (`luaV_idiv`): `7 // -2 == -4`, `minint // -1 == minint`,
/// `x // 0` is [`ArithError::DivideByZero`].
#[inline]
pub fn int_idiv(m: i64, n: i64) -> Result<i64, ArithError> {
    if (n as u64).wrapping_add(1) <= 1 {
        // n is 0 or -1: -1 is special-cased because minint / -1 overflows.
        if n == 0 {
            return Err(ArithError::DivideByZero);
        }
        return Ok(0i64.wrapping_sub(m));
    }
    let q = m / n;
    // Rust's division truncates; floor division is one less when the signs differ and
    // the division is inexact.
    if (m ^ n) < 0 && m % n != 0 {
        Ok(q - 1)
    } else {
        Ok(q)
    }
}

/// Integer floor modulo (`luaV_mod`): the result has the sign of the divisor,
/// `minint % -1 == 0`, `x % 0` is [`ArithError::ModuloByZero`].
#[inline]
pub fn int_mod(m: i64, n: i64) -> Result<i64, ArithError> {
    if (n as u64).wrapping_add(1) <= 1 {
        if n == 0 {
            return Err(ArithError::ModuloByZero);
        }
        return Ok(0);
    }
    let r = m % n;
    if r != 0 && (r ^ n) < 0 {
        Ok(r + n)
    } else {
        Ok(r)
    }
}

/// Float floor division: `floor(x / y)` (`5.0 // 0 == inf`).
#[inline]
pub fn float_idiv(x: f64, y: f64) -> f64 {
    (x / y).floor()
}

/// Float modulo (`luai_nummod`): C's `fmod`, then moved into the divisor's sign
/// (`-1 % math.huge == math.huge`, `5.0 % -math.huge == -inf`).
#[inline]
pub fn float_mod(x: f64, y: f64) -> f64 {
    // Rust's `%` on floats is C's `fmod`.
    let m = x % y;
    if if m > 0.0 { y < 0.0 } else { m < 0.0 && y > 0.0 } {
        m + y
    } else {
        m
    }
}

/// Float exponentiation (`luai_numpow`): `x * x` when `y == 2`, else C's `pow`.
#[inline]
pub fn float_pow(x: f64, y: f64) -> f64 {
    if y == 2.0 { x * x } else { x.powf(y) }
}

/// `x << y` with Lua's rules (`luaV_shiftl`): logical shifts, counts of 64 or more give 0,
/// negative counts shift right.
#[inline]
pub fn shift_left(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> (-y)) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << y) as i64
    }
}

/// `x >> y` with Lua's rules (`luaV_shiftr`): logical, so `-1 >> 1 == maxint`.
#[inline]
pub fn shift_right(x: i64, y: i64) -> i64 {
    shift_left(x, 0i64.wrapping_sub(y))
}

// ---------------------------------------------------------------------------------------
// Comparisons.

/// `i < f`, exactly (`LTintfloat`).
#[inline]
pub fn int_lt_float(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) < f
    } else {
        // i < f <=> i < ceil(f); a ceiling out of range is above or below every integer.
        match float_to_integer(f, F2I::Ceil) {
            Some(fi) => i < fi,
            None => f > 0.0,
        }
    }
}

/// `i <= f`, exactly (`LEintfloat`).
#[inline]
pub fn int_le_float(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) <= f
    } else {
        match float_to_integer(f, F2I::Floor) {
            Some(fi) => i <= fi,
            None => f > 0.0,
        }
    }
}

/// `f < i`, exactly (`LTfloatint`).
#[inline]
pub fn float_lt_int(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f < (i as f64)
    } else {
        match float_to_integer(f, F2I::Floor) {
            Some(fi) => fi < i,
            None => f < 0.0,
        }
    }
}

/// `f <= i`, exactly (`LEfloatint`).
#[inline]
pub fn float_le_int(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f <= (i as f64)
    } else {
        match float_to_integer(f, F2I::Ceil) {
            Some(fi) => fi <= i,
            None => f < 0.0,
        }
    }
}

/// `a < b` for numbers (`LTnum`): exact across subtypes, false with NaN.
#[inline]
pub fn num_lt(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Integer(x), Number::Integer(y)) => x < y,
        (Number::Integer(x), Number::Float(y)) => int_lt_float(x, y),
        (Number::Float(x), Number::Integer(y)) => float_lt_int(x, y),
        (Number::Float(x), Number::Float(y)) => x < y,
    }
}

/// `a <= b` for numbers (`LEnum`).
#[inline]
pub fn num_le(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Integer(x), Number::Integer(y)) => x <= y,
        (Number::Integer(x), Number::Float(y)) => int_le_float(x, y),
        (Number::Float(x), Number::Integer(y)) => float_le_int(x, y),
        (Number::Float(x), Number::Float(y)) => x <= y,
    }
}

/// `a == b` for numbers (`luaV_equalobj`): an integer equals a float only when the float
/// has exactly that integer value (`2^53 ~= (1<<53)+1`, `math.maxinteger ~= 2^63`).
#[inline]
pub fn num_eq(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Integer(x), Number::Integer(y)) => x == y,
        (Number::Float(x), Number::Float(y)) => x == y,
        (Number::Integer(i), Number::Float(f)) | (Number::Float(f), Number::Integer(i)) => {
            float_to_integer(f, F2I::Exact) == Some(i)
        }
    }
}

// ---------------------------------------------------------------------------------------
// Strings to numbers.

/// Converts a string to a number as `tonumber(s)` and the arithmetic coercions do
/// (`luaO_str2num` through [`str2number`]): `"10"` is an integer, `"3.0"` and `"0x1p4"` are
/// floats, surrounding whitespace is allowed, `"inf"`, `"nan"` and embedded zeros are not.
#[inline]
pub fn str_to_number(s: &[u8]) -> Option<Number> {
    str2number(s).map(Number::from)
}

/// Converts a string to an integer as `luaL_checkinteger` and `lua_tointegerx` do: the
/// string must be a numeral whose value is an integer or an integral float (`"10"`, `"3.0"`,
/// `"0x10"`; not `"3.5"`, not `"1e100"`).
#[inline]
pub fn str_to_integer(s: &[u8]) -> Option<i64> {
    str_to_number(s)?.to_integer()
}

/// The whitespace `tonumber(s, base)` skips (`SPACECHARS` in lbaselib.c).
fn is_base_space(c: u8) -> bool {
    matches!(c, b' ' | b'\x0c' | b'\n' | b'\r' | b'\t' | b'\x0b')
}

/// `tonumber(s, base)`: an integer numeral in `base` (2..=36) with optional surrounding
/// whitespace and one optional sign, wrapping around on overflow as PUC does; `Ok(None)`
/// when `s` is not such a numeral. A base out of range is an argument error on argument 2
/// ("base out of range"). The engine must first check that argument 1 is a string
/// (`tonumber(10, 16)` is "string expected, got number").
pub fn tonumber_base(s: &[u8], base: i64) -> Result<Option<i64>, Error> {
    if !(2..=36).contains(&base) {
        return Err(Error::argument(2, "base out of range"));
    }
    let base = base as u64;
    let mut i = 0;
    while i < s.len() && is_base_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    match s.get(i) {
        Some(b'-') => {
            negative = true;
            i += 1;
        }
        Some(b'+') => i += 1,
        _ => {}
    }
    if !s.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return Ok(None);
    }
    let mut n: u64 = 0;
    while let Some(&c) = s.get(i) {
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            b'A'..=b'Z' => c - b'A' + 10,
            _ => break,
        } as u64;
        if digit >= base {
            return Ok(None);
        }
        n = n.wrapping_mul(base).wrapping_add(digit);
        i += 1;
    }
    while i < s.len() && is_base_space(s[i]) {
        i += 1;
    }
    if i != s.len() {
        return Ok(None);
    }
    Ok(Some(if negative { 0u64.wrapping_sub(n) } else { n } as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sum_or_product_of_two_nans_is_the_second_operands_nan() {
        // The native engine (PUC compiled at -O3, as Cargo.toml pins it) gives
        // `(-(0/0)) * (0/0)` as -nan and the reverse as nan; + likewise.
        let (negative, positive) = (f64::from_bits(0xfff8 << 48), f64::from_bits(0x7ff8 << 48));
        for op in [ArithOp::Add, ArithOp::Mul] {
            let a = float_arith(op, positive, negative);
            let b = float_arith(op, negative, positive);
            assert!(a.is_nan() && a.is_sign_negative(), "{op:?}");
            assert!(b.is_nan() && b.is_sign_positive(), "{op:?}");
        }
        // One NaN operand: that NaN, whichever side it is on.
        assert!(float_arith(ArithOp::Mul, negative, 2.0).is_sign_negative());
        assert!(float_arith(ArithOp::Mul, 2.0, negative).is_sign_negative());
    }

    #[test]
    fn display_is_tostring() {
        // Expected texts from lua5.4.9's tostring.
        let cases: [(Number, &str); 8] = [
            (Number::Float(2f64.powi(63)), "9.2233720368548e+18"),
            (Number::Float(2f64.powi(53)), "9.007199254741e+15"),
            (Number::Float(-0.0), "-0.0"),
            (Number::Float(1e15), "1e+15"),
            (Number::Float(1.0 / 3.0), "0.33333333333333"),
            (Number::Integer(-7), "-7"),
            (Number::Float(f64::from_bits(1)), "4.9406564584125e-324"),
            (Number::Float(123456789012345.0), "1.2345678901234e+14"),
        ];
        for (n, text) in cases {
            assert_eq!(n.to_string(), text);
        }
    }

    #[test]
    fn string_arithmetic_messages() {
        // From lua5.4.9: "a" + 1, -"a", "a" // {}.
        assert_eq!(
            string_arith_message(ArithOp::Add, "string", "number"),
            "attempt to add a 'string' with a 'number'"
        );
        assert_eq!(
            string_arith_message(ArithOp::Unm, "string", "string"),
            "attempt to unm a 'string' with a 'string'"
        );
        assert_eq!(
            string_arith_message(ArithOp::IDiv, "string", "table"),
            "attempt to idiv a 'string' with a 'table'"
        );
    }

    #[test]
    fn keys_normalise_integral_floats() {
        assert!(matches!(
            Number::Float(3.0).normalize_key(),
            Number::Integer(3)
        ));
        assert!(matches!(
            Number::Float(-0.0).normalize_key(),
            Number::Integer(0)
        ));
        assert!(matches!(
            Number::Float(3.5).normalize_key(),
            Number::Float(_)
        ));
        assert!(matches!(
            Number::Float(2f64.powi(63)).normalize_key(),
            Number::Float(_)
        ));
        assert!(matches!(
            Number::Float(-(2f64.powi(63))).normalize_key(),
            Number::Integer(i64::MIN)
        ));
    }

    #[test]
    fn operators_name_their_events() {
        let events: Vec<&str> = ArithOp::ALL.iter().map(|op| op.event()).collect();
        assert_eq!(
            events,
            [
                "__add", "__sub", "__mul", "__mod", "__pow", "__div", "__idiv", "__band", "__bor",
                "__bxor", "__shl", "__shr", "__unm", "__bnot"
            ]
        );
        let bitwise = ArithOp::ALL.iter().filter(|op| op.is_bitwise()).count();
        assert_eq!(bitwise, 6);
    }
}
