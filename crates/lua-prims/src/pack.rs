//! `string.pack`, `string.unpack` and `string.packsize` (lstrlib.c): the format language,
//! alignment, limits and PUC's error messages, for a little-endian 64-bit machine like the
//! one native Lua runs on (`int` 4 bytes, `long` and `size_t` 8, native alignment 8).
//!
//! Engines supply and receive values through small enums: [`pack`] asks for each argument
//! with the conversion PUC applies (`luaL_checkinteger`, `luaL_checknumber`,
//! `luaL_checklstring`), so the engine raises its own "number expected, got X" errors at
//! the right moment; [`unpack`] hands each result over as it is produced.

use crate::error::Error;
use crate::strlib::{MAXSIZE, pos_relative_start};
use std::borrow::Cow;

/// Largest integer size in a format (`MAXINTSIZE`).
const MAXINTSIZE: usize = 16;
/// Size of a Lua integer.
const SZINT: usize = 8;
/// Native maximum alignment (`offsetof(struct cD, u)` on x86-64).
const NATIVE_ALIGN: usize = 8;

/// What kind of argument an option consumes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackArg {
    /// `luaL_checkinteger` (integer options).
    Integer,
    /// `luaL_checknumber` (float options).
    Number,
    /// `luaL_checklstring` (string options; numbers convert to strings).
    String,
}

/// An argument of `string.pack`, converted as [`PackArg`] asked. A string may be borrowed
/// from the argument or, for a number converted to a string, owned.
#[derive(Clone, Debug, PartialEq)]
pub enum PackValue<'a> {
    Integer(i64),
    Number(f64),
    String(Cow<'a, [u8]>),
}

/// A result of `string.unpack`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unpacked<'a> {
    Integer(i64),
    Float(f64),
    String(&'a [u8]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KOption {
    Int,
    Uint,
    Float,
    Number,
    Double,
    Char,
    String,
    Zstr,
    Padding,
    PaddAlign,
    Nop,
}

/// The format being read: position and the settings options change.
struct Header<'f> {
    fmt: &'f [u8],
    pos: usize,
    little: bool,
    max_align: usize,
}

