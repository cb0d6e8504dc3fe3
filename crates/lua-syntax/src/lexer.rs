//! The lexer (manual §3.1): bytes to tokens, one token at a time, as PUC-Rio's llex.c.
//!
//! The lexer is lazy on purpose: PUC-Rio Lua reads exactly one token ahead of the parser,
//! so which of two errors a malformed program reports (a lexical error further on, or a
//! syntax error on the current token) depends on it. [`Lexer::next_token`] reads the
//! next token only when asked, and errors carry the line the lexer had reached, exactly
//! like `ls->linenumber`.
//!
//! Token values: names and numerals are slices of the source ([`Lexer::token_text`]);
//! the bytes of a string literal, after escape processing, are in [`Lexer::string_value`]
//! until the next token is read.

use crate::SyntaxError;
use crate::number::{Numeral, str2number};

/// Errors are boxed so that a token result fits in two registers.
pub type LexResult<T> = Result<T, Box<SyntaxError>>;

/// A token. Names, strings and numerals carry their value in the lexer (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Token {
    And,
    Break,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    Goto,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    /// `//`
    IDiv,
    /// `..`
    Concat,
    /// `...`
    Dots,
    /// `==`
    Eq,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `::`
    DbColon,
    /// The end of the source.
    Eof,
    /// A float numeral.
    Float(f64),
    /// An integer numeral.
    Int(i64),
    /// A name; its text is [`Lexer::token_text`].
    Name,
    /// A string literal; its bytes are [`Lexer::string_value`].
    String,
    /// Any other single byte: `+ - * / % ^ # & ~ | < > = ( ) { } [ ] ; : , .` and every
    /// byte that starts no token (the parser rejects those).
    Char(u8),
}

impl Token {
    /// The reserved word spelled `word`, if it is one.
    pub fn keyword(word: &[u8]) -> Option<Token> {
        if !(2..=8).contains(&word.len()) {
            return None;
        }
        let mut packed = [0u8; 8];
        packed[..word.len()].copy_from_slice(word);
        keyword_packed(u64::from_le_bytes(packed), word)
    }

    /// How PUC-Rio Lua names a token that has a fixed spelling (`luaX_token2str`):
    /// `'and'`, `'+'`, `'<\1>'` for a control byte, `<eof>`. Names, strings and
    /// numerals get their generic names (`<name>` ...), as in "`<name>` expected".
    pub fn describe(self) -> String {
        let fixed = match self {
            Token::And => "and",
            Token::Break => "break",
            Token::Do => "do",
            Token::Else => "else",
            Token::Elseif => "elseif",
            Token::End => "end",
            Token::False => "false",
            Token::For => "for",
            Token::Function => "function",
            Token::Goto => "goto",
            Token::If => "if",
            Token::In => "in",
            Token::Local => "local",
            Token::Nil => "nil",
            Token::Not => "not",
            Token::Or => "or",
            Token::Repeat => "repeat",
            Token::Return => "return",
            Token::Then => "then",
            Token::True => "true",
            Token::Until => "until",
            Token::While => "while",
            Token::IDiv => "//",
            Token::Concat => "..",
            Token::Dots => "...",
            Token::Eq => "==",
            Token::Ge => ">=",
            Token::Le => "<=",
            Token::Ne => "~=",
            Token::Shl => "<<",
            Token::Shr => ">>",
            Token::DbColon => "::",
            Token::Eof => return "<eof>".to_string(),
            Token::Float(_) => return "<number>".to_string(),
            Token::Int(_) => return "<integer>".to_string(),
            Token::Name => return "<name>".to_string(),
            Token::String => return "<string>".to_string(),
            Token::Char(c) if is_print(c) => return format!("'{}'", c as char),
            Token::Char(c) => return format!("'<\\{c}>'"),
        };
        format!("'{fixed}'")
    }
}

/// The reserved words (manual §3.1).
const KEYWORDS: [(&[u8], Token); 22] = [
    (b"and", Token::And),
    (b"break", Token::Break),
    (b"do", Token::Do),
    (b"else", Token::Else),
    (b"elseif", Token::Elseif),
    (b"end", Token::End),
    (b"false", Token::False),
    (b"for", Token::For),
    (b"function", Token::Function),
    (b"goto", Token::Goto),
    (b"if", Token::If),
    (b"in", Token::In),
    (b"local", Token::Local),
    (b"nil", Token::Nil),
    (b"not", Token::Not),
    (b"or", Token::Or),
    (b"repeat", Token::Repeat),
    (b"return", Token::Return),
    (b"then", Token::Then),
    (b"true", Token::True),
    (b"until", Token::Until),
    (b"while", Token::While),
];

