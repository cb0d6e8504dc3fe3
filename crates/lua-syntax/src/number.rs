//! Lua's string-to-number conversion (`luaO_str2num`): numerals in source and `tonumber`.
//!
//! The lexer uses [`str2number`] on the text of every numeral, and the runtime uses it
//! for `tonumber` and for string-to-number coercion, so it follows PUC-Rio Lua exactly:
//! first try an integer (decimal, or hexadecimal wrapping around modulo 2^64), then a
//! float with C `strtod` syntax (decimal, or hexadecimal with an optional binary
//! exponent), with optional surrounding whitespace and sign, rejecting `inf`, `nan` and
//! anything followed by garbage. Decimal floats are rounded correctly (Rust's float
//! parser is exact, as glibc's `strtod` is) and hexadecimal floats are rounded to
//! nearest-even from the exact digit string, however long.

/// A number read from text: Lua's two number subtypes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Numeral {
    Integer(i64),
    Float(f64),
}

/// Whitespace as C's `isspace` in the "C" locale (what Lua's `lisspace` tests).
#[inline]
pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

#[inline]
fn hex_value(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

/// Converts `text` to a Lua number the way `luaO_str2num` does, or `None` when `text`
/// is not a numeral (after trimming whitespace).
pub fn str2number(text: &[u8]) -> Option<Numeral> {
    if let Some(i) = str2int(text) {
        return Some(Numeral::Integer(i));
    }
    str2float(text).map(Numeral::Float)
}

fn skip_spaces(text: &[u8], mut i: usize) -> usize {
    while i < text.len() && is_space(text[i]) {
        i += 1;
    }
    i
}

/// Reads an optional sign at `i`; returns whether it was `-` and the next position.
fn read_sign(text: &[u8], i: usize) -> (bool, usize) {
    match text.get(i) {
        Some(b'-') => (true, i + 1),
        Some(b'+') => (false, i + 1),
        _ => (false, i),
    }
}

fn is_hex_prefix(text: &[u8], i: usize) -> bool {
    text.get(i) == Some(&b'0') && matches!(text.get(i + 1), Some(b'x' | b'X'))
}

/// The integer half of the conversion (`l_str2int`): `None` when the text is not an
/// integer numeral or is a decimal integer that does not fit (it then reads as a float).
fn str2int(text: &[u8]) -> Option<i64> {
    let i = skip_spaces(text, 0);
    let (neg, mut i) = read_sign(text, i);
    let mut acc: u64 = 0;
    let mut empty = true;
    if is_hex_prefix(text, i) {
        i += 2;
        while let Some(d) = text.get(i).and_then(|&c| hex_value(c)) {
            acc = acc.wrapping_mul(16).wrapping_add(u64::from(d));
            empty = false;
            i += 1;
        }
    } else {
        // A decimal integer may reach 2^63 only when it is negated.
        let limit: u64 = if neg { 1 << 63 } else { i64::MAX as u64 };
        while let Some(&c) = text.get(i) {
            if !c.is_ascii_digit() {
                break;
            }
            let d = u64::from(c - b'0');
            acc = acc
                .checked_mul(10)
                .and_then(|a| a.checked_add(d))
                .filter(|&a| a <= limit)?;
            empty = false;
            i += 1;
        }
    }
    let i = skip_spaces(text, i);
    if empty || i != text.len() {
        return None;
    }
    Some(if neg { acc.wrapping_neg() } else { acc } as i64)
}

/// The float half of the conversion (`l_str2d`): C `strtod` syntax over the whole text.
fn str2float(text: &[u8]) -> Option<f64> {
    let start = skip_spaces(text, 0);
    let (neg, i) = read_sign(text, start);
    let (value, end) = if is_hex_prefix(text, i) {
        let (v, end) = hex_float(text, i + 2)?;
        (if neg { -v } else { v }, end)
    } else {
        let end = decimal_float_end(text, i)?;
        // The syntax was checked above, so only digits, '.', 'e' and signs remain, all
        // of which Rust's correctly rounding parser accepts with the same meaning.
        let s = std::str::from_utf8(&text[start..end]).ok()?;
        (s.parse::<f64>().ok()?, end)
    };
    if skip_spaces(text, end) != text.len() {
        return None;
    }
    Some(value)
}

/// Checks `digits ['.' digits] [exponent]` (with at least one mantissa digit) from `i`
/// and returns where it ends, as `strtod` would.
fn decimal_float_end(text: &[u8], mut i: usize) -> Option<usize> {
    let digits = |text: &[u8], mut i: usize| {
        let from = i;
        while text.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i, i - from)
    };
    let (after_int, nint) = digits(text, i);
    i = after_int;
    let mut nfrac = 0;
    if text.get(i) == Some(&b'.') {
        let (after_frac, n) = digits(text, i + 1);
        i = after_frac;
        nfrac = n;
    }
    if nint + nfrac == 0 {
        return None;
    }
    if matches!(text.get(i), Some(b'e' | b'E')) {
        let (_, j) = read_sign(text, i + 1);
        let (after_exp, nexp) = digits(text, j);
        // Without exponent digits `strtod` stops before the 'e', which then is garbage.
        if nexp > 0 {
            i = after_exp;
        }
    }
    Some(i)
}

