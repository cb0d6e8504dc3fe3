//! The `utf8` library's rules (lutf8lib.c): encoding code points up to 2^31 - 1, strict and
//! lax decoding, and the position arithmetic of `utf8.len`, `utf8.codepoint`, `utf8.offset`
//! and `utf8.codes`, with PUC's error messages.
//!
//! PUC reads strings as C strings: a byte past the end reads as the terminating zero, which
//! is never a continuation byte. The functions here read past the end the same way.

use crate::error::Error;

/// Largest valid Unicode code point (`MAXUNICODE`).
pub const MAXUNICODE: u32 = 0x10FFFF;
/// Largest code point the lax encoding handles (`MAXUTF`).
pub const MAXUTF: u32 = 0x7FFF_FFFF;
/// `utf8.charpattern`: one UTF-8 byte sequence (lax).
pub const CHARPATTERN: &[u8] = b"[\0-\x7F\xC2-\xFD][\x80-\xBF]*";
/// The message of every decoding failure.
pub const INVALID: &str = "invalid UTF-8 code";

/// The byte at `i`, or the C string's terminating zero past the end.
#[inline]
fn byte_at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

/// Whether `c` is a continuation byte (`10xxxxxx`).
#[inline]
pub fn is_continuation(c: u8) -> bool {
    c & 0xC0 == 0x80
}

/// Appends the UTF-8 encoding of `code` (at most `MAXUTF`; up to 6 bytes, as
/// `luaO_utf8esc` writes for `utf8.char` and the `\u{...}` escape).
pub fn encode(code: u32, out: &mut Vec<u8>) {
    let mut buf = [0u8; 8];
    let n = encode_into(code, &mut buf);
    out.extend_from_slice(&buf[8 - n..]);
}

/// Writes the encoding of `code` at the end of `buf`; returns its length.
fn encode_into(mut x: u32, buf: &mut [u8; 8]) -> usize {
    if x < 0x80 {
        buf[7] = x as u8;
        return 1;
    }
    let mut n = 1;
    // Continuation bytes go in from the end; each one leaves one bit less in the first byte.
    let mut max_first: u32 = 0x3f;
    loop {
        buf[8 - n] = 0x80 | (x & 0x3f) as u8;
        n += 1;
        x >>= 6;
        max_first >>= 1;
        if x <= max_first {
            break;
        }
    }
    buf[8 - n] = ((!max_first << 1) | x) as u8;
    n
}

/// `utf8.char` of one argument: the encoding of `code`, or "value out of range" (an
/// argument error on `arg`) for negative values and values above `MAXUTF`.
pub fn char(code: i64, arg: usize, out: &mut Vec<u8>) -> Result<(), Error> {
    if code as u64 > MAXUTF as u64 {
        return Err(Error::argument(arg, "value out of range"));
    }
    encode(code as u32, out);
    Ok(())
}

/// Decodes one sequence at byte `i` (`utf8_decode`): the code point and the index after
/// it, or `None` for an invalid sequence (overlong forms, sequences of more than 6 bytes,
/// values above `MAXUTF`; with `strict`, also surrogates and values above `MAXUNICODE`).
pub fn decode(s: &[u8], i: usize, strict: bool) -> Option<(u32, usize)> {
    const LIMITS: [u32; 6] = [!0, 0x80, 0x800, 0x1_0000, 0x20_0000, 0x400_0000];
    let mut c = u32::from(byte_at(s, i));
    let mut res: u32;
    let mut count = 0;
    if c < 0x80 {
        res = c;
    } else if c >= 0xfe {
        return None;
    } else {
        res = 0;
        while c & 0x40 != 0 {
            count += 1;
            let cc = byte_at(s, i + count);
            if !is_continuation(cc) {
                return None;
            }
            res = (res << 6) | u32::from(cc & 0x3f);
            c <<= 1;
        }
        res |= (c & 0x7f) << (count * 5);
        if res > MAXUTF || res < LIMITS[count] {
            return None;
        }
    }
    if strict && (res > MAXUNICODE || (0xD800..=0xDFFF).contains(&res)) {
        return None;
    }
    Some((res, i + count + 1))
}

/// A start position of `utf8` functions: negative counts from the end, too negative is 0
/// (`u_posrelat`).
#[inline]
fn pos_relative(pos: i64, len: usize) -> i64 {
    if pos >= 0 {
        pos
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len as i64 + pos + 1
    }
}

