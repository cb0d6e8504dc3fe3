//! Lua patterns (lstrlib.c's matcher) over bytes, and the drivers of `string.find`,
//! `string.match`, `string.gmatch` and `string.gsub`.
//!
//! The matcher is a backtracking recursive descent like PUC's, with PUC's recursion bound
//! (`MAXCCALLS` = 200 nested calls, then "pattern too complex"), so it never overflows the
//! Rust stack and fails exactly where PUC fails. Character classes follow the C locale.
//! Positions are byte offsets: a match is `start..end` (0-based, end exclusive); Lua's
//! 1-based positions are `start + 1` and `end`.
//!
//! How an engine implements the library functions:
//! - `string.find(s, p, init, plain)`: [`find`] with `find = true`; on a match return
//!   `m.start + 1`, `m.end`, then the captures `0..state.capture_count(false)`.
//! - `string.match(s, p, init)`: [`find`] with `find = false`; return the captures
//!   `0..state.capture_count(true)` (the whole match when the pattern has none).
//! - `string.gmatch(s, p, init)`: keep a [`Gmatch`] (with the two strings) in the iterator
//!   closure; each call to [`Gmatch::next`] gives the next match, whose values are the
//!   captures `0..state.capture_count(true)`.
//! - `string.gsub(s, p, repl, n)`: call [`gsub`] (or step with [`GsubState`]) with a closure
//!   that appends the replacement
//!   of one match: [`add_replacement`] for a string or number `repl`; for a table or function
//!   the engine looks up or calls with [`MatchState::capture`] 0 (table) or all captures
//!   (function), appends the result (or the original `s[m.start..m.end]` when it is false or
//!   nil) and says whether it changed anything.

use crate::error::Error;

/// Maximum number of captures (`LUA_MAXCAPTURES`).
pub const MAXCAPTURES: usize = 32;
/// Maximum nesting of the matcher (`MAXCCALLS` in lstrlib.c).
pub const MAXCCALLS: usize = 200;
/// The escape character of patterns.
const ESC: u8 = b'%';
/// Characters that make a pattern more than a plain string (`SPECIALS`).
const SPECIALS: &[u8] = b"^$*+?.([%-";

const CAP_UNFINISHED: isize = -1;
const CAP_POSITION: isize = -2;

/// A successful match: the matched bytes are `start..end` of the subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
}

/// One capture value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture<'a> {
    /// A substring of the subject.
    Str(&'a [u8]),
    /// A position capture `()`: the 1-based position in the subject.
    Position(i64),
}

// Character class bits for the C locale, in one table so that class tests are one load.
const ALPHA: u16 = 1;
const CNTRL: u16 = 2;
const DIGIT: u16 = 4;
const GRAPH: u16 = 8;
const LOWER: u16 = 16;
const PUNCT: u16 = 32;
const SPACE: u16 = 64;
const UPPER: u16 = 128;
const XDIGIT: u16 = 256;

const fn class_table() -> [u16; 256] {
    let mut t = [0u16; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let mut bits = 0;
        if b.is_ascii_alphabetic() {
            bits |= ALPHA;
        }
        if b < 32 || b == 127 {
            bits |= CNTRL;
        }
        if b.is_ascii_digit() {
            bits |= DIGIT;
        }
        if b > 32 && b < 127 {
            bits |= GRAPH;
        }
        if b.is_ascii_lowercase() {
            bits |= LOWER;
        }
        if b > 32 && b < 127 && !b.is_ascii_alphanumeric() {
            bits |= PUNCT;
        }
        // C's isspace includes the vertical tab, unlike Rust's is_ascii_whitespace.
        if b == b' ' || (b >= 9 && b <= 13) {
            bits |= SPACE;
        }
        if b.is_ascii_uppercase() {
            bits |= UPPER;
        }
        if b.is_ascii_hexdigit() {
            bits |= XDIGIT;
        }
        t[c] = bits;
        c += 1;
    }
    t
}

