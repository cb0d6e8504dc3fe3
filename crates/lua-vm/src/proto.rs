//! The compiled function prototype ([`Proto`]): code, constants, nested prototypes, upvalue
//! descriptors and debug information, as lobject.h's `Proto` holds them.
//!
//! A `Proto` is immutable once compiled. The runtime turns its [`Constant`]s into values
//! when it loads a chunk, and creates closures from it with CLOSURE (which reads the
//! nested prototype's [`UpvalDesc`]s to capture upvalues).

use crate::opcodes::Instruction;
use std::rc::Rc;

/// A compiled Lua function.
#[derive(Clone, Debug, Default)]
pub struct Proto {
    /// The chunk name as given to `load` (`"@file.lua"`, `"=stdin"`, or the source
    /// itself); `lua_syntax::chunkid` turns it into the message prefix.
    pub source: Rc<str>,
    /// Line of the function's definition (`debug.getinfo().linedefined`); 0 for a main chunk.
    pub linedefined: u32,
    /// Line of the function's `end`; 0 for a main chunk.
    pub lastlinedefined: u32,
    /// Number of fixed parameters (including the implicit `self` of a method).
    pub numparams: u8,
    /// Whether the function takes `...` (main chunks always do). Its code then starts with
    /// VARARGPREP.
    pub is_vararg: bool,
    /// Registers the function needs (at least 2, as in PUC).
    pub maxstacksize: u8,
    /// The instructions.
    pub code: Vec<Instruction>,
    /// The source line of each instruction (`lineinfo[pc]`, same length as `code`).
    pub lineinfo: Vec<u32>,
    /// The constant table (`K[...]`).
    pub constants: Vec<Constant>,
    /// Nested functions (`KPROTO[...]`), in the order their CLOSUREs refer to them.
    pub protos: Vec<Rc<Proto>>,
    /// How each upvalue is captured when a closure is created.
    pub upvalues: Vec<UpvalDesc>,
    /// Local variables with the pc range where each is active (debug information).
    pub locvars: Vec<LocVar>,
}

/// A constant: what a LOADK, an RK operand or a K operand refers to. Constants are never
/// tables or functions; `1` and `1.0` are different constants.
#[derive(Clone, Debug)]
pub enum Constant {
    Nil,
    Boolean(bool),
    Integer(i64),
    Float(f64),
    /// A string (raw bytes: Lua strings need not be UTF-8).
    String(Box<[u8]>),
}

impl PartialEq for Constant {
    /// Identity of constants: same type and raw-equal, floats compared by bits (so the
    /// constant table can keep `0.0` and `-0.0`, or two NaNs, apart).
    fn eq(&self, other: &Constant) -> bool {
        match (self, other) {
            (Constant::Nil, Constant::Nil) => true,
            (Constant::Boolean(a), Constant::Boolean(b)) => a == b,
            (Constant::Integer(a), Constant::Integer(b)) => a == b,
            (Constant::Float(a), Constant::Float(b)) => a.to_bits() == b.to_bits(),
            (Constant::String(a), Constant::String(b)) => a == b,
            _ => false,
        }
    }
}

impl Constant {
    /// Whether the constant is a string of at most 40 bytes, PUC's "short string"
    /// (LUAI_MAXSHORTLEN). GETFIELD/SETFIELD/GETTABUP/SETTABUP keys are short strings.
    pub fn is_short_string(&self) -> bool {
        matches!(self, Constant::String(s) if s.len() <= MAX_SHORT_STRING_LEN)
    }

    /// Whether the constant is a number (what ADDK..IDIVK and MMBINK operate on).
    pub fn is_number(&self) -> bool {
        matches!(self, Constant::Integer(_) | Constant::Float(_))
    }
}

/// PUC's LUAI_MAXSHORTLEN: strings up to this length are "short" (interned).
pub const MAX_SHORT_STRING_LEN: usize = 40;

/// How a closure captures one upvalue (lobject.h `Upvaldesc`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpvalDesc {
    /// The variable's name (debug information: `debug.getupvalue`, error messages).
    pub name: Box<str>,
    /// Whether the upvalue is a local of the enclosing function (register `index`), or
    /// else the enclosing function's own upvalue number `index`.
    pub in_stack: bool,
    pub index: u8,
    /// The kind of the captured variable (for the compiler's const checks; the runtime
    /// does not need it).
    pub kind: VarKind,
}

/// Local variable kinds (lparser.h `VDKREG`, `RDKCONST`, `RDKTOCLOSE`, `RDKCTC`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VarKind {
    /// A regular variable.
    Regular,
    /// `<const>` whose value is not a compile-time constant (it lives in a register).
    Const,
    /// `<close>`.
    ToClose,
    /// `<const>` with a compile-time constant value: it has no register at all.
    CompileTimeConstant,
}

/// A local variable's debug information (lobject.h `LocVar`): it is active for
/// `startpc <= pc < endpc` and lives in the register given by its order among the
/// variables active at that pc.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocVar {
    pub name: Box<str>,
    pub startpc: u32,
    pub endpc: u32,
}

impl Proto {
    /// The line of the instruction at `pc`, or `None` past the end of the code.
    pub fn line_at(&self, pc: usize) -> Option<u32> {
        self.lineinfo.get(pc).copied()
    }

    /// The name of the `n`-th (1-based) local variable active at `pc`, as
    /// `luaF_getlocalname` finds it: the name of register `n - 1` at that point, if it is
    /// a named local. Used by `debug.getlocal` and by error messages ("local 'x'").
    pub fn local_name(&self, n: usize, pc: usize) -> Option<&str> {
        if n == 0 {
            return None;
        }
        let mut n = n;
        for var in &self.locvars {
            if var.startpc as usize > pc {
                break; // Variables are sorted by startpc.
            }
            if pc < var.endpc as usize {
                n -= 1;
                if n == 0 {
                    return Some(&var.name);
                }
            }
        }
        None
    }

    /// Total number of prototypes in this function and all the functions it contains.
    pub fn count_functions(&self) -> usize {
        1 + self
            .protos
            .iter()
            .map(|p| p.count_functions())
            .sum::<usize>()
    }
}
