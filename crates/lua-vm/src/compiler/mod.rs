//! The compiler from a lua-syntax [`ast::Chunk`] to a [`Proto`]: a one-pass code generator
//! in the style of PUC-Rio Lua 5.4's lparser.c/lcode.c, walking the tree instead of the
//! token stream.
//!
//! - `mod.rs` (this file): compiler state, function states, variables, blocks, labels
//!   and gotos, function entry and exit (lparser.c's bookkeeping);
//! - `code.rs`: instruction emission, jump lists, registers, constants, and the
//!   expression-descriptor operations (lcode.c's `luaK_*`);
//! - `expr.rs`: expressions; `stat.rs`: statements;
//! - `consts.rs`: which `local x <const>` are compile-time constants.
//!
//! The code generator produces PUC's code shapes (which also keeps the runtime's
//! variable-name recovery for error messages working) and asks the [`Optimizer`] before
//! every optimization it makes, so each level and each pass can be switched off.

mod code;
mod consts;
mod expr;
mod stat;

use crate::config::CompileConfig;
use crate::opcodes::limits;
use crate::opt::{OptStats, Optimizer};
use crate::proto::{LocVar, Proto, UpvalDesc, VarKind};
use lua_syntax::ast;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

pub(crate) use code::NO_JUMP;
use expr::{ExpDesc, ExpKind};

/// A compile-time error that the syntax crate does not detect (PUC's code generator
/// limits), reported like a syntax error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The complete message, such as
    /// `prog:3: function or expression needs too many registers near 'a'`.
    pub message: String,
    /// The line in the message (0 when the message has none).
    pub line: u32,
    /// PUC raises this error as a runtime error inside the parser (`luaG_runerror`, as for
    /// an array that cannot grow: "too many constants (limit is 33554431)"), not as a
    /// syntax error: the message has no position, and the message handler active around
    /// `load` (an `xpcall` handler, the `lua` command's traceback) applies to it, as to
    /// "C stack overflow". Syntax-style errors (`luaX_syntaxerror`) have it false.
    pub runtime: bool,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}

pub(crate) type CResult<T> = Result<T, Box<CompileError>>;

/// Compiles a chunk. `chunkname` is the name given to `load` (`@file`, `=name`, or the
/// source itself). In debug builds every compiled function is checked by the verifier.
pub fn compile(
    chunk: &ast::Chunk,
    chunkname: &str,
    config: &CompileConfig,
) -> Result<Proto, CompileError> {
    compile_with_stats(chunk, chunkname, config).map(|(proto, _)| proto)
}

/// Like [`compile`], and also reports what the optimizer did.
pub fn compile_with_stats(
    chunk: &ast::Chunk,
    chunkname: &str,
    config: &CompileConfig,
) -> Result<(Proto, OptStats), CompileError> {
    let mut compiler = Compiler::new(chunkname, config);
    let proto = compiler.main_function(chunk).map_err(|e| *e)?;
    debug_assert!(
        crate::verify::verify(&proto).is_ok(),
        "the compiler produced code the verifier rejects: {}\n{}",
        crate::verify::verify(&proto).unwrap_err(),
        crate::disasm::disassemble(&proto)
    );
    Ok((proto, compiler.opt.into_stats()))
}

/// Which rewrite is application number `n` (1-based) under `config`: what a blame
/// report prints ("pass `fold`, application 17, function at line 3"). `None` if the
/// compilation makes fewer than `n` rewrites. Compiling with fuel `n` makes exactly the
/// first `n` rewrites of an unlimited compilation, so this is the rewrite that fuel `n`
/// adds to fuel `n - 1`.
pub fn find_application(
    chunk: &ast::Chunk,
    chunkname: &str,
    config: &CompileConfig,
    n: u64,
) -> Result<Option<crate::opt::Application>, CompileError> {
    if n == 0 {
        return Ok(None);
    }
    let config = CompileConfig {
        record_applications: true,
        opt_fuel: Some(n),
        ..config.clone()
    };
    let (_, stats) = compile_with_stats(chunk, chunkname, &config)?;
    Ok(stats.log.get(n as usize - 1).copied())
}