impl<'f> Header<'f> {
    fn new(fmt: &'f [u8]) -> Header<'f> {
        // PUC reads the format as a C string: it ends at the first zero byte.
        let end = fmt.iter().position(|&c| c == 0).unwrap_or(fmt.len());
        Header {
            fmt: &fmt[..end],
            pos: 0,
            little: true,
            max_align: 1,
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.fmt.len()
    }

    fn peek(&self) -> u8 {
        self.fmt.get(self.pos).copied().unwrap_or(0)
    }

    /// An optional decimal size (`getnum`); PUC stops reading digits once the value could
    /// overflow, leaving the remaining digits as the next options.
    fn number(&mut self, default: i64) -> i64 {
        if !self.peek().is_ascii_digit() {
            return default;
        }
        let mut a: i64 = 0;
        loop {
            a = a * 10 + i64::from(self.peek() - b'0');
            self.pos += 1;
            if !(self.peek().is_ascii_digit() && a <= (MAXSIZE as i64 - 9) / 10) {
                return a;
            }
        }
    }

    /// A size for an integer option, within [1, 16] (`getnumlimit`).
    fn number_limit(&mut self, default: i64) -> Result<usize, Error> {
        let size = self.number(default);
        if size > MAXINTSIZE as i64 || size <= 0 {
            return Err(Error::message(format!(
                "integral size ({size}) out of limits [1,{MAXINTSIZE}]"
            )));
        }
        Ok(size as usize)
    }

    /// Reads one option and its size (`getoption`).
    fn option(&mut self) -> Result<(KOption, usize), Error> {
        let opt = self.peek();
        self.pos += 1;
        Ok(match opt {
            b'b' => (KOption::Int, 1),
            b'B' => (KOption::Uint, 1),
            b'h' => (KOption::Int, 2),
            b'H' => (KOption::Uint, 2),
            b'l' | b'j' => (KOption::Int, 8),
            b'L' | b'J' | b'T' => (KOption::Uint, 8),
            b'f' => (KOption::Float, 4),
            b'n' => (KOption::Number, 8),
            b'd' => (KOption::Double, 8),
            b'i' => (KOption::Int, self.number_limit(4)?),
            b'I' => (KOption::Uint, self.number_limit(4)?),
            b's' => (KOption::String, self.number_limit(8)?),
            b'c' => {
                let size = self.number(-1);
                if size == -1 {
                    return Err(Error::message("missing size for format option 'c'"));
                }
                (KOption::Char, size as usize)
            }
            b'z' => (KOption::Zstr, 0),
            b'x' => (KOption::Padding, 1),
            b'X' => (KOption::PaddAlign, 0),
            b' ' => (KOption::Nop, 0),
            b'<' | b'=' => {
                self.little = true;
                (KOption::Nop, 0)
            }
            b'>' => {
                self.little = false;
                (KOption::Nop, 0)
            }
            b'!' => {
                self.max_align = self.number_limit(NATIVE_ALIGN as i64)?;
                (KOption::Nop, 0)
            }
            c => {
                let mut message = b"invalid format option '".to_vec();
                message.extend_from_slice(&[c, b'\'']);
                return Err(Error::Message(message));
            }
        })
    }

    /// Reads one option with its alignment padding relative to `total` (`getdetails`).
    fn details(&mut self, total: usize) -> Result<(KOption, usize, usize), Error> {
        let (opt, size) = self.option()?;
        let mut align = size;
        if opt == KOption::PaddAlign {
            if self.at_end() {
                return Err(Error::argument(1, "invalid next option for option 'X'"));
            }
            let (next, next_size) = self.option()?;
            align = next_size;
            if next == KOption::Char || align == 0 {
                return Err(Error::argument(1, "invalid next option for option 'X'"));
            }
        }
        let to_align = if align <= 1 || opt == KOption::Char {
            0
        } else {
            let align = align.min(self.max_align);
            if !align.is_power_of_two() {
                return Err(Error::argument(
                    1,
                    "format asks for alignment not power of 2",
                ));
            }
            (align - (total & (align - 1))) & (align - 1)
        };
        Ok((opt, size, to_align))
    }
}

/// Appends `n` as a `size`-byte integer; bytes beyond the 8 of a Lua integer are the sign
/// extension (`packint`).
fn pack_int(out: &mut Vec<u8>, n: u64, little: bool, size: usize, negative: bool) {
    let start = out.len();
    out.resize(start + size, 0);
    let buf = &mut out[start..];
    for i in 0..size {
        let byte = if i < SZINT {
            (n >> (8 * i)) as u8
        } else if negative {
            0xff
        } else {
            0
        };
        buf[if little { i } else { size - 1 - i }] = byte;
    }
}

/// `string.pack(fmt, ...)`: appends the packed values to `out`. `arg(i, kind)` converts
/// argument `i` (1-based, the format being argument 1) as `kind` asks, raising the
/// engine's own argument errors. PUC pushes a nil mark above the arguments, so a missing
/// argument reads as nil: "bad argument #3 to 'pack' (number expected, got nil)", not
/// "got no value".
pub fn pack<'v, E: From<Error>>(
    fmt: &[u8],
    out: &mut Vec<u8>,
    mut arg: impl FnMut(usize, PackArg) -> Result<PackValue<'v>, E>,
) -> Result<(), E> {
    let mut h = Header::new(fmt);
    let mut argn = 1;
    let mut total: usize = 0;
    while !h.at_end() {
        let (opt, size, to_align) = h.details(total)?;
        total += to_align + size;
        out.resize(out.len() + to_align, 0);
        argn += 1;
        match opt {
            KOption::Int => {
                let n = integer_arg(&mut arg, argn)?;
                if size < SZINT {
                    let lim = 1i64 << (size * 8 - 1);
                    if !(-lim <= n && n < lim) {
                        return Err(Error::argument(argn, "integer overflow").into());
                    }
                }
                pack_int(out, n as u64, h.little, size, n < 0);
            }
            KOption::Uint => {
                let n = integer_arg(&mut arg, argn)?;
                if size < SZINT && (n as u64) >= (1u64 << (size * 8)) {
                    return Err(Error::argument(argn, "unsigned overflow").into());
                }
                pack_int(out, n as u64, h.little, size, false);
            }
            KOption::Float => {
                // C converts the double to float with round-to-nearest, as Rust's `as` does.
                let f = number_arg(&mut arg, argn)? as f32;
                let bytes = if h.little {
                    f.to_le_bytes()
                } else {
                    f.to_be_bytes()
                };
                out.extend_from_slice(&bytes);
            }
            KOption::Number | KOption::Double => {
                let f = number_arg(&mut arg, argn)?;
                let bytes = if h.little {
                    f.to_le_bytes()
                } else {
                    f.to_be_bytes()
                };
                out.extend_from_slice(&bytes);
            }
            KOption::Char => {
                let s = string_arg(&mut arg, argn)?;
                let s = &s[..];
                if s.len() > size {
                    return Err(Error::argument(argn, "string longer than given size").into());
                }
                out.extend_from_slice(s);
                out.resize(out.len() + (size - s.len()), 0);
            }
            KOption::String => {
                let s = string_arg(&mut arg, argn)?;
                let s = &s[..];
                if size < 8 && s.len() as u64 >= 1u64 << (size * 8) {
                    return Err(
                        Error::argument(argn, "string length does not fit in given size").into(),
                    );
                }
                pack_int(out, s.len() as u64, h.little, size, false);
                out.extend_from_slice(s);
                total += s.len();
            }
            KOption::Zstr => {
                let s = string_arg(&mut arg, argn)?;
                let s = &s[..];
                if s.contains(&0) {
                    return Err(Error::argument(argn, "string contains zeros").into());
                }
                out.extend_from_slice(s);
                out.push(0);
                total += s.len() + 1;
            }
            KOption::Padding => {
                out.push(0);
                argn -= 1;
            }
            KOption::PaddAlign | KOption::Nop => argn -= 1,
        }
    }
    Ok(())
}

fn integer_arg<'v, E>(
    arg: &mut impl FnMut(usize, PackArg) -> Result<PackValue<'v>, E>,
    n: usize,
) -> Result<i64, E> {
    Ok(match arg(n, PackArg::Integer)? {
        PackValue::Integer(i) => i,
        PackValue::Number(f) => f as i64,
        PackValue::String(_) => 0,
    })
}