/// A perfect hash of the reserved words into 32 slots (found by search; the test
/// `keyword_hash_is_perfect` checks it), so that a name is checked with one comparison.
const fn keyword_hash(w: &[u8]) -> usize {
    ((w[0] as usize * 12) ^ (w[w.len() - 1] as usize * 13) ^ w.len()) % 32
}

/// A word of 2 to 8 bytes as a little-endian integer padded with zeros.
const fn pack_word(w: &[u8]) -> u64 {
    let mut v = 0u64;
    let mut i = 0;
    while i < w.len() {
        v |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    v
}

/// Reserved words by hash: the packed spelling and the token.
static KEYWORD_TABLE: [(u64, Token); 32] = {
    let mut table = [(0u64, Token::Name); 32];
    let mut i = 0;
    while i < KEYWORDS.len() {
        let (w, tok) = KEYWORDS[i];
        table[keyword_hash(w)] = (pack_word(w), tok);
        i += 1;
    }
    table
};

/// The keyword `word` (2 to 8 bytes, packed in `packed`) is, if any.
#[inline(always)]
fn keyword_packed(packed: u64, word: &[u8]) -> Option<Token> {
    let (spelling, tok) = KEYWORD_TABLE[keyword_hash(word)];
    if spelling == packed { Some(tok) } else { None }
}

/// Masks that keep the first `n` bytes of a packed word.
const LOW_BYTES: [u64; 9] = [
    0,
    0xff,
    0xffff,
    0xff_ffff,
    0xffff_ffff,
    0xff_ffff_ffff,
    0xffff_ffff_ffff,
    0xff_ffff_ffff_ffff,
    u64::MAX,
];

/// Printable as Lua's `lisprint` sees it: ASCII 0x20..=0x7e only.
fn is_print(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

/// Byte classes for the hot loops.
const NAME_START: u8 = 1;
const NAME_CHAR: u8 = 2;
const XDIGIT: u8 = 4;
const SPACE: u8 = 8;
/// Bytes that are always a token of their own (never the start of a longer one).
const SINGLE: u8 = 16;
/// `NAME_START` as it reads in the masked class of a name's first byte.
const NAME_START_OR_CHAR: u8 = NAME_START;
/// The highest line number (`MAX_INT` in PUC) before "chunk has too many lines".
const MAX_LINE: u32 = i32::MAX as u32 - 1;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let mut k = 0;
        if b.is_ascii_alphabetic() || b == b'_' {
            k |= NAME_START | NAME_CHAR;
        }
        if b.is_ascii_digit() {
            k |= NAME_CHAR;
        }
        if b.is_ascii_hexdigit() {
            k |= XDIGIT;
        }
        if matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
            k |= SPACE;
        }
        // Not: names, digits, whitespace, `-` (comments), and the bytes that can begin a
        // longer token (`[=<>/~:."'`). NUL is included: it is a token like any other.
        let starts_longer = matches!(
            b,
            b'[' | b'=' | b'<' | b'>' | b'/' | b'~' | b':' | b'.' | b'"' | b'\'' | b'-'
        );
        if k == 0 && !starts_longer {
            k |= SINGLE;
        }
        t[c] = k;
        c += 1;
    }
    t
};

#[inline(always)]
fn class(c: u8, k: u8) -> bool {
    CLASS[c as usize] & k != 0
}

/// A lexer over one chunk of source.
pub struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    /// The line the lexer has reached (`ls->linenumber`).
    line: u32,
    /// Where the last token started, and its first line.
    tok_start: usize,
    tok_line: u32,
    /// Processed bytes of the last string literal.
    buf: Vec<u8>,
    /// The chunk identifier that prefixes error messages.
    chunkid: String,
}