/// The value of a compile-time constant (a `local x <const>` whose value is known).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum ConstValue<'a> {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a [u8]),
}

/// An active local variable (lparser.h `Vardesc`).
#[derive(Clone, Debug)]
pub(crate) struct VarDesc<'a> {
    pub name: &'a str,
    pub kind: VarKind,
    /// The register holding the variable (not meaningful for compile-time constants).
    pub ridx: u8,
    /// Index of its debug information in the function's `locvars`.
    pub pidx: usize,
    /// The value of a compile-time constant.
    pub value: Option<ConstValue<'a>>,
}

/// A label or a pending goto (lparser.h `Labeldesc`).
#[derive(Clone, Debug)]
pub(crate) struct LabelDesc<'a> {
    pub name: &'a str,
    /// For a label, its position; for a goto, the head of its list of jumps.
    pub pc: i32,
    pub line: u32,
    /// Number of active variables at that position.
    pub nactvar: usize,
    /// The register level of those variables (kept here because PUC computes it for
    /// gotos after the variables are gone).
    pub reglevel: u32,
    /// For a goto: whether the jump leaves the scope of a variable that needs closing.
    pub close: bool,
}

/// Local variables a function's debug information can hold (SHRT_MAX).
const MAX_LOCVARS: usize = 32767;

/// The name of the pseudo-label loops define for `break`, which no Lua label can have.
pub(crate) const BREAK_LABEL: &str = "break";

/// A block being compiled (lparser.c `BlockCnt`).
#[derive(Clone, Debug)]
pub(crate) struct BlockCnt {
    /// Index of the first label of this block.
    pub firstlabel: usize,
    /// Index of the first pending goto of this block.
    pub firstgoto: usize,
    /// Active variables outside the block.
    pub nactvar: usize,
    /// Some variable of the block is captured by a closure or is to-be-closed.
    pub upval: bool,
    /// The block is a loop (`break` jumps to its end).
    pub isloop: bool,
    /// The block is inside the scope of a to-be-closed variable.
    pub insidetbc: bool,
}

/// Constants are deduplicated per function by value; `1` and `1.0`, and floats with
/// different bits, are different keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ConstKey<'a> {
    Nil,
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(&'a [u8]),
}

impl ConstKey<'_> {
    /// Whether `c` is the constant this key stands for.
    pub fn matches(&self, c: &crate::proto::Constant) -> bool {
        use crate::proto::Constant;
        match (self, c) {
            (ConstKey::Nil, Constant::Nil) => true,
            (ConstKey::Bool(a), Constant::Boolean(b)) => a == b,
            (ConstKey::Int(a), Constant::Integer(b)) => a == b,
            (ConstKey::Float(a), Constant::Float(b)) => *a == b.to_bits(),
            (ConstKey::Str(a), Constant::String(b)) => **a == **b,
            _ => false,
        }
    }
}

/// A small fast hasher (FxHash) for the compiler's tables: keys are short and trusted.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(buf));
        }
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.write_u64(n as u64);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

pub(crate) type FxBuildHasher = BuildHasherDefault<FxHasher>;

/// The state of one function being compiled (lparser.h `FuncState`).
pub(crate) struct FuncState {
    /// The prototype being built.
    pub f: Proto,
    /// Index in the compiler's `actvar` of this function's first local.
    pub firstlocal: usize,
    /// Index in the compiler's `labels` of this function's first label.
    pub firstlabel: usize,
    /// Number of active local variables (including compile-time constants).
    pub nactvar: usize,
    /// First free register.
    pub freereg: u32,
    /// The last position that is a jump target (peepholes must not look across it).
    pub lasttarget: usize,
    /// The function has upvalues or to-be-closed variables to close on return.
    pub needclose: bool,
    /// Blocks being compiled, innermost last.
    pub blocks: Vec<BlockCnt>,
}

