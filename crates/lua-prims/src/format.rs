//! `string.format` (lstrlib.c `str_format`): the format-string parser, PUC's validation of
//! each conversion specification with its exact error messages, and `%q` literals.
//!
//! An engine drives it like this:
//!
//! ```
//! use lua_prims::format::{FormatParser, Piece, Kind};
//! let args: Vec<i64> = vec![42];                // the engine's argument values
//! let mut out = Vec::new();
//! for piece in FormatParser::new(b"x=%5d%%") {
//!     match piece {
//!         Piece::Literal(bytes) => out.extend_from_slice(bytes),
//!         Piece::Conversion { arg, conversion } => {
//!             // 1. Missing argument first: "bad argument #arg to 'format' (no value)".
//!             assert!(arg - 2 < args.len());
//!             let conversion = conversion.unwrap();     // 2. then "invalid format (too long)"
//!             conversion.check_before_argument().unwrap(); // 3. checks PUC makes first
//!             match conversion.kind {
//!                 // 4. convert the argument (luaL_checkinteger...), then format it.
//!                 Kind::Integer => conversion.format_integer(&mut out, args[arg - 2]).unwrap(),
//!                 _ => unreachable!(),
//!             }
//!         }
//!     }
//! }
//! assert_eq!(out, b"x=   42%");
//! ```
//!
//! The order of these steps is PUC's, and it is observable: which error wins, and whether
//! `__tostring` runs before a bad `%s` specification is reported.

use crate::error::Error;
use crate::printf::{self, Spec};

/// Longest conversion PUC copies (`MAX_FORMAT` minus room for a length modifier).
const MAX_FORMAT_SPAN: usize = 32 - 10;

/// One piece of a format string.
#[derive(Debug)]
pub enum Piece<'a> {
    /// Bytes to copy as they are (`%%` comes as a literal `%`).
    Literal(&'a [u8]),
    /// A conversion consuming argument `arg` (counted as PUC does: the format string is
    /// argument 1). Check that the argument exists before looking at `conversion`: a missing
    /// argument is reported first, as `Error::argument(arg, "no value")`.
    Conversion {
        arg: usize,
        conversion: Result<Conversion, Error>,
    },
}

/// Which value a conversion wants, and how to format it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `%c`: an integer (`luaL_checkinteger`), formatted with [`Conversion::format_char`].
    Char,
    /// `%d %i`: an integer, [`Conversion::format_integer`].
    Integer,
    /// `%u %o %x %X`: an integer, [`Conversion::format_integer`].
    Unsigned,
    /// `%a %A`: a float (`luaL_checknumber`), [`Conversion::format_float`].
    HexFloat,
    /// `%e %E %f %g %G`: a float, [`Conversion::format_float`].
    Float,
    /// `%p`: the value's address (`lua_topointer`; `None` for values without one),
    /// [`Conversion::format_pointer`].
    Pointer,
    /// `%q`: a literal, [`Conversion::format_literal`].
    Quoted,
    /// `%s`: the value after `luaL_tolstring` (so `__tostring` and `__name` apply),
    /// [`Conversion::format_string`].
    String,
}

/// A conversion specification (`%-5.2f`), as PUC copied it, not yet validated.
#[derive(Clone, Copy)]
pub struct Conversion {
    /// The argument this conversion formats.
    pub arg: usize,
    /// What the conversion wants.
    pub kind: Kind,
    /// The conversion letter.
    pub letter: u8,
    form: [u8; 24],
    form_len: u8,
}

impl std::fmt::Debug for Conversion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conversion")
            .field("arg", &self.arg)
            .field("kind", &self.kind)
            .field("form", &String::from_utf8_lossy(self.form()))
            .finish()
    }
}

/// Splits a format string into literal pieces and conversions, in order.
#[derive(Clone, Debug)]
pub struct FormatParser<'a> {
    fmt: &'a [u8],
    pos: usize,
    arg: usize,
}