static CLASSES: [u16; 256] = class_table();

/// Whether byte `c` belongs to the class `%cl` (`match_class`): a lowercase class letter
/// tests the class, an uppercase one its complement, any other byte matches itself.
#[inline]
pub fn match_class(c: u8, cl: u8) -> bool {
    let bits = match cl.to_ascii_lowercase() {
        b'a' => ALPHA,
        b'c' => CNTRL,
        b'd' => DIGIT,
        b'g' => GRAPH,
        b'l' => LOWER,
        b'p' => PUNCT,
        b's' => SPACE,
        b'u' => UPPER,
        b'w' => ALPHA | DIGIT,
        b'x' => XDIGIT,
        // '%z' is deprecated but still matches the zero byte.
        b'z' => {
            let res = c == 0;
            return if cl.is_ascii_lowercase() { res } else { !res };
        }
        _ => return cl == c,
    };
    let res = CLASSES[c as usize] & bits != 0;
    if cl.is_ascii_lowercase() { res } else { !res }
}

/// An error found while matching, kept small so that the matcher's results travel in
/// registers; [`PatternError::into_error`] gives PUC's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PatternError {
    TooComplex,
    EndsWithPercent,
    MissingBracket,
    MissingFrontierBracket,
    MissingBalanceArguments,
    TooManyCaptures,
    InvalidPatternCapture,
    InvalidCaptureIndex(u8),
}

impl PatternError {
    fn into_error(self) -> Error {
        match self {
            PatternError::TooComplex => Error::message("pattern too complex"),
            PatternError::EndsWithPercent => Error::message("malformed pattern (ends with '%')"),
            PatternError::MissingBracket => Error::message("malformed pattern (missing ']')"),
            PatternError::MissingFrontierBracket => {
                Error::message("missing '[' after '%f' in pattern")
            }
            PatternError::MissingBalanceArguments => {
                Error::message("malformed pattern (missing arguments to '%b')")
            }
            PatternError::TooManyCaptures => Error::message("too many captures"),
            PatternError::InvalidPatternCapture => Error::message("invalid pattern capture"),
            PatternError::InvalidCaptureIndex(i) => {
                Error::message(format!("invalid capture index %{i}"))
            }
        }
    }
}

/// The end of a match, or [`NO_MATCH`].
type MatchEnd = Result<usize, PatternError>;
/// The matcher's "no match" (subject positions are always smaller).
const NO_MATCH: usize = usize::MAX;

/// The state of one match attempt: subject, pattern and captures. After a successful match
/// it holds the captures, read with [`MatchState::capture`].
#[derive(Clone)]
pub struct MatchState<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    depth: usize,
    level: usize,
    capture: [(usize, isize); MAXCAPTURES],
}

impl std::fmt::Debug for MatchState<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatchState")
            .field("level", &self.level)
            .finish()
    }
}

