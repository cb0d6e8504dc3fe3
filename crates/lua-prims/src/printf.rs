//! C `printf` conversions as glibc performs them on x86-64, for the specifications Lua's
//! `string.format` accepts: `%d %i %u %o %x %X %c %s %p %e %E %f %F %g %G %a %A` with the
//! flags `- + space # 0`, a width and a precision.
//!
//! Float conversions are exact: decimal digits come from Rust's correctly rounded float
//! formatting (which, like glibc, rounds exact ties to even), then are reshaped to C's
//! layout; `%a` is computed from the bits, rounding to nearest-even as glibc does.
//! Nothing allocates except the output vector.

use std::fmt::Write as _;

/// A parsed conversion specification: flags, width and precision. The conversion letter is
/// passed separately to each `format_*` function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    /// `-`: left-justify within the width.
    pub minus: bool,
    /// `+`: always write a sign for signed conversions.
    pub plus: bool,
    /// ` `: write a space where a `+` would go.
    pub space: bool,
    /// `#`: alternate form (`0x` prefix, leading octal zero, keep the decimal point).
    pub hash: bool,
    /// `0`: pad with zeros after the sign and prefix instead of spaces before them.
    pub zero: bool,
    /// Minimum field width (0 when absent).
    pub width: usize,
    /// Precision, `None` when absent (`%.f` is `Some(0)`).
    pub precision: Option<usize>,
}

impl Spec {
    /// The specification with no flags, width or precision (`%d`, `%g`...).
    pub const PLAIN: Spec = Spec {
        minus: false,
        plus: false,
        space: false,
        hash: false,
        zero: false,
        width: 0,
        precision: None,
    };
}

/// A fixed-capacity byte buffer on the stack that `write!` can target, so that float
/// formatting through `core::fmt` does not allocate.
#[derive(Clone, Copy)]
pub(crate) struct StackBuf<const N: usize> {
    pub(crate) buf: [u8; N],
    pub(crate) len: usize,
}

impl<const N: usize> StackBuf<N> {
    pub(crate) fn new() -> Self {
        StackBuf {
            buf: [0; N],
            len: 0,
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    pub(crate) fn push(&mut self, c: u8) {
        if self.len < N {
            self.buf[self.len] = c;
            self.len += 1;
        }
    }

    pub(crate) fn extend(&mut self, s: &[u8]) {
        let n = s.len().min(N - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&s[..n]);
        self.len += n;
    }
}

impl<const N: usize> std::fmt::Write for StackBuf<N> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if s.len() > N - self.len {
            return Err(std::fmt::Error);
        }
        self.extend(s.as_bytes());
        Ok(())
    }
}

/// Largest precision Lua lets through (two digits).
const MAX_PRECISION: usize = 99;

/// Significant digits of a finite non-negative float rounded to `precision + 1` digits,
/// with the decimal exponent of the first digit (`x ≈ d.ddd × 10^exp`), as `%.{precision}e`
/// computes them.
pub(crate) struct Digits {
    buf: StackBuf<128>,
    start: usize,
    end: usize,
    pub(crate) exp: i32,
}

impl Digits {
    pub(crate) fn new(x: f64, precision: usize) -> Digits {
        let precision = precision.min(MAX_PRECISION);
        let mut buf = StackBuf::<128>::new();
        // Rust's `{:.N e}` is correctly rounded with ties to even, like glibc's printf.
        let _ = write!(buf, "{:.*e}", precision, x);
        let len = buf.len;
        let bytes = &mut buf.buf[..len];
        let e = bytes.iter().position(|&c| c == b'e').unwrap_or(len);
        let mut exp: i32 = 0;
        let mut negative = false;
        for &c in &bytes[(e + 1).min(len)..] {
            match c {
                b'-' => negative = true,
                b'0'..=b'9' => exp = exp * 10 + i32::from(c - b'0'),
                _ => {}
            }
        }
        // "d.ddd": move the first digit over the point so the digits are contiguous.
        let start = if precision > 0 {
            bytes[1] = bytes[0];
            1
        } else {
            0
        };
        Digits {
            buf,
            start,
            end: e,
            exp: if negative { -exp } else { exp },
        }
    }

    pub(crate) fn digits(&self) -> &[u8] {
        &self.buf.buf[self.start..self.end]
    }
}

/// Writes `n` copies of `c`.
#[inline]
fn fill(out: &mut Vec<u8>, c: u8, n: usize) {
    out.resize(out.len() + n, c);
}

