//! The resolution pre-pass: turns the lua-syntax AST into the tree of `ir.rs`, resolving
//! every name to a local slot, an upvalue, or a global (`_ENV.name`, manual §2.2), in the
//! scopes of manual §3.5.
//!
//! Locals captured by some closure live in upvalue cells; all others in registers. Which
//! locals are captured is only known once the whole function has been read, so a walk
//! over the tree first finds the captured declarations (`captures.rs`, numbered in
//! traversal order), and the pass builds the tree knowing them.
//!
//! `<const>` locals whose value is a compile-time constant (as PUC-Rio Lua's `lcode.c`
//! folds them) are not variables at all in PUC: every use is the constant itself, so
//! closures do not capture them and error messages do not name them. The pass does the
//! same, replacing each use by the literal.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::rc::Rc;

use lua_prims::number::{ArithOp, Number, arith};
use lua_syntax::ast::{self, Attrib, BinOp, ExprKind as AstExpr, StatKind as AstStat, UnOp};

use crate::ir::{
    AssignTarget, Block, ChunkInfo, Expr, ExprKind, Field, LabelId, LocalTarget, Proto, Slot, Stat,
    StatKind, UpvalDesc, UpvalSource, VarInfo, varinfo,
};
use crate::value::LuaStr;

/// Resolves a parsed chunk into the main function's prototype.
pub fn resolve(chunk: &ast::Chunk, chunkname: &str) -> Result<Rc<Proto>, TooDeep> {
    let info = Rc::new(ChunkInfo {
        source: chunkname.to_string(),
        short_src: lua_syntax::chunkid(chunkname),
    });
    let captured = crate::captures::captured(chunk).ok_or(TooDeep)?;
    let mut resolver = Resolver::new(info, &captured);
    let proto = resolver.main(chunk);
    if resolver.too_deep {
        return Err(TooDeep);
    }
    Ok(proto)
}

/// The deepest expression the evaluator accepts. PUC's parser limits nesting to 200
/// levels, except for chains it builds in a loop (`a + b + c ...`, `a.b.c...`,
/// `f()()()...`), whose trees can be as deep as the chain is long. The evaluator walks
/// them recursively, so a longer chain exhausts the depth limit instead of the native
/// stack.
pub const MAX_EXPR_DEPTH: usize = 2000;

/// A chunk whose expressions are nested deeper than [`MAX_EXPR_DEPTH`].
#[derive(Clone, Copy, Debug)]
pub struct TooDeep;

/// The value of a compile-time constant.
#[derive(Clone, Debug)]
enum Const {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Vec<u8>),
}

impl Const {
    fn truthy(&self) -> bool {
        !matches!(self, Const::Nil | Const::Bool(false))
    }

    fn number(&self) -> Option<Number> {
        match *self {
            Const::Int(i) => Some(Number::Integer(i)),
            Const::Float(f) => Some(Number::Float(f)),
            _ => None,
        }
    }

    fn to_expr(&self, line: u32) -> Expr {
        let kind = match self {
            Const::Nil => ExprKind::Nil,
            Const::Bool(true) => ExprKind::True,
            Const::Bool(false) => ExprKind::False,
            Const::Int(i) => ExprKind::Integer(*i),
            Const::Float(f) => ExprKind::Float(*f),
            Const::Str(s) => ExprKind::String(LuaStr::new(&s[..])),
        };
        Expr { kind, line }
    }
}

/// A name in scope.
#[derive(Clone, Debug)]
enum Var {
    Local { slot: Slot, decl: usize },
    Constant(Const),
}

struct Scope {
    vars: Vec<(Rc<str>, Var)>,
    labels: Vec<(String, LabelId)>,
    saved_reg: u32,
    saved_cell: u32,
    /// Inside the scope of a to-be-closed variable (PUC's `insidetbc`).
    inside_tbc: bool,
}

struct FuncState {
    scopes: Vec<Scope>,
    upvalues: Vec<UpvalDesc>,
    next_reg: u32,
    max_reg: u32,
    next_cell: u32,
    max_cell: u32,
    next_label: LabelId,
    is_vararg: bool,
}