impl<'a> MatchState<'a> {
    /// A state for matching `pat` (already without its `^` anchor) against `src`.
    pub fn new(src: &'a [u8], pat: &'a [u8]) -> MatchState<'a> {
        MatchState {
            src,
            pat,
            depth: MAXCCALLS,
            level: 0,
            capture: [(0, 0); MAXCAPTURES],
        }
    }

    /// The subject.
    pub fn subject(&self) -> &'a [u8] {
        self.src
    }

    /// Tries to match the whole pattern at byte `s` of the subject; returns where the match
    /// ends. Resets the captures first.
    pub fn match_at(&mut self, s: usize) -> Result<Option<usize>, Error> {
        self.depth = MAXCCALLS;
        self.level = 0;
        match self.do_match(s, 0) {
            Ok(NO_MATCH) => Ok(None),
            Ok(end) => Ok(Some(end)),
            Err(e) => Err(e.into_error()),
        }
    }

    /// How many values a match produces (`push_captures`): the number of captures, or 1
    /// (the whole match) when there are none and `whole_match` is set (`match`, `gmatch`,
    /// `gsub`; `find` passes `false`).
    pub fn capture_count(&self, whole_match: bool) -> usize {
        if self.level == 0 && whole_match {
            1
        } else {
            self.level
        }
    }

    /// Capture `i` (0-based) of the match `m` (`get_onecapture`): with no captures, capture
    /// 0 is the whole match. Errors: "invalid capture index %N" and "unfinished capture".
    pub fn capture(&self, i: usize, m: Found) -> Result<Capture<'a>, Error> {
        if i >= self.level {
            if i != 0 {
                return Err(Error::message(format!("invalid capture index %{}", i + 1)));
            }
            return Ok(Capture::Str(&self.src[m.start..m.end]));
        }
        let (init, len) = self.capture[i];
        match len {
            CAP_UNFINISHED => Err(Error::message("unfinished capture")),
            CAP_POSITION => Ok(Capture::Position(init as i64 + 1)),
            len => Ok(Capture::Str(&self.src[init..init + len as usize])),
        }
    }

    /// The pattern byte at `i`, reading past the end as the C string's terminating zero.
    #[inline(always)]
    fn pat_at(&self, i: usize) -> u8 {
        self.pat.get(i).copied().unwrap_or(0)
    }

    /// Where the single-character class starting at `p` ends (`classend`).
    #[inline(always)]
    fn class_end(&self, p: usize) -> Result<usize, PatternError> {
        match self.pat[p] {
            ESC => {
                if p + 1 >= self.pat.len() {
                    return Err(PatternError::EndsWithPercent);
                }
                Ok(p + 2)
            }
            b'[' => self.set_end(p + 1),
            _ => Ok(p + 1),
        }
    }

    /// Where the set whose `[` is just before `p` ends.
    #[inline(never)]
    fn set_end(&self, mut p: usize) -> Result<usize, PatternError> {
        if self.pat_at(p) == b'^' {
            p += 1;
        }
        // Look for the closing ']'; the first character is never the end, so '[]]' is a
        // set containing ']'.
        loop {
            if p >= self.pat.len() {
                return Err(PatternError::MissingBracket);
            }
            let cc = self.pat[p];
            p += 1;
            if cc == ESC && p < self.pat.len() {
                p += 1;
            }
            if self.pat_at(p) == b']' {
                return Ok(p + 1);
            }
        }
    }

    /// Whether `c` is in the set `[...]` that starts at `p` and whose `]` is at `ec`.
    fn match_bracket_class(&self, c: u8, mut p: usize, ec: usize) -> bool {
        let pat = self.pat;
        let mut sig = true;
        if pat[p + 1] == b'^' {
            sig = false;
            p += 1;
        }
        loop {
            p += 1;
            if p >= ec {
                return !sig;
            }
            if pat[p] == ESC {
                p += 1;
                if match_class(c, pat[p]) {
                    return sig;
                }
            } else if pat[p + 1] == b'-' && p + 2 < ec {
                p += 2;
                if pat[p - 2] <= c && c <= pat[p] {
                    return sig;
                }
            } else if pat[p] == c {
                return sig;
            }
        }
    }

    /// Whether the subject byte at `s` matches the class `p..ep` (`singlematch`).
    #[inline(always)]
    fn single_match(&self, s: usize, p: usize, ep: usize) -> bool {
        let Some(&c) = self.src.get(s) else {
            return false;
        };
        match self.pat[p] {
            b'.' => true,
            ESC => match_class(c, self.pat[p + 1]),
            b'[' => self.match_bracket_class(c, p, ep - 1),
            pc => pc == c,
        }
    }

    fn do_match(&mut self, mut s: usize, mut p: usize) -> MatchEnd {
        if self.depth == 0 {
            return Err(PatternError::TooComplex);
        }
        self.depth -= 1;
        let plen = self.pat.len();
        // Each `continue` is a tail call `match(s, p)` done in place, as PUC's `goto init`.
        let result = loop {
            if p == plen {
                break s;
            }
            let c = self.pat[p];
            // Only '$', '%', '(' and ')' are special here; one range test skips the rest.
            if (b'$'..=b')').contains(&c) {
                match c {
                    b'(' => {
                        break if self.pat_at(p + 1) == b')' {
                            self.start_capture(s, p + 2, CAP_POSITION)?
                        } else {
                            self.start_capture(s, p + 1, CAP_UNFINISHED)?
                        };
                    }
                    b')' => break self.end_capture(s, p + 1)?,
                    b'$' if p + 1 == plen => break if s == self.src.len() { s } else { NO_MATCH },
                    ESC => match self.pat_at(p + 1) {
                        b'b' => {
                            s = self.match_balance(s, p + 2)?;
                            if s == NO_MATCH {
                                break NO_MATCH;
                            }
                            p += 4;
                            continue;
                        }
                        b'f' => {
                            p += 2;
                            if self.pat_at(p) != b'[' {
                                return Err(PatternError::MissingFrontierBracket);
                            }
                            let ep = self.set_end(p + 1)?;
                            // Outside the subject the frontier sees the zero byte.
                            let previous = if s == 0 { 0 } else { self.src[s - 1] };
                            let current = self.src.get(s).copied().unwrap_or(0);
                            if !self.match_bracket_class(previous, p, ep - 1)
                                && self.match_bracket_class(current, p, ep - 1)
                            {
                                p = ep;
                                continue;
                            }
                            break NO_MATCH;
                        }
                        d @ b'0'..=b'9' => {
                            s = self.match_capture(s, d)?;
                            if s == NO_MATCH {
                                break NO_MATCH;
                            }
                            p += 2;
                            continue;
                        }
                        _ => {}
                    },
                    _ => {}
                }
            }
            // A single-character class with an optional repetition suffix.
            let ep = self.class_end(p)?;
            let suffix = self.pat_at(ep);
            if !self.single_match(s, p, ep) {
                if matches!(suffix, b'*' | b'?' | b'-') {
                    p = ep + 1;
                    continue;
                }
                break NO_MATCH;
            }
            match suffix {
                b'?' => {
                    let res = self.do_match(s + 1, ep + 1)?;
                    if res != NO_MATCH {
                        break res;
                    }
                    p = ep + 1;
                    continue;
                }
                b'+' => break self.max_expand(s + 1, p, ep)?,
                b'*' => break self.max_expand(s, p, ep)?,
                b'-' => break self.min_expand(s, p, ep)?,
                _ => {
                    s += 1;
                    p = ep;
                    continue;
                }
            }
        };
        self.depth += 1;
        Ok(result)
    }

    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> MatchEnd {
        let mut i = 0;
        while self.single_match(s + i, p, ep) {
            i += 1;
        }
        // Try the rest of the pattern with as many repetitions as possible, then fewer.
        loop {
            let res = self.do_match(s + i, ep + 1)?;
            if res != NO_MATCH {
                return Ok(res);
            }
            if i == 0 {
                return Ok(NO_MATCH);
            }
            i -= 1;
        }
    }

    fn min_expand(&mut self, mut s: usize, p: usize, ep: usize) -> MatchEnd {
        loop {
            let res = self.do_match(s, ep + 1)?;
            if res != NO_MATCH {
                return Ok(res);
            }
            if self.single_match(s, p, ep) {
                s += 1;
            } else {
                return Ok(NO_MATCH);
            }
        }
    }

    fn start_capture(&mut self, s: usize, p: usize, what: isize) -> MatchEnd {
        if self.level >= MAXCAPTURES {
            return Err(PatternError::TooManyCaptures);
        }
        self.capture[self.level] = (s, what);
        self.level += 1;
        let res = self.do_match(s, p)?;
        if res == NO_MATCH {
            self.level -= 1;
        }
        Ok(res)
    }

    fn end_capture(&mut self, s: usize, p: usize) -> MatchEnd {
        let l = self.capture_to_close()?;
        self.capture[l].1 = (s - self.capture[l].0) as isize;
        let res = self.do_match(s, p)?;
        if res == NO_MATCH {
            self.capture[l].1 = CAP_UNFINISHED;
        }
        Ok(res)
    }

    fn capture_to_close(&self) -> Result<usize, PatternError> {
        (0..self.level)
            .rev()
            .find(|&l| self.capture[l].1 == CAP_UNFINISHED)
            .ok_or(PatternError::InvalidPatternCapture)
    }

    fn match_balance(&self, s: usize, p: usize) -> MatchEnd {
        if p + 1 >= self.pat.len() {
            return Err(PatternError::MissingBalanceArguments);
        }
        let (open, close) = (self.pat[p], self.pat[p + 1]);
        if self.src.get(s) != Some(&open) {
            return Ok(NO_MATCH);
        }
        let mut depth = 1;
        for (i, &c) in self.src.iter().enumerate().skip(s + 1) {
            if c == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            } else if c == open {
                depth += 1;
            }
        }
        Ok(NO_MATCH)
    }

    fn match_capture(&self, s: usize, digit: u8) -> MatchEnd {
        let l = digit as isize - b'1' as isize;
        if l < 0 || l as usize >= self.level || self.capture[l as usize].1 == CAP_UNFINISHED {
            return Err(PatternError::InvalidCaptureIndex((l + 1) as u8));
        }
        let (init, len) = self.capture[l as usize];
        // A position capture has no text: PUC compares with a huge length and fails.
        if len < 0 {
            return Ok(NO_MATCH);
        }
        let len = len as usize;
        if self.src.len() - s >= len && self.src[init..init + len] == self.src[s..s + len] {
            Ok(s + len)
        } else {
            Ok(NO_MATCH)
        }
    }
}

