//! Lines PUC-Rio Lua reports that the lua-syntax tree does not carry: the `)` closing a
//! call's arguments and the `}` closing a constructor (an indexing in the last argument or
//! last positional field is coded when that token is read), the `do` of a `for` (where a
//! numeric `for` reports a bad initial value, limit or step), and the token after `in`
//! (where a generic `for` calls its iterator).
//!
//! They are found in the token stream: every `{` opens a constructor, every `for` starts a
//! loop, and a `(`, `{` or string right after the end of a prefix expression opens call
//! arguments. The resolver visits constructors, calls and loops in source order, so the
//! n-th one it meets is the n-th one found here. Each entry carries the line of its
//! opening token, which the resolver checks against the tree's line: on any mismatch it
//! stops using this module for the rest of the chunk and falls back to approximations.

use lua_syntax::lexer::{Token, tokens};

/// A call found in the tokens: the line of the token that opens its arguments and, for
/// `(`, the line of the matching `)`.
#[derive(Clone, Copy, Debug)]
pub struct CallLines {
    pub open: u32,
    pub close: Option<u32>,
    /// Whether the arguments are a string literal (the tree gives its last line).
    pub string: bool,
}

/// A `for` found in the tokens: its line, the line of the `do` ending its header, and for
/// a generic `for`, the line of the token after `in`.
#[derive(Clone, Copy, Debug)]
pub struct ForLines {
    pub for_line: u32,
    pub do_line: u32,
    pub after_in: Option<u32>,
}

/// The lines of a chunk's constructors (`{` line, `}` line), calls and loops, in order.
#[derive(Clone, Debug, Default)]
pub struct TokenLines {
    pub tables: Vec<(u32, u32)>,
    pub calls: Vec<CallLines>,
    pub fors: Vec<ForLines>,
}

/// A token with its line.
type Tok = (Token, u32);

impl TokenLines {
    /// Scans the tokens of `source` (as the parser saw them). `None` if lexing fails.
    pub fn scan(source: &[u8], chunkname: &str) -> Option<TokenLines> {
        let toks: Vec<Tok> = tokens(source, chunkname).collect::<Result<_, _>>().ok()?;
        let mut lines = TokenLines::default();
        // Openers waiting for their closing bracket: (bracket, which list, index).
        let mut open: Vec<(u8, Option<(bool, usize)>)> = Vec::new();
        let mut expect_params = false;
        let mut local_names = false;
        // Whether the previous token is a declared name (of a `local` or a `goto` label),
        // after which a `(` starts a new statement.
        let mut prev_declared = false;
        for i in 0..toks.len() {
            let (tok, line) = toks[i];
            let prev = if i > 0 { Some(toks[i - 1].0) } else { None };
            // Whether this token may open call arguments: it follows the end of a prefix
            // expression (a name, `)`, `]` or a string) that is not a declared name.
            let after_prefix = matches!(
                prev,
                Some(Token::Name | Token::String | Token::Char(b')') | Token::Char(b']'))
            ) && !prev_declared;
            match tok {
                Token::Function => expect_params = true,
                Token::Char(b'(') => {
                    if expect_params {
                        expect_params = false;
                        open.push((b'(', None));
                    } else if after_prefix {
                        lines.calls.push(CallLines {
                            open: line,
                            close: None,
                            string: false,
                        });
                        open.push((b'(', Some((false, lines.calls.len() - 1))));
                    } else {
                        open.push((b'(', None));
                    }
                }
                Token::Char(b'{') => {
                    if after_prefix {
                        lines.calls.push(CallLines {
                            open: line,
                            close: None,
                            string: false,
                        });
                    }
                    lines.tables.push((line, 0));
                    open.push((b'{', Some((true, lines.tables.len() - 1))));
                }
                Token::Char(b'[') => open.push((b'[', None)),
                Token::Char(c @ (b')' | b'}' | b']')) => {
                    let want = match c {
                        b')' => b'(',
                        b'}' => b'{',
                        _ => b'[',
                    };
                    let (opened, target) = open.pop()?;
                    if opened != want {
                        return None;
                    }
                    match target {
                        Some((true, t)) => lines.tables[t].1 = line,
                        Some((false, c)) => lines.calls[c].close = Some(line),
                        None => {}
                    }
                }
                Token::String if after_prefix => lines.calls.push(CallLines {
                    open: line,
                    close: None,
                    string: true,
                }),
                Token::For => lines.fors.push(for_header(&toks, i)?),
                _ => {}
            }
            prev_declared = match tok {
                Token::Name => local_names || prev == Some(Token::Goto),
                _ => false,
            };
            local_names = match tok {
                Token::Local => !matches!(toks.get(i + 1), Some((Token::Function, _))),
                Token::Name | Token::Char(b',' | b'<' | b'>') => local_names,
                _ => false,
            };
        }
        if !open.is_empty() {
            return None;
        }
        Some(lines)
    }
}

