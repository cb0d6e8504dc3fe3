//! Literal pools: the integers, floats and strings where implementations go wrong
//! (instruction immediates' limits, `2^53`, `2^63`, `±0.0`, numeric strings, UTF-8).

use lua_syntax::ast::{BinOp, Expr};

use super::Gen;
use crate::build::*;
use crate::config::Feature;

/// Integers around the limits of instruction operands: `sC` immediates hold -127..128
/// (ADDI, EQI, LTI...), `B`/`C` operands 0..255, `sBx` ±65535.
const BOUNDARY_INTS: [i64; 18] = [
    127,
    128,
    129,
    -127,
    -128,
    -129,
    255,
    256,
    -255,
    -256,
    1000,
    65535,
    65536,
    -65536,
    2147483647,
    2147483648,
    4294967296,
    -2147483648,
];

/// Integers at the ends of the range and around `2^53` (the last exact float integer).
const EDGE_INTS: [i64; 12] = [
    i64::MAX,
    i64::MAX - 1,
    i64::MIN,
    i64::MIN + 1,
    1 << 53,
    (1 << 53) + 1,
    (1 << 53) - 1,
    -(1 << 53) - 1,
    1 << 62,
    1 << 63 >> 1,
    0x7fff_ffff_ffff_fff0,
    -0x7fff_ffff_ffff_ffff,
];

const COMMON_FLOATS: [f64; 16] = [
    0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -2.5, 3.0, 0.1, 0.25, 100.0, 2.0, -3.75, 123.456, 1e-3, 10.0,
];

/// Floats that print, convert or compare in special ways.
const EDGE_FLOATS: [f64; 18] = [
    -0.0,
    1e15,
    1e16,
    1e100,
    -1e100,
    9007199254740992.0,
    9007199254740994.0,
    9223372036854775808.0,
    -9223372036854775808.0,
    9223372036854774784.0,
    1.7976931348623157e308,
    5e-324,
    2.2250738585072014e-308,
    0.30000000000000004,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    4503599627370496.5,
];

/// Strings for string operations: empty, ASCII, punctuation that is magic in patterns,
/// embedded zeros and newlines, UTF-8, invalid UTF-8.
pub(crate) const STRINGS: [&[u8]; 22] = [
    b"",
    b"a",
    b"abc",
    b"Hello, World",
    b"hello world",
    b"x=1, y=22",
    b"key=val;k2=v2",
    b"a.b%c",
    b"(x)[y]{z}",
    b"line\nbreak",
    b"tab\there",
    b"\0zero",
    b"CAPS lower 123",
    b"  spaced  ",
    b"\xc3\xa9t\xc3\xa9 \xe2\x82\xac",
    b"\xff\xfe",
    b"aaa",
    b"THE quick brown fox",
    b"1,2,3,4",
    b"A-Za-z_09",
    b"%d+",
    b"ab\\cd\"ef'",
];

/// Strings that convert to numbers (manual §3.4.3): hex, exponents, surrounding spaces,
/// hex floats, and integers that overflow into floats.
pub(crate) const NUMERIC_STRINGS: [&str; 16] = [
    "10",
    "0x10",
    " 1e2 ",
    "3.0",
    "-7",
    "  42  ",
    "0x1p4",
    "-0",
    ".5",
    "5.",
    "0xA.8p1",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "1e308",
];

impl Gen<'_, '_> {
    /// An integer literal value.
    pub(crate) fn int_value(&mut self) -> i64 {
        let edge = self.has(Feature::EdgeNumbers);
        match self.c.weighted(&[60, 18, if edge { 12 } else { 0 }, 4]) {
            0 => self.c.range(-3, 10),
            1 => *self.c.choose(&BOUNDARY_INTS),
            2 => *self.c.choose(&EDGE_INTS),
            _ => self.c.u64() as i64 >> self.c.pick(64),
        }
    }

    pub(crate) fn int_lit(&mut self) -> Expr {
        let v = self.int_value();
        int(v)
    }

    /// A float literal value (maybe infinite or NaN with the edge numbers on).
    pub(crate) fn float_value(&mut self) -> f64 {
        let edge = self.has(Feature::EdgeNumbers);
        match self.c.weighted(&[70, if edge { 25 } else { 0 }, 5]) {
            0 => *self.c.choose(&COMMON_FLOATS),
            1 => *self.c.choose(&EDGE_FLOATS),
            _ => self.c.range(-1000, 1000) as f64 / 8.0,
        }
    }

    /// A float-valued expression without operations: a numeral, or `math.huge`, `1/0`,
    /// `0/0` and `2^53` style constant expressions for the values without numerals.
    pub(crate) fn float_lit(&mut self) -> Expr {
        if self.has(Feature::EdgeNumbers) && self.c.chance(10) {
            return match self.c.pick(6) {
                0 => bin(BinOp::Div, int(1), int(0)),
                1 => bin(BinOp::Div, int(-1), int(0)),
                2 => bin(BinOp::Pow, int(2), int(53)),
                3 => bin(BinOp::Pow, int(2), int(63)),
                4 => lib("math", "pi"),
                _ => un(lua_syntax::ast::UnOp::Neg, bin(BinOp::Pow, int(2), int(63))),
            };
        }
        let v = self.float_value();
        float(v)
    }

    pub(crate) fn str_lit(&mut self) -> Expr {
        if self.c.chance(15) {
            // A short random word, so that strings differ between programs.
            let n = self.c.range(1, 6) as usize;
            let s: Vec<u8> = (0..n)
                .map(|_| b"abcdexyzXYZ01 _"[self.c.pick(15)])
                .collect();
            return bytes(s);
        }
        bytes(self.c.choose(&STRINGS).to_vec())
    }

    pub(crate) fn numstr_lit(&mut self) -> Expr {
        string(self.c.pick_str(&NUMERIC_STRINGS))
    }

    /// A string index for `string.sub`, `string.byte` and friends: positive, negative,
    /// zero, beyond the ends.
    pub(crate) fn str_index(&mut self) -> Expr {
        match self.c.weighted(&[40, 30, 10, 10, 5]) {
            0 => int(self.c.range(1, 6)),
            1 => int(self.c.range(-6, -1)),
            2 => int(0),
            3 => int(*self.c.choose(&[100, -100, i64::MAX, i64::MIN])),
            _ => self.expr(crate::types::Ty::Int),
        }
    }
}
