//! The abstract syntax tree of a Lua 5.4 chunk, named after the reference manual (§3, §9).
//!
//! The tree is plain owned data: cheap enough to clone, easy to rewrite (the reducer
//! edits it, the generator builds it), and printable back to source by [`crate::print`].
//!
//! Conventions every consumer relies on:
//! - Every [`Stat`] and [`Expr`] carries the source line PUC-Rio Lua would attribute to
//!   it in error messages (see [`Expr::line`]). Lines start at 1; generated trees may use 0.
//! - Parentheses are kept only where they change meaning: around a call, a method call or
//!   `...` they truncate the results to one value ([`ExprKind::Paren`]; `((f()))` is one
//!   `Paren`). Everywhere else the tree shape already encodes precedence and the printer
//!   adds the parentheses it needs. The object of an index or call is never a bare
//!   `Vararg` (`(...).x` keeps its `Paren`).
//! - Unary minus written directly before a numeral is folded by the parser into a negative
//!   literal (`-5` is `Integer(-5)`, `-0.0` is `Float(-0.0)`, `-0x8000000000000000` is
//!   `Integer(i64::MIN)`), so every number value has exactly one tree form and printing
//!   round-trips. Only the token right after the `-` counts: `-(5)` stays
//!   `Unary(Neg, Integer(5))`, `- -5` is `Unary(Neg, Integer(-5))`, `-2^2` is
//!   `Unary(Neg, 2^2)`; `- -x` and `-(-x)` stay nested [`ExprKind::Unary`] nodes.
//!   (Folding never changes a value: Lua negates integers with wrap-around.)
//! - `a.b` and `a["b"]` are the same tree (`Index` with a `String` key), as are
//!   `{x = 1}` and `{["x"] = 1}`: Lua gives them the same meaning.
//! - `f"s"`, `f{...}` and `f(...)` are the same tree (`Call` with its arguments).

/// A source line number (1-based; 0 means "unknown", for trees that were never parsed).
pub type Line = u32;

/// A Lua name (identifier, manual §3.1). Always ASCII letters, digits and underscores,
/// never a reserved word.
pub type Name = String;

/// A whole chunk (manual §3.3.2): the body of an anonymous vararg function.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Chunk {
    pub block: Block,
}

/// A block (manual §3.3.1): a list of statements, optionally ended by `return`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Block {
    pub stats: Vec<Stat>,
    /// The final `return` statement, if any (it can only be last, manual §3.3.4).
    pub ret: Option<Return>,
}

/// `return explist` (manual §3.3.4).
#[derive(Clone, Debug, PartialEq)]
pub struct Return {
    pub values: Vec<Expr>,
    /// The line of the `return` keyword.
    pub line: Line,
}

/// A statement with the line where it starts (its first token; for a `return`, see
/// [`Return::line`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Stat {
    pub kind: StatKind,
    pub line: Line,
}

/// The statements of manual §3.3. Empty statements (`;`) are not represented.
#[derive(Clone, Debug, PartialEq)]
pub enum StatKind {
    /// `varlist = explist` (manual §3.3.3). Every target is a `Name` or an `Index`.
    Assign {
        targets: Vec<Expr>,
        values: Vec<Expr>,
    },
    /// A function call used as a statement (manual §3.3.6): always a `Call` or `Method`.
    Call(Expr),
    /// `do block end`.
    Do(Block),
    /// `while exp do block end`.
    While { cond: Expr, body: Block },
    /// `repeat block until exp`. Locals of `body` are visible in `cond` (manual §3.3.4).
    Repeat { body: Block, cond: Expr },
    /// `if exp then block {elseif exp then block} [else block] end`.
    /// `clauses` holds the `if` and every `elseif`, in order; it is never empty.
    If {
        clauses: Vec<(Expr, Block)>,
        else_block: Option<Block>,
    },
    /// `for var = start, limit [, step] do body end` (manual §3.3.5).
    NumericFor {
        var: Name,
        start: Expr,
        limit: Expr,
        step: Option<Expr>,
        body: Block,
        /// The line of the `do` that ends the header: PUC prepares the loop there, so a
        /// bad initial value, limit or step is reported at this line.
        do_line: Line,
    },
    /// `for vars in exprs do body end` (manual §3.3.5).
    GenericFor {
        vars: Vec<Name>,
        exprs: Vec<Expr>,
        body: Block,
        /// The line where the first token after `in` ends: PUC calls the iterator (and
        /// loops) at this line.
        call_line: Line,
        /// The line of the `do` that ends the header: PUC prepares the loop there, so a
        /// closing value that cannot be closed is reported at this line.
        do_line: Line,
    },
    /// `function a.b.c:m() ... end` (manual §3.4.11). When `name.method` is set, the
    /// function has an implicit first parameter `self` that is NOT listed in `body.params`.
    Function { name: FuncName, body: Box<FuncBody> },
    /// `local function f() ... end`: `f` is in scope inside its own body.
    LocalFunction { name: Name, body: Box<FuncBody> },
    /// `local attnamelist [= explist]` (manual §3.3.7).
    Local {
        vars: Vec<LocalVar>,
        values: Vec<Expr>,
    },
    /// `::name::`.
    Label(Name),
    /// `goto name`.
    Goto(Name),
    /// `break`.
    Break,
}