/// Whether a pattern has no special characters, so `find` may search for it literally.
pub fn no_specials(pat: &[u8]) -> bool {
    !pat.iter().any(|c| SPECIALS.contains(c))
}

/// The first occurrence of `needle` in `haystack` (an empty needle is found at 0).
pub fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    if needle.len() > haystack.len() {
        return None;
    }
    let last_start = haystack.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        let k = haystack[i..=last_start].iter().position(|&c| c == first)?;
        i += k;
        if &haystack[i + 1..i + needle.len()] == rest {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Where a search starts (`posrelatI(init) - 1`); `None` when it starts after the end.
fn start_offset(init: i64, len: usize) -> Option<usize> {
    let start = crate::strlib::pos_relative_start(init, len) - 1;
    if start > len { None } else { Some(start) }
}

/// `string.find` (`find = true`) and `string.match` (`find = false`) from 1-based `init`
/// (`plain` only for `find`). On success returns the match and the state holding its
/// captures; a plain search (requested, or a `find` pattern without special characters)
/// has no captures.
pub fn find<'a>(
    src: &'a [u8],
    pat: &'a [u8],
    init: i64,
    plain: bool,
    find: bool,
) -> Result<Option<(Found, MatchState<'a>)>, Error> {
    let Some(init) = start_offset(init, src.len()) else {
        return Ok(None);
    };
    if find && (plain || no_specials(pat)) {
        return Ok(find_bytes(&src[init..], pat).map(|k| {
            let start = init + k;
            (
                Found {
                    start,
                    end: start + pat.len(),
                },
                MatchState::new(src, b""),
            )
        }));
    }
    let anchor = pat.first() == Some(&b'^');
    let pat = if anchor { &pat[1..] } else { pat };
    let mut state = MatchState::new(src, pat);
    let mut s = init;
    loop {
        if let Some(end) = state.match_at(s)? {
            return Ok(Some((Found { start: s, end }, state)));
        }
        s += 1;
        if anchor || s > src.len() {
            return Ok(None);
        }
    }
}

