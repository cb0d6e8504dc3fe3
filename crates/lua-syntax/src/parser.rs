//! The recursive descent parser (manual §9) with PUC-Rio Lua's compile-time checks.
//!
//! The parser follows lparser.c's order of work closely, because that order is
//! observable: PUC reports the first error it meets, so which token it has read, which
//! scopes it has closed and which names it has resolved when an error happens all decide
//! the message. In particular it resolves every name as it goes (locals, upvalues,
//! compile-time constants, globals through `_ENV`) to check assignments to `<const>`
//! variables and the limits on locals and upvalues, keeps PUC's lists of pending gotos
//! and active labels, and counts nesting levels like `luaE_incCstack`.

use crate::SyntaxError;
use crate::ast::*;
use crate::fold::{ConstVal, const_value};
use crate::lexer::{Lexer, Token};

type PResult<T> = Result<T, Box<SyntaxError>>;

/// LUAI_MAXCCALLS: the C-call depth at which PUC reports "C stack overflow".
const MAX_C_CALLS: u32 = 200;
/// C calls already counted when the parser starts. Measured: mlua's `Lua::load` called
/// from Rust (how lua-native loads) and `lua file.lua` start at 0; a `load` called from
/// Lua code starts at 1 and so overflows one level sooner.
const BASE_C_CALLS: u32 = 0;
/// MAXVARS: locals per function.
const MAX_VARS: usize = 200;
/// MAXUPVAL: upvalues per function.
const MAX_UPVALUES: usize = 255;
/// MAXREGS: registers per function.
const MAX_REGS: u32 = 255;
/// LFIELDS_PER_FLUSH: table items stored at a time by a constructor.
const FIELDS_PER_FLUSH: u32 = 50;
/// `name_key(b"_ENV")`.
const ENV_KEY: u64 =
    4 | (b'_' as u64) << 8 | (b'E' as u64) << 16 | (b'N' as u64) << 24 | (b'V' as u64) << 32;

/// How a local variable is declared (`vd.kind` in lparser.c).
#[derive(Clone, Debug, PartialEq)]
enum VarKind {
    Regular,
    Const,
    Close,
    /// A `<const>` whose value is known at compile time: it is no variable at all.
    CompileTime(ConstVal),
}

/// A name in the scope tables: a span of the source, or a name the parser makes up
/// (`self`, `_ENV`, `break`, `(for state)`). No string is allocated for it.
#[derive(Clone, Copy)]
enum Sym {
    Src(usize, usize),
    Static(&'static str),
}

/// A name's length and first 7 bytes in one word: comparing keys settles most name
/// comparisons, and all of those between names of up to 7 bytes.
#[inline]
fn name_key(bytes: &[u8]) -> u64 {
    let mut key = bytes.len().min(255) as u64;
    for (i, &b) in bytes.iter().take(7).enumerate() {
        key |= u64::from(b) << (8 * (i + 1));
    }
    key
}

/// `name_key` of the `len` bytes at `start` in `src`, with one load when it can.
#[inline]
fn name_key_at(src: &[u8], start: usize, len: usize) -> u64 {
    match src.get(start..start + 7) {
        Some(seven) if len >= 7 => {
            let mut word = [0u8; 8];
            word[1..].copy_from_slice(seven);
            u64::from_le_bytes(word) | len.min(255) as u64
        }
        _ => name_key(&src[start..start + len]),
    }
}

struct VarDesc {
    name: Sym,
    key: u64,
    kind: VarKind,
}

struct UpvalDesc {
    name: Sym,
    key: u64,
    /// Whether the variable it captures is read-only.
    readonly: bool,
}

/// A label or a pending goto (`Labeldesc`). `break` is a goto to the label "break".
struct LabelDesc {
    name: Sym,
    line: Line,
    /// Number of active locals where it appears.
    nactvar: usize,
}

struct BlockCnt {
    nactvar: usize,
    first_label: usize,
    first_goto: usize,
    is_loop: bool,
}

struct FuncState {
    linedefined: Line,
    is_vararg: bool,
    first_local: usize,
    nactvar: usize,
    /// Active locals that live in registers (all but compile-time constants).
    nregs: u32,
    /// The first free register, as far as the register model follows PUC (see
    /// `Parser::reserve`).
    freereg: u32,
    upvalues: Vec<UpvalDesc>,
    first_label: usize,
    /// Where this function's blocks start in `Parser::blocks`.
    first_block: usize,
}

/// What a name resolves to (`singlevaraux`).
enum VarRef {
    Local { readonly: bool },
    Upvalue { readonly: bool },
    Constant,
    Global,
}

/// What kind of expression `suffixedexp` produced, for the checks of assignments and
/// call statements.
#[derive(Clone, Copy, PartialEq)]
enum ExpClass {
    /// A variable: assignable unless read-only.
    Var {
        readonly: bool,
    },
    Call,
    Other,
}

/// The lookahead token of the table constructor's `name =` test.
struct Ahead {
    tok: Token,
    start: usize,
    end: usize,
    line: Line,
}

pub(crate) struct Parser<'a> {
    lex: Lexer<'a>,
    src: &'a [u8],
    /// The source as text, when it is valid UTF-8.
    src_str: Option<&'a str>,
    /// The current token, its source span and first line.
    tok: Token,
    tok_start: usize,
    tok_end: usize,
    tok_line: Line,
    ahead: Option<Ahead>,
    /// The line where the last consumed token ended (`ls->lastline`).
    lastline: Line,
    /// Nesting levels entered (`nCcalls` in PUC).
    depth: u32,
    actvar: Vec<VarDesc>,
    labels: Vec<LabelDesc>,
    gotos: Vec<LabelDesc>,
    funcs: Vec<FuncState>,
    /// The open blocks of all open functions, innermost last.
    blocks: Vec<BlockCnt>,
    /// Emptied upvalue lists of closed functions, to reuse.
    upvalue_pool: Vec<Vec<UpvalDesc>>,
    /// Scratch stacks: lists are built here and moved into vectors of their exact size.
    stat_stack: Vec<Stat>,
    expr_stack: Vec<Expr>,
    field_stack: Vec<Field>,
}

/// Whether PUC has the value of the just-parsed expression `e` in the top register
/// already (a call's result, a table, a closure, a concatenation), so that moving it to
/// the next register takes no new one.
fn in_top_register(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call { .. }
        | ExprKind::Method { .. }
        | ExprKind::Table(_)
        | ExprKind::Function(_) => true,
        ExprKind::Binary {
            op: BinOp::Concat, ..
        } => true,
        ExprKind::Paren(inner) => in_top_register(inner),
        _ => false,
    }
}