/// Lays out one field: `prefix` (sign, `0x`), `zeros` mandatory zeros, then `body`, padded
/// to the width with spaces (left or right) or, when `zero_pad` is allowed and the `0` flag
/// is set without `-`, with zeros after the prefix.
fn emit(
    out: &mut Vec<u8>,
    spec: &Spec,
    prefix: &[u8],
    zeros: usize,
    body: &[&[u8]],
    zero_pad: bool,
) {
    let len = prefix.len() + zeros + body.iter().map(|b| b.len()).sum::<usize>();
    let pad = spec.width.saturating_sub(len);
    if spec.minus {
        out.extend_from_slice(prefix);
        fill(out, b'0', zeros);
        body.iter().for_each(|b| out.extend_from_slice(b));
        fill(out, b' ', pad);
    } else if spec.zero && zero_pad {
        out.extend_from_slice(prefix);
        fill(out, b'0', zeros + pad);
        body.iter().for_each(|b| out.extend_from_slice(b));
    } else {
        fill(out, b' ', pad);
        out.extend_from_slice(prefix);
        fill(out, b'0', zeros);
        body.iter().for_each(|b| out.extend_from_slice(b));
    }
}

/// Writes the digits of `v` in `radix` (8, 10 or 16) into the end of `buf`; returns where
/// they start.
fn radix_digits(mut v: u64, radix: u64, upper: bool, buf: &mut [u8; 24]) -> usize {
    let table: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = table[(v % radix) as usize];
        v /= radix;
        if v == 0 {
            return i;
        }
    }
}

/// `%d` / `%i`.
pub fn format_signed(out: &mut Vec<u8>, spec: &Spec, v: i64) {
    let sign: &[u8] = if v < 0 {
        b"-"
    } else if spec.plus {
        b"+"
    } else if spec.space {
        b" "
    } else {
        b""
    };
    integer_field(out, spec, sign, v.unsigned_abs(), 10, false);
}

/// `%u`, `%o`, `%x` or `%X` (`conversion` is the letter) of the 64 bits of `v`.
pub fn format_unsigned(out: &mut Vec<u8>, spec: &Spec, v: u64, conversion: u8) {
    match conversion {
        b'o' => integer_field(out, spec, b"", v, 8, false),
        b'x' => {
            let prefix: &[u8] = if spec.hash && v != 0 { b"0x" } else { b"" };
            integer_field(out, spec, prefix, v, 16, false)
        }
        b'X' => {
            let prefix: &[u8] = if spec.hash && v != 0 { b"0X" } else { b"" };
            integer_field(out, spec, prefix, v, 16, true)
        }
        _ => integer_field(out, spec, b"", v, 10, false),
    }
}

fn integer_field(out: &mut Vec<u8>, spec: &Spec, prefix: &[u8], v: u64, radix: u64, upper: bool) {
    let mut buf = [0u8; 24];
    let start = radix_digits(v, radix, upper, &mut buf);
    let mut digits: &[u8] = &buf[start..];
    if spec.precision == Some(0) && v == 0 {
        // A zero precision prints no digits for zero (but `%#.0o` still prints "0").
        digits = b"";
    }
    let mut zeros = spec.precision.map_or(0, |p| p.saturating_sub(digits.len()));
    if radix == 8 && spec.hash && zeros == 0 && digits.first() != Some(&b'0') {
        zeros = 1;
    }
    // A precision disables the `0` flag for integer conversions.
    emit(
        out,
        spec,
        prefix,
        zeros,
        &[digits],
        spec.precision.is_none(),
    );
}

/// `%c` of the byte `c` (C converts the integer argument to `unsigned char`).
pub fn format_char(out: &mut Vec<u8>, spec: &Spec, c: u8) {
    emit(out, spec, b"", 0, &[&[c]], false);
}

/// `%s` of the bytes `s`: the precision truncates, the width pads.
pub fn format_bytes(out: &mut Vec<u8>, spec: &Spec, s: &[u8]) {
    let s = match spec.precision {
        Some(p) if p < s.len() => &s[..p],
        _ => s,
    };
    emit(out, spec, b"", 0, &[s], false);
}