/// The state of a `string.gmatch` iterator: where the next search starts and where the
/// last match ended (an empty match right there is skipped, PUC 5.4's `lastmatch` rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gmatch {
    src: usize,
    last_match: Option<usize>,
}

impl Gmatch {
    /// The iterator state for a subject of `len` bytes and 1-based `init`.
    pub fn new(len: usize, init: i64) -> Gmatch {
        let start = start_offset(init, len).unwrap_or(len + 1);
        Gmatch {
            src: start,
            last_match: None,
        }
    }

    /// The next match of `pat` in `src` (the same strings on every call). In `gmatch` a
    /// leading `^` is an ordinary character.
    pub fn next<'a>(
        &mut self,
        src: &'a [u8],
        pat: &'a [u8],
    ) -> Result<Option<(Found, MatchState<'a>)>, Error> {
        let mut state = MatchState::new(src, pat);
        let mut s = self.src;
        while s <= src.len() {
            if let Some(end) = state.match_at(s)?
                && Some(end) != self.last_match
            {
                self.src = end;
                self.last_match = Some(end);
                return Ok(Some((Found { start: s, end }, state)));
            }
            s += 1;
        }
        self.src = s;
        Ok(None)
    }
}

/// The result of [`gsub`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gsub {
    /// Whether any replacement changed the text; when false the engine returns the
    /// original string (and the output buffer is not meaningful).
    pub changed: bool,
    /// The number of matches replaced (`gsub`'s second result).
    pub count: i64,
}

