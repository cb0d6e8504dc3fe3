//! The resolved tree the evaluator walks: the lua-syntax AST with every name resolved to a
//! local slot, an upvalue or a global access through `_ENV`, string constants turned into
//! Lua strings, and the few facts the evaluator needs precomputed (frame sizes, which
//! `return` is a proper tail call, which blocks declare to-be-closed variables, the
//! target of every `goto`).
//!
//! The shape follows the AST one to one (see `resolve.rs`); only the resolution of names
//! and compile-time constants (`<const>` locals with constant values, which PUC-Rio Lua
//! does not store anywhere) differ.

use std::rc::Rc;

use lua_syntax::ast::{BinOp, UnOp};

use crate::value::LuaStr;

/// Where a local variable lives in its frame: in a register, or, when a closure captures
/// it, in an upvalue cell (created afresh each time the declaration runs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Reg(u32),
    Cell(u32),
}

/// Where a closure finds an upvalue when it is created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpvalSource {
    /// A captured local of the enclosing function.
    ParentCell(u32),
    /// An upvalue of the enclosing function.
    ParentUpval(u32),
    /// The global environment (the main chunk's `_ENV`).
    Globals,
}

#[derive(Clone, Debug)]
pub struct UpvalDesc {
    pub name: Rc<str>,
    pub source: UpvalSource,
}

/// Where a chunk came from, for messages and `debug.getinfo`.
#[derive(Debug)]
pub struct ChunkInfo {
    /// The chunk name as given to `load` (`@file`, `=name`, or the source text).
    pub source: String,
    /// `luaO_chunkid` of the source: the prefix of messages.
    pub short_src: String,
}

/// Debug information about a local variable: its name and where it is active, in
/// statements of the function, for `debug.getlocal`.
#[derive(Clone, Debug)]
pub struct LocalInfo {
    pub name: Rc<str>,
    pub slot: Slot,
}

/// A function prototype (manual §3.4.11).
#[derive(Debug)]
pub struct Proto {
    pub num_params: usize,
    pub is_vararg: bool,
    /// Where each parameter goes (in order; a method's `self` first).
    pub params: Vec<Slot>,
    /// Whether parameter `i` is register `i` for every `i` (no parameter is captured),
    /// so that the argument list can become the registers as it is.
    pub params_in_registers: bool,
    pub param_names: Vec<Rc<str>>,
    pub num_regs: usize,
    pub num_cells: usize,
    pub upvalues: Vec<UpvalDesc>,
    pub body: Block,
    pub line_defined: u32,
    pub last_line_defined: u32,
    pub chunk: Rc<ChunkInfo>,
    /// Whether this is the main chunk (`what == "main"` in `debug.getinfo`).
    pub is_main: bool,
}

/// A label inside a function (unique per function).
pub type LabelId = u32;

#[derive(Debug, Default)]
pub struct Block {
    pub stats: Vec<Stat>,
    /// The labels of this block and the index of the statement each one precedes.
    pub labels: Vec<(LabelId, usize)>,
    /// Whether the block declares a to-be-closed variable.
    pub has_tbc: bool,
    /// The line where the block ends (its `end`, `until`, `else`...), approximately: used
    /// as the current line while closing its to-be-closed variables.
    pub end_line: u32,
}

impl Block {
    #[inline]
    pub fn label_index(&self, label: LabelId) -> Option<usize> {
        self.labels
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, i)| *i)
    }
}

#[derive(Debug)]
pub struct Stat {
    pub kind: StatKind,
    pub line: u32,
}

/// A target of a `local` statement.
#[derive(Debug)]
pub enum LocalTarget {
    /// A variable stored in a slot.
    Var { slot: Slot, name: Rc<str> },
    /// A compile-time constant: its value is never stored (its expression is still in
    /// the value list, where it has no side effects).
    Constant,
}

/// A target of an assignment.
#[derive(Debug)]
pub enum AssignTarget {
    Local(Slot),
    Upval(u32),
    Index { object: Expr, key: Expr, line: u32 },
}

#[derive(Debug)]
pub enum StatKind {
    Local {
        targets: Vec<LocalTarget>,
        values: Vec<Expr>,
        /// The to-be-closed variable, if one is declared (`<close>`): its slot and name.
        close: Option<(Slot, Rc<str>)>,
    },
    Assign {
        targets: Vec<AssignTarget>,
        values: Vec<Expr>,
    },
    Call(Expr),
    Do(Block),
    While {
        cond: Expr,
        body: Block,
    },
    Repeat {
        body: Block,
        cond: Expr,
    },
    If {
        clauses: Vec<(Expr, Block)>,
        else_block: Option<Block>,
    },
    NumericFor {
        var: Slot,
        start: Expr,
        limit: Expr,
        step: Option<Expr>,
        body: Block,
        /// The line PUC reports for a bad initial value, limit or step (its `do`).
        prep_line: u32,
    },
    GenericFor {
        vars: Vec<Slot>,
        exprs: Vec<Expr>,
        body: Block,
        /// The line of the iterator call (where the first token after `in` ends).
        call_line: u32,
        /// The line of the preparation (the `do`), where a closing value that cannot be
        /// closed is reported.
        prep_line: u32,
    },
    LocalFunction {
        slot: Slot,
        proto: Rc<Proto>,
    },
    Goto(LabelId),
    Break,
    Return {
        values: Vec<Expr>,
        /// A single call that is a proper tail call (manual §3.4.10): not inside the
        /// scope of a to-be-closed variable.
        tail: bool,
    },
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub line: u32,
}

