//! The Lua 5.4 front end shared by every part of luadiff: lexer, parser, AST, printer.
//!
//! - [`parse`] turns source text into an [`ast::Chunk`] or a [`SyntaxError`] carrying
//!   the exact message native Lua 5.4.9 gives, after every compile-time check PUC-Rio
//!   Lua makes (gotos and labels, `<const>`/`<close>`, limits on locals, upvalues,
//!   registers and nesting). [`parse_shared`] lets engines that run one program after
//!   another on one thread share its tree.
//! - [`print()`] and [`print_expr`] turn a tree back into source that parses to the same
//!   tree; [`is_name`] tells whether a string can be written as a name.
//! - [`visit`] walks and rewrites trees ([`visit::clear_lines`] makes trees comparable
//!   regardless of layout).
//! - [`lexer`] exposes the tokens ([`lexer::Lexer::next_token`], [`lexer::tokens`]).
//! - [`number::str2number`] is Lua's string-to-number conversion, shared with the runtime.
//! - [`chunkid`] is how a chunk name appears in messages.
//!
//! Architecture Invariant: this crate depends on no other workspace crate and knows
//! nothing about running Lua.

use std::cell::RefCell;
use std::rc::Rc;

pub mod ast;
mod fold;
pub mod lexer;
pub mod number;
mod parser;
mod printer;
pub mod visit;

pub use printer::{is_name, print, print_expr};

/// A compile-time error, as PUC-Rio Lua reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The complete message, such as
    /// `prog:3: 'end' expected (to close 'if' at line 1) near <eof>`. Bytes of the
    /// source that are not UTF-8 (inside a quoted token) appear as U+FFFD. The only
    /// message without a `chunk:line:` prefix is `C stack overflow` (too deep nesting),
    /// which PUC-Rio Lua raises as a runtime error inside the parser.
    pub message: String,
    /// The line in the message (where the lexer was when the error happened).
    pub line: u32,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SyntaxError {}

/// Parses a chunk of Lua 5.4 source, with every compile-time check PUC-Rio Lua makes.
///
/// `chunkname` is what `load` takes as its name: `=name` and `@file` name the chunk
/// literally, anything else is taken as the source itself (see [`chunkid`]). Like
/// `luaL_loadfile`, a UTF-8 byte order mark and a first line starting with `#` are
/// skipped (keeping the line count right).
pub fn parse(source: &[u8], chunkname: &str) -> Result<ast::Chunk, SyntaxError> {
    let start = skip_prefix(source);
    parser::Parser::new(source, start, chunkid(chunkname))
        .chunk()
        .map_err(|e| *e)
}

/// Parses like [`parse`], and remembers the result for the next call on this thread:
/// called again with the same source and chunk name, it returns the same tree without
/// parsing. Engines that share this parser and run the same program one after another
/// on one thread (a campaign runs `ref`, `vm` and `vm-O0` on every program) parse it
/// once instead of once each, which is about a tenth of a campaign's time. They lose no
/// differential power by it: a bug in this parser shows in all of them either way, and
/// `native` parses with PUC's own parser.
///
/// Only one result is kept (the last), so use this for main chunks only: a `load` inside
/// the program would take its place. It stays alive until the next call on the thread.
pub fn parse_shared(source: &[u8], chunkname: &str) -> Rc<Result<ast::Chunk, SyntaxError>> {
    LAST_PARSED.with(|last| {
        let mut last = last.borrow_mut();
        if let Some(hit) = last
            .as_ref()
            .filter(|l| l.source == source && l.chunkname == chunkname)
        {
            return hit.parsed.clone();
        }
        // The old tree goes first, so that two are never alive at once.
        *last = None;
        let parsed = Rc::new(parse(source, chunkname));
        *last = Some(LastParsed {
            source: source.to_vec(),
            chunkname: chunkname.to_string(),
            parsed: parsed.clone(),
        });
        parsed
    })
}

/// What [`parse_shared`] remembers.
struct LastParsed {
    source: Vec<u8>,
    chunkname: String,
    parsed: Rc<Result<ast::Chunk, SyntaxError>>,
}

thread_local! {
    static LAST_PARSED: RefCell<Option<LastParsed>> = const { RefCell::new(None) };
}

/// Where the lexer starts in `source`: after a UTF-8 byte order mark and a `#` first
/// line, which `luaL_loadfile` skips (`skipcomment`). The newline that ends the `#`
/// line is kept so that line numbers stay right.
pub(crate) fn skip_prefix(source: &[u8]) -> usize {
    let start = if source.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    if source.get(start) == Some(&b'#') {
        source[start..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(source.len(), |n| start + n)
    } else {
        start
    }
}

/// LUA_IDSIZE: the size of a chunk identifier buffer, including the final NUL.
const LUA_IDSIZE: usize = 60;

/// The chunk identifier that prefixes messages (`luaO_chunkid`): `=name` gives `name`
/// and `@file` gives `file`, both cut to fit 59 bytes (a long file name keeps its end,
/// after `...`); any other name is the source itself, shown as `[string "first line..."]`.
pub fn chunkid(chunkname: &str) -> String {
    let src = chunkname.as_bytes();
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    if let Some(rest) = src.strip_prefix(b"=") {
        lossy(&rest[..rest.len().min(LUA_IDSIZE - 1)])
    } else if let Some(rest) = src.strip_prefix(b"@") {
        if rest.len() < LUA_IDSIZE {
            lossy(rest)
        } else {
            let keep = LUA_IDSIZE - 1 - 3;
            format!("...{}", lossy(&rest[rest.len() - keep..]))
        }
    } else {
        // Room for the text between `[string "` and `..."]` plus the final NUL.
        let room = LUA_IDSIZE - "[string \"...\"]".len() - 1;
        let nl = src.iter().position(|&c| c == b'\n');
        if src.len() < room && nl.is_none() {
            format!("[string \"{}\"]", lossy(src))
        } else {
            let len = nl.unwrap_or(src.len()).min(room);
            format!("[string \"{}...\"]", lossy(&src[..len]))
        }
    }
}