impl<'a> FormatParser<'a> {
    /// A parser over the bytes of a format string.
    pub fn new(fmt: &'a [u8]) -> FormatParser<'a> {
        FormatParser {
            fmt,
            pos: 0,
            arg: 1,
        }
    }
}

/// Characters PUC copies into a conversion before its letter (flags, digits, point).
fn is_form_char(c: u8) -> bool {
    matches!(c, b'-' | b'+' | b'#' | b'0' | b' ' | b'1'..=b'9' | b'.')
}

impl<'a> Iterator for FormatParser<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let fmt = self.fmt;
        if self.pos >= fmt.len() {
            return None;
        }
        if fmt[self.pos] != b'%' {
            let start = self.pos;
            let end = fmt[start..]
                .iter()
                .position(|&c| c == b'%')
                .map_or(fmt.len(), |k| start + k);
            self.pos = end;
            return Some(Piece::Literal(&fmt[start..end]));
        }
        if fmt.get(self.pos + 1) == Some(&b'%') {
            self.pos += 2;
            return Some(Piece::Literal(b"%"));
        }
        self.arg += 1;
        let arg = self.arg;
        let start = self.pos + 1;
        // PUC reads a NUL-terminated string, so a conversion at the very end of the
        // format sees the terminating zero as its letter.
        let span = fmt[start..]
            .iter()
            .take_while(|&&c| is_form_char(c))
            .count();
        let len = span + 1;
        if len >= MAX_FORMAT_SPAN {
            self.pos = fmt.len();
            let conversion = Err(Error::message("invalid format (too long)"));
            return Some(Piece::Conversion { arg, conversion });
        }
        let letter = fmt.get(start + span).copied().unwrap_or(0);
        self.pos = (start + len).min(fmt.len());
        let mut form = [0u8; 24];
        form[0] = b'%';
        form[1..=span].copy_from_slice(&fmt[start..start + span]);
        form[len] = letter;
        let kind = match letter {
            b'c' => Kind::Char,
            b'd' | b'i' => Kind::Integer,
            b'u' | b'o' | b'x' | b'X' => Kind::Unsigned,
            b'a' | b'A' => Kind::HexFloat,
            b'f' | b'e' | b'E' | b'g' | b'G' => Kind::Float,
            b'p' => Kind::Pointer,
            b'q' => Kind::Quoted,
            b's' => Kind::String,
            _ => {
                // The message shows the specification as C's "%s" would: up to a zero byte.
                let shown = &form[..=len];
                let shown = &shown[..shown.iter().position(|&c| c == 0).unwrap_or(shown.len())];
                let mut message = b"invalid conversion '".to_vec();
                message.extend_from_slice(shown);
                message.extend_from_slice(b"' to 'format'");
                self.pos = fmt.len();
                return Some(Piece::Conversion {
                    arg,
                    conversion: Err(Error::Message(message)),
                });
            }
        };
        let conversion = Conversion {
            arg,
            kind,
            letter,
            form,
            form_len: (len + 1) as u8,
        };
        Some(Piece::Conversion {
            arg,
            conversion: Ok(conversion),
        })
    }
}

/// A value for `%q`.
#[derive(Clone, Copy, Debug)]
pub enum Literal<'a> {
    Nil,
    Boolean(bool),
    Integer(i64),
    Float(f64),
    String(&'a [u8]),
    /// Any other value: "value has no literal form".
    Other,
}

impl Conversion {
    /// The specification as written, starting with `%` (for example `%-5.2f`).
    pub fn form(&self) -> &[u8] {
        &self.form[..self.form_len as usize]
    }

    /// Whether the specification has anything between `%` and the letter.
    pub fn has_modifiers(&self) -> bool {
        self.form_len > 2
    }

    /// PUC's `checkformat`: only the flags in `flags`, then a width of at most two digits
    /// not starting with `0`, then (if allowed) a point and at most two digits.
    fn check(&self, flags: &[u8], precision_allowed: bool) -> Result<Spec, Error> {
        let form = self.form();
        let at = |i: usize| form.get(i).copied().unwrap_or(0);
        let mut spec = Spec::default();
        let mut i = 1;
        while flags.contains(&at(i)) && at(i) != 0 {
            match at(i) {
                b'-' => spec.minus = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.hash = true,
                _ => spec.zero = true,
            }
            i += 1;
        }
        if at(i) != b'0' {
            let (width, next) = two_digits(form, i);
            spec.width = width;
            i = next;
            if at(i) == b'.' && precision_allowed {
                let (precision, next) = two_digits(form, i + 1);
                spec.precision = Some(precision);
                i = next;
            }
        }
        if !at(i).is_ascii_alphabetic() {
            let mut message = b"invalid conversion specification: '".to_vec();
            message.extend_from_slice(form);
            message.push(b'\'');
            return Err(Error::Message(message));
        }
        Ok(spec)
    }

    /// The checks PUC makes before converting the argument: the specification of `%c`,
    /// `%a`/`%A` and `%p`, and the no-modifiers rule of `%q`. Call it right after the
    /// "no value" check, then convert the argument, then call the `format_*` method.
    pub fn check_before_argument(&self) -> Result<(), Error> {
        match self.kind {
            Kind::Char | Kind::Pointer => self.check(b"-", false).map(drop),
            Kind::HexFloat => self.check(b"-+#0 ", true).map(drop),
            Kind::Quoted if self.has_modifiers() => {
                Err(Error::message("specifier '%q' cannot have modifiers"))
            }
            _ => Ok(()),
        }
    }

    /// Formats an integer argument for `%c` (its low byte), `%d %i`, or `%u %o %x %X`
    /// (its 64 bits as unsigned), after the argument was converted with
    /// `luaL_checkinteger` rules (so `3.0` and `"3"` are 3).
    pub fn format_integer(&self, out: &mut Vec<u8>, n: i64) -> Result<(), Error> {
        match self.kind {
            Kind::Char => self.format_char(out, n),
            Kind::Integer => {
                let spec = self.check(b"-+0 ", true)?;
                printf::format_signed(out, &spec, n);
                Ok(())
            }
            _ => {
                let flags: &[u8] = if self.letter == b'u' { b"-0" } else { b"-#0" };
                let spec = self.check(flags, true)?;
                printf::format_unsigned(out, &spec, n as u64, self.letter);
                Ok(())
            }
        }
    }