fn number_arg<'v, E>(
    arg: &mut impl FnMut(usize, PackArg) -> Result<PackValue<'v>, E>,
    n: usize,
) -> Result<f64, E> {
    Ok(match arg(n, PackArg::Number)? {
        PackValue::Integer(i) => i as f64,
        PackValue::Number(f) => f,
        PackValue::String(_) => 0.0,
    })
}

fn string_arg<'v, E>(
    arg: &mut impl FnMut(usize, PackArg) -> Result<PackValue<'v>, E>,
    n: usize,
) -> Result<Cow<'v, [u8]>, E> {
    Ok(match arg(n, PackArg::String)? {
        PackValue::String(s) => s,
        _ => Cow::Borrowed(b""),
    })
}

/// `string.packsize(fmt)`.
pub fn packsize(fmt: &[u8]) -> Result<i64, Error> {
    let mut h = Header::new(fmt);
    let mut total: usize = 0;
    while !h.at_end() {
        let (opt, size, to_align) = h.details(total)?;
        if matches!(opt, KOption::String | KOption::Zstr) {
            return Err(Error::argument(1, "variable-length format"));
        }
        let size = size + to_align;
        if total > MAXSIZE - size {
            return Err(Error::argument(1, "format result too large"));
        }
        total += size;
    }
    Ok(total as i64)
}