/// One field of a table constructor.
#[derive(Debug)]
pub enum Field {
    Positional(Expr),
    Keyed { key: Expr, value: Expr },
}

#[derive(Debug)]
pub enum ExprKind {
    Nil,
    True,
    False,
    Vararg,
    Integer(i64),
    Float(f64),
    String(LuaStr),
    Function(Rc<Proto>),
    Table(Vec<Field>),
    /// Arithmetic, bitwise, comparison and concatenation operators.
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `lhs - k` for an integer constant `k` in [-127, 127], which PUC codes as
    /// `lhs + (-k)` (`ADDI`): the same value, except that `-0.0 - 0` is `0.0`. The
    /// metamethod, if one is needed, is still `__sub` with `k`.
    SubImmediate {
        lhs: Box<Expr>,
        k: i64,
    },
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Unary {
        op: UnOp,
        operand: Box<Expr>,
    },
    Local {
        slot: Slot,
        name: Rc<str>,
    },
    Upval {
        index: u32,
        name: Rc<str>,
    },
    /// `object[key]`. `global` is set when `object` is the variable `_ENV`, so that
    /// messages call the key a global.
    Index {
        object: Box<Expr>,
        key: Box<Expr>,
        global: bool,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        /// How messages name the callee (`varinfo` of `func`).
        name: Option<Rc<VarInfo>>,
    },
    Method {
        object: Box<Expr>,
        name: LuaStr,
        args: Vec<Expr>,
        /// `method 'name'`, for messages.
        info: Rc<VarInfo>,
    },
    /// Parentheses around a call or `...`: exactly one value.
    Paren(Box<Expr>),
}

impl Expr {
    /// Whether the expression can produce several values (a call or `...`).
    pub fn is_multi(&self) -> bool {
        matches!(
            self.kind,
            ExprKind::Call { .. } | ExprKind::Method { .. } | ExprKind::Vararg
        )
    }
}

/// How PUC-Rio Lua describes a value in an error message (`ldebug.c` `getobjname`):
/// the kind (`global`, `local`, `field`, `upvalue`, `method`, `constant`) and the name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarInfo {
    pub kind: &'static str,
    pub name: Vec<u8>,
}

impl VarInfo {
    fn new(kind: &'static str, name: &[u8]) -> VarInfo {
        VarInfo {
            kind,
            name: name.to_vec(),
        }
    }

    /// The text PUC appends to a message: ` (local 'x')`.
    pub fn suffix(info: Option<&VarInfo>) -> Vec<u8> {
        match info {
            None => Vec::new(),
            Some(info) => {
                let mut s = format!(" ({} '", info.kind).into_bytes();
                s.extend_from_slice(&info.name);
                s.extend_from_slice(b"')");
                s
            }
        }
    }
}

/// The description of the value of `e` as PUC computes it from the bytecode. The rules
/// mirror where PUC's code generator leaves values: a local is its own register; an
/// upvalue, a global, a field or a string constant is loaded by an instruction that names
/// it; an integer key from 0 to 255 is `GETI` ("integer index"); any other key goes
/// through a register that names nothing but a string constant ("?"); results of calls,
/// operators, `...` and constructors have no name.
pub fn varinfo(e: &Expr) -> Option<VarInfo> {
    match &e.kind {
        ExprKind::Local { name, .. } => Some(VarInfo::new("local", name.as_bytes())),
        ExprKind::Upval { name, .. } => Some(VarInfo::new("upvalue", name.as_bytes())),
        ExprKind::String(s) => Some(VarInfo::new("constant", s.as_bytes())),
        ExprKind::Index { key, global, .. } => {
            let kind = if *global { "global" } else { "field" };
            match &key.kind {
                ExprKind::String(s) => Some(VarInfo::new(kind, s.as_bytes())),
                ExprKind::Integer(i) if (0..=255).contains(i) => {
                    Some(VarInfo::new("field", b"integer index"))
                }
                _ => Some(VarInfo::new(kind, b"?")),
            }
        }
        _ => None,
    }
}