    /// Formats `%c` of an integer: C converts it to `int`, then to `unsigned char`.
    pub fn format_char(&self, out: &mut Vec<u8>, n: i64) -> Result<(), Error> {
        let spec = self.check(b"-", false)?;
        printf::format_char(out, &spec, n as u8);
        Ok(())
    }

    /// Formats a float argument for `%a %A %e %E %f %g %G`, after the argument was
    /// converted with `luaL_checknumber` rules.
    pub fn format_float(&self, out: &mut Vec<u8>, x: f64) -> Result<(), Error> {
        let spec = self.check(b"-+#0 ", true)?;
        printf::format_float(out, &spec, x, self.letter);
        Ok(())
    }

    /// Formats `%p`: `None` for values PUC has no pointer for (numbers, booleans, nil),
    /// which print as `(null)`. Addresses differ between implementations.
    pub fn format_pointer(&self, out: &mut Vec<u8>, p: Option<usize>) -> Result<(), Error> {
        let spec = self.check(b"-", false)?;
        printf::format_pointer(out, &spec, p);
        Ok(())
    }

    /// Formats `%s` of the argument's `luaL_tolstring` text (the engine calls `__tostring`
    /// first). Without modifiers the whole string is copied; with modifiers a string with
    /// zeros is an argument error, and a string of 100 bytes or more is copied whole unless
    /// there is a precision.
    pub fn format_string(&self, out: &mut Vec<u8>, s: &[u8]) -> Result<(), Error> {
        if !self.has_modifiers() {
            out.extend_from_slice(s);
            return Ok(());
        }
        if s.contains(&0) {
            return Err(Error::argument(self.arg, "string contains zeros"));
        }
        let spec = self.check(b"-", true)?;
        if spec.precision.is_none() && s.len() >= 100 {
            out.extend_from_slice(s);
        } else {
            printf::format_bytes(out, &spec, s);
        }
        Ok(())
    }

    /// Formats `%q` (call [`Conversion::check_before_argument`] first).
    pub fn format_literal(&self, out: &mut Vec<u8>, value: Literal<'_>) -> Result<(), Error> {
        match value {
            Literal::Nil => out.extend_from_slice(b"nil"),
            Literal::Boolean(true) => out.extend_from_slice(b"true"),
            Literal::Boolean(false) => out.extend_from_slice(b"false"),
            Literal::Integer(i) => quote_integer(out, i),
            Literal::Float(f) => quote_float(out, f),
            Literal::String(s) => quote_string(out, s),
            Literal::Other => return Err(Error::argument(self.arg, "value has no literal form")),
        }
        Ok(())
    }
}

/// Reads at most two decimal digits of `form` from `i`: their value and the next index.
fn two_digits(form: &[u8], mut i: usize) -> (usize, usize) {
    let mut value = 0;
    for _ in 0..2 {
        match form.get(i) {
            Some(&c) if c.is_ascii_digit() => {
                value = value * 10 + usize::from(c - b'0');
                i += 1;
            }
            _ => break,
        }
    }
    (value, i)
}

/// `%q` of a string (`addquoted`): in double quotes, with `"`, `\` and newline escaped by a
/// backslash, other control characters (and DEL) as `\ddd`, shortened to `\d` unless a
/// digit follows; other bytes as they are.
pub fn quote_string(out: &mut Vec<u8>, s: &[u8]) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    for (i, &c) in s.iter().enumerate() {
        match c {
            b'"' | b'\\' | b'\n' => {
                out.push(b'\\');
                out.push(c);
            }
            0..=31 | 127 => {
                out.push(b'\\');
                let next_is_digit = s.get(i + 1).is_some_and(|d| d.is_ascii_digit());
                if next_is_digit || c >= 100 {
                    out.push(b'0' + c / 100);
                }
                if next_is_digit || c >= 10 {
                    out.push(b'0' + c / 10 % 10);
                }
                out.push(b'0' + c % 10);
            }
            _ => out.push(c),
        }
    }
    out.push(b'"');
}

/// `%q` of an integer: decimal, except `math.mininteger`, written `0x8000000000000000` so
/// that it reads back as an integer.
pub fn quote_integer(out: &mut Vec<u8>, i: i64) {
    if i == i64::MIN {
        out.extend_from_slice(b"0x8000000000000000");
    } else {
        crate::numfmt::write_integer(out, i);
    }
}

/// `%q` of a float: `1e9999`, `-1e9999`, `(0/0)`, or hexadecimal (`%a`) so that it reads
/// back exactly (`0x1.999999999999ap-4`).
pub fn quote_float(out: &mut Vec<u8>, f: f64) {
    if f == f64::INFINITY {
        out.extend_from_slice(b"1e9999");
    } else if f == f64::NEG_INFINITY {
        out.extend_from_slice(b"-1e9999");
    } else if f.is_nan() {
        out.extend_from_slice(b"(0/0)");
    } else {
        printf::format_float(out, &Spec::PLAIN, f, b'a');
    }
}