/// The name of a `function` statement: `path[0].path[1]...path[n]` and an optional `:method`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncName {
    /// At least one name; the first is a variable, the rest are field names.
    pub path: Vec<Name>,
    pub method: Option<Name>,
}

/// One name in a `local` statement with its optional attribute.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalVar {
    pub name: Name,
    pub attrib: Option<Attrib>,
}

/// Local variable attributes (manual §3.3.7, §3.3.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Attrib {
    /// `<const>`
    Const,
    /// `<close>`
    Close,
}

/// A function body: parameters and block (manual §3.4.11).
#[derive(Clone, Debug, PartialEq)]
pub struct FuncBody {
    /// Named parameters, without the implicit `self` of a method.
    pub params: Vec<Name>,
    /// Whether the parameter list ends with `...`.
    pub is_vararg: bool,
    pub block: Block,
    /// `linedefined` in `debug.getinfo`, as Lua 5.4.9 records it: the line of the
    /// `function` keyword for a `function` statement, but the line of the `(` that opens
    /// the parameters for a function expression and for `local function`.
    pub line: Line,
    /// Line of the closing `end` (`lastlinedefined`).
    pub end_line: Line,
}

/// An expression with its line.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    /// The line PUC-Rio Lua 5.4.9 attributes to the operation in error messages (checked
    /// against lua5.4.9's runtime errors):
    /// - `Binary` and `Unary`: the operator token, except comparisons (`== ~= < <= > >=`),
    ///   which PUC codes without a line of their own: the last line of the right operand;
    /// - `Call` and `Method`: the token that opens the arguments (`(`, `{`, or a string
    ///   literal, whose last line counts when it spans several);
    /// - `Index`: the last token of the index, the name of `.name` or the `]` of `[exp]`
    ///   (PUC codes the access when it reads the next token: exact unless an operator on
    ///   a later line follows, as in `t.x` newline `+ 1`, which PUC puts on the `+` line);
    /// - `Paren`: the `(`; `Table`: the `{`; `Function`: the `function` keyword;
    /// - everything else: the (first) line of the token itself.
    ///
    /// Lines of closing tokens where PUC codes instructions are kept in their own fields:
    /// [`TableConstructor::close_line`] and the `close_line` of calls (an indexing that is
    /// the last item or argument is coded when the `}` or `)` is read, so it fails at
    /// that line), and the `do_line` and `call_line` of `for` loops.
    pub line: Line,
}

/// The expressions of manual §3.4.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Nil,
    False,
    True,
    /// `...`
    Vararg,
    /// An integer numeral (after folding a unary minus, see the module docs).
    Integer(i64),
    /// A float numeral (after folding a unary minus). Compared bit for bit.
    Float(FloatLit),
    /// A string literal: raw bytes after escape processing.
    String(Vec<u8>),
    /// `function funcbody`.
    Function(Box<FuncBody>),
    /// `{ fieldlist }`.
    Table(TableConstructor),
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Unary {
        op: UnOp,
        operand: Box<Expr>,
    },
    /// A variable reference; resolving it to a local, upvalue or global is the consumer's job.
    Name(Name),
    /// `object[key]`, also `object.name`.
    Index {
        object: Box<Expr>,
        key: Box<Expr>,
    },
    /// `func(args)`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        /// The line of the last token of the arguments: the `)`, the `}` of a table
        /// argument, or the last line of a string argument. PUC codes an indexing that
        /// is the last argument when it reads the `)`, so it fails at this line.
        close_line: Line,
    },
    /// `object:name(args)`: `object` is evaluated once (manual §3.4.10).
    Method {
        object: Box<Expr>,
        name: Name,
        args: Vec<Expr>,
        /// As for [`ExprKind::Call`]: the line of the last token of the arguments.
        close_line: Line,
    },
    /// `( exp )` around a `Call`, `Method` or `Vararg`: adjusts to exactly one value.
    Paren(Box<Expr>),
}