/// `string.gsub(src, pat, repl, max_n)`: appends the result to `out`. For each match,
/// `replace(state, found, out)` appends the replacement and returns whether it changed the
/// text (false when a table or function gave false or nil and the original was kept).
/// `max_n` defaults to `src.len() + 1`. (Engines that cannot keep `src` borrowed while the
/// replacement runs Lua code use [`GsubState`], which costs a copy of the match state per
/// match.)
pub fn gsub<'a, E: From<Error>>(
    src: &'a [u8],
    pat: &'a [u8],
    max_n: i64,
    out: &mut Vec<u8>,
    mut replace: impl FnMut(&MatchState<'a>, Found, &mut Vec<u8>) -> Result<bool, E>,
) -> Result<Gsub, E> {
    // The same loop as `GsubState`, with one match state for the whole call (returning
    // the state for every match would copy its captures each time).
    let anchor = pat.first() == Some(&b'^');
    let pat = if anchor { &pat[1..] } else { pat };
    let mut state = MatchState::new(src, pat);
    let mut s = 0;
    let mut last_match = None;
    let mut count = 0;
    let mut changed = false;
    while count < max_n {
        let end = state.match_at(s)?;
        if let Some(e) = end
            && Some(e) != last_match
        {
            count += 1;
            changed |= replace(&state, Found { start: s, end: e }, out)?;
            s = e;
            last_match = Some(e);
        } else if s < src.len() {
            out.push(src[s]);
            s += 1;
        } else {
            break;
        }
        if anchor {
            break;
        }
    }
    if changed {
        out.extend_from_slice(&src[s..]);
    }
    Ok(Gsub { changed, count })
}

/// `string.gsub` step by step, for engines whose replacement (a Lua function or table
/// lookup) cannot run while the subject is borrowed: take the captures out of the returned
/// state, drop it, append the replacement, call [`GsubState::replaced`], repeat; then
/// [`GsubState::finish`].
///
/// ```
/// use lua_prims::pattern::{GsubState, add_replacement};
/// let (src, pat) = (&b"hello world"[..], &b"o"[..]);
/// let mut out = Vec::new();
/// let mut g = GsubState::new(pat, src.len() as i64 + 1);
/// while let Some((m, state)) = g.next_match(src, pat, &mut out).unwrap() {
///     add_replacement(&state, m, b"0", &mut out).unwrap();
///     g.replaced(true);
/// }
/// let result = g.finish(src, &mut out);
/// assert_eq!((out.as_slice(), result.count), (&b"hell0 w0rld"[..], 2));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GsubState {
    pos: usize,
    last_match: Option<usize>,
    pending: Option<usize>,
    count: i64,
    max_n: i64,
    anchor: bool,
    changed: bool,
    done: bool,
}