/// The whole compiler state.
pub(crate) struct Compiler<'a> {
    /// Functions being compiled, the innermost last.
    pub funcs: Vec<FuncState>,
    /// Active local variables of all functions being compiled (lparser.h `Dyndata`).
    pub actvar: Vec<VarDesc<'a>>,
    /// Active labels.
    pub labels: Vec<LabelDesc<'a>>,
    /// Pending gotos.
    pub gotos: Vec<LabelDesc<'a>>,
    pub opt: Optimizer,
    pub source: Rc<str>,
    pub chunkid: String,
    /// Line given to emitted instructions.
    pub line: u32,
    /// Highest line seen, for the main chunk's final return.
    pub max_line: u32,
    /// Where each constant was last added (lcode.c's scanner table `ls->h`): one cache
    /// for all functions, so an entry may point into another function's table and is
    /// checked before use (as PUC does, which also makes the constant indices PUC's).
    pub kcache: HashMap<ConstKey<'a>, u32, FxBuildHasher>,
    /// Code and line buffers of finished functions, for the next functions to reuse:
    /// a function's code grows in a reused buffer and is copied out once, at its exact
    /// size, instead of growing by reallocation.
    pub code_pool: Vec<(Vec<crate::opcodes::Instruction>, Vec<u32>)>,
    /// The token PUC would report in "near" for an error raised now (best effort).
    pub near: Option<expr::Near<'a>>,
}