/// `utf8.len(s, i, j, lax)` (`i` defaults to 1, `j` to -1): `Ok(Ok(n))` characters, or
/// `Ok(Err(p))` when the byte at 1-based position `p` does not start a valid sequence
/// (the function then returns fail and `p`).
pub fn len(s: &[u8], i: i64, j: i64, lax: bool) -> Result<Result<i64, i64>, Error> {
    let len = s.len() as i64;
    let mut posi = pos_relative(i, s.len());
    let posj = pos_relative(j, s.len());
    if !(1 <= posi && posi - 1 <= len) {
        return Err(Error::argument(2, "initial position out of bounds"));
    }
    posi -= 1;
    let posj = posj - 1;
    if posj >= len {
        return Err(Error::argument(3, "final position out of bounds"));
    }
    let mut n = 0;
    while posi <= posj {
        match decode(s, posi as usize, !lax) {
            Some((_, next)) => posi = next as i64,
            None => return Ok(Err(posi + 1)),
        }
        n += 1;
    }
    Ok(Ok(n))
}

/// `utf8.codepoint(s, i, j, lax)` (`i` defaults to 1, `j` to `i`): the code points of the
/// characters starting in `[i, j]`, passed to `push` in order. Errors: "out of bounds" on
/// arguments 2 and 3, "string slice too long", "invalid UTF-8 code".
pub fn codepoint<E: From<Error>>(
    s: &[u8],
    i: i64,
    j: i64,
    lax: bool,
    mut push: impl FnMut(i64) -> Result<(), E>,
) -> Result<(), E> {
    let posi = pos_relative(i, s.len());
    let pose = pos_relative(j, s.len());
    if posi < 1 {
        return Err(Error::argument(2, "out of bounds").into());
    }
    if pose > s.len() as i64 {
        return Err(Error::argument(3, "out of bounds").into());
    }
    if posi > pose {
        return Ok(());
    }
    if pose - posi >= i32::MAX as i64 {
        return Err(Error::message("string slice too long").into());
    }
    let end = pose as usize;
    let mut k = posi as usize - 1;
    while k < end {
        let Some((code, next)) = decode(s, k, !lax) else {
            return Err(Error::message(INVALID).into());
        };
        push(i64::from(code))?;
        k = next;
    }
    Ok(())
}

/// `utf8.offset(s, n, i)` (`i` defaults to 1 when `n >= 0`, else to `#s + 1`): the 1-based
/// position where the `n`-th character counting from `i` starts (`n = 0`: the start of the
/// character containing `i`), or `None` (fail). Errors: "position out of bounds" on
/// argument 3, "initial position is a continuation byte".
pub fn offset(s: &[u8], n: i64, i: Option<i64>) -> Result<Option<i64>, Error> {
    let len = s.len() as i64;
    let default = if n >= 0 { 1 } else { len + 1 };
    let mut posi = pos_relative(i.unwrap_or(default), s.len());
    if !(1 <= posi && posi - 1 <= len) {
        return Err(Error::argument(3, "position out of bounds"));
    }
    posi -= 1;
    let cont = |p: i64| is_continuation(byte_at(s, p as usize));
    let mut n = n;
    if n == 0 {
        while posi > 0 && cont(posi) {
            posi -= 1;
        }
    } else {
        if cont(posi) {
            return Err(Error::message("initial position is a continuation byte"));
        }
        if n < 0 {
            while n < 0 && posi > 0 {
                loop {
                    posi -= 1;
                    if !(posi > 0 && cont(posi)) {
                        break;
                    }
                }
                n += 1;
            }
        } else {
            n -= 1;
            while n > 0 && posi < len {
                loop {
                    posi += 1;
                    if !cont(posi) {
                        break;
                    }
                }
                n -= 1;
            }
        }
    }
    Ok(if n == 0 { Some(posi + 1) } else { None })
}

/// The check `utf8.codes(s)` makes before iterating: `s` must not start with a
/// continuation byte ("invalid UTF-8 code" on argument 1).
pub fn codes_check(s: &[u8]) -> Result<(), Error> {
    if is_continuation(byte_at(s, 0)) {
        Err(Error::argument(1, INVALID))
    } else {
        Ok(())
    }
}

/// One step of the `utf8.codes` iterator given the control value `control` (0 at first):
/// the next 1-based position and code point, `None` at the end, or "invalid UTF-8 code"
/// (also when the sequence is followed by a stray continuation byte).
pub fn codes_next(s: &[u8], control: i64, strict: bool) -> Result<Option<(i64, i64)>, Error> {
    let len = s.len() as u64;
    let mut n = control as u64;
    if n < len {
        while is_continuation(byte_at(s, n as usize)) {
            n += 1;
        }
    }
    if n >= len {
        return Ok(None);
    }
    match decode(s, n as usize, strict) {
        Some((code, next)) if !is_continuation(byte_at(s, next)) => {
            Ok(Some((n as i64 + 1, i64::from(code))))
        }
        _ => Err(Error::message(INVALID)),
    }
}