impl GsubState {
    /// The state for replacing at most `max_n` matches of `pat` (the full pattern, with its
    /// `^` anchor if any).
    pub fn new(pat: &[u8], max_n: i64) -> GsubState {
        GsubState {
            pos: 0,
            last_match: None,
            pending: None,
            count: 0,
            max_n,
            anchor: pat.first() == Some(&b'^'),
            changed: false,
            done: false,
        }
    }

    /// Copies unmatched bytes of `src` to `out` up to the next match and returns it (and the
    /// state holding its captures), or `None` when there are no more replacements to make.
    /// `src` and `pat` must be the same on every call.
    pub fn next_match<'a>(
        &mut self,
        src: &'a [u8],
        pat: &'a [u8],
        out: &mut Vec<u8>,
    ) -> Result<Option<(Found, MatchState<'a>)>, Error> {
        if self.pending.is_some() {
            self.replaced(false);
        }
        let pat = if self.anchor { &pat[1..] } else { pat };
        let mut state = MatchState::new(src, pat);
        while !self.done && self.count < self.max_n {
            let end = state.match_at(self.pos)?;
            if let Some(e) = end
                && Some(e) != self.last_match
            {
                self.count += 1;
                self.pending = Some(e);
                return Ok(Some((
                    Found {
                        start: self.pos,
                        end: e,
                    },
                    state,
                )));
            } else if self.pos < src.len() {
                out.push(src[self.pos]);
                self.pos += 1;
            } else {
                break;
            }
            if self.anchor {
                break;
            }
        }
        self.done = true;
        Ok(None)
    }

    /// Records that the replacement of the last match was appended, and whether it changed
    /// the text.
    pub fn replaced(&mut self, changed: bool) {
        self.changed |= changed;
        if let Some(e) = self.pending.take() {
            self.pos = e;
            self.last_match = Some(e);
            if self.anchor {
                self.done = true;
            }
        }
    }

    /// Appends the rest of the subject (when something changed) and gives the result.
    pub fn finish(mut self, src: &[u8], out: &mut Vec<u8>) -> Gsub {
        if self.pending.is_some() {
            self.replaced(false);
        }
        if self.changed {
            out.extend_from_slice(&src[self.pos..]);
        }
        Gsub {
            changed: self.changed,
            count: self.count,
        }
    }
}

/// Appends the replacement string `repl` for the match `m` (`add_s`): `%0` is the whole
/// match, `%1`..`%9` the captures (positions as decimal integers), `%%` a percent sign;
/// anything else after `%` is "invalid use of '%' in replacement string".
pub fn add_replacement(
    state: &MatchState<'_>,
    m: Found,
    repl: &[u8],
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    let mut rest = repl;
    while let Some(k) = rest.iter().position(|&c| c == ESC) {
        out.extend_from_slice(&rest[..k]);
        let c = rest.get(k + 1).copied().unwrap_or(0);
        match c {
            ESC => out.push(ESC),
            b'0' => out.extend_from_slice(&state.src[m.start..m.end]),
            b'1'..=b'9' => match state.capture(usize::from(c - b'1'), m)? {
                Capture::Str(s) => out.extend_from_slice(s),
                Capture::Position(p) => crate::numfmt::write_integer(out, p),
            },
            _ => return Err(Error::message("invalid use of '%' in replacement string")),
        }
        rest = &rest[k + 2..];
    }
    out.extend_from_slice(rest);
    Ok(())
}

/// The error for a table or function replacement that gave a value other than a string,
/// number, false or nil: "invalid replacement value (a table)".
pub fn invalid_replacement(type_name: &str) -> Error {
    Error::message(format!("invalid replacement value (a {type_name})"))
}
