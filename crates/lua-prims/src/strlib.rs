//! Small rules of the string, table and base libraries that do not depend on how values are
//! represented: index normalisation (`posrelatI`, `getendpos`), size checks with PUC's
//! messages, C-locale case mapping, string ordering, `select` and the table-library checks.

use crate::error::Error;
use std::cmp::Ordering;
use std::ops::Range;

/// Largest string size PUC's string library produces (`MAXSIZE`: `INT_MAX` on 64-bit
/// machines, for `string.rep` and `string.pack`).
pub const MAXSIZE: usize = i32::MAX as usize;

/// A 1-based start position, negative counting from the end, clipped to `[1, inf)`
/// (`posrelatI`).
#[inline]
pub fn pos_relative_start(pos: i64, len: usize) -> usize {
    if pos > 0 {
        pos as usize
    } else if pos == 0 || pos < -(len as i64) {
        1
    } else {
        (len as i64 + pos + 1) as usize
    }
}

/// A 1-based end position, negative counting from the end, clipped to `[0, len]`
/// (`getendpos`).
#[inline]
pub fn pos_end(pos: i64, len: usize) -> usize {
    if pos > len as i64 {
        len
    } else if pos >= 0 {
        pos as usize
    } else if pos < -(len as i64) {
        0
    } else {
        (len as i64 + pos + 1) as usize
    }
}

/// The byte range of `string.sub(s, i, j)` (`j` defaults to -1).
#[inline]
pub fn sub_range(i: i64, j: i64, len: usize) -> Range<usize> {
    let start = pos_relative_start(i, len);
    let end = pos_end(j, len);
    if start <= end { start - 1..end } else { 0..0 }
}

/// The byte range of `string.byte(s, i, j)` (`i` defaults to 1, `j` to `i`); PUC refuses
/// slices of `INT_MAX` bytes or more with "string slice too long".
pub fn byte_range(i: i64, j: i64, len: usize) -> Result<Range<usize>, Error> {
    let start = pos_relative_start(i, len);
    let end = pos_end(j, len);
    if start > end {
        return Ok(0..0);
    }
    if end - start >= i32::MAX as usize {
        return Err(Error::message("string slice too long"));
    }
    Ok(start - 1..end)
}

/// The length of `string.rep(s, n, sep)` for a string of `len` bytes and a separator of
/// `sep_len` bytes, or "resulting string too large".
pub fn rep_len(len: usize, n: i64, sep_len: usize) -> Result<usize, Error> {
    if n <= 0 {
        return Ok(0);
    }
    let n = n as u64;
    let unit = len as u64 + sep_len as u64;
    if unit > MAXSIZE as u64 / n {
        return Err(Error::message("resulting string too large"));
    }
    Ok((n * len as u64 + (n - 1) * sep_len as u64) as usize)
}

/// `string.rep(s, n, sep)`.
pub fn rep(s: &[u8], n: i64, sep: &[u8]) -> Result<Vec<u8>, Error> {
    let total = rep_len(s.len(), n, sep.len())?;
    let mut out = Vec::with_capacity(total);
    if total == 0 {
        return Ok(out);
    }
    for k in 0..n {
        if k > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(s);
    }
    Ok(out)
}

/// `string.char` of one argument: a byte, or "value out of range" (an argument error on
/// argument `arg`).
pub fn char_code(c: i64, arg: usize) -> Result<u8, Error> {
    u8::try_from(c as u64).map_err(|_| Error::argument(arg, "value out of range"))
}

/// `string.lower` in the C locale.
pub fn lower(s: &[u8]) -> Vec<u8> {
    s.to_ascii_lowercase()
}

/// `string.upper` in the C locale.
pub fn upper(s: &[u8]) -> Vec<u8> {
    s.to_ascii_uppercase()
}

/// `string.reverse`.
pub fn reverse(s: &[u8]) -> Vec<u8> {
    s.iter().rev().copied().collect()
}

/// The order of strings for `<` and `<=` (`l_strcmp` with `strcoll` in the C locale):
/// bytewise, a proper prefix first, embedded zeros included.
#[inline]
pub fn compare_strings(a: &[u8], b: &[u8]) -> Ordering {
    a.cmp(b)
}

/// `select(n, ...)` with `nargs` values after `n`: the 0-based index of the first value to
/// return (`nargs` when none); a zero or too negative `n` is "index out of range" on
/// argument 1. (`select('#', ...)` is the engine's.)
pub fn select_start(n: i64, nargs: usize) -> Result<usize, Error> {
    let total = nargs as i64 + 1; // PUC counts `n` itself among the arguments.
    let i = if n < 0 {
        total + n
    } else if n > total {
        total
    } else {
        n
    };
    if i < 1 {
        return Err(Error::argument(1, "index out of range"));
    }
    Ok(i as usize - 1)
}