/// Reads a `size`-byte integer (`unpackint`), sign-extending signed values and checking
/// that bytes beyond 8 are only sign extension.
fn unpack_int(bytes: &[u8], little: bool, size: usize, signed: bool) -> Result<i64, Error> {
    let byte = |i: usize| bytes[if little { i } else { size - 1 - i }];
    let limit = size.min(SZINT);
    let mut res: u64 = 0;
    for i in (0..limit).rev() {
        res = (res << 8) | u64::from(byte(i));
    }
    if size < SZINT {
        if signed {
            let mask = 1u64 << (size * 8 - 1);
            res = (res ^ mask).wrapping_sub(mask);
        }
    } else if size > SZINT {
        let mask = if !signed || (res as i64) >= 0 {
            0
        } else {
            0xff
        };
        for i in limit..size {
            if byte(i) != mask {
                return Err(Error::message(format!(
                    "{size}-byte integer does not fit into Lua Integer"
                )));
            }
        }
    }
    Ok(res as i64)
}

/// `string.unpack(fmt, data, init)`: passes each value to `push` in order and returns the
/// 1-based position after the last byte read (the last result).
pub fn unpack<'d, E: From<Error>>(
    fmt: &[u8],
    data: &'d [u8],
    init: i64,
    mut push: impl FnMut(Unpacked<'d>) -> Result<(), E>,
) -> Result<i64, E> {
    let ld = data.len();
    let mut pos = pos_relative_start(init, ld) - 1;
    if pos > ld {
        return Err(Error::argument(3, "initial position out of string").into());
    }
    let mut h = Header::new(fmt);
    while !h.at_end() {
        let (opt, size, to_align) = h.details(pos)?;
        if to_align + size > ld - pos {
            return Err(Error::argument(2, "data string too short").into());
        }
        pos += to_align;
        let bytes = &data[pos..pos + size];
        match opt {
            KOption::Int | KOption::Uint => {
                push(Unpacked::Integer(unpack_int(
                    bytes,
                    h.little,
                    size,
                    opt == KOption::Int,
                )?))?;
            }
            KOption::Float => {
                let b: [u8; 4] = bytes.try_into().unwrap_or([0; 4]);
                let f = if h.little {
                    f32::from_le_bytes(b)
                } else {
                    f32::from_be_bytes(b)
                };
                push(Unpacked::Float(f64::from(f)))?;
            }
            KOption::Number | KOption::Double => {
                let b: [u8; 8] = bytes.try_into().unwrap_or([0; 8]);
                let f = if h.little {
                    f64::from_le_bytes(b)
                } else {
                    f64::from_be_bytes(b)
                };
                push(Unpacked::Float(f))?;
            }
            KOption::Char => push(Unpacked::String(bytes))?,
            KOption::String => {
                let len = unpack_int(bytes, h.little, size, false)? as u64;
                if len > (ld - pos - size) as u64 {
                    return Err(Error::argument(2, "data string too short").into());
                }
                let len = len as usize;
                push(Unpacked::String(&data[pos + size..pos + size + len]))?;
                pos += len;
            }
            KOption::Zstr => {
                let len = data[pos..].iter().position(|&c| c == 0).unwrap_or(ld - pos);
                if pos + len >= ld {
                    return Err(Error::argument(2, "unfinished string for format 'z'").into());
                }
                push(Unpacked::String(&data[pos..pos + len]))?;
                pos += len + 1;
            }
            KOption::PaddAlign | KOption::Padding | KOption::Nop => {}
        }
        pos += size;
    }
    Ok(pos as i64 + 1)
}