/// `%p` of a pointer; `None` is what Lua formats for values without an address: it
/// prints `(null)` with the same width.
pub fn format_pointer(out: &mut Vec<u8>, spec: &Spec, p: Option<usize>) {
    match p {
        None => format_bytes(
            out,
            &Spec {
                precision: None,
                ..*spec
            },
            b"(null)",
        ),
        Some(p) => {
            let mut buf = [0u8; 24];
            let start = radix_digits(p as u64, 16, false, &mut buf);
            emit(out, spec, b"0x", 0, &[&buf[start..]], false);
        }
    }
}

/// `%e %E %f %F %g %G %a %A` (`conversion` is the letter) of `v`.
pub fn format_float(out: &mut Vec<u8>, spec: &Spec, v: f64, conversion: u8) {
    let upper = conversion.is_ascii_uppercase();
    let sign: &[u8] = if v.is_sign_negative() {
        b"-"
    } else if spec.plus {
        b"+"
    } else if spec.space {
        b" "
    } else {
        b""
    };
    if !v.is_finite() {
        // glibc prints NaN with its sign bit (0/0 is negative on x86-64) and never pads
        // infinities or NaN with zeros.
        let body: &[u8] = match (v.is_nan(), upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        emit(out, spec, sign, 0, &[body], false);
        return;
    }
    let x = v.abs();
    // `%f` of a large number needs up to 309 + 1 + 99 bytes; everything else fits in 160,
    // and a smaller buffer is cheaper to set up.
    if conversion.eq_ignore_ascii_case(&b'f') && x >= 1e20 {
        float_field::<512>(out, spec, x, sign, conversion, upper);
    } else {
        float_field::<160>(out, spec, x, sign, conversion, upper);
    }
}

/// Formats a finite non-negative `x` whose sign prefix is `sign`, in a body buffer of `N`.
fn float_field<const N: usize>(
    out: &mut Vec<u8>,
    spec: &Spec,
    x: f64,
    sign: &[u8],
    conversion: u8,
    upper: bool,
) {
    let mut body = StackBuf::<N>::new();
    match conversion.to_ascii_lowercase() {
        b'a' => {
            let prefix: &[u8] = match (sign, upper) {
                (b"-", false) => b"-0x",
                (b"-", true) => b"-0X",
                (b"+", false) => b"+0x",
                (b"+", true) => b"+0X",
                (b" ", false) => b" 0x",
                (b" ", true) => b" 0X",
                (_, false) => b"0x",
                (_, true) => b"0X",
            };
            hex_float_body(&mut body, x, spec.precision, spec.hash, upper);
            emit(out, spec, prefix, 0, &[body.as_bytes()], true);
            return;
        }
        b'f' => {
            let precision = spec.precision.unwrap_or(6).min(MAX_PRECISION);
            let _ = write!(body, "{:.*}", precision, x);
            if precision == 0 && spec.hash {
                body.push(b'.');
            }
        }
        b'e' => {
            let precision = spec.precision.unwrap_or(6).min(MAX_PRECISION);
            let digits = Digits::new(x, precision);
            exponent_body(&mut body, digits.digits(), digits.exp, spec.hash, upper);
        }
        _ => {
            let precision = match spec.precision {
                None => 6,
                Some(0) => 1,
                Some(p) => p.min(MAX_PRECISION),
            };
            general_body(&mut body, x, precision, spec.hash, upper);
        }
    }
    emit(out, spec, sign, 0, &[body.as_bytes()], true);
}

/// `d.ddde±XX` from significant digits and the exponent of the first one.
fn exponent_body<const N: usize>(
    body: &mut StackBuf<N>,
    digits: &[u8],
    exp: i32,
    hash: bool,
    upper: bool,
) {
    body.push(digits[0]);
    if digits.len() > 1 || hash {
        body.push(b'.');
    }
    body.extend(&digits[1..]);
    push_exponent(body, if upper { b'E' } else { b'e' }, exp);
}

/// `e±XX`: C writes at least two exponent digits.
fn push_exponent<const N: usize>(body: &mut StackBuf<N>, letter: u8, exp: i32) {
    body.push(letter);
    body.push(if exp < 0 { b'-' } else { b'+' });
    let e = exp.unsigned_abs();
    if e >= 100 {
        body.push(b'0' + (e / 100) as u8);
    }
    body.push(b'0' + (e / 10 % 10) as u8);
    body.push(b'0' + (e % 10) as u8);
}

/// The `%g` body for a finite non-negative `x` with `precision` significant digits: fixed
/// notation when the exponent is in [-4, precision), else exponent notation; trailing
/// zeros (and a trailing point) are removed unless `hash`.
pub(crate) fn general_body<const N: usize>(
    body: &mut StackBuf<N>,
    x: f64,
    precision: usize,
    hash: bool,
    upper: bool,
) {
    let d = Digits::new(x, precision - 1);
    let digits = d.digits();
    let exp = d.exp;
    let p = precision as i32;
    if exp < p && exp >= -4 {
        // Fixed notation with precision - 1 - exp decimals: the same significant digits.
        let (int_part, frac_zeros, frac): (&[u8], usize, &[u8]) = if exp >= 0 {
            let k = exp as usize + 1;
            (&digits[..k], 0, &digits[k..])
        } else {
            (b"0", (-exp - 1) as usize, digits)
        };
        body.extend(int_part);
        if hash {
            body.push(b'.');
            (0..frac_zeros).for_each(|_| body.push(b'0'));
            body.extend(frac);
        } else {
            let kept = frac.len() - frac.iter().rev().take_while(|&&c| c == b'0').count();
            if kept > 0 {
                body.push(b'.');
                (0..frac_zeros).for_each(|_| body.push(b'0'));
                body.extend(&frac[..kept]);
            }
        }
    } else if hash && exp == p && p <= 22 && x < 10f64.powi(p) {
        // glibc quirk (2.36): when rounding carries a value from fixed notation (exponent
        // precision - 1) into exponent notation, `%#g` keeps the fixed notation's count of
        // decimals, which is zero: 999999.5 gives "1.e+06", not "1.00000e+06". (Powers of
        // ten up to 10^22 are exact, so the comparison detects the carry exactly; above
        // that no double is close enough to carry.)
        exponent_body(body, &digits[..1], exp, true, upper);
    } else {
        let digits = if hash {
            digits
        } else {
            let kept = digits.len() - digits[1..].iter().rev().take_while(|&&c| c == b'0').count();
            &digits[..kept]
        };
        exponent_body(body, digits, exp, hash, upper);
    }
}

/// The `%a` body after `0x`: `h.hhhp±d` for a finite non-negative `x`, as glibc writes it
/// (normal numbers start with `1`, subnormals with `0` and exponent -1022; rounding to a
/// precision may carry into the first digit, which is not renormalised).
fn hex_float_body<const N: usize>(
    body: &mut StackBuf<N>,
    x: f64,
    precision: Option<usize>,
    hash: bool,
    upper: bool,
) {
    const FRAC_DIGITS: usize = 13;
    let bits = x.to_bits();
    let biased = (bits >> 52) & 0x7ff;
    let mut mant = bits & ((1u64 << 52) - 1);
    let (mut lead, exp): (u64, i64) = if x == 0.0 {
        (0, 0)
    } else if biased == 0 {
        (0, -1022)
    } else {
        (1, biased as i64 - 1023)
    };
    let ndigits = match precision {
        None => {
            // As many digits as needed: drop trailing zero digits.
            if mant == 0 {
                0
            } else {
                FRAC_DIGITS - (mant.trailing_zeros() / 4) as usize
            }
        }
        Some(p) if p < FRAC_DIGITS => {
            let dropped = 4 * (FRAC_DIGITS - p) as u32;
            let rem = mant & ((1u64 << dropped) - 1);
            let half = 1u64 << (dropped - 1);
            let mut kept = mant >> dropped;
            let odd = if p == 0 { lead & 1 == 1 } else { kept & 1 == 1 };
            if rem > half || (rem == half && odd) {
                kept += 1;
                if p == 0 || kept >> (4 * p) != 0 {
                    lead += 1;
                    kept &= if p == 0 { 0 } else { (1u64 << (4 * p)) - 1 };
                }
            }
            mant = kept << dropped;
            p
        }
        Some(p) => p,
    };
    let table: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    body.push(table[lead as usize]);
    if ndigits > 0 || hash {
        body.push(b'.');
    }
    for i in 0..ndigits {
        let digit = if i < FRAC_DIGITS {
            (mant >> (4 * (FRAC_DIGITS - 1 - i))) & 0xf
        } else {
            0
        };
        body.push(table[digit as usize]);
    }
    body.push(if upper { b'P' } else { b'p' });
    body.push(if exp < 0 { b'-' } else { b'+' });
    let mut buf = [0u8; 24];
    let start = radix_digits(exp.unsigned_abs(), 10, false, &mut buf);
    body.extend(&buf[start..]);
}