impl FuncState {
    fn new(is_vararg: bool) -> FuncState {
        FuncState {
            scopes: Vec::new(),
            upvalues: Vec::new(),
            next_reg: 0,
            max_reg: 0,
            next_cell: 0,
            max_cell: 0,
            next_label: 0,
            is_vararg,
        }
    }
}

/// What a name resolves to.
enum Resolved {
    Local(Slot, usize),
    Upval(u32),
    Constant(Const),
    Global,
}

struct Resolver<'a> {
    funcs: Vec<FuncState>,
    next_decl: usize,
    /// The declarations that closures capture (`captures.rs`).
    captured: &'a HashSet<usize>,
    chunk: Rc<ChunkInfo>,
    /// How deep the expression being resolved is, and whether it went too deep.
    depth: usize,
    too_deep: bool,
    /// Interned names and string constants: one allocation per distinct text.
    names: HashMap<String, Rc<str>>,
    strings: HashMap<Vec<u8>, LuaStr>,
}

impl<'a> Resolver<'a> {
    fn new(chunk: Rc<ChunkInfo>, captured: &'a HashSet<usize>) -> Resolver<'a> {
        Resolver {
            funcs: Vec::new(),
            next_decl: 0,
            captured,
            chunk,
            names: HashMap::default(),
            strings: HashMap::default(),
            depth: 0,
            too_deep: false,
        }
    }

    fn name(&mut self, name: &str) -> Rc<str> {
        if let Some(n) = self.names.get(name) {
            return n.clone();
        }
        let n: Rc<str> = Rc::from(name);
        self.names.insert(name.to_string(), n.clone());
        n
    }

    fn string(&mut self, bytes: &[u8]) -> LuaStr {
        if let Some(s) = self.strings.get(bytes) {
            return s.clone();
        }
        let s = LuaStr::new(bytes);
        self.strings.insert(bytes.to_vec(), s.clone());
        s
    }

    fn main(&mut self, chunk: &ast::Chunk) -> Rc<Proto> {
        let mut fs = FuncState::new(true);
        fs.upvalues.push(UpvalDesc {
            name: Rc::from("_ENV"),
            source: UpvalSource::Globals,
        });
        self.funcs.push(fs);
        self.open_scope();
        let body = self.block_in_current_scope(&chunk.block);
        self.close_scope();
        let fs = self.funcs.pop().expect("main function state");
        Rc::new(Proto {
            num_params: 0,
            is_vararg: true,
            params: Vec::new(),
            params_in_registers: true,
            param_names: Vec::new(),
            num_regs: fs.max_reg as usize,
            num_cells: fs.max_cell as usize,
            upvalues: fs.upvalues,
            body,
            line_defined: 0,
            last_line_defined: 0,
            chunk: self.chunk.clone(),
            is_main: true,
        })
    }

    fn fs(&mut self) -> &mut FuncState {
        self.funcs.last_mut().expect("a function being resolved")
    }

    fn open_scope(&mut self) {
        let fs = self.fs();
        let inside_tbc = fs.scopes.last().is_some_and(|s| s.inside_tbc);
        let scope = Scope {
            vars: Vec::new(),
            labels: Vec::new(),
            saved_reg: fs.next_reg,
            saved_cell: fs.next_cell,
            inside_tbc,
        };
        fs.scopes.push(scope);
    }

    fn close_scope(&mut self) {
        let fs = self.fs();
        let scope = fs.scopes.pop().expect("an open scope");
        fs.next_reg = scope.saved_reg;
        fs.next_cell = scope.saved_cell;
    }

    /// Allocates a slot for a new declaration (not yet in scope: see `activate`).
    fn declare(&mut self) -> (Slot, usize) {
        let decl = self.next_decl;
        self.next_decl += 1;
        let captured = self.captured.contains(&decl);
        let fs = self.fs();
        let slot = if captured {
            let s = Slot::Cell(fs.next_cell);
            fs.next_cell += 1;
            fs.max_cell = fs.max_cell.max(fs.next_cell);
            s
        } else {
            let s = Slot::Reg(fs.next_reg);
            fs.next_reg += 1;
            fs.max_reg = fs.max_reg.max(fs.next_reg);
            s
        };
        (slot, decl)
    }

    /// Brings a declared variable into scope.
    fn activate(&mut self, name: &str, var: Var) {
        let name = self.name(name);
        let scope = self.fs().scopes.last_mut().expect("an open scope");
        scope.vars.push((name, var));
    }

    /// Resolves `name` as seen from function `level`.
    fn find(&mut self, level: usize, name: &str) -> Resolved {
        for scope in self.funcs[level].scopes.iter().rev() {
            for (n, var) in scope.vars.iter().rev() {
                if &**n == name {
                    return match var {
                        Var::Local { slot, decl } => Resolved::Local(*slot, *decl),
                        Var::Constant(c) => Resolved::Constant(c.clone()),
                    };
                }
            }
        }
        if let Some(i) = self.funcs[level]
            .upvalues
            .iter()
            .position(|u| &*u.name == name)
        {
            return Resolved::Upval(i as u32);
        }
        if level == 0 {
            return Resolved::Global;
        }
        let source = match self.find(level - 1, name) {
            Resolved::Local(slot, decl) => match slot {
                Slot::Cell(c) => UpvalSource::ParentCell(c),
                Slot::Reg(_) => panic!(
                    "lua-ref: the capture analysis missed declaration {decl} (`{name}`), \
                     which a closure captures"
                ),
            },
            Resolved::Upval(i) => UpvalSource::ParentUpval(i),
            Resolved::Constant(c) => return Resolved::Constant(c),
            Resolved::Global => return Resolved::Global,
        };
        let name = self.name(name);
        let upvalues = &mut self.funcs[level].upvalues;
        upvalues.push(UpvalDesc { name, source });
        Resolved::Upval(upvalues.len() as u32 - 1)
    }

    /// The expression for a variable reference.
    fn name_expr(&mut self, name: &str, line: u32) -> Expr {
        let level = self.funcs.len() - 1;
        let kind = match self.find(level, name) {
            Resolved::Local(slot, _) => ExprKind::Local {
                slot,
                name: self.name(name),
            },
            Resolved::Upval(index) => ExprKind::Upval {
                index,
                name: self.name(name),
            },
            Resolved::Constant(c) => return c.to_expr(line),
            Resolved::Global => {
                let env = self.name_expr("_ENV", line);
                ExprKind::Index {
                    object: Box::new(env),
                    key: Box::new(Expr {
                        kind: ExprKind::String(self.string(name.as_bytes())),
                        line,
                    }),
                    global: true,
                }
            }
        };
        Expr { kind, line }
    }

    /// The value of `e` if PUC-Rio Lua knows it at compile time (`luaK_exp2const` after
    /// constant folding).
    fn const_value(&mut self, e: &ast::Expr) -> Option<Const> {
        match &e.kind {
            AstExpr::Nil => Some(Const::Nil),
            AstExpr::True => Some(Const::Bool(true)),
            AstExpr::False => Some(Const::Bool(false)),
            AstExpr::String(s) => Some(Const::Str(s.clone())),
            AstExpr::Integer(i) => Some(Const::Int(*i)),
            // The parser folds `-0.0` into a literal, but PUC never folds a zero result.
            AstExpr::Float(f) if f.0 == 0.0 && f.0.is_sign_negative() => None,
            AstExpr::Float(f) => Some(Const::Float(f.0)),
            AstExpr::Name(n) => {
                let level = self.funcs.len() - 1;
                // Only names that are constants themselves; `find` would create upvalues
                // for others, which a pure query must not do.
                self.peek_constant(level, n)
            }
            AstExpr::Unary { op, operand } => {
                let v = self.const_value(operand)?;
                match op {
                    UnOp::Not => Some(Const::Bool(!v.truthy())),
                    UnOp::Neg => fold(ArithOp::Unm, &v, &Const::Int(0)),
                    UnOp::BNot => fold(ArithOp::BNot, &v, &Const::Int(0)),
                    UnOp::Len => None,
                }
            }
            AstExpr::Binary { op, lhs, rhs } => match op {
                BinOp::And => {
                    let l = self.const_value(lhs)?;
                    if l.truthy() {
                        self.const_value(rhs)
                    } else {
                        None
                    }
                }
                BinOp::Or => {
                    let l = self.const_value(lhs)?;
                    if l.truthy() {
                        None
                    } else {
                        self.const_value(rhs)
                    }
                }
                _ => {
                    let op = arith_op(*op)?;
                    let l = self.const_value(lhs)?;
                    let r = self.const_value(rhs)?;
                    fold(op, &l, &r)
                }
            },
            _ => None,
        }
    }

    /// The constant a name denotes, if it denotes one, without side effects.
    fn peek_constant(&self, level: usize, name: &str) -> Option<Const> {
        for scope in self.funcs[level].scopes.iter().rev() {
            for (n, var) in scope.vars.iter().rev() {
                if &**n == name {
                    return match var {
                        Var::Constant(c) => Some(c.clone()),
                        Var::Local { .. } => None,
                    };
                }
            }
        }
        if self.funcs[level].upvalues.iter().any(|u| &*u.name == name) || level == 0 {
            return None;
        }
        self.peek_constant(level - 1, name)
    }

    // ---------------------------------------------------------------------------------
    // Blocks and statements.

    /// Resolves a block in a new scope.
    fn block(&mut self, b: &ast::Block) -> Block {
        self.open_scope();
        let block = self.block_in_current_scope(b);
        self.close_scope();
        block
    }

    /// Resolves the statements of a block in the current (already open) scope.
    fn block_in_current_scope(&mut self, b: &ast::Block) -> Block {
        // Labels are visible in the whole block, before and after their statement.
        let mut labels = Vec::new();
        for s in &b.stats {
            if let AstStat::Label(name) = &s.kind {
                let fs = self.fs();
                let id = fs.next_label;
                fs.next_label += 1;
                fs.scopes
                    .last_mut()
                    .expect("an open scope")
                    .labels
                    .push((name.clone(), id));
                labels.push(id);
            }
        }
        let mut block = Block::default();
        let mut label_iter = labels.into_iter();
        for s in &b.stats {
            if let AstStat::Label(_) = &s.kind {
                let id = label_iter.next().expect("a label id");
                block.labels.push((id, block.stats.len()));
                continue;
            }
            let stat = self.stat(s, &mut block);
            block.stats.push(stat);
        }
        if let Some(ret) = &b.ret {
            let tail = ret.values.len() == 1
                && matches!(
                    ret.values[0].kind,
                    AstExpr::Call { .. } | AstExpr::Method { .. }
                )
                && !self.fs().scopes.last().is_some_and(|s| s.inside_tbc);
            let values = ret.values.iter().map(|e| self.expr(e)).collect();
            block.stats.push(Stat {
                kind: StatKind::Return { values, tail },
                line: ret.line,
            });
        }
        if block.has_tbc {
            // Only needed to report where the variables are closed.
            let mut last_line = b.stats.iter().map(stat_last_line).max().unwrap_or(0);
            if let Some(ret) = &b.ret {
                last_line = ret
                    .values
                    .iter()
                    .map(last_line_of)
                    .fold(last_line.max(ret.line), u32::max);
            }
            block.end_line = last_line;
        }
        block
    }

    fn stat(&mut self, s: &ast::Stat, block: &mut Block) -> Stat {
        let line = s.line;
        let kind = match &s.kind {
            AstStat::Assign { targets, values } => {
                let targets = targets.iter().map(|t| self.assign_target(t)).collect();
                let values = values.iter().map(|e| self.expr(e)).collect();
                StatKind::Assign { targets, values }
            }
            AstStat::Call(e) => StatKind::Call(self.expr(e)),
            AstStat::Do(b) => StatKind::Do(self.block(b)),
            AstStat::While { cond, body } => {
                let cond = self.expr(cond);
                let body = self.block(body);
                StatKind::While { cond, body }
            }
            AstStat::Repeat { body, cond } => {
                // The condition sees the body's locals (manual §3.3.4).
                self.open_scope();
                let body_block = self.block_in_current_scope(body);
                let cond = self.expr(cond);
                self.close_scope();
                StatKind::Repeat {
                    body: body_block,
                    cond,
                }
            }
            AstStat::If {
                clauses,
                else_block,
            } => {
                let clauses = clauses
                    .iter()
                    .map(|(c, b)| (self.expr(c), self.block(b)))
                    .collect();
                let else_block = else_block.as_ref().map(|b| self.block(b));
                StatKind::If {
                    clauses,
                    else_block,
                }
            }
            AstStat::NumericFor {
                var,
                start,
                limit,
                step,
                body,
                do_line,
            } => {
                let start = self.expr(start);
                let limit = self.expr(limit);
                let step = step.as_ref().map(|e| self.expr(e));
                self.open_scope();
                let (slot, decl) = self.declare();
                self.activate(var, Var::Local { slot, decl });
                let body = self.block(body);
                self.close_scope();
                StatKind::NumericFor {
                    var: slot,
                    start,
                    limit,
                    step,
                    body,
                    prep_line: (*do_line).max(line),
                }
            }
            AstStat::GenericFor {
                vars,
                exprs,
                body,
                call_line,
                do_line,
            } => {
                let exprs = exprs.iter().map(|e| self.expr(e)).collect();
                self.open_scope();
                let mut slots = Vec::new();
                let mut declared = Vec::new();
                for _ in vars {
                    declared.push(self.declare());
                }
                for (name, (slot, decl)) in vars.iter().zip(declared) {
                    slots.push(slot);
                    self.activate(name, Var::Local { slot, decl });
                }
                let body = self.block(body);
                self.close_scope();
                StatKind::GenericFor {
                    vars: slots,
                    exprs,
                    body,
                    call_line: *call_line,
                    prep_line: (*do_line).max(line),
                }
            }
            AstStat::Function { name, body } => {
                let mut target = self.name_expr(&name.path[0], line);
                for field in &name.path[1..] {
                    target = Expr {
                        kind: ExprKind::Index {
                            object: Box::new(target),
                            key: Box::new(Expr {
                                kind: ExprKind::String(self.string(field.as_bytes())),
                                line,
                            }),
                            global: false,
                        },
                        line,
                    };
                }
                let is_method = name.method.is_some();
                if let Some(m) = &name.method {
                    target = Expr {
                        kind: ExprKind::Index {
                            object: Box::new(target),
                            key: Box::new(Expr {
                                kind: ExprKind::String(self.string(m.as_bytes())),
                                line,
                            }),
                            global: false,
                        },
                        line,
                    };
                }
                let proto = self.function(body, is_method);
                let value = Expr {
                    kind: ExprKind::Function(proto),
                    line: body.line,
                };
                let target = self.expr_to_target(target);
                StatKind::Assign {
                    targets: vec![target],
                    values: vec![value],
                }
            }
            AstStat::LocalFunction { name, body } => {
                let (slot, decl) = self.declare();
                self.activate(name, Var::Local { slot, decl });
                let proto = self.function(body, false);
                StatKind::LocalFunction { slot, proto }
            }
            AstStat::Local { vars, values } => self.local_stat(vars, values, block),
            AstStat::Label(_) => unreachable!("labels are handled by the block"),
            AstStat::Goto(name) => StatKind::Goto(self.find_label(name)),
            AstStat::Break => StatKind::Break,
        };
        Stat { kind, line }
    }

    /// `local attnamelist [= explist]`, with PUC's rule for compile-time constants: only
    /// the last variable can be one, when it is `<const>`, the lists have the same length
    /// and its expression is a constant (`localstat` in lparser.c).
    fn local_stat(
        &mut self,
        vars: &[ast::LocalVar],
        values: &[ast::Expr],
        block: &mut Block,
    ) -> StatKind {
        let values_ir: Vec<Expr> = values.iter().map(|e| self.expr(e)).collect();
        let mut last_constant = None;
        if let Some(last) = vars.last()
            && vars.len() == values.len()
            && last.attrib == Some(Attrib::Const)
        {
            last_constant = self.const_value(&values[values.len() - 1]);
        }
        let mut targets = Vec::new();
        let mut to_activate = Vec::new();
        let mut close = None;
        for (i, v) in vars.iter().enumerate() {
            if i == vars.len() - 1
                && let Some(c) = last_constant.take()
            {
                // It still takes a number, as in the capture analysis.
                self.next_decl += 1;
                targets.push(LocalTarget::Constant);
                to_activate.push((v.name.clone(), Var::Constant(c)));
                continue;
            }
            let (slot, decl) = self.declare();
            let name = self.name(&v.name);
            targets.push(LocalTarget::Var {
                slot,
                name: name.clone(),
            });
            if v.attrib == Some(Attrib::Close) {
                close = Some((slot, name));
            }
            to_activate.push((v.name.clone(), Var::Local { slot, decl }));
        }
        for (name, var) in to_activate {
            self.activate(&name, var);
        }
        if close.is_some() {
            block.has_tbc = true;
            self.fs()
                .scopes
                .last_mut()
                .expect("an open scope")
                .inside_tbc = true;
        }
        StatKind::Local {
            targets,
            values: values_ir,
            close,
        }
    }

    fn find_label(&mut self, name: &str) -> LabelId {
        for scope in self.fs().scopes.iter().rev() {
            if let Some((_, id)) = scope.labels.iter().find(|(n, _)| n == name) {
                return *id;
            }
        }
        // The parser rejects a goto without a visible label; this is never reached for
        // parsed programs. An unmatched goto leaves the function like a break would.
        LabelId::MAX
    }

    fn assign_target(&mut self, e: &ast::Expr) -> AssignTarget {
        let e = self.expr(e);
        self.expr_to_target(e)
    }

    fn expr_to_target(&mut self, e: Expr) -> AssignTarget {
        let line = e.line;
        match e.kind {
            ExprKind::Local { slot, .. } => AssignTarget::Local(slot),
            ExprKind::Upval { index, .. } => AssignTarget::Upval(index),
            ExprKind::Index { object, key, .. } => AssignTarget::Index {
                object: *object,
                key: *key,
                line,
            },
            // Assigning to a constant is a syntax error the parser reports, and a
            // compile-time constant (replaced by its literal) cannot reach here from a
            // valid tree; `nil[nil] = v` would raise an error if one ever did.
            _ => AssignTarget::Index {
                object: Expr {
                    kind: ExprKind::Nil,
                    line,
                },
                key: Expr {
                    kind: ExprKind::Nil,
                    line,
                },
                line,
            },
        }
    }

    /// Resolves a function body into a prototype.
    fn function(&mut self, body: &ast::FuncBody, is_method: bool) -> Rc<Proto> {
        self.funcs.push(FuncState::new(body.is_vararg));
        self.open_scope();
        let mut params = Vec::new();
        let mut param_names: Vec<Rc<str>> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        if is_method {
            names.push("self");
        }
        names.extend(body.params.iter().map(String::as_str));
        let mut declared = Vec::new();
        for _ in &names {
            declared.push(self.declare());
        }
        for (name, (slot, decl)) in names.iter().zip(declared) {
            params.push(slot);
            param_names.push(self.name(name));
            self.activate(name, Var::Local { slot, decl });
        }
        let mut block = self.block_in_current_scope(&body.block);
        // A body's variables are closed by its final `return`, coded at its `end`.
        block.end_line = body.end_line;
        self.close_scope();
        let fs = self.funcs.pop().expect("function state");
        let params_in_registers = params
            .iter()
            .enumerate()
            .all(|(i, s)| *s == Slot::Reg(i as u32));
        Rc::new(Proto {
            num_params: params.len(),
            is_vararg: fs.is_vararg,
            params,
            params_in_registers,
            param_names,
            num_regs: fs.max_reg as usize,
            num_cells: fs.max_cell as usize,
            upvalues: fs.upvalues,
            body: block,
            line_defined: body.line,
            last_line_defined: body.end_line,
            chunk: self.chunk.clone(),
            is_main: false,
        })
    }

    // ---------------------------------------------------------------------------------
    // Expressions.

    fn expr(&mut self, e: &ast::Expr) -> Expr {
        if self.depth >= MAX_EXPR_DEPTH || self.too_deep {
            self.too_deep = true;
            return Expr {
                kind: ExprKind::Nil,
                line: e.line,
            };
        }
        self.depth += 1;
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &ast::Expr) -> Expr {
        let line = e.line;
        let kind = match &e.kind {
            AstExpr::Nil => ExprKind::Nil,
            AstExpr::True => ExprKind::True,
            AstExpr::False => ExprKind::False,
            AstExpr::Vararg => ExprKind::Vararg,
            AstExpr::Integer(i) => ExprKind::Integer(*i),
            AstExpr::Float(f) => ExprKind::Float(f.0),
            AstExpr::String(s) => ExprKind::String(self.string(s)),
            AstExpr::Function(body) => ExprKind::Function(self.function(body, false)),
            AstExpr::Table(table) => {
                let mut fields: Vec<Field> = table
                    .fields
                    .iter()
                    .map(|f| match f {
                        ast::Field::Positional(e) => Field::Positional(self.expr(e)),
                        ast::Field::Keyed { key, value } => Field::Keyed {
                            key: self.expr(key),
                            value: self.expr(value),
                        },
                    })
                    .collect();
                // PUC codes an indexing in the last positional field when it reads `}`.
                if let Some(Field::Positional(last)) = fields.last_mut() {
                    deferred_at(last, table.close_line);
                }
                ExprKind::Table(fields)
            }
            AstExpr::Binary {
                op: BinOp::Sub,
                lhs,
                rhs,
            } if matches!(self.const_value(rhs), Some(Const::Int(k)) if (-127..=127).contains(&k)) =>
            {
                let Some(Const::Int(k)) = self.const_value(rhs) else {
                    unreachable!("checked by the guard")
                };
                ExprKind::SubImmediate {
                    lhs: Box::new(self.expr(lhs)),
                    k,
                }
            }
            AstExpr::Binary { op, lhs, rhs } => {
                let lhs = Box::new(self.expr(lhs));
                let rhs = Box::new(self.expr(rhs));
                match op {
                    BinOp::And => ExprKind::And(lhs, rhs),
                    BinOp::Or => ExprKind::Or(lhs, rhs),
                    _ => ExprKind::Binary { op: *op, lhs, rhs },
                }
            }
            AstExpr::Unary { op, operand } => ExprKind::Unary {
                op: *op,
                operand: Box::new(self.expr(operand)),
            },
            AstExpr::Name(n) => return self.name_expr(n, line),
            AstExpr::Index { object, key } => {
                let global = matches!(&object.kind, AstExpr::Name(n) if n == "_ENV");
                ExprKind::Index {
                    object: Box::new(self.expr(object)),
                    key: Box::new(self.expr(key)),
                    global,
                }
            }
            AstExpr::Call {
                func,
                args,
                close_line,
            } => {
                let func = self.expr(func);
                let name = varinfo(&func).map(Rc::new);
                let mut args: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect();
                // PUC codes an indexing in the last argument when it reads `)`.
                if let Some(last) = args.last_mut() {
                    deferred_at(last, *close_line);
                }
                ExprKind::Call {
                    func: Box::new(func),
                    args,
                    name,
                }
            }
            AstExpr::Method {
                object,
                name,
                args,
                close_line,
            } => {
                let object = Box::new(self.expr(object));
                let mut args: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect();
                if let Some(last) = args.last_mut() {
                    deferred_at(last, *close_line);
                }
                ExprKind::Method {
                    object,
                    name: self.string(name.as_bytes()),
                    args,
                    info: Rc::new(VarInfo {
                        kind: "method",
                        name: name.as_bytes().to_vec(),
                    }),
                }
            }
            AstExpr::Paren(inner) => ExprKind::Paren(Box::new(self.expr(inner))),
        };
        Expr { kind, line }
    }
}

/// Gives an indexing whose code PUC emits only when it reads a later token (the last item
/// of a list, coded at the closing bracket) the line of that token.
fn deferred_at(e: &mut Expr, line: u32) {
    if let ExprKind::Index { .. } = e.kind
        && line != 0
    {
        e.line = line;
    }
}

/// The arithmetic or bitwise operator of a binary operator, if it is one.
fn arith_op(op: BinOp) -> Option<ArithOp> {
    Some(match op {
        BinOp::Add => ArithOp::Add,
        BinOp::Sub => ArithOp::Sub,
        BinOp::Mul => ArithOp::Mul,
        BinOp::Div => ArithOp::Div,
        BinOp::IDiv => ArithOp::IDiv,
        BinOp::Mod => ArithOp::Mod,
        BinOp::Pow => ArithOp::Pow,
        BinOp::BAnd => ArithOp::BAnd,
        BinOp::BOr => ArithOp::BOr,
        BinOp::BXor => ArithOp::BXor,
        BinOp::Shl => ArithOp::Shl,
        BinOp::Shr => ArithOp::Shr,
        _ => return None,
    })
}

/// PUC's `constfolding`: folds numerals only, never a division or modulo by zero, bitwise
/// operations only on values with exact integer representations, and never a float result
/// that is NaN or zero.
fn fold(op: ArithOp, a: &Const, b: &Const) -> Option<Const> {
    let x = a.number()?;
    let y = b.number()?;
    match op {
        ArithOp::BAnd
        | ArithOp::BOr
        | ArithOp::BXor
        | ArithOp::Shl
        | ArithOp::Shr
        | ArithOp::BNot => {
            x.to_integer()?;
            y.to_integer()?;
        }
        ArithOp::Div | ArithOp::IDiv | ArithOp::Mod if y.to_float() == 0.0 => return None,
        _ => {}
    }
    match arith(op, x, y).ok()? {
        Number::Integer(i) => Some(Const::Int(i)),
        Number::Float(f) if f.is_nan() || f == 0.0 => None,
        Number::Float(f) => Some(Const::Float(f)),
    }
}

/// The line of the last token of a statement, approximately (the highest line in it).
fn stat_last_line(s: &ast::Stat) -> u32 {
    let block = |b: &ast::Block| {
        let mut l = b.stats.iter().map(stat_last_line).max().unwrap_or(0);
        if let Some(r) = &b.ret {
            l = l.max(r.line);
            l = r.values.iter().map(last_line_of).fold(l, u32::max);
        }
        l
    };
    let exprs = |es: &[ast::Expr]| es.iter().map(last_line_of).max().unwrap_or(0);
    let inner = match &s.kind {
        AstStat::Assign { targets, values } => exprs(targets).max(exprs(values)),
        AstStat::Call(e) => last_line_of(e),
        AstStat::Do(b) => block(b),
        AstStat::While { cond, body } => last_line_of(cond).max(block(body)),
        AstStat::Repeat { body, cond } => block(body).max(last_line_of(cond)),
        AstStat::If {
            clauses,
            else_block,
        } => clauses
            .iter()
            .map(|(c, b)| last_line_of(c).max(block(b)))
            .max()
            .unwrap_or(0)
            .max(else_block.as_ref().map_or(0, &block)),
        AstStat::NumericFor { body, .. } | AstStat::GenericFor { body, .. } => block(body),
        AstStat::Function { body, .. } | AstStat::LocalFunction { body, .. } => body.end_line,
        AstStat::Local { values, .. } => exprs(values),
        _ => 0,
    };
    inner.max(s.line)
}

/// The highest line in an expression: the line of its last token, approximately.
fn last_line_of(e: &ast::Expr) -> u32 {
    last_line(e)
}

/// The highest line in an expression: the line of its last token, approximately.
fn last_line(e: &ast::Expr) -> u32 {
    let mut line = e.line;
    visit_lines(e, &mut |l| line = line.max(l));
    line
}

fn visit_lines(e: &ast::Expr, f: &mut dyn FnMut(u32)) {
    f(e.line);
    match &e.kind {
        AstExpr::Binary { lhs, rhs, .. } => {
            visit_lines(lhs, f);
            visit_lines(rhs, f);
        }
        AstExpr::Unary { operand, .. } => visit_lines(operand, f),
        AstExpr::Index { object, key } => {
            visit_lines(object, f);
            visit_lines(key, f);
        }
        AstExpr::Call {
            func,
            args,
            close_line,
        } => {
            f(*close_line);
            visit_lines(func, f);
            args.iter().for_each(|a| visit_lines(a, f));
        }
        AstExpr::Method {
            object,
            args,
            close_line,
            ..
        } => {
            f(*close_line);
            visit_lines(object, f);
            args.iter().for_each(|a| visit_lines(a, f));
        }
        AstExpr::Paren(inner) => visit_lines(inner, f),
        AstExpr::Table(table) => {
            f(table.close_line);
            for field in &table.fields {
                match field {
                    ast::Field::Positional(e) => visit_lines(e, f),
                    ast::Field::Keyed { key, value } => {
                        visit_lines(key, f);
                        visit_lines(value, f);
                    }
                }
            }
        }
        AstExpr::Function(body) => {
            f(body.line);
            f(body.end_line);
        }
        _ => {}
    }
}