/// The `do` ending the header of the `for` at `toks[start]`, and the token after its
/// `in`: the first `do` not inside a function body, brackets, or a block of such a body.
fn for_header(toks: &[Tok], start: usize) -> Option<ForLines> {
    let for_line = toks[start].1;
    let mut depth = 0usize;
    let mut brackets = 0usize;
    let mut after_in = None;
    for i in start + 1..toks.len() {
        let (tok, line) = toks[i];
        match tok {
            Token::Char(b'(' | b'{' | b'[') => brackets += 1,
            Token::Char(b')' | b'}' | b']') => brackets = brackets.checked_sub(1)?,
            Token::Function | Token::If => depth += 1,
            Token::In if depth == 0 && brackets == 0 && after_in.is_none() => {
                after_in = toks.get(i + 1).map(|t| t.1);
            }
            Token::Do if depth == 0 && brackets == 0 => {
                return Some(ForLines {
                    for_line,
                    do_line: line,
                    after_in,
                });
            }
            Token::Do => depth += 1,
            Token::End => depth = depth.checked_sub(1)?,
            Token::Eof => return None,
            _ => {}
        }
    }
    None
}

/// The resolver's position in a [`TokenLines`].
#[derive(Debug)]
pub struct Cursor<'a> {
    lines: Option<&'a TokenLines>,
    table: usize,
    call: usize,
    for_: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(lines: Option<&'a TokenLines>) -> Cursor<'a> {
        Cursor {
            lines,
            table: 0,
            call: 0,
            for_: 0,
        }
    }

    /// The `}` line of the next constructor, which opens at `open` in the tree.
    pub fn table(&mut self, open: u32) -> Option<u32> {
        let lines = self.lines?;
        match lines.tables.get(self.table) {
            Some(&(o, close)) if o == open => {
                self.table += 1;
                Some(close)
            }
            _ => self.give_up(),
        }
    }

    /// The `)` line of the next call (if its arguments are parenthesized), whose arguments
    /// open at `open` in the tree.
    pub fn call(&mut self, open: u32) -> Option<u32> {
        let lines = self.lines?;
        match lines.calls.get(self.call) {
            Some(c) if c.open == open || (c.string && c.open <= open) => {
                self.call += 1;
                c.close
            }
            _ => self.give_up(),
        }
    }

    /// The lines of the next `for`, which is at `line` in the tree.
    pub fn for_loop(&mut self, line: u32) -> Option<ForLines> {
        let lines = self.lines?;
        match lines.fors.get(self.for_) {
            Some(f) if f.for_line == line => {
                self.for_ += 1;
                Some(*f)
            }
            _ => self.give_up(),
        }
    }

    /// Stops using the token lines: the tree and the tokens disagree.
    fn give_up<T>(&mut self) -> Option<T> {
        self.lines = None;
        None
    }
}