/// Binary operator of a token, if it is one.
#[inline]
fn binop_of(t: Token) -> Option<BinOp> {
    Some(match t {
        Token::Char(b'+') => BinOp::Add,
        Token::Char(b'-') => BinOp::Sub,
        Token::Char(b'*') => BinOp::Mul,
        Token::Char(b'%') => BinOp::Mod,
        Token::Char(b'^') => BinOp::Pow,
        Token::Char(b'/') => BinOp::Div,
        Token::IDiv => BinOp::IDiv,
        Token::Char(b'&') => BinOp::BAnd,
        Token::Char(b'|') => BinOp::BOr,
        Token::Char(b'~') => BinOp::BXor,
        Token::Shl => BinOp::Shl,
        Token::Shr => BinOp::Shr,
        Token::Concat => BinOp::Concat,
        Token::Ne => BinOp::Ne,
        Token::Eq => BinOp::Eq,
        Token::Char(b'<') => BinOp::Lt,
        Token::Le => BinOp::Le,
        Token::Char(b'>') => BinOp::Gt,
        Token::Ge => BinOp::Ge,
        Token::And => BinOp::And,
        Token::Or => BinOp::Or,
        _ => return None,
    })
}

#[inline]
fn unop_of(t: Token) -> Option<UnOp> {
    Some(match t {
        Token::Not => UnOp::Not,
        Token::Char(b'-') => UnOp::Neg,
        Token::Char(b'~') => UnOp::BNot,
        Token::Char(b'#') => UnOp::Len,
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a [u8], start: usize, chunkid: String) -> Parser<'a> {
        Parser {
            lex: Lexer::with_start(src, start, chunkid),
            src,
            src_str: std::str::from_utf8(src).ok(),
            tok: Token::Eof,
            tok_start: start,
            tok_end: start,
            tok_line: 1,
            ahead: None,
            lastline: 1,
            depth: 0,
            actvar: Vec::new(),
            labels: Vec::new(),
            gotos: Vec::new(),
            funcs: Vec::new(),
            blocks: Vec::new(),
            upvalue_pool: Vec::new(),
            stat_stack: Vec::new(),
            expr_stack: Vec::new(),
            field_stack: Vec::new(),
        }
    }

    // ----------------------------------------------------------------------------
    // Tokens and errors

    /// Moves to the next token (`luaX_next`).
    #[inline]
    fn next(&mut self) -> PResult<()> {
        self.lastline = self.lex.line();
        if let Some(a) = self.ahead.take() {
            self.tok = a.tok;
            self.tok_start = a.start;
            self.tok_end = a.end;
            self.tok_line = a.line;
            return Ok(());
        }
        self.tok = self.lex.next_token()?;
        let (start, end) = self.lex.token_span();
        self.tok_start = start;
        self.tok_end = end;
        self.tok_line = self.lex.token_line();
        Ok(())
    }

    /// Reads the token after the current one without moving (`luaX_lookahead`).
    fn lookahead(&mut self) -> PResult<Token> {
        let tok = self.lex.next_token()?;
        let (start, end) = self.lex.token_span();
        self.ahead = Some(Ahead {
            tok,
            start,
            end,
            line: self.lex.token_line(),
        });
        Ok(tok)
    }

    /// The line PUC calls `ls->linenumber`: where the lexer is.
    #[inline]
    fn linenumber(&self) -> Line {
        self.lex.line()
    }

    /// `luaX_syntaxerror`: the message with ` near ` the current token.
    #[cold]
    fn error(&self, msg: &str) -> Box<SyntaxError> {
        let near = self
            .lex
            .near_text(self.tok, &self.src[self.tok_start..self.tok_end]);
        self.lex.error(msg, near.as_deref())
    }

    /// `luaK_semerror`: the message without a `near` part.
    #[cold]
    fn semerror(&self, msg: &str) -> Box<SyntaxError> {
        self.lex.error(msg, None)
    }

    #[cold]
    fn error_expected(&self, t: Token) -> Box<SyntaxError> {
        self.error(&format!("{} expected", t.describe()))
    }

    #[inline]
    fn testnext(&mut self, t: Token) -> PResult<bool> {
        if self.tok == t {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    #[inline]
    fn check(&self, t: Token) -> PResult<()> {
        if self.tok == t {
            Ok(())
        } else {
            Err(self.error_expected(t))
        }
    }

    #[inline]
    fn checknext(&mut self, t: Token) -> PResult<()> {
        self.check(t)?;
        self.next()
    }

    /// Checks for the token `what` that closes `who` opened at line `where_`.
    fn check_match(&mut self, what: Token, who: Token, where_: Line) -> PResult<()> {
        if self.testnext(what)? {
            return Ok(());
        }
        if where_ == self.linenumber() {
            Err(self.error_expected(what))
        } else {
            let msg = format!(
                "{} expected (to close {} at line {})",
                what.describe(),
                who.describe(),
                where_
            );
            Err(self.error(&msg))
        }
    }

    /// The bytes of a scope name.
    #[inline]
    fn sym_bytes(&self, sym: Sym) -> &'a [u8] {
        match sym {
            Sym::Src(start, end) => &self.src[start..end],
            Sym::Static(s) => s.as_bytes(),
        }
    }

    /// The `name_key` of a scope name.
    #[inline]
    fn sym_key(&self, sym: Sym) -> u64 {
        match sym {
            Sym::Src(start, end) => name_key_at(self.src, start, end - start),
            Sym::Static(s) => name_key(s.as_bytes()),
        }
    }

    /// A scope name as text, for messages.
    fn sym_text(&self, sym: Sym) -> String {
        String::from_utf8_lossy(self.sym_bytes(sym)).into_owned()
    }

    /// Checks that the current token is a name and moves past it.
    #[inline]
    fn name_token(&mut self) -> PResult<Sym> {
        self.check(Token::Name)?;
        let sym = Sym::Src(self.tok_start, self.tok_end);
        self.next()?;
        Ok(sym)
    }

    /// A name for the tree. Names are ASCII by construction; slicing the source checked
    /// as UTF-8 once saves checking every name.
    #[inline]
    fn sym_name(&self, sym: Sym) -> Name {
        match (sym, self.src_str) {
            (Sym::Src(start, end), Some(text)) => {
                text.get(start..end).unwrap_or_default().to_owned()
            }
            _ => String::from_utf8_lossy(self.sym_bytes(sym)).into_owned(),
        }
    }

    fn str_checkname(&mut self) -> PResult<Name> {
        let sym = self.name_token()?;
        Ok(self.sym_name(sym))
    }

    /// Enters a nesting level (`luaE_incCstack`).
    #[inline]
    fn enter_level(&mut self) -> PResult<()> {
        self.depth += 1;
        if BASE_C_CALLS + self.depth >= MAX_C_CALLS {
            // A runtime error raised inside the parser: no position, no token.
            return Err(Box::new(SyntaxError {
                message: "C stack overflow".to_string(),
                line: self.linenumber(),
            }));
        }
        Ok(())
    }

    #[inline]
    fn leave_level(&mut self) {
        self.depth -= 1;
    }

    fn block_follow(&self, with_until: bool) -> bool {
        match self.tok {
            Token::Else | Token::Elseif | Token::End | Token::Eof => true,
            Token::Until => with_until,
            _ => false,
        }
    }

    // ----------------------------------------------------------------------------
    // Scopes, variables, labels

    #[inline]
    fn fs(&self) -> &FuncState {
        self.funcs.last().expect("inside a function")
    }

    #[inline]
    fn fs_mut(&mut self) -> &mut FuncState {
        self.funcs.last_mut().expect("inside a function")
    }

    fn errorlimit(&self, limit: usize, what: &str) -> Box<SyntaxError> {
        let line = self.fs().linedefined;
        let place = if line == 0 {
            "main function".to_string()
        } else {
            format!("function at line {line}")
        };
        self.error(&format!("too many {what} (limit is {limit}) in {place}"))
    }

    /// Declares a local that becomes active with `adjust_localvars` (`new_localvar`).
    fn new_localvar(&mut self, name: Sym) -> PResult<()> {
        let fs = self.fs();
        if self.actvar.len() + 1 - fs.first_local > MAX_VARS {
            return Err(self.errorlimit(MAX_VARS, "local variables"));
        }
        let key = self.sym_key(name);
        self.actvar.push(VarDesc {
            name,
            key,
            kind: VarKind::Regular,
        });
        Ok(())
    }

    /// Activates the last `n` declared locals, which live in registers.
    fn adjust_localvars(&mut self, n: usize) {
        let fs = self.fs_mut();
        fs.nactvar += n;
        fs.nregs += n as u32;
    }

    // ----------------------------------------------------------------------------
    // Registers
    //
    // PUC raises "function or expression needs too many registers" when code needs
    // register 255. The parser follows the registers PUC certainly uses: locals, the
    // function and arguments of calls, the items of lists (arguments, return values,
    // right-hand sides, pending table items), tables, closures and concatenations. It
    // ignores the temporaries of other operators, so it can miss an error PUC reports
    // when a long list meets such temporaries, but it never reports one PUC would not.

    #[inline]
    fn freereg(&self) -> u32 {
        self.fs().freereg
    }

    #[inline]
    fn set_freereg(&mut self, r: u32) {
        self.fs_mut().freereg = r;
    }

    /// Takes `n` more registers (`luaK_reserveregs`), failing like PUC at 255.
    #[inline]
    fn reserve(&mut self, n: u32) -> PResult<()> {
        let fs = self.fs_mut();
        fs.freereg += n;
        if fs.freereg >= MAX_REGS {
            return Err(self.error("function or expression needs too many registers"));
        }
        Ok(())
    }

    /// Puts the value of `e` in the next register (`luaK_exp2nextreg`), unless it is
    /// already in the top one.
    #[inline]
    fn exp2nextreg(&mut self, e: &Expr) -> PResult<()> {
        if in_top_register(e) {
            Ok(())
        } else {
            self.reserve(1)
        }
    }

    /// `adjust_assign`: the registers for `nvars` values from `nexps` expressions, the
    /// last of which is `last`.
    fn adjust_assign(&mut self, nvars: usize, nexps: usize, last: Option<&Expr>) -> PResult<()> {
        let needed = nvars as i64 - nexps as i64;
        if let Some(last) = last {
            if last.is_multi() {
                // A call's results are in place; `...` takes its register now.
                if matches!(last.kind, ExprKind::Vararg) {
                    self.reserve(1)?;
                }
            } else {
                self.exp2nextreg(last)?;
            }
        }
        if needed > 0 {
            self.reserve(needed as u32)
        } else {
            let r = (self.freereg() as i64 + needed).max(0) as u32;
            self.set_freereg(r);
            Ok(())
        }
    }

    fn open_func(&mut self, linedefined: Line, is_vararg: bool) {
        self.funcs.push(FuncState {
            linedefined,
            is_vararg,
            first_local: self.actvar.len(),
            nactvar: 0,
            nregs: 0,
            freereg: 0,
            upvalues: self.upvalue_pool.pop().unwrap_or_default(),
            first_label: self.labels.len(),
            first_block: self.blocks.len(),
        });
        self.enter_block(false);
    }

    fn close_func(&mut self) -> PResult<()> {
        self.leave_block()?;
        if let Some(mut fs) = self.funcs.pop() {
            // Keep the upvalue list's memory for the next function.
            fs.upvalues.clear();
            self.upvalue_pool.push(fs.upvalues);
        }
        Ok(())
    }

    fn enter_block(&mut self, is_loop: bool) {
        let nactvar = self.fs().nactvar;
        let (first_label, first_goto) = (self.labels.len(), self.gotos.len());
        self.blocks.push(BlockCnt {
            nactvar,
            first_label,
            first_goto,
            is_loop,
        });
    }

    fn leave_block(&mut self) -> PResult<()> {
        let bl = self.blocks.pop().expect("inside a block");
        let fs = self.funcs.last_mut().expect("inside a function");
        // Remove the block's locals.
        let removed = fs.nactvar - bl.nactvar;
        fs.nactvar = bl.nactvar;
        let has_outer = self.blocks.len() > fs.first_block;
        let gone = &self.actvar[self.actvar.len() - removed..];
        let regs = gone
            .iter()
            .filter(|v| !matches!(v.kind, VarKind::CompileTime(_)))
            .count() as u32;
        fs.nregs = fs.nregs.saturating_sub(regs);
        fs.freereg = fs.nregs;
        self.actvar.truncate(self.actvar.len() - removed);
        if bl.is_loop {
            // Pending breaks jump to the end of the loop.
            let label = LabelDesc {
                name: Sym::Static("break"),
                line: 0,
                nactvar: bl.nactvar,
            };
            self.solve_gotos(&label, bl.first_goto)?;
        }
        self.labels.truncate(bl.first_label);
        if has_outer {
            // Pending gotos now leave this block's scope.
            for gt in &mut self.gotos[bl.first_goto..] {
                gt.nactvar = bl.nactvar;
            }
        } else if let Some(gt) = self.gotos.get(bl.first_goto) {
            let msg = if let Sym::Static("break") = gt.name {
                format!("break outside loop at line {}", gt.line)
            } else {
                format!(
                    "no visible label '{}' for <goto> at line {}",
                    self.sym_text(gt.name),
                    gt.line
                )
            };
            return Err(self.semerror(&msg));
        }
        Ok(())
    }

    /// Resolves the pending gotos (from `first_goto` on) that target `label`.
    fn solve_gotos(&mut self, label: &LabelDesc, first_goto: usize) -> PResult<()> {
        let name = self.sym_bytes(label.name);
        let mut i = first_goto;
        while i < self.gotos.len() {
            if self.sym_bytes(self.gotos[i].name) == name {
                let gt = &self.gotos[i];
                if gt.nactvar < label.nactvar {
                    let fs = self.fs();
                    let var = self.actvar[fs.first_local + gt.nactvar].name;
                    let msg = format!(
                        "<goto {}> at line {} jumps into the scope of local '{}'",
                        self.sym_text(gt.name),
                        gt.line,
                        self.sym_text(var)
                    );
                    return Err(self.semerror(&msg));
                }
                self.gotos.remove(i);
            } else {
                i += 1;
            }
        }
        Ok(())
    }

    fn find_label(&self, name: &[u8]) -> Option<&LabelDesc> {
        self.labels[self.fs().first_label..]
            .iter()
            .find(|l| self.sym_bytes(l.name) == name)
    }

    fn new_goto(&mut self, name: Sym, line: Line) {
        let nactvar = self.fs().nactvar;
        self.gotos.push(LabelDesc {
            name,
            line,
            nactvar,
        });
    }

    /// `createlabel`: `last` says the label ends its block, so the block's locals are
    /// already out of scope there.
    fn create_label(&mut self, name: Sym, line: Line, last: bool) -> PResult<()> {
        let fs = self.fs();
        let bl = self.blocks.last().expect("inside a block");
        let nactvar = if last { bl.nactvar } else { fs.nactvar };
        let first_goto = bl.first_goto;
        let label = LabelDesc {
            name,
            line,
            nactvar,
        };
        self.solve_gotos(&label, first_goto)?;
        self.labels.push(label);
        Ok(())
    }

    /// Whether the scope name `sym` with key `sym_key` is `bytes` (with key `key`).
    #[inline]
    fn same_name(&self, sym: Sym, sym_key: u64, bytes: &[u8], key: u64) -> bool {
        sym_key == key && (bytes.len() <= 7 || self.sym_bytes(sym) == bytes)
    }

    /// Looks `name` up in function `level` and its enclosing functions, creating
    /// upvalues on the way (`singlevaraux`).
    fn singlevaraux(&mut self, level: usize, name: Sym, key: u64) -> PResult<VarRef> {
        let bytes = self.sym_bytes(name);
        let fs = &self.funcs[level];
        let locals = &self.actvar[fs.first_local..fs.first_local + fs.nactvar];
        if let Some(v) = locals
            .iter()
            .rev()
            .find(|v| self.same_name(v.name, v.key, bytes, key))
        {
            return Ok(match v.kind {
                VarKind::CompileTime(_) => VarRef::Constant,
                VarKind::Regular => VarRef::Local { readonly: false },
                VarKind::Const | VarKind::Close => VarRef::Local { readonly: true },
            });
        }
        if let Some(u) = fs
            .upvalues
            .iter()
            .find(|u| self.same_name(u.name, u.key, bytes, key))
        {
            return Ok(VarRef::Upvalue {
                readonly: u.readonly,
            });
        }
        if level == 0 {
            return Ok(VarRef::Global);
        }
        let readonly = match self.singlevaraux(level - 1, name, key)? {
            VarRef::Local { readonly } | VarRef::Upvalue { readonly } => readonly,
            other => return Ok(other),
        };
        if self.funcs[level].upvalues.len() + 1 > MAX_UPVALUES {
            // The limit is reported for the function that needs the new upvalue.
            let line = self.funcs[level].linedefined;
            let place = if line == 0 {
                "main function".to_string()
            } else {
                format!("function at line {line}")
            };
            return Err(self.error(&format!(
                "too many upvalues (limit is {MAX_UPVALUES}) in {place}"
            )));
        }
        self.funcs[level].upvalues.push(UpvalDesc {
            name,
            key,
            readonly,
        });
        Ok(VarRef::Upvalue { readonly })
    }

    /// Resolves a variable reference; a global also resolves `_ENV` (`singlevar`).
    fn singlevar(&mut self, name: Sym) -> PResult<ExpClass> {
        let level = self.funcs.len() - 1;
        let key = self.sym_key(name);
        Ok(match self.singlevaraux(level, name, key)? {
            VarRef::Local { readonly } | VarRef::Upvalue { readonly } => ExpClass::Var { readonly },
            VarRef::Constant => ExpClass::Var { readonly: true },
            VarRef::Global => {
                self.singlevaraux(level, Sym::Static("_ENV"), ENV_KEY)?;
                ExpClass::Var { readonly: false }
            }
        })
    }

    /// The compile-time value of the constant `name` denotes here, without side effects.
    fn lookup_const(&self, name: &str) -> Option<ConstVal> {
        let name = name.as_bytes();
        let key = name_key(name);
        for fs in self.funcs.iter().rev() {
            let locals = &self.actvar[fs.first_local..fs.first_local + fs.nactvar];
            if let Some(v) = locals
                .iter()
                .rev()
                .find(|v| self.same_name(v.name, v.key, name, key))
            {
                return match &v.kind {
                    VarKind::CompileTime(c) => Some(c.clone()),
                    _ => None,
                };
            }
            if fs
                .upvalues
                .iter()
                .any(|u| self.same_name(u.name, u.key, name, key))
            {
                return None;
            }
        }
        None
    }

    // ----------------------------------------------------------------------------
    // Chunks, blocks and statements

    /// `mainfunc`: the whole chunk.
    pub(crate) fn chunk(mut self) -> PResult<Chunk> {
        self.open_func(0, true);
        self.fs_mut().upvalues.push(UpvalDesc {
            name: Sym::Static("_ENV"),
            key: ENV_KEY,
            readonly: false,
        });
        self.next()?;
        let block = self.statlist()?;
        self.check(Token::Eof)?;
        self.close_func()?;
        Ok(Chunk { block })
    }

    fn statlist(&mut self) -> PResult<Block> {
        let base = self.stat_stack.len();
        self.statlist_from(base)
    }

    /// The statements up to the end of the block; those already on the statement stack
    /// above `base` come first.
    fn statlist_from(&mut self, base: usize) -> PResult<Block> {
        let mut ret = None;
        while !self.block_follow(true) {
            if self.tok == Token::Return {
                let line = self.linenumber();
                self.enter_level()?;
                self.next()?;
                ret = Some(self.retstat(line)?);
                let nregs = self.fs().nregs;
                self.set_freereg(nregs);
                self.leave_level();
                break;
            }
            self.statement()?;
        }
        let stats = self.stat_stack.drain(base..).collect();
        Ok(Block { stats, ret })
    }

    /// A block with its own scope.
    fn block(&mut self) -> PResult<Block> {
        self.enter_block(false);
        let b = self.statlist()?;
        self.leave_block()?;
        Ok(b)
    }

    /// One statement, pushed on the statement stack (none for `;`).
    fn statement(&mut self) -> PResult<()> {
        let line = self.linenumber();
        self.enter_level()?;
        let kind = match self.tok {
            Token::Char(b';') => {
                self.next()?;
                None
            }
            Token::If => Some(self.ifstat(line)?),
            Token::While => Some(self.whilestat(line)?),
            Token::Do => {
                self.next()?;
                let b = self.block()?;
                self.check_match(Token::End, Token::Do, line)?;
                Some(StatKind::Do(b))
            }
            Token::For => Some(self.forstat(line)?),
            Token::Repeat => Some(self.repeatstat(line)?),
            Token::Function => Some(self.funcstat(line)?),
            Token::Local => {
                self.next()?;
                if self.testnext(Token::Function)? {
                    Some(self.localfunc()?)
                } else {
                    Some(self.localstat()?)
                }
            }
            Token::DbColon => {
                self.next()?;
                let name = self.name_token()?;
                self.labelstat(name, line)?;
                None
            }
            Token::Break => {
                self.next()?;
                self.new_goto(Sym::Static("break"), line);
                Some(StatKind::Break)
            }
            Token::Goto => {
                self.next()?;
                Some(self.gotostat()?)
            }
            _ => Some(self.exprstat()?),
        };
        if let Some(kind) = kind {
            self.stat_stack.push(Stat { kind, line });
        }
        // Registers not held by locals are free again after every statement.
        let nregs = self.fs().nregs;
        self.set_freereg(nregs);
        self.leave_level();
        Ok(())
    }

    fn ifstat(&mut self, line: Line) -> PResult<StatKind> {
        let mut clauses = vec![self.test_then_block()?];
        while self.tok == Token::Elseif {
            clauses.push(self.test_then_block()?);
        }
        let else_block = if self.testnext(Token::Else)? {
            Some(self.block()?)
        } else {
            None
        };
        self.check_match(Token::End, Token::If, line)?;
        Ok(StatKind::If {
            clauses,
            else_block,
        })
    }

    fn test_then_block(&mut self) -> PResult<(Expr, Block)> {
        self.next()?;
        let cond = self.expr()?;
        self.checknext(Token::Then)?;
        let base = self.stat_stack.len();
        if self.tok == Token::Break {
            // PUC compiles `if c then break` as a conditional jump, outside `statement`.
            let line = self.linenumber();
            self.next()?;
            self.enter_block(false);
            self.new_goto(Sym::Static("break"), line);
            self.stat_stack.push(Stat {
                kind: StatKind::Break,
                line,
            });
            while self.testnext(Token::Char(b';'))? {}
            if self.block_follow(false) {
                self.leave_block()?;
                let stats = self.stat_stack.drain(base..).collect();
                return Ok((cond, Block { stats, ret: None }));
            }
        } else {
            self.enter_block(false);
        }
        let block = self.statlist_from(base)?;
        self.leave_block()?;
        Ok((cond, block))
    }

    fn whilestat(&mut self, line: Line) -> PResult<StatKind> {
        self.next()?;
        let cond = self.expr()?;
        self.enter_block(true);
        self.checknext(Token::Do)?;
        let body = self.block()?;
        self.check_match(Token::End, Token::While, line)?;
        self.leave_block()?;
        Ok(StatKind::While { cond, body })
    }

    fn repeatstat(&mut self, line: Line) -> PResult<StatKind> {
        self.enter_block(true);
        self.enter_block(false);
        self.next()?;
        let body = self.statlist()?;
        self.check_match(Token::Until, Token::Repeat, line)?;
        let cond = self.expr()?;
        self.leave_block()?;
        self.leave_block()?;
        Ok(StatKind::Repeat { body, cond })
    }

    fn forstat(&mut self, line: Line) -> PResult<StatKind> {
        self.enter_block(true);
        self.next()?;
        let var = self.name_token()?;
        let kind = match self.tok {
            Token::Char(b'=') => self.fornum(var)?,
            Token::Char(b',') | Token::In => self.forlist(var)?,
            _ => return Err(self.error("'=' or 'in' expected")),
        };
        self.check_match(Token::End, Token::For, line)?;
        self.leave_block()?;
        Ok(kind)
    }

    fn for_state_vars(&mut self, n: usize) -> PResult<()> {
        for _ in 0..n {
            self.new_localvar(Sym::Static("(for state)"))?;
        }
        Ok(())
    }

    fn fornum(&mut self, var: Sym) -> PResult<StatKind> {
        self.for_state_vars(3)?;
        self.new_localvar(var)?;
        self.checknext(Token::Char(b'='))?;
        let start = self.expr()?;
        self.exp2nextreg(&start)?;
        self.checknext(Token::Char(b','))?;
        let limit = self.expr()?;
        self.exp2nextreg(&limit)?;
        let step = if self.testnext(Token::Char(b','))? {
            let step = self.expr()?;
            self.exp2nextreg(&step)?;
            Some(step)
        } else {
            // The default step 1 takes a register too.
            self.reserve(1)?;
            None
        };
        self.adjust_localvars(3);
        let (body, do_line) = self.forbody(1)?;
        Ok(StatKind::NumericFor {
            var: self.sym_name(var),
            start,
            limit,
            step,
            body,
            do_line,
        })
    }

    fn forlist(&mut self, first: Sym) -> PResult<StatKind> {
        self.for_state_vars(4)?;
        let mut vars = vec![self.sym_name(first)];
        self.new_localvar(first)?;
        while self.testnext(Token::Char(b','))? {
            let name = self.name_token()?;
            vars.push(self.sym_name(name));
            self.new_localvar(name)?;
        }
        self.checknext(Token::In)?;
        // PUC takes the iterator call's line here (`ls->linenumber`): where the first
        // token after `in` ends.
        let call_line = self.linenumber();
        let exprs = self.explist()?;
        self.adjust_assign(4, exprs.len(), exprs.last())?;
        self.adjust_localvars(4);
        // Room to call the iterator (`luaK_checkstack(fs, 3)`).
        if self.freereg() + 3 >= MAX_REGS {
            return Err(self.error("function or expression needs too many registers"));
        }
        let (body, do_line) = self.forbody(vars.len())?;
        Ok(StatKind::GenericFor {
            vars,
            exprs,
            body,
            call_line,
            do_line,
        })
    }

    /// `do block`: the body and the line of the `do`.
    fn forbody(&mut self, nvars: usize) -> PResult<(Block, Line)> {
        self.checknext(Token::Do)?;
        let do_line = self.lastline;
        self.enter_block(false);
        self.adjust_localvars(nvars);
        self.reserve(nvars as u32)?;
        let body = self.block()?;
        self.leave_block()?;
        Ok((body, do_line))
    }

    fn funcstat(&mut self, line: Line) -> PResult<StatKind> {
        self.next()?;
        let first = self.name_token()?;
        let class = self.singlevar(first)?;
        let mut path = vec![self.sym_name(first)];
        let mut method = None;
        while self.tok == Token::Char(b'.') {
            self.next()?;
            path.push(self.str_checkname()?);
        }
        if self.tok == Token::Char(b':') {
            self.next()?;
            method = Some(self.str_checkname()?);
        }
        let body = self.body(method.is_some(), line)?;
        // Only a plain name can be read-only; fields never are.
        if path.len() == 1 && method.is_none() && class == (ExpClass::Var { readonly: true }) {
            return Err(self.semerror(&format!(
                "attempt to assign to const variable '{}'",
                path[0]
            )));
        }
        Ok(StatKind::Function {
            name: FuncName { path, method },
            body: Box::new(body),
        })
    }

    fn localfunc(&mut self) -> PResult<StatKind> {
        let name = self.name_token()?;
        self.new_localvar(name)?;
        self.adjust_localvars(1);
        let line = self.linenumber();
        let body = self.body(false, line)?;
        Ok(StatKind::LocalFunction {
            name: self.sym_name(name),
            body: Box::new(body),
        })
    }

    fn localstat(&mut self) -> PResult<StatKind> {
        let mut vars = Vec::new();
        let mut has_close = false;
        loop {
            let name = self.name_token()?;
            self.new_localvar(name)?;
            let attrib = if self.testnext(Token::Char(b'<'))? {
                let attr = self.name_token()?;
                self.checknext(Token::Char(b'>'))?;
                match self.sym_bytes(attr) {
                    b"const" => Some(Attrib::Const),
                    b"close" => Some(Attrib::Close),
                    _ => {
                        return Err(
                            self.semerror(&format!("unknown attribute '{}'", self.sym_text(attr)))
                        );
                    }
                }
            } else {
                None
            };
            let kind = match attrib {
                None => VarKind::Regular,
                Some(Attrib::Const) => VarKind::Const,
                Some(Attrib::Close) => VarKind::Close,
            };
            self.actvar.last_mut().expect("just declared").kind = kind;
            if attrib == Some(Attrib::Close) {
                if has_close {
                    return Err(self.semerror("multiple to-be-closed variables in local list"));
                }
                has_close = true;
            }
            vars.push(LocalVar {
                name: self.sym_name(name),
                attrib,
            });
            if !self.testnext(Token::Char(b','))? {
                break;
            }
        }
        let values = if self.testnext(Token::Char(b'='))? {
            self.explist()?
        } else {
            Vec::new()
        };
        // A last `<const>` initialised by a compile-time constant is no variable.
        if vars.len() == values.len()
            && vars.last().is_some_and(|v| v.attrib == Some(Attrib::Const))
            && let Some(c) =
                const_value(values.last().expect("as many values as names"), &mut |n| {
                    self.lookup_const(n)
                })
        {
            self.actvar.last_mut().expect("declared").kind = VarKind::CompileTime(c);
            self.adjust_localvars(vars.len());
            // ... and it takes no register.
            let fs = self.fs_mut();
            fs.nregs = fs.nregs.saturating_sub(1);
        } else {
            self.adjust_assign(vars.len(), values.len(), values.last())?;
            self.adjust_localvars(vars.len());
        }
        Ok(StatKind::Local { vars, values })
    }

    fn labelstat(&mut self, name: Sym, line: Line) -> PResult<()> {
        self.checknext(Token::DbColon)?;
        self.stat_stack.push(Stat {
            kind: StatKind::Label(self.sym_name(name)),
            line,
        });
        // Other no-op statements after the label count as the end of the block.
        while matches!(self.tok, Token::Char(b';') | Token::DbColon) {
            self.statement()?;
        }
        if let Some(l) = self.find_label(self.sym_bytes(name)) {
            let msg = format!(
                "label '{}' already defined on line {}",
                self.sym_text(name),
                l.line
            );
            return Err(self.semerror(&msg));
        }
        let last = self.block_follow(false);
        self.create_label(name, line, last)
    }

    fn gotostat(&mut self) -> PResult<StatKind> {
        let line = self.linenumber();
        let name = self.name_token()?;
        if self.find_label(self.sym_bytes(name)).is_none() {
            // A forward jump, resolved when the label appears.
            self.new_goto(name, line);
        }
        Ok(StatKind::Goto(self.sym_name(name)))
    }

    fn retstat(&mut self, line: Line) -> PResult<Return> {
        let values = if self.block_follow(true) || self.tok == Token::Char(b';') {
            Vec::new()
        } else {
            self.explist()?
        };
        match values.last() {
            // `...` takes a register for its results.
            Some(last) if matches!(last.kind, ExprKind::Vararg) => self.reserve(1)?,
            // Several values go to consecutive registers.
            Some(last) if values.len() > 1 => self.exp2nextreg(last)?,
            _ => {}
        }
        self.testnext(Token::Char(b';'))?;
        Ok(Return { values, line })
    }

    fn exprstat(&mut self) -> PResult<StatKind> {
        let (first, class) = self.suffixedexp()?;
        if matches!(self.tok, Token::Char(b'=' | b',')) {
            self.restassign(first, class)
        } else {
            if class != ExpClass::Call {
                return Err(self.error("syntax error"));
            }
            Ok(StatKind::Call(first))
        }
    }

    fn check_target(&self, e: &Expr, class: ExpClass) -> PResult<()> {
        match class {
            ExpClass::Var { readonly: false } => Ok(()),
            ExpClass::Var { readonly: true } => {
                // Only names are read-only.
                let name = if let ExprKind::Name(name) = &e.kind {
                    name.as_str()
                } else {
                    "?"
                };
                Err(self.semerror(&format!("attempt to assign to const variable '{name}'")))
            }
            _ => Err(self.error("syntax error")),
        }
    }

    /// `restassign`, iteratively: every target after the first is one nesting level deeper.
    fn restassign(&mut self, first: Expr, class: ExpClass) -> PResult<StatKind> {
        let mut targets = vec![first];
        let mut class = class;
        let mut levels = 0;
        loop {
            self.check_target(targets.last().expect("at least one target"), class)?;
            if self.testnext(Token::Char(b','))? {
                let (e, c) = self.suffixedexp()?;
                targets.push(e);
                class = c;
                self.enter_level()?;
                levels += 1;
            } else {
                self.checknext(Token::Char(b'='))?;
                let values = self.explist()?;
                if values.len() != targets.len() {
                    self.adjust_assign(targets.len(), values.len(), values.last())?;
                }
                self.depth -= levels;
                return Ok(StatKind::Assign { targets, values });
            }
        }
    }

    // ----------------------------------------------------------------------------
    // Functions

    fn body(&mut self, is_method: bool, line: Line) -> PResult<FuncBody> {
        self.open_func(line, false);
        self.checknext(Token::Char(b'('))?;
        if is_method {
            self.new_localvar(Sym::Static("self"))?;
            self.adjust_localvars(1);
        }
        let (params, is_vararg) = self.parlist()?;
        self.fs_mut().is_vararg = is_vararg;
        let nparams = self.fs().nactvar as u32;
        self.reserve(nparams)?;
        self.checknext(Token::Char(b')'))?;
        let block = self.statlist()?;
        let end_line = self.linenumber();
        self.check_match(Token::End, Token::Function, line)?;
        // The closure goes to the enclosing function's next register (`codeclosure`)
        // before this function's pending gotos are checked.
        let parent = self.funcs.len() - 2;
        self.funcs[parent].freereg += 1;
        if self.funcs[parent].freereg >= MAX_REGS {
            return Err(self.error("function or expression needs too many registers"));
        }
        self.close_func()?;
        Ok(FuncBody {
            params,
            is_vararg,
            block,
            line,
            end_line,
        })
    }

    fn parlist(&mut self) -> PResult<(Vec<Name>, bool)> {
        let mut params = Vec::new();
        let mut is_vararg = false;
        if self.tok != Token::Char(b')') {
            loop {
                match self.tok {
                    Token::Name => {
                        let name = self.name_token()?;
                        self.new_localvar(name)?;
                        params.push(self.sym_name(name));
                    }
                    Token::Dots => {
                        self.next()?;
                        is_vararg = true;
                    }
                    _ => return Err(self.error("<name> or '...' expected")),
                }
                if is_vararg || !self.testnext(Token::Char(b','))? {
                    break;
                }
            }
        }
        self.adjust_localvars(params.len());
        Ok((params, is_vararg))
    }

    // ----------------------------------------------------------------------------
    // Expressions

    fn expr(&mut self) -> PResult<Expr> {
        self.subexpr(0)
    }

    fn explist(&mut self) -> PResult<Vec<Expr>> {
        let first = self.expr()?;
        if self.tok != Token::Char(b',') {
            return Ok(vec![first]);
        }
        let base = self.expr_stack.len();
        self.expr_stack.push(first);
        while self.testnext(Token::Char(b','))? {
            // Every value but the last goes to the next register.
            let prev = self.expr_stack.last().expect("pushed");
            if !in_top_register(prev) {
                self.reserve(1)?;
            }
            let e = self.expr()?;
            self.expr_stack.push(e);
        }
        Ok(self.expr_stack.drain(base..).collect())
    }

    /// `subexpr`: an expression whose binary operators all bind tighter than `limit`.
    fn subexpr(&mut self, limit: u8) -> PResult<Expr> {
        self.enter_level()?;
        let start = self.freereg();
        let mut e = if let Some(op) = unop_of(self.tok) {
            let line = self.tok_line;
            self.next()?;
            let direct_numeral = matches!(self.tok, Token::Int(_) | Token::Float(_));
            let operand = self.subexpr(UNARY_PRIORITY)?;
            self.set_freereg(start);
            match (op, &operand.kind) {
                // `-` written right before a numeral folds into a negative literal.
                (UnOp::Neg, ExprKind::Integer(i)) if direct_numeral => Expr {
                    kind: ExprKind::Integer(i.wrapping_neg()),
                    line,
                },
                (UnOp::Neg, ExprKind::Float(f)) if direct_numeral => Expr {
                    kind: ExprKind::Float(FloatLit(-f.0)),
                    line,
                },
                _ => Expr {
                    kind: ExprKind::Unary {
                        op,
                        operand: Box::new(operand),
                    },
                    line,
                },
            }
        } else {
            self.simpleexp()?
        };
        while let Some(op) = binop_of(self.tok) {
            let (left, right) = op.priority();
            if left <= limit {
                break;
            }
            let mut line = self.tok_line;
            self.next()?;
            let rhs = match op {
                BinOp::Concat => {
                    // Concatenation works on consecutive registers.
                    self.exp2nextreg(&e)?;
                    let left_reg = self.freereg().saturating_sub(1);
                    let rhs = self.subexpr(right)?;
                    self.exp2nextreg(&rhs)?;
                    self.set_freereg(left_reg + 1);
                    rhs
                }
                BinOp::And | BinOp::Or => {
                    // The left value is tested and its register freed first.
                    self.set_freereg(start);
                    let rhs = self.subexpr(right)?;
                    self.set_freereg(start);
                    rhs
                }
                _ => {
                    let rhs = self.subexpr(right)?;
                    self.set_freereg(start);
                    rhs
                }
            };
            if matches!(
                op,
                BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
            ) {
                // PUC gives comparisons no line of their own: they get the line of the
                // last token read, the end of the right operand.
                line = self.lastline;
            }
            e = Expr {
                kind: ExprKind::Binary {
                    op,
                    lhs: Box::new(e),
                    rhs: Box::new(rhs),
                },
                line,
            };
        }
        self.leave_level();
        Ok(e)
    }

    fn simpleexp(&mut self) -> PResult<Expr> {
        let line = self.tok_line;
        let kind = match self.tok {
            Token::Float(f) => ExprKind::Float(FloatLit(f)),
            Token::Int(i) => ExprKind::Integer(i),
            Token::String => ExprKind::String(self.lex.take_string()),
            Token::Nil => ExprKind::Nil,
            Token::True => ExprKind::True,
            Token::False => ExprKind::False,
            Token::Dots => {
                if !self.fs().is_vararg {
                    return Err(self.error("cannot use '...' outside a vararg function"));
                }
                ExprKind::Vararg
            }
            Token::Char(b'{') => return self.constructor(),
            Token::Function => {
                self.next()?;
                let body = self.body(false, self.linenumber())?;
                return Ok(Expr {
                    kind: ExprKind::Function(Box::new(body)),
                    line,
                });
            }
            _ => return Ok(self.suffixedexp()?.0),
        };
        self.next()?;
        Ok(Expr { kind, line })
    }

    fn primaryexp(&mut self) -> PResult<(Expr, ExpClass)> {
        match self.tok {
            Token::Char(b'(') => {
                let line = self.linenumber();
                let tok_line = self.tok_line;
                self.next()?;
                let e = self.expr()?;
                self.check_match(Token::Char(b')'), Token::Char(b'('), line)?;
                // Parentheses matter only around multiple results.
                let e = if e.is_multi() {
                    Expr {
                        kind: ExprKind::Paren(Box::new(e)),
                        line: tok_line,
                    }
                } else {
                    e
                };
                Ok((e, ExpClass::Other))
            }
            Token::Name => {
                let line = self.tok_line;
                let name = self.name_token()?;
                let class = self.singlevar(name)?;
                Ok((
                    Expr {
                        kind: ExprKind::Name(self.sym_name(name)),
                        line,
                    },
                    class,
                ))
            }
            _ => Err(self.error("unexpected symbol")),
        }
    }

    fn suffixedexp(&mut self) -> PResult<(Expr, ExpClass)> {
        let start = self.freereg();
        let (mut e, mut class) = self.primaryexp()?;
        loop {
            match self.tok {
                Token::Char(b'.') => {
                    self.next()?;
                    let key = self.key_name()?;
                    // An index is coded when the next token is read: at its last line.
                    let line = self.lastline;
                    e = Expr {
                        kind: ExprKind::Index {
                            object: Box::new(e),
                            key: Box::new(key),
                        },
                        line,
                    };
                    class = ExpClass::Var { readonly: false };
                    self.set_freereg(start);
                }
                Token::Char(b'[') => {
                    let key = self.yindex()?;
                    let line = self.lastline;
                    e = Expr {
                        kind: ExprKind::Index {
                            object: Box::new(e),
                            key: Box::new(key),
                        },
                        line,
                    };
                    class = ExpClass::Var { readonly: false };
                    self.set_freereg(start);
                }
                Token::Char(b':') => {
                    self.next()?;
                    let name = self.str_checkname()?;
                    let line = self.linenumber();
                    // The method and `self` take two registers (`luaK_self`).
                    let base = self
                        .freereg()
                        .saturating_sub(u32::from(in_top_register(&e)));
                    self.set_freereg(base);
                    self.reserve(2)?;
                    let (args, close_line) = self.funcargs()?;
                    self.set_freereg(base + 1);
                    e = Expr {
                        kind: ExprKind::Method {
                            object: Box::new(e),
                            name,
                            args,
                            close_line,
                        },
                        line,
                    };
                    class = ExpClass::Call;
                }
                Token::Char(b'(' | b'{') | Token::String => {
                    let line = self.linenumber();
                    // The function goes to the next register, the arguments after it.
                    let base = self
                        .freereg()
                        .saturating_sub(u32::from(in_top_register(&e)));
                    self.set_freereg(base);
                    self.reserve(1)?;
                    let (args, close_line) = self.funcargs()?;
                    self.set_freereg(base + 1);
                    e = Expr {
                        kind: ExprKind::Call {
                            func: Box::new(e),
                            args,
                            close_line,
                        },
                        line,
                    };
                    class = ExpClass::Call;
                }
                _ => return Ok((e, class)),
            }
        }
    }

    /// A field name used as a string key (`codename`).
    fn key_name(&mut self) -> PResult<Expr> {
        let line = self.tok_line;
        let name = self.name_token()?;
        Ok(Expr {
            kind: ExprKind::String(self.sym_bytes(name).to_vec()),
            line,
        })
    }

    /// `[ exp ]`.
    fn yindex(&mut self) -> PResult<Expr> {
        self.next()?;
        let e = self.expr()?;
        self.checknext(Token::Char(b']'))?;
        Ok(e)
    }

    /// Call arguments and the line of their last token.
    fn funcargs(&mut self) -> PResult<(Vec<Expr>, Line)> {
        match self.tok {
            Token::Char(b'(') => {
                let line = self.linenumber();
                self.next()?;
                let args = if self.tok == Token::Char(b')') {
                    Vec::new()
                } else {
                    self.explist()?
                };
                // A last `...` takes its register before the `)` is read, any other
                // value after it.
                let vararg_last = args
                    .last()
                    .is_some_and(|e| matches!(e.kind, ExprKind::Vararg));
                if vararg_last {
                    self.reserve(1)?;
                }
                self.check_match(Token::Char(b')'), Token::Char(b'('), line)?;
                let close_line = self.lastline;
                if let Some(last) = args.last()
                    && !vararg_last
                {
                    self.exp2nextreg(last)?;
                }
                Ok((args, close_line))
            }
            Token::Char(b'{') => {
                let table = self.constructor()?;
                let close_line = self.lastline;
                Ok((vec![table], close_line))
            }
            Token::String => {
                let line = self.tok_line;
                let s = self.lex.take_string();
                self.next()?;
                self.reserve(1)?;
                let close_line = self.lastline;
                Ok((
                    vec![Expr {
                        kind: ExprKind::String(s),
                        line,
                    }],
                    close_line,
                ))
            }
            _ => Err(self.error("function arguments expected")),
        }
    }

    fn constructor(&mut self) -> PResult<Expr> {
        let line = self.linenumber();
        let tok_line = self.tok_line;
        let table_reg = self.freereg();
        self.reserve(1)?;
        self.checknext(Token::Char(b'{'))?;
        let base = self.field_stack.len();
        // Positional items wait in registers and are stored 50 at a time.
        let mut tostore = 0;
        let mut pending: Option<bool> = None;
        loop {
            if self.tok == Token::Char(b'}') {
                break;
            }
            if let Some(top) = pending.take() {
                if !top {
                    self.reserve(1)?;
                }
                if tostore == FIELDS_PER_FLUSH {
                    self.set_freereg(table_reg + 1);
                    tostore = 0;
                }
            }
            let before = self.freereg();
            let f = self.field()?;
            match &f {
                Field::Positional(e) => {
                    tostore += 1;
                    pending = Some(in_top_register(e));
                }
                Field::Keyed { .. } => self.set_freereg(before),
            }
            self.field_stack.push(f);
            if !(self.testnext(Token::Char(b','))? || self.testnext(Token::Char(b';'))?) {
                break;
            }
        }
        self.check_match(Token::Char(b'}'), Token::Char(b'{'), line)?;
        let close_line = self.lastline;
        if tostore > 0 && pending == Some(false) {
            self.reserve(1)?;
        }
        self.set_freereg(table_reg + 1);
        let fields = self.field_stack.drain(base..).collect();
        Ok(Expr {
            kind: ExprKind::Table(TableConstructor { fields, close_line }),
            line: tok_line,
        })
    }

    fn field(&mut self) -> PResult<Field> {
        match self.tok {
            Token::Name => {
                if self.lookahead()? != Token::Char(b'=') {
                    Ok(Field::Positional(self.expr()?))
                } else {
                    let key = self.key_name()?;
                    self.recfield_value(key)
                }
            }
            Token::Char(b'[') => {
                let key = self.yindex()?;
                self.recfield_value(key)
            }
            _ => Ok(Field::Positional(self.expr()?)),
        }
    }

    fn recfield_value(&mut self, key: Expr) -> PResult<Field> {
        self.checknext(Token::Char(b'='))?;
        let value = self.expr()?;
        Ok(Field::Keyed { key, value })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn env_key_is_the_key_of_env() {
        assert_eq!(super::ENV_KEY, super::name_key(b"_ENV"));
    }

    #[test]
    fn name_keys_agree() {
        let src = b"abcdefghijklmnop";
        for start in 0..src.len() {
            for len in 1..=src.len() - start {
                assert_eq!(
                    super::name_key_at(src, start, len),
                    super::name_key(&src[start..start + len])
                );
            }
        }
    }
}