impl<'a> Lexer<'a> {
    /// A lexer for `src`, reporting errors as coming from `chunkname` (see [`crate::chunkid`]).
    /// It starts at the first byte: skipping a `#` first line is [`crate::parse`]'s job.
    pub fn new(src: &'a [u8], chunkname: &str) -> Lexer<'a> {
        Lexer::with_start(src, 0, crate::chunkid(chunkname))
    }

    pub(crate) fn with_start(src: &'a [u8], pos: usize, chunkid: String) -> Lexer<'a> {
        Lexer {
            src,
            pos,
            line: 1,
            tok_start: pos,
            tok_line: 1,
            buf: Vec::new(),
            chunkid,
        }
    }

    /// The line the lexer has reached: the last line of the last token read.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// The first line of the last token read.
    pub fn token_line(&self) -> u32 {
        self.tok_line
    }

    /// The source text of the last token read (for a name, its spelling).
    pub fn token_text(&self) -> &'a [u8] {
        &self.src[self.tok_start..self.pos]
    }

    /// The bytes of the last string literal read.
    pub fn string_value(&self) -> &[u8] {
        &self.buf
    }

    /// Takes the bytes of the last string literal read, leaving the buffer empty.
    pub fn take_string(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }

    /// The chunk identifier used in messages.
    pub fn chunk_id(&self) -> &str {
        &self.chunkid
    }

    /// An error at the current line: `chunkid:line: msg`, plus ` near TOKEN` when given.
    #[cold]
    pub fn error(&self, msg: &str, near: Option<&str>) -> Box<SyntaxError> {
        let mut message = format!("{}:{}: {}", self.chunkid, self.line, msg);
        if let Some(near) = near {
            message.push_str(" near ");
            message.push_str(near);
        }
        Box::new(SyntaxError {
            message,
            line: self.line,
        })
    }

    /// Where the last token read starts and ends in the source.
    pub fn token_span(&self) -> (usize, usize) {
        (self.tok_start, self.pos)
    }

    /// How an error message shows the token `tok` whose source text is `text`
    /// (`txtToken`): the source text of names and numerals, the processed bytes of a
    /// string between its delimiters (a string must be the last token read), and the
    /// fixed spelling of everything else. `None` for a NUL byte, which PUC-Rio Lua
    /// cannot tell from "no token" and so shows no `near` part for.
    pub fn near_text(&self, tok: Token, text: &[u8]) -> Option<String> {
        match tok {
            Token::Name | Token::Int(_) | Token::Float(_) => Some(quote_bytes(text)),
            Token::String => {
                let mut raw = Vec::with_capacity(self.buf.len() + 8);
                if text[0] == b'[' {
                    let level = text[1..].iter().take_while(|&&c| c == b'=').count();
                    raw.push(b'[');
                    raw.extend(std::iter::repeat_n(b'=', level));
                    raw.push(b'[');
                    raw.extend_from_slice(&self.buf);
                    raw.push(b']');
                    raw.extend(std::iter::repeat_n(b'=', level));
                    raw.push(b']');
                } else {
                    raw.push(text[0]);
                    raw.extend_from_slice(&self.buf);
                    raw.push(text[0]);
                }
                Some(quote_bytes(&raw))
            }
            Token::Char(0) => None,
            _ => Some(tok.describe()),
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    #[inline(always)]
    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.src.get(self.pos + ahead).copied()
    }

    /// Skips a line break (`\n`, `\r`, `\n\r` or `\r\n`) at the current position.
    #[inline]
    fn newline(&mut self) -> LexResult<()> {
        let old = self.src[self.pos];
        self.pos += 1;
        if let Some(c) = self.peek()
            && (c == b'\n' || c == b'\r')
            && c != old
        {
            self.pos += 1;
        }
        self.line += 1;
        if self.line >= i32::MAX as u32 {
            return Err(self.error("chunk has too many lines", None));
        }
        Ok(())
    }

    /// Reads the next token.
    ///
    /// The hot path (whitespace, names, keywords, one-byte tokens) is kept small; every
    /// other token is read by `other_token`, out of line.
    pub fn next_token(&mut self) -> LexResult<Token> {
        let src = self.src;
        let mut pos = self.pos;
        let c = loop {
            let Some(&c) = src.get(pos) else {
                self.pos = pos;
                self.tok_start = pos;
                self.tok_line = self.line;
                return Ok(Token::Eof);
            };
            match c {
                b' ' | b'\t' => pos += 1,
                b'\n' if self.line < MAX_LINE => {
                    pos += 1;
                    if src.get(pos) == Some(&b'\r') {
                        pos += 1;
                    }
                    self.line += 1;
                }
                b'\n' | b'\r' | b'\x0b' | b'\x0c' | b'-' => {
                    self.pos = pos;
                    if !self.skip_trivia()? {
                        return self.other_token();
                    }
                    pos = self.pos;
                }
                _ => break c,
            }
        };
        self.tok_start = pos;
        self.tok_line = self.line;
        match CLASS[c as usize] & (NAME_START | SINGLE) {
            NAME_START_OR_CHAR => {
                let rest = &src[pos + 1..];
                let len = 1 + rest
                    .iter()
                    .position(|&c| !class(c, NAME_CHAR))
                    .unwrap_or(rest.len());
                self.pos = pos + len;
                let word = &src[pos..pos + len];
                if !(2..=8).contains(&len) {
                    return Ok(Token::Name);
                }
                // Reserved words are found with one comparison of a packed word.
                let packed = match src.get(pos..pos + 8) {
                    Some(eight) => {
                        u64::from_le_bytes(eight.try_into().unwrap_or_default()) & LOW_BYTES[len]
                    }
                    None => pack_word(word),
                };
                Ok(keyword_packed(packed, word).unwrap_or(Token::Name))
            }
            SINGLE => {
                self.pos = pos + 1;
                Ok(Token::Char(c))
            }
            _ => {
                self.pos = pos;
                self.other_token()
            }
        }
    }

    /// Skips trivia that is not a plain space: line breaks, other whitespace and
    /// comments. Returns false when the current byte starts a token (a lone `-`).
    #[inline(never)]
    fn skip_trivia(&mut self) -> LexResult<bool> {
        let src = self.src;
        loop {
            let Some(&c) = src.get(self.pos) else {
                return Ok(true);
            };
            match c {
                b' ' | b'\t' | b'\x0b' | b'\x0c' => self.pos += 1,
                b'\n' | b'\r' => self.newline()?,
                b'-' if src.get(self.pos + 1) == Some(&b'-') => {
                    self.pos += 2;
                    self.comment()?;
                }
                b'-' => {
                    self.tok_start = self.pos;
                    self.tok_line = self.line;
                    return Ok(false);
                }
                _ => return Ok(true),
            }
        }
    }

    /// Every token but names and one-byte tokens; the position is at its first byte,
    /// which is where the token starts.
    #[inline(never)]
    fn other_token(&mut self) -> LexResult<Token> {
        self.tok_start = self.pos;
        self.tok_line = self.line;
        let Some(c) = self.peek() else {
            return Ok(Token::Eof);
        };
        let tok = match c {
            b'[' => {
                let (sep, after) = self.skip_sep(self.pos);
                if sep >= 2 {
                    self.pos = after;
                    self.long_string(sep, true)?;
                    return Ok(Token::String);
                } else if sep == 0 {
                    self.pos = after;
                    let near = quote_bytes(&self.src[self.tok_start..after]);
                    return Err(self.error("invalid long string delimiter", Some(&near)));
                }
                self.pos += 1;
                Token::Char(b'[')
            }
            b'=' => self.pair(b'=', Token::Eq, Token::Char(b'=')),
            b'<' => match self.peek_at(1) {
                Some(b'=') => self.advance(2, Token::Le),
                Some(b'<') => self.advance(2, Token::Shl),
                _ => self.advance(1, Token::Char(b'<')),
            },
            b'>' => match self.peek_at(1) {
                Some(b'=') => self.advance(2, Token::Ge),
                Some(b'>') => self.advance(2, Token::Shr),
                _ => self.advance(1, Token::Char(b'>')),
            },
            b'/' => self.pair(b'/', Token::IDiv, Token::Char(b'/')),
            b'~' => self.pair(b'=', Token::Ne, Token::Char(b'~')),
            b':' => self.pair(b':', Token::DbColon, Token::Char(b':')),
            b'"' | b'\'' => {
                self.short_string(c)?;
                Token::String
            }
            b'.' => match self.peek_at(1) {
                Some(b'.') => {
                    if self.peek_at(2) == Some(b'.') {
                        self.advance(3, Token::Dots)
                    } else {
                        self.advance(2, Token::Concat)
                    }
                }
                Some(d) if d.is_ascii_digit() => self.numeral()?,
                _ => self.advance(1, Token::Char(b'.')),
            },
            b'0'..=b'9' => self.numeral()?,
            // Every other byte is a token of its own, `-` included (`--` was a comment).
            _ => self.advance(1, Token::Char(c)),
        };
        Ok(tok)
    }

    #[inline(always)]
    fn advance(&mut self, n: usize, tok: Token) -> Token {
        self.pos += n;
        tok
    }

    /// A one-byte token that becomes `two` when followed by `second`.
    #[inline(always)]
    fn pair(&mut self, second: u8, two: Token, one: Token) -> Token {
        if self.peek_at(1) == Some(second) {
            self.advance(2, two)
        } else {
            self.advance(1, one)
        }
    }

    /// Skips a comment; the position is just after `--`.
    fn comment(&mut self) -> LexResult<()> {
        if self.peek() == Some(b'[') {
            let (sep, after) = self.skip_sep(self.pos);
            if sep >= 2 {
                self.pos = after;
                return self.long_string(sep, false);
            }
            // Not a long bracket: what was scanned is part of a short comment.
            self.pos = after;
        }
        let rest = &self.src[self.pos..];
        let n = rest
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .unwrap_or(rest.len());
        self.pos += n;
        Ok(())
    }

    /// Scans `[=*[` or `]=*]` starting at `at` (`skip_sep`). Returns the number of `=`
    /// plus 2 when the second bracket follows (the position is then at that bracket),
    /// 1 for a lone bracket, 0 for `[=` without its second bracket; and the position
    /// after what was scanned.
    #[inline]
    fn skip_sep(&self, at: usize) -> (usize, usize) {
        let s = self.src[at];
        let mut p = at + 1;
        while self.src.get(p) == Some(&b'=') {
            p += 1;
        }
        let count = p - at - 1;
        if self.src.get(p) == Some(&s) {
            (count + 2, p)
        } else if count == 0 {
            (1, p)
        } else {
            (0, p)
        }
    }

    /// Reads a long string or comment; the position is at its second opening bracket.
    fn long_string(&mut self, sep: usize, keep: bool) -> LexResult<()> {
        let start_line = self.line;
        self.pos += 1;
        self.buf.clear();
        if matches!(self.peek(), Some(b'\n' | b'\r')) {
            self.newline()?;
        }
        loop {
            // Copy the run of ordinary bytes in one go.
            let rest = &self.src[self.pos..];
            let n = rest
                .iter()
                .position(|&c| matches!(c, b']' | b'\n' | b'\r'))
                .unwrap_or(rest.len());
            if keep {
                self.buf.extend_from_slice(&rest[..n]);
            }
            self.pos += n;
            match self.peek() {
                None => {
                    let what = if keep { "string" } else { "comment" };
                    let msg = format!("unfinished long {what} (starting at line {start_line})");
                    return Err(self.error(&msg, Some("<eof>")));
                }
                Some(b']') => {
                    let (s, after) = self.skip_sep(self.pos);
                    if s == sep {
                        self.pos = after + 1;
                        return Ok(());
                    }
                    // Not the closing bracket: keep what was scanned, stopping before a
                    // `]` that may start the real one.
                    if keep {
                        self.buf.extend_from_slice(&self.src[self.pos..after]);
                    }
                    self.pos = after;
                }
                Some(_) => {
                    if keep {
                        self.buf.push(b'\n');
                    }
                    self.newline()?;
                }
            }
        }
    }

    /// Reads a short string delimited by `del`; the position is at the opening delimiter.
    fn short_string(&mut self, del: u8) -> LexResult<()> {
        self.pos += 1;
        self.buf.clear();
        loop {
            let rest = &self.src[self.pos..];
            let n = rest
                .iter()
                .position(|&c| c == del || c == b'\\' || c == b'\n' || c == b'\r')
                .unwrap_or(rest.len());
            self.buf.extend_from_slice(&rest[..n]);
            self.pos += n;
            match self.peek() {
                None => return Err(self.error("unfinished string", Some("<eof>"))),
                Some(b'\n' | b'\r') => {
                    let near = self.string_near(del, self.pos);
                    return Err(self.error("unfinished string", near.as_deref()));
                }
                Some(b'\\') => self.escape(del)?,
                Some(_) => {
                    self.pos += 1;
                    return Ok(());
                }
            }
        }
    }

    /// The near text of a string token in error: the delimiter, the bytes processed so
    /// far, then the raw source from `raw_from` to the current position.
    fn string_near(&self, del: u8, raw_from: usize) -> Option<String> {
        let mut text = vec![del];
        text.extend_from_slice(&self.buf);
        text.extend_from_slice(&self.src[raw_from..self.pos]);
        Some(quote_bytes(&text))
    }

    /// An error in an escape sequence that started at `esc`: the offending byte (if
    /// any) is shown, as PUC-Rio Lua saves it before reporting (`esccheck`).
    #[cold]
    fn escape_error(&mut self, del: u8, esc: usize, msg: &str) -> Box<SyntaxError> {
        if self.pos < self.src.len() {
            self.pos += 1;
        }
        let near = self.string_near(del, esc);
        self.error(msg, near.as_deref())
    }

    /// Processes an escape sequence; the position is at the backslash.
    fn escape(&mut self, del: u8) -> LexResult<()> {
        let esc = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else {
            // The string is unfinished; the main loop reports it.
            return Ok(());
        };
        let byte = match c {
            b'a' => 0x07,
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'v' => 0x0b,
            b'\\' | b'"' | b'\'' => c,
            b'\n' | b'\r' => {
                self.newline()?;
                self.buf.push(b'\n');
                return Ok(());
            }
            b'x' => {
                let mut r = 0u8;
                for _ in 0..2 {
                    self.pos += 1;
                    match self.peek() {
                        Some(h) if class(h, XDIGIT) => r = (r << 4) | hex_digit(h),
                        _ => return Err(self.escape_error(del, esc, "hexadecimal digit expected")),
                    }
                }
                r
            }
            b'u' => {
                self.pos += 1;
                if self.peek() != Some(b'{') {
                    return Err(self.escape_error(del, esc, "missing '{'"));
                }
                self.pos += 1;
                let mut r: u32 = match self.peek() {
                    Some(h) if class(h, XDIGIT) => u32::from(hex_digit(h)),
                    _ => return Err(self.escape_error(del, esc, "hexadecimal digit expected")),
                };
                loop {
                    self.pos += 1;
                    match self.peek() {
                        Some(h) if class(h, XDIGIT) => {
                            if r > 0x7FFF_FFFF >> 4 {
                                return Err(self.escape_error(del, esc, "UTF-8 value too large"));
                            }
                            r = (r << 4) | u32::from(hex_digit(h));
                        }
                        _ => break,
                    }
                }
                if self.peek() != Some(b'}') {
                    return Err(self.escape_error(del, esc, "missing '}'"));
                }
                self.pos += 1;
                utf8_encode(r, &mut self.buf);
                return Ok(());
            }
            b'z' => {
                self.pos += 1;
                while let Some(s) = self.peek() {
                    if s == b'\n' || s == b'\r' {
                        self.newline()?;
                    } else if class(s, SPACE) {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                return Ok(());
            }
            b'0'..=b'9' => {
                let mut r: u32 = 0;
                let mut i = 0;
                while i < 3 {
                    match self.peek() {
                        Some(d) if d.is_ascii_digit() => r = r * 10 + u32::from(d - b'0'),
                        _ => break,
                    }
                    self.pos += 1;
                    i += 1;
                }
                if r > 255 {
                    return Err(self.escape_error(del, esc, "decimal escape too large"));
                }
                self.buf.push(r as u8);
                return Ok(());
            }
            _ => return Err(self.escape_error(del, esc, "invalid escape sequence")),
        };
        self.pos += 1;
        self.buf.push(byte);
        Ok(())
    }

    /// Reads a numeral the way `read_numeral` does: greedily over hex digits, dots and
    /// signed exponents, plus one touching letter to force an error, then converts it.
    fn numeral(&mut self) -> LexResult<Token> {
        let start = self.pos;
        let src = self.src;
        let mut p = self.pos;
        if src[p] == b'.' {
            p += 1;
        }
        // Fast path: a plain decimal integer that cannot overflow.
        let mut q = p;
        while q < src.len() && src[q].is_ascii_digit() {
            q += 1;
        }
        if q - p <= 18
            && p == start
            && (q == src.len() || !is_numeral_char(src[q]) && !class(src[q], NAME_START))
        {
            let mut v: i64 = 0;
            for &d in &src[p..q] {
                v = v * 10 + i64::from(d - b'0');
            }
            self.pos = q;
            return Ok(Token::Int(v));
        }
        let (e1, e2) = if src[p] == b'0' && matches!(src.get(p + 1), Some(b'x' | b'X')) {
            p += 2;
            (b'p', b'P')
        } else {
            p += 1;
            (b'e', b'E')
        };
        while let Some(&c) = src.get(p) {
            if c == e1 || c == e2 {
                p += 1;
                if matches!(src.get(p), Some(b'+' | b'-')) {
                    p += 1;
                }
            } else if class(c, XDIGIT) || c == b'.' {
                p += 1;
            } else {
                break;
            }
        }
        if src.get(p).is_some_and(|&c| class(c, NAME_START)) {
            p += 1;
        }
        self.pos = p;
        match str2number(&src[start..p]) {
            Some(Numeral::Integer(i)) => Ok(Token::Int(i)),
            Some(Numeral::Float(f)) => Ok(Token::Float(f)),
            None => {
                let near = quote_bytes(&src[start..p]);
                Err(self.error("malformed number", Some(&near)))
            }
        }
    }
}

/// Bytes that continue a numeral in `read_numeral` besides exponent signs.
#[inline(always)]
fn is_numeral_char(c: u8) -> bool {
    class(c, XDIGIT) || c == b'.'
}

#[inline(always)]
fn hex_digit(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        _ => (c | 0x20) - b'a' + 10,
    }
}

/// Appends the UTF-8 encoding of `x` (up to 2^31 - 1, using the original 6-byte
/// scheme) as `luaO_utf8esc` does.
pub(crate) fn utf8_encode(mut x: u32, out: &mut Vec<u8>) {
    if x < 0x80 {
        out.push(x as u8);
        return;
    }
    let mut tmp = [0u8; 8];
    let mut n = 0;
    // The largest value that still fits in the first byte.
    let mut mfb: u32 = 0x3f;
    loop {
        tmp[7 - n] = 0x80 | (x & 0x3f) as u8;
        n += 1;
        x >>= 6;
        mfb >>= 1;
        if x <= mfb {
            break;
        }
    }
    tmp[7 - n] = ((!mfb << 1) | x) as u8;
    n += 1;
    out.extend_from_slice(&tmp[8 - n..]);
}

/// `'text'` as PUC-Rio Lua formats a token in a message: the bytes between single
/// quotes, cut at the first NUL (C strings end there). Invalid UTF-8 becomes U+FFFD.
fn quote_bytes(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    format!("'{}'", String::from_utf8_lossy(&bytes[..end]))
}

/// An iterator over the tokens of a source, ending after [`Token::Eof`] or the first error.
pub struct Tokens<'a> {
    lexer: Lexer<'a>,
    done: bool,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = LexResult<(Token, u32)>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.lexer.next_token() {
            Ok(Token::Eof) => {
                self.done = true;
                Some(Ok((Token::Eof, self.lexer.tok_line)))
            }
            Ok(t) => Some(Ok((t, self.lexer.tok_line))),
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// The tokens of `source` with their first lines, ending with [`Token::Eof`] (or an
/// error). A `#` first line is skipped as [`crate::parse`] does.
pub fn tokens<'a>(source: &'a [u8], chunkname: &str) -> Tokens<'a> {
    let start = crate::skip_prefix(source);
    Tokens {
        lexer: Lexer::with_start(source, start, crate::chunkid(chunkname)),
        done: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_hash_is_perfect() {
        let mut seen = [false; 32];
        for (w, tok) in KEYWORDS {
            let h = keyword_hash(w);
            assert!(!seen[h], "collision for {}", String::from_utf8_lossy(w));
            seen[h] = true;
            assert_eq!(Token::keyword(w), Some(tok));
        }
        for w in [
            &b"an"[..],
            b"ands",
            b"End",
            b"functions",
            b"x",
            b"",
            b"nul",
            b"whilf",
            b"goto_",
        ] {
            assert_eq!(Token::keyword(w), None);
        }
    }
}
