//! Numbers to text as Lua writes them (`lua_Number2str`, `lua_integer2str`, `tostringbuff`):
//! `tostring`/`print`/concatenation (`%.14g` plus `.0` when the text looks like an
//! integer), and the `io.write` variant (`%.14g` alone).
//!
//! These are hot paths: results come back in a small stack buffer ([`NumberText`]) or are
//! appended to a caller's vector, with no allocation.

use crate::number::Number;
use crate::printf::{StackBuf, general_body};
use std::ops::Deref;

/// The text of a number, held inline (at most 44 bytes, like PUC's `MAXNUMBER2STR`).
#[derive(Clone, Copy)]
pub struct NumberText {
    text: StackBuf<48>,
}

impl NumberText {
    fn new() -> NumberText {
        NumberText {
            text: StackBuf::new(),
        }
    }

    fn push(&mut self, c: u8) {
        self.text.push(c);
    }

    fn extend(&mut self, s: &[u8]) {
        self.text.extend(s);
    }

    /// The text as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// The text as a string (number texts are ASCII).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

impl Deref for NumberText {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl std::fmt::Debug for NumberText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl std::fmt::Display for NumberText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Appends the decimal digits of `v`.
fn push_decimal(text: &mut NumberText, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    text.extend(&digits[k..]);
}

/// Decimal text of an integer (`%lld`).
pub fn fmt_integer(i: i64) -> NumberText {
    let mut text = NumberText::new();
    if i < 0 {
        text.push(b'-');
    }
    push_decimal(&mut text, i.unsigned_abs());
    text
}

/// `%.14g` of a float, as C writes it (`-nan` when the sign bit of a NaN is set).
pub fn fmt_float_g14(f: f64) -> NumberText {
    let mut text = NumberText::new();
    if f.is_sign_negative() {
        text.push(b'-');
    }
    let x = f.abs();
    if x.is_nan() {
        text.extend(b"nan");
    } else if x.is_infinite() {
        text.extend(b"inf");
    } else if x < 1e14 && x.fract() == 0.0 {
        // Integral values below 10^14 have at most 14 digits: %.14g writes them exactly.
        push_decimal(&mut text, x as u64);
    } else {
        general_body(&mut text.text, x, 14, false, false);
    }
    text
}

/// `tostring` of a float: `%.14g`, plus `.0` when the result looks like an integer
/// (`3.0`, `-0.0`, `1e+15`, `inf`, `-nan`, `0.1`).
pub fn fmt_float(f: f64) -> NumberText {
    let mut text = fmt_float_g14(f);
    if text.iter().all(|&c| c == b'-' || c.is_ascii_digit()) {
        text.extend(b".0");
    }
    text
}

/// `tostring` of a number.
pub fn fmt_number(n: Number) -> NumberText {
    match n {
        Number::Integer(i) => fmt_integer(i),
        Number::Float(f) => fmt_float(f),
    }
}

/// What `io.write` writes for a number: integers in decimal, floats with `%.14g` and no
/// `.0` (`io.write(3.0)` writes `3`).
pub fn fmt_number_io(n: Number) -> NumberText {
    match n {
        Number::Integer(i) => fmt_integer(i),
        Number::Float(f) => fmt_float_g14(f),
    }
}

/// Appends `tostring(i)`.
#[inline]
pub fn write_integer(out: &mut Vec<u8>, i: i64) {
    out.extend_from_slice(&fmt_integer(i));
}

/// Appends `tostring(f)`.
#[inline]
pub fn write_float(out: &mut Vec<u8>, f: f64) {
    out.extend_from_slice(&fmt_float(f));
}

/// Appends `tostring(n)`.
#[inline]
pub fn write_number(out: &mut Vec<u8>, n: Number) {
    out.extend_from_slice(&fmt_number(n));
}

/// Appends what `io.write(n)` writes.
#[inline]
pub fn write_number_io(out: &mut Vec<u8>, n: Number) {
    out.extend_from_slice(&fmt_number_io(n));
}