/// A float literal, compared by bits so that `-0.0 != 0.0` and the tree round-trips exactly.
#[derive(Clone, Copy, Debug)]
pub struct FloatLit(pub f64);

impl PartialEq for FloatLit {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

/// A table constructor `{ fieldlist }` (manual §3.4.9).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TableConstructor {
    pub fields: Vec<Field>,
    /// The line of the closing `}`. PUC codes an indexing that is the last positional
    /// field when it reads the `}` (so it fails at this line), and stores the pending
    /// positional fields there.
    pub close_line: Line,
}

impl TableConstructor {
    /// A constructor with an unknown `}` line, for trees that were never parsed.
    pub fn new(fields: Vec<Field>) -> TableConstructor {
        TableConstructor {
            fields,
            close_line: 0,
        }
    }
}

/// One field of a table constructor (manual §3.4.9).
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// `exp`: the next integer key. A call or `...` as the last positional field expands.
    Positional(Expr),
    /// `[key] = value`, also `name = value` (with a `String` key).
    Keyed { key: Expr, value: Expr },
}

/// Binary operators (manual §3.4.1-§3.4.5), named after their metamethod events where they have one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    IDiv,
    Mod,
    Pow,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
}

/// Unary operators (manual §3.4.1, §3.4.2, §3.4.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `-`
    Neg,
    /// `not`
    Not,
    /// `#`
    Len,
    /// `~`
    BNot,
}

/// The priority of unary operators (manual §3.4.8): above every binary operator but `^`.
pub const UNARY_PRIORITY: u8 = 12;

impl BinOp {
    pub const ALL: [BinOp; 21] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::Div,
        BinOp::IDiv,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::Concat,
        BinOp::Eq,
        BinOp::Ne,
        BinOp::Lt,
        BinOp::Le,
        BinOp::Gt,
        BinOp::Ge,
        BinOp::And,
        BinOp::Or,
        BinOp::BAnd,
        BinOp::BOr,
        BinOp::BXor,
        BinOp::Shl,
        BinOp::Shr,
    ];

    /// Left and right binding priorities (manual §3.4.8). A right priority lower than
    /// the left one makes the operator right associative (`..` and `^`).
    pub fn priority(self) -> (u8, u8) {
        match self {
            BinOp::Or => (1, 1),
            BinOp::And => (2, 2),
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => (3, 3),
            BinOp::BOr => (4, 4),
            BinOp::BXor => (5, 5),
            BinOp::BAnd => (6, 6),
            BinOp::Shl | BinOp::Shr => (7, 7),
            BinOp::Concat => (9, 8),
            BinOp::Add | BinOp::Sub => (10, 10),
            BinOp::Mul | BinOp::Div | BinOp::IDiv | BinOp::Mod => (11, 11),
            BinOp::Pow => (14, 13),
        }
    }

    /// The operator as written in source.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::IDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "^",
            BinOp::Concat => "..",
            BinOp::Eq => "==",
            BinOp::Ne => "~=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "and",
            BinOp::Or => "or",
            BinOp::BAnd => "&",
            BinOp::BOr => "|",
            BinOp::BXor => "~",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
        }
    }
}

impl UnOp {
    pub const ALL: [UnOp; 4] = [UnOp::Neg, UnOp::Not, UnOp::Len, UnOp::BNot];

    /// The operator as written in source.
    pub fn symbol(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Not => "not",
            UnOp::Len => "#",
            UnOp::BNot => "~",
        }
    }
}

impl Expr {
    pub fn new(kind: ExprKind, line: Line) -> Expr {
        Expr { kind, line }
    }

    /// Whether this expression can produce several values (a call or `...`), so that it
    /// expands when it is the last in a list and is truncated by parentheses.
    pub fn is_multi(&self) -> bool {
        matches!(
            self.kind,
            ExprKind::Call { .. } | ExprKind::Method { .. } | ExprKind::Vararg
        )
    }
}

impl Stat {
    pub fn new(kind: StatKind, line: Line) -> Stat {
        Stat { kind, line }
    }
}