/// Reads the hexadecimal float after `0x` at `i`: returns its value and end position.
///
/// The value is rounded to nearest-even from the exact digit string: the first 64 bits
/// of significand are kept exactly and every later nonzero digit sets a sticky bit.
fn hex_float(text: &[u8], mut i: usize) -> Option<(f64, usize)> {
    let mut mant: u64 = 0;
    let mut sticky = false;
    // Binary exponent correction: mant * 2^exp is the value read so far.
    let mut exp: i64 = 0;
    let mut ndigits = 0usize;
    let mut seen_dot = false;
    loop {
        match text.get(i) {
            Some(b'.') if !seen_dot => seen_dot = true,
            Some(&c) => {
                let Some(d) = hex_value(c) else { break };
                ndigits += 1;
                if mant >> 60 == 0 {
                    mant = (mant << 4) | u64::from(d);
                    if seen_dot {
                        exp -= 4;
                    }
                } else {
                    // No room: the digit only matters as a sticky bit.
                    sticky |= d != 0;
                    if !seen_dot {
                        exp += 4;
                    }
                }
            }
            None => break,
        }
        i += 1;
    }
    if ndigits == 0 {
        return None;
    }
    if matches!(text.get(i), Some(b'p' | b'P')) {
        let (eneg, mut j) = read_sign(text, i + 1);
        let from = j;
        let mut e: i64 = 0;
        while let Some(&c) = text.get(j) {
            if !c.is_ascii_digit() {
                break;
            }
            // Saturate: beyond this every value is already zero or infinite.
            e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
            j += 1;
        }
        if j > from {
            exp += if eneg { -e } else { e };
            i = j;
        }
    }
    Some((round_to_f64(mant, sticky, exp), i))
}

/// The double nearest to `(mant + tiny) * 2^exp`, ties to even, where `tiny` is a
/// positive amount smaller than one unit of `mant` when `sticky` is set.
fn round_to_f64(mant: u64, sticky: bool, exp: i64) -> f64 {
    if mant == 0 {
        return 0.0;
    }
    let nbits = 64 - i64::from(mant.leading_zeros());
    // Exponent of the leading bit, and of the last bit a double can keep there
    // (subnormals keep fewer bits: their last bit is always 2^-1074).
    let top = exp + nbits - 1;
    if top > 1023 {
        return f64::INFINITY;
    }
    let quantum = (top - 52).max(-1074);
    let shift = quantum - exp;
    if shift <= 0 {
        // At most 53 significant bits and no sticky digits: exact.
        return ldexp(mant as f64, exp);
    }
    let (kept, half, rest) = if shift > 64 {
        // Everything lies below half a unit of the last kept bit.
        (0, false, true)
    } else {
        let s = shift as u32;
        let m = u128::from(mant);
        (
            (m >> s) as u64,
            (m >> (s - 1)) & 1 == 1,
            m & ((1u128 << (s - 1)) - 1) != 0,
        )
    };
    let round_up = half && (rest || sticky || kept & 1 == 1);
    ldexp((kept + u64::from(round_up)) as f64, quantum)
}

/// `x * 2^e` for an integer `x` below 2^54 and `e` in -1074..=1023, exact whenever the
/// result is representable (it is infinite only when rounding carried past 2^1024).
fn ldexp(x: f64, e: i64) -> f64 {
    let pow2 = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    if e >= -1022 {
        x * pow2(e)
    } else {
        // 2^e is subnormal: scale in two exact steps.
        x * pow2(e + 600) * pow2(-600)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(s: &str) -> Option<Numeral> {
        str2number(s.as_bytes())
    }

    #[test]
    fn integers() {
        assert_eq!(int("0"), Some(Numeral::Integer(0)));
        assert_eq!(int(" 10 "), Some(Numeral::Integer(10)));
        assert_eq!(int("-0"), Some(Numeral::Integer(0)));
        assert_eq!(int("9223372036854775807"), Some(Numeral::Integer(i64::MAX)));
        assert_eq!(
            int("-9223372036854775808"),
            Some(Numeral::Integer(i64::MIN))
        );
        assert_eq!(int("0xffffffffffffffff"), Some(Numeral::Integer(-1)));
        assert_eq!(int("0x10000000000000000"), Some(Numeral::Integer(0)));
        assert_eq!(int("-0x1"), Some(Numeral::Integer(-1)));
        assert_eq!(
            int("9223372036854775808"),
            Some(Numeral::Float(9223372036854775808.0))
        );
        assert_eq!(
            int("-9223372036854775809"),
            Some(Numeral::Float(-9223372036854775808.0))
        );
    }

    #[test]
    fn rejects() {
        for s in [
            "", " ", "0x", "1e", "1e+", ".", "inf", "nan", "-inf", "1 2", "--1", "+-1", "0x1p",
            "1x", "0x.", "e1", "1.2.3", "\u{a0}1",
        ] {
            assert_eq!(int(s), None, "{s:?}");
        }
    }

    #[test]
    fn ldexp_edges() {
        assert_eq!(round_to_f64(1, false, -1074), f64::from_bits(1));
        assert_eq!(round_to_f64(1, false, -1075), 0.0);
        assert_eq!(round_to_f64(1, true, -1075), f64::from_bits(1));
        assert_eq!(round_to_f64(3, false, -1076), f64::from_bits(1));
        assert_eq!(round_to_f64(1, false, 1023), 2f64.powi(1023));
        assert_eq!(round_to_f64(1, false, 1024), f64::INFINITY);
        assert_eq!(round_to_f64(u64::MAX, false, -64), 1.0);
    }
}