impl<'a> Compiler<'a> {
    fn new(chunkname: &str, config: &CompileConfig) -> Compiler<'a> {
        Compiler {
            funcs: Vec::new(),
            actvar: Vec::new(),
            labels: Vec::new(),
            gotos: Vec::new(),
            opt: Optimizer::new(config),
            source: Rc::from(chunkname),
            chunkid: lua_syntax::chunkid(chunkname),
            line: 1,
            max_line: 1,
            near: None,
            kcache: HashMap::default(),
            code_pool: Vec::new(),
        }
    }

    /// The innermost function state.
    #[inline]
    pub fn fs(&mut self) -> &mut FuncState {
        self.funcs
            .last_mut()
            .expect("no function is being compiled")
    }

    #[inline]
    pub fn fs_ref(&self) -> &FuncState {
        self.funcs.last().expect("no function is being compiled")
    }

    /// Sets the line of the instructions emitted next.
    #[inline]
    pub fn set_line(&mut self, line: u32) {
        if line != 0 {
            self.line = line;
            self.max_line = self.max_line.max(line);
        }
    }

    /// A syntax-style error at the current line (`luaX_syntaxerror`): PUC adds the token
    /// it was reading, which the tree only approximates.
    pub fn syntax_error(&self, msg: &str) -> Box<CompileError> {
        let message = match self.near {
            Some(near) => format!(
                "{}:{}: {} near {}",
                self.chunkid,
                self.line,
                msg,
                near.describe()
            ),
            None => format!("{}:{}: {}", self.chunkid, self.line, msg),
        };
        Box::new(CompileError {
            message,
            line: self.line,
            runtime: false,
        })
    }

    /// A limit PUC reports as a runtime error while compiling (`luaM_growvector`):
    /// "too many WHAT (limit is LIMIT)", without position.
    pub fn limit_error(&self, what: &str, limit: u32) -> Box<CompileError> {
        Box::new(CompileError {
            message: format!("too many {what} (limit is {limit})"),
            line: 0,
            runtime: true,
        })
    }

    /// A semantic error (`luaK_semerror`): no "near" part.
    pub fn semantic_error(&self, msg: &str, line: u32) -> Box<CompileError> {
        Box::new(CompileError {
            message: format!("{}:{}: {}", self.chunkid, line, msg),
            line,
            runtime: false,
        })
    }

    // ------------------------------------------------------------------------------
    // Functions.

    /// Starts compiling a function (lparser.c `open_func`).
    fn open_function(&mut self, linedefined: u32, lastlinedefined: u32) {
        let (code, lineinfo) = self.code_pool.pop().unwrap_or_default();
        let f = Proto {
            code,
            lineinfo,
            source: self.source.clone(),
            linedefined,
            lastlinedefined,
            maxstacksize: 2, // Registers 0 and 1 are always valid, as in PUC.
            ..Proto::default()
        };
        let fs = FuncState {
            f,
            firstlocal: self.actvar.len(),
            firstlabel: self.labels.len(),
            nactvar: 0,
            freereg: 0,
            lasttarget: 0,
            needclose: false,
            blocks: Vec::new(),
        };
        self.funcs.push(fs);
        self.opt.function_line = linedefined;
        self.enter_block(false);
    }

    /// Finishes the innermost function (lparser.c `close_func`): final return, closing
    /// of the outermost block, the finishing passes.
    fn close_function(&mut self, end_line: u32) -> CResult<Proto> {
        self.set_line(end_line);
        let first = self.nvarstack();
        self.ret(first, 0);
        self.leave_block()?;
        debug_assert!(self.fs_ref().blocks.is_empty());
        self.finish()?;
        let mut fs = self.funcs.pop().expect("function state");
        let exact_code = fs.f.code.to_vec();
        let exact_lines = fs.f.lineinfo.to_vec();
        let mut code = std::mem::replace(&mut fs.f.code, exact_code);
        let mut lineinfo = std::mem::replace(&mut fs.f.lineinfo, exact_lines);
        code.clear();
        lineinfo.clear();
        self.code_pool.push((code, lineinfo));
        self.opt.function_line = self.funcs.last().map_or(0, |f| f.f.linedefined);
        Ok(fs.f)
    }

    /// The finishing passes over the innermost function's code (lcode.c `luaK_finish`):
    /// special returns, return fix-ups, jump threading, dead code removal.
    fn finish(&mut self) -> CResult<()> {
        let fs = self.funcs.last_mut().expect("function state");
        let needclose = fs.needclose;
        crate::opt::peephole::special_returns(&mut fs.f, needclose, &mut self.opt);
        crate::opt::peephole::finalize_returns(&mut fs.f, needclose);
        crate::opt::jumps::thread_jumps(&mut fs.f, &mut self.opt);
        crate::opt::dead_code::remove_dead_code(&mut fs.f, &mut self.opt);
        Ok(())
    }

    /// Compiles the main chunk: a vararg function with one upvalue, `_ENV`.
    fn main_function(&mut self, chunk: &'a ast::Chunk) -> CResult<Proto> {
        self.open_function(0, 0);
        self.set_vararg(0);
        self.fs().f.upvalues.push(UpvalDesc {
            name: "_ENV".into(),
            in_stack: true,
            index: 0,
            kind: VarKind::Regular,
        });
        self.statlist(&chunk.block, false)?;
        let end = self.max_line;
        self.close_function(end)
    }

    /// Compiles a function body and leaves the closure in the next free register of the
    /// enclosing function (lparser.c `body` and `codeclosure`).
    pub fn function_body(
        &mut self,
        body: &'a ast::FuncBody,
        is_method: bool,
        line: u32,
    ) -> CResult<ExpDesc<'a>> {
        self.open_function(line, body.end_line);
        self.set_line(line);
        if is_method {
            self.new_localvar("self");
            self.adjust_localvars(1)?;
        }
        for name in &body.params {
            self.new_localvar(name);
        }
        self.adjust_localvars(body.params.len())?;
        let nparams = self.fs_ref().nactvar;
        self.fs().f.numparams = nparams as u8;
        if body.is_vararg {
            self.set_vararg(nparams as u8);
        }
        self.reserve_regs(nparams as u32)?;
        self.statlist(&body.block, false)?;
        let proto = self.close_function(body.end_line)?;
        // Back in the enclosing function: create the closure in its next register.
        self.set_line(body.end_line);
        let fs = self.fs();
        fs.f.protos.push(Rc::new(proto));
        let index = (fs.f.protos.len() - 1) as u32;
        // lparser.c `addprototype`: the array of functions cannot grow to MAXARG_Bx.
        if index >= limits::MAXARG_BX {
            return Err(self.limit_error("functions", limits::MAXARG_BX));
        }
        let pc = self.code(crate::opcodes::Op::Closure { a: 0, bx: index });
        let mut e = ExpDesc::new(ExpKind::Reloc(pc));
        self.exp2nextreg(&mut e)?;
        Ok(e)
    }

    /// Marks the function vararg and emits VARARGPREP (lparser.c `setvararg`).
    fn set_vararg(&mut self, nparams: u8) {
        self.fs().f.is_vararg = true;
        self.code(crate::opcodes::Op::VarArgPrep { a: nparams });
    }

    // ------------------------------------------------------------------------------
    // Variables.

    /// Declares a new local variable, not yet active (lparser.c `new_localvar`).
    pub fn new_localvar(&mut self, name: &'a str) -> usize {
        self.actvar.push(VarDesc {
            name,
            kind: VarKind::Regular,
            ridx: 0,
            pidx: 0,
            value: None,
        });
        self.actvar.len() - 1 - self.fs_ref().firstlocal
    }

    /// The descriptor of variable `vidx` of the innermost function.
    pub fn local_var(&mut self, vidx: usize) -> &mut VarDesc<'a> {
        let first = self.fs_ref().firstlocal;
        &mut self.actvar[first + vidx]
    }

    /// The register level below the first `nvar` variables of the innermost function:
    /// one past the register of the last of them that lives in a register.
    pub fn reglevel(&self, nvar: usize) -> u32 {
        let fs = self.fs_ref();
        for v in (0..nvar).rev() {
            let var = &self.actvar[fs.firstlocal + v];
            if var.kind != VarKind::CompileTimeConstant {
                return var.ridx as u32 + 1;
            }
        }
        0
    }

    /// Registers used by active variables (lparser.c `luaY_nvarstack`).
    pub fn nvarstack(&self) -> u32 {
        self.reglevel(self.fs_ref().nactvar)
    }

    /// Activates the last `nvars` declared variables (lparser.c `adjustlocalvars`).
    pub fn adjust_localvars(&mut self, nvars: usize) -> CResult<()> {
        // lparser.c `registerlocalvar`: the debug information of a function holds at
        // most SHRT_MAX local variables.
        if self.fs_ref().f.locvars.len() + nvars > MAX_LOCVARS {
            return Err(self.limit_error("local variables", MAX_LOCVARS as u32));
        }
        let first = self.nvarstack();
        for reglevel in first..first + nvars as u32 {
            let fs = self.funcs.last_mut().expect("function state");
            let vidx = fs.nactvar;
            fs.nactvar += 1;
            let pc = fs.f.code.len() as u32;
            let var = &mut self.actvar[fs.firstlocal + vidx];
            var.ridx = reglevel as u8;
            fs.f.locvars.push(LocVar {
                name: var.name.into(),
                startpc: pc,
                endpc: 0,
            });
            var.pidx = fs.f.locvars.len() - 1;
        }
        Ok(())
    }

    /// Ends the scope of the variables above `tolevel` (lparser.c `removevars`).
    fn remove_vars(&mut self, tolevel: usize) {
        let fs = self.funcs.last_mut().expect("function state");
        let pc = fs.f.code.len() as u32;
        while fs.nactvar > tolevel {
            fs.nactvar -= 1;
            let var = self.actvar.pop().expect("active variable");
            if var.kind != VarKind::CompileTimeConstant {
                fs.f.locvars[var.pidx].endpc = pc;
            }
        }
    }

    /// Looks for an active local named `name` in function `level` (lparser.c `searchvar`).
    fn search_var(&self, level: usize, name: &str) -> Option<ExpKind<'a>> {
        let fs = &self.funcs[level];
        for vidx in (0..fs.nactvar).rev() {
            let var = &self.actvar[fs.firstlocal + vidx];
            if var.name == name {
                return Some(if var.kind == VarKind::CompileTimeConstant {
                    ExpKind::Const(fs.firstlocal + vidx)
                } else {
                    ExpKind::Local {
                        ridx: var.ridx,
                        vidx: vidx as u32,
                    }
                });
            }
        }
        None
    }

    /// Marks the block where variable `vidx` of function `level` was declared as having
    /// a captured variable (lparser.c `markupval`).
    fn mark_upval(&mut self, level: usize, vidx: usize) {
        let fs = &mut self.funcs[level];
        let bl = fs
            .blocks
            .iter_mut()
            .rev()
            .find(|bl| bl.nactvar <= vidx)
            .expect("the variable's block");
        bl.upval = true;
        fs.needclose = true;
    }

    /// Marks the current block as having a to-be-closed variable (`marktobeclosed`).
    pub fn mark_to_be_closed(&mut self) {
        let fs = self.fs();
        let bl = fs.blocks.last_mut().expect("block");
        bl.upval = true;
        bl.insidetbc = true;
        fs.needclose = true;
    }

    /// Resolves `name` in function `level` and the functions around it, creating the
    /// upvalues it needs on the way (lparser.c `singlevaraux`). Returns `Void` for a global.
    fn single_var_aux(&mut self, level: usize, name: &'a str, base: bool) -> CResult<ExpKind<'a>> {
        if let Some(kind) = self.search_var(level, name) {
            if let ExpKind::Local { vidx, .. } = kind
                && !base
            {
                self.mark_upval(level, vidx as usize);
            }
            return Ok(kind);
        }
        let fs = &self.funcs[level];
        if let Some(idx) = fs.f.upvalues.iter().position(|u| &*u.name == name) {
            return Ok(ExpKind::Upval(idx as u8));
        }
        if level == 0 {
            return Ok(ExpKind::Void);
        }
        let outer = self.single_var_aux(level - 1, name, false)?;
        let (in_stack, index, kind) = match outer {
            ExpKind::Local { ridx, vidx } => {
                let fs = &self.funcs[level - 1];
                (true, ridx, self.actvar[fs.firstlocal + vidx as usize].kind)
            }
            ExpKind::Upval(idx) => (
                false,
                idx,
                self.funcs[level - 1].f.upvalues[idx as usize].kind,
            ),
            other => return Ok(other), // A global or a compile-time constant.
        };
        let fs = &mut self.funcs[level];
        if fs.f.upvalues.len() >= 255 {
            let msg = if fs.f.linedefined == 0 {
                "too many upvalues (limit is 255) in main function".to_string()
            } else {
                format!(
                    "too many upvalues (limit is 255) in function at line {}",
                    fs.f.linedefined
                )
            };
            return Err(self.syntax_error(&msg));
        }
        fs.f.upvalues.push(UpvalDesc {
            name: name.into(),
            in_stack,
            index,
            kind,
        });
        Ok(ExpKind::Upval((fs.f.upvalues.len() - 1) as u8))
    }

    /// The expression for variable `name` in the innermost function (lparser.c
    /// `singlevar`): a local, an upvalue, a constant, or `_ENV[name]` for a global.
    pub fn single_var(&mut self, name: &'a str) -> CResult<ExpDesc<'a>> {
        let level = self.funcs.len() - 1;
        let kind = self.single_var_aux(level, name, true)?;
        if !matches!(kind, ExpKind::Void) {
            return Ok(ExpDesc::new(kind));
        }
        let env = self.single_var_aux(level, "_ENV", true)?;
        debug_assert!(!matches!(env, ExpKind::Void));
        let mut var = ExpDesc::new(env);
        self.exp2anyregup(&mut var)?;
        let mut key = ExpDesc::new(ExpKind::KStr(name.as_bytes()));
        self.indexed(&mut var, &mut key)?;
        Ok(var)
    }

    // ------------------------------------------------------------------------------
    // Blocks.

    pub fn enter_block(&mut self, isloop: bool) {
        let firstlabel = self.labels.len();
        let firstgoto = self.gotos.len();
        let fs = self.fs();
        let insidetbc = fs.blocks.last().is_some_and(|b| b.insidetbc);
        let nactvar = fs.nactvar;
        fs.blocks.push(BlockCnt {
            firstlabel,
            firstgoto,
            nactvar,
            upval: false,
            isloop,
            insidetbc,
        });
    }

    /// Leaves the innermost block (lparser.c `leaveblock`): ends its variables, solves
    /// `break`s of a loop, closes captured variables, moves pending gotos out.
    pub fn leave_block(&mut self) -> CResult<()> {
        // Code at the end of a block has the line of the block's last token, which the
        // highest line seen so far approximates (the tree is walked in source order).
        self.line = self.max_line;
        let bl = self.fs().blocks.last().expect("block").clone();
        let stklevel = self.reglevel(bl.nactvar);
        self.remove_vars(bl.nactvar);
        let mut hasclose = false;
        if bl.isloop {
            hasclose = self.create_label(BREAK_LABEL, 0, false)?;
        }
        let has_previous = self.fs_ref().blocks.len() > 1;
        if !hasclose && has_previous && bl.upval {
            self.code(crate::opcodes::Op::Close { a: stklevel as u8 });
        }
        self.fs().freereg = stklevel;
        self.labels.truncate(bl.firstlabel);
        self.fs().blocks.pop();
        if has_previous {
            self.move_gotos_out(&bl, stklevel);
        } else if bl.firstgoto < self.gotos.len() {
            let gt = self.gotos[bl.firstgoto].clone();
            return Err(self.undefined_goto(&gt));
        }
        Ok(())
    }

    /// Updates pending gotos of a block being left to the enclosing block's level
    /// (lparser.c `movegotosout`).
    fn move_gotos_out(&mut self, bl: &BlockCnt, outer_level: u32) {
        for gt in &mut self.gotos[bl.firstgoto..] {
            if gt.reglevel > outer_level {
                gt.close |= bl.upval;
            }
            gt.nactvar = bl.nactvar;
            gt.reglevel = outer_level;
        }
    }

    fn undefined_goto(&self, gt: &LabelDesc<'a>) -> Box<CompileError> {
        let msg = if gt.name == BREAK_LABEL {
            format!("break outside loop at line {}", gt.line)
        } else {
            format!(
                "no visible label '{}' for <goto> at line {}",
                gt.name, gt.line
            )
        };
        self.semantic_error(&msg, self.line)
    }

    // ------------------------------------------------------------------------------
    // Labels and gotos.

    /// Registers a pending goto whose jump list is `pc`.
    pub fn new_goto(&mut self, name: &'a str, line: u32, pc: i32) {
        let nactvar = self.fs_ref().nactvar;
        let reglevel = self.nvarstack();
        self.gotos.push(LabelDesc {
            name,
            pc,
            line,
            nactvar,
            reglevel,
            close: false,
        });
    }

    /// Finds an active label of the innermost function.
    pub fn find_label(&self, name: &str) -> Option<&LabelDesc<'a>> {
        self.labels[self.fs_ref().firstlabel..]
            .iter()
            .find(|l| l.name == name)
    }

    /// Creates a label here and solves the pending gotos of the current block that go to
    /// it (lparser.c `createlabel`). `last` means the label is the last statement of its
    /// block (so the block's locals are already out of scope there). Returns whether a
    /// CLOSE was emitted.
    pub fn create_label(&mut self, name: &'a str, line: u32, last: bool) -> CResult<bool> {
        let pc = self.get_label() as i32;
        let fs = self.fs_ref();
        let nactvar = if last {
            fs.blocks.last().expect("block").nactvar
        } else {
            fs.nactvar
        };
        let reglevel = self.reglevel(nactvar);
        let label = LabelDesc {
            name,
            pc,
            line,
            nactvar,
            reglevel,
            close: false,
        };
        self.labels.push(label.clone());
        if self.solve_gotos(&label)? {
            let level = self.nvarstack();
            self.code(crate::opcodes::Op::Close { a: level as u8 });
            return Ok(true);
        }
        Ok(false)
    }

    /// Solves the current block's pending gotos to `label`; returns whether any of them
    /// needs a CLOSE (lparser.c `solvegotos`).
    fn solve_gotos(&mut self, label: &LabelDesc<'a>) -> CResult<bool> {
        let mut i = self.fs_ref().blocks.last().expect("block").firstgoto;
        let mut needsclose = false;
        while i < self.gotos.len() {
            if self.gotos[i].name == label.name {
                let gt = self.gotos.remove(i);
                needsclose |= gt.close;
                if gt.nactvar < label.nactvar {
                    let var = self.local_var(gt.nactvar).name;
                    let msg = format!(
                        "<goto {}> at line {} jumps into the scope of local '{}'",
                        gt.name, gt.line, var
                    );
                    return Err(self.semantic_error(&msg, self.line));
                }
                self.patch_list(gt.pc, label.pc as usize)?;
            } else {
                i += 1;
            }
        }
        Ok(needsclose)
    }
}