/// `table.insert(t, pos, v)`: checks `pos` against `e = #t + 1` ("position out of bounds"
/// on argument 2).
pub fn insert_position_check(pos: i64, e: i64) -> Result<(), Error> {
    if (pos as u64).wrapping_sub(1) < e as u64 {
        Ok(())
    } else {
        Err(Error::argument(2, "position out of bounds"))
    }
}

/// The error of `table.insert` with a wrong number of arguments.
pub fn insert_wrong_arguments() -> Error {
    Error::message("wrong number of arguments to 'insert'")
}

/// `table.remove(t, pos)` with `size = #t`: a given `pos` other than `size` must be in
/// `[1, size + 1]` ("position out of bounds" on argument 2).
pub fn remove_position_check(pos: i64, size: i64) -> Result<(), Error> {
    if pos == size || (pos as u64).wrapping_sub(1) <= size as u64 {
        Ok(())
    } else {
        Err(Error::argument(2, "position out of bounds"))
    }
}

/// `table.move(a1, f, e, t)`: the checks PUC makes when `e >= f`, and whether to copy in
/// increasing order (`true`) or decreasing order. `same_table` is whether the destination
/// is `a1` itself (or equal to it).
pub fn move_check(f: i64, e: i64, t: i64, same_table: bool) -> Result<bool, Error> {
    if !(f > 0 || e < i64::MAX.wrapping_add(f)) {
        return Err(Error::argument(3, "too many elements to move"));
    }
    let n = e - f + 1;
    if t > i64::MAX - n + 1 {
        return Err(Error::argument(4, "destination wrap around"));
    }
    Ok(t > e || t <= f || !same_table)
}

/// The error of `table.concat` for a value that is neither a string nor a number:
/// "invalid value (table) at index 2 in table for 'concat'".
pub fn concat_invalid_value(type_name: &str, index: i64) -> Error {
    Error::message(format!(
        "invalid value ({type_name}) at index {index} in table for 'concat'"
    ))
}

/// `table.unpack(t, i, e)`: the number of values, or "too many results to unpack" (PUC's
/// limit is `INT_MAX`, then whether its stack can grow to that many slots: about one
/// million, `LUAI_MAXSTACK`; engines apply their own stack limit to the returned count and
/// raise the same message).
pub fn unpack_count(i: i64, e: i64) -> Result<u64, Error> {
    if i > e {
        return Ok(0);
    }
    let n = (e as u64).wrapping_sub(i as u64);
    if n >= i32::MAX as u64 {
        return Err(Error::message("too many results to unpack"));
    }
    Ok(n + 1)
}

/// `table.sort` refuses arrays of `INT_MAX` elements or more ("array too big" on argument 1).
pub fn sort_size_check(n: i64) -> Result<(), Error> {
    if n < i32::MAX as i64 {
        Ok(())
    } else {
        Err(Error::argument(1, "array too big"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_match_native() {
        // From lua5.4.9: table.concat({1, {}, 3}), table.concat({true}), table.sort on a
        // proxy whose length is 2^31.
        assert_eq!(
            concat_invalid_value("table", 2).to_message("table.concat"),
            b"invalid value (table) at index 2 in table for 'concat'"
        );
        assert_eq!(
            concat_invalid_value("boolean", 1).to_message("table.concat"),
            b"invalid value (boolean) at index 1 in table for 'concat'"
        );
        assert_eq!(
            sort_size_check(1 << 31)
                .unwrap_err()
                .to_message("table.sort"),
            b"bad argument #1 to 'table.sort' (array too big)"
        );
        assert_eq!(sort_size_check(5), Ok(()));
    }

    #[test]
    fn strings_compare_bytewise() {
        assert_eq!(compare_strings(b"abc", b"abd"), Ordering::Less);
        assert_eq!(compare_strings(b"a\0b", b"a\0c"), Ordering::Less);
        assert_eq!(compare_strings(b"a", b"a\0"), Ordering::Less);
        assert_eq!(compare_strings(b"\xff", b"a"), Ordering::Greater);
    }

    #[test]
    fn case_mapping_is_ascii_only() {
        assert_eq!(upper(b"abc\xe9z"), b"ABC\xe9Z");
        assert_eq!(lower(b"ABC\xc9Z"), b"abc\xc9z");
        assert_eq!(reverse(b"abc"), b"cba");
    }
}
