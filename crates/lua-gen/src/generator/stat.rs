//! Statements: the dispatcher that picks what comes next, declarations and assignments
//! (single and multiple), observations, `if`, loops with static trip counts or counters,
//! `break`, and `goto` (forward to labels after a statement or at the end of a loop
//! body, backward only with a counter).

use lua_syntax::ast::{Attrib, BinOp, Expr, ExprKind, Stat, StatKind};

use super::Gen;
use crate::build::*;
use crate::config::Feature;
use crate::determinism;
use crate::types::{Shape, Ty};

/// The kinds of statements the dispatcher chooses from.
#[derive(Clone, Copy)]
enum Kind {
    Local,
    Assign,
    Print,
    If,
    NumericFor,
    WhileRepeat,
    Ipairs,
    Do,
    Call,
    Function,
    Table,
    ClosuresInLoop,
    ClosureChain,
    Class,
    Object,
    Coroutine,
    Wrap,
    Yield,
    CoroutineInfo,
    Varargs,
    TailCall,
    Recursion,
    Close,
    GotoLoop,
    GotoForward,
    Pcall,
    Xpcall,
    MultipleAssign,
    SetList,
    ManyConstants,
    FloatKeys,
    EdgeFor,
    StringLib,
    NumberFormat,
    Load,
    PackUnpack,
    Math,
    Conversion,
    Zero,
    Break,
    GotoLabel,
    EarlyReturn,
    Global,
    Unprotected,
}

impl Gen<'_, '_> {
    /// Generates one statement (or a small group) into `out`.
    pub(crate) fn stat(&mut self, out: &mut Vec<Stat>) {
        self.count_stat(1);
        let room = self.room();
        let deep = self.block_depth + 1 >= self.cfg.max_block_depth;
        let loops = self.has(Feature::Loops) && !deep && room >= 12;
        let f = |b: bool, w: u32| if b { w } else { 0 };
        let h = |feat: Feature| self.has(feat);
        // The program's focus feature (swarm testing) gets four times its weight.
        let focus = self.focus;
        let b = |feat: Feature, w: u32| if focus == Some(feat) { w * 4 } else { w };
        let cheap = room >= 30;
        let table: [(Kind, u32); 44] = [
            (Kind::Local, 14),
            (Kind::Assign, 10),
            (Kind::Print, 11),
            (Kind::If, f(!deep, 8)),
            (Kind::NumericFor, f(loops, 6)),
            (Kind::WhileRepeat, f(loops, 4)),
            (
                Kind::Ipairs,
                f(loops && h(Feature::Tables), b(Feature::Tables, 2)),
            ),
            (Kind::Do, f(!deep, 2)),
            (Kind::Call, 5),
            (
                Kind::Function,
                f(h(Feature::Closures) && !deep, b(Feature::Closures, 5)),
            ),
            (Kind::Table, f(h(Feature::Tables), b(Feature::Tables, 6))),
            (
                Kind::ClosuresInLoop,
                f(
                    h(Feature::Closures) && loops && cheap,
                    b(Feature::Closures, 2),
                ),
            ),
            (
                Kind::ClosureChain,
                f(h(Feature::Closures) && cheap, b(Feature::Closures, 1)),
            ),
            (
                Kind::Class,
                f(
                    h(Feature::Metatables) && cheap && !deep,
                    b(Feature::Metatables, 3),
                ),
            ),
            (Kind::Object, f(self.has_objects(), 6)),
            (
                Kind::Coroutine,
                f(
                    h(Feature::Coroutines) && cheap && !deep,
                    b(Feature::Coroutines, 3),
                ),
            ),
            (
                Kind::Wrap,
                f(
                    h(Feature::Coroutines) && cheap && !deep,
                    b(Feature::Coroutines, 1),
                ),
            ),
            (Kind::Yield, f(self.f().yieldable, 6)),
            (
                Kind::CoroutineInfo,
                f(h(Feature::Coroutines), b(Feature::Coroutines, 1)),
            ),
            (
                Kind::Varargs,
                f(h(Feature::Varargs) && cheap, b(Feature::Varargs, 2)),
            ),
            (
                Kind::TailCall,
                f(
                    (h(Feature::Varargs) || h(Feature::Recursion)) && cheap,
                    b(Feature::Varargs, 1),
                ),
            ),
            (
                Kind::Recursion,
                f(
                    h(Feature::Recursion) && cheap && !deep,
                    b(Feature::Recursion, 2),
                ),
            ),
            (
                Kind::Close,
                f(h(Feature::ToBeClosed) && cheap, b(Feature::ToBeClosed, 2)),
            ),
            (
                Kind::GotoLoop,
                f(h(Feature::Goto) && loops, b(Feature::Goto, 2)),
            ),
            (
                Kind::GotoForward,
                f(h(Feature::Goto) && loops, b(Feature::Goto, 2)),
            ),
            (
                Kind::Pcall,
                f(
                    h(Feature::Errors),
                    b(Feature::Errors, self.cfg.risky_percent * 3 / 2),
                ),
            ),
            (
                Kind::Xpcall,
                f(
                    h(Feature::Errors) && self.cfg.risky_percent > 0,
                    b(Feature::Errors, 1),
                ),
            ),
            (
                Kind::MultipleAssign,
                f(
                    h(Feature::MultipleAssignment),
                    b(Feature::MultipleAssignment, 3),
                ),
            ),
            (
                Kind::SetList,
                f(h(Feature::Tables) && cheap, b(Feature::Tables, 1)),
            ),
            (
                Kind::ManyConstants,
                f(h(Feature::BigTables) && cheap, b(Feature::BigTables, 1)),
            ),
            (
                Kind::FloatKeys,
                f(
                    (cheap) && h(Feature::Floats) && h(Feature::Tables),
                    b(Feature::Floats, 3),
                ),
            ),
            (
                Kind::EdgeFor,
                f(
                    (room >= 12) && h(Feature::EdgeNumbers) && loops,
                    b(Feature::EdgeNumbers, 3),
                ),
            ),
            (
                Kind::StringLib,
                f(
                    (room >= 10) && h(Feature::StringLibrary),
                    b(Feature::StringLibrary, 4),
                ),
            ),
            (
                Kind::NumberFormat,
                f((room >= 10) && h(Feature::Floats), b(Feature::Floats, 2)),
            ),
            (
                Kind::Load,
                f((room >= 15) && h(Feature::Load), b(Feature::Load, 1)),
            ),
            (
                Kind::PackUnpack,
                f(
                    (room >= 10) && h(Feature::Varargs) || h(Feature::TableLibrary),
                    b(Feature::Varargs, 1),
                ),
            ),
            (
                Kind::Math,
                f(
                    (room >= 5) && h(Feature::MathLibrary),
                    b(Feature::MathLibrary, 2),
                ),
            ),
            (
                Kind::Conversion,
                f(
                    (room >= 10) && h(Feature::EdgeNumbers) || h(Feature::Floats),
                    b(Feature::EdgeNumbers, 2),
                ),
            ),
            (
                Kind::Zero,
                f(
                    (room >= 10) && h(Feature::Floats) && h(Feature::Const),
                    b(Feature::Floats, 1),
                ),
            ),
            (Kind::Break, f(self.f().loops > 0, 2)),
            (Kind::GotoLabel, f(!self.f().labels.is_empty(), 4)),
            (Kind::EarlyReturn, f(self.f().rets.is_some(), 1)),
            (Kind::Global, f(h(Feature::Globals), b(Feature::Globals, 2))),
            (Kind::Unprotected, f(self.unprotected_allowed(), 4)),
        ];
        let weights = table.map(|(_, w)| w);
        let kind = table[self.c.weighted(&weights)].0;
        match kind {
            Kind::Local => self.local_statement(out),
            Kind::Assign => self.assign_statement(out),
            Kind::Print => self.print_statement(out),
            Kind::If => self.if_statement(out),
            Kind::NumericFor => self.numeric_for(out),
            Kind::WhileRepeat => self.while_repeat(out),
            Kind::Ipairs => self.ipairs_loop(out),
            Kind::Do => {
                let b = self.nested_block(4);
                out.push(do_block(b));
            }
            Kind::Call => self.call_statement(out),
            Kind::Function => self.function_declaration(out),
            Kind::Table => self.table_statement(out),
            Kind::ClosuresInLoop => self.closures_in_loop_gadget(out),
            Kind::ClosureChain => self.closure_chain_gadget(out),
            Kind::Class => self.class_gadget(out),
            Kind::Object => self.object_statement(out),
            Kind::Coroutine => self.coroutine_gadget(out),
            Kind::Wrap => self.wrap_gadget(out),
            Kind::Yield => self.yield_statement(out),
            Kind::CoroutineInfo => self.coroutine_info_statement(out),
            Kind::Varargs => self.varargs_gadget(out),
            Kind::TailCall => self.tail_call_gadget(out),
            Kind::Recursion => self.recursion_gadget(out),
            Kind::Close => self.tbc_gadget(out),
            Kind::GotoLoop => self.goto_loop(out),
            Kind::GotoForward => self.goto_forward(out),
            Kind::Pcall => self.pcall_gadget(out),
            Kind::Xpcall => self.xpcall_gadget(out),
            Kind::MultipleAssign => self.multiple_assignment(out),
            Kind::SetList => self.setlist_gadget(out),
            Kind::ManyConstants => self.many_constants_gadget(out),
            Kind::FloatKeys => self.float_keys_gadget(out),
            Kind::EdgeFor => self.edge_for(out),
            Kind::StringLib => self.string_statement(out),
            Kind::NumberFormat => self.number_format_statement(out),
            Kind::Load => self.load_statement(out),
            Kind::PackUnpack => self.pack_unpack_statement(out),
            Kind::Math => self.math_statement(out),
            Kind::Conversion => self.conversion_statement(out),
            Kind::Zero => self.zero_statement(out),
            Kind::Break => {
                let c = self.expr(Ty::Bool);
                out.push(break_if(c));
            }
            Kind::GotoLabel => {
                let l = self.c.choose(&self.f().labels.clone()).clone();
                let c = self.expr(Ty::Bool);
                out.push(if_then(c, block(vec![st(StatKind::Goto(l))]), None));
            }
            Kind::EarlyReturn => {
                let rets = self.f().rets.clone().unwrap_or_default();
                let c = self.expr(Ty::Bool);
                let values = self.return_values(&rets);
                out.push(if_then(c, block_ret(vec![], values), None));
            }
            Kind::Global => self.global_statement(out),
            Kind::Unprotected => self.unprotected_risky(out),
        }
        self.spend(1);
    }

    // ---- Declarations and assignments ------------------------------------------------

    /// `local x = e`, `local k <const> = literal`, `local a, b = f()`.
    pub(crate) fn local_statement(&mut self, out: &mut Vec<Stat>) {
        if !self.may_declare() {
            return self.assign_statement(out);
        }
        // Several locals from one multi-result call.
        if self.c.chance(12)
            && let Some(i) = self.pick_var(|v, t| t.sig_of(v.ty).is_some_and(|s| s.rets.len() >= 2))
        {
            let fty = self.vars[i].ty;
            let cost = self.call_cost(fty);
            if cost <= self.room() {
                self.spend(cost);
                let rets = self
                    .types
                    .sig_of(fty)
                    .map(|s| s.rets.clone())
                    .unwrap_or_default();
                let args = self.args_for(fty);
                let c = call(self.var_expr(i), args);
                let names: Vec<String> = rets.iter().map(|_| self.fresh("v")).collect();
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                out.push(local(&refs, vec![c]));
                for (n, &t) in names.iter().zip(&rets) {
                    self.declare(n, t, true);
                }
                return;
            }
        }
        if self.has(Feature::Const) && self.c.chance(20) {
            // A compile-time constant (literal initialiser) or a read-only variable.
            let n = self.fresh("K");
            let (value, ty, known) = match self.c.pick(4) {
                0 | 1 => {
                    let v = self.int_value();
                    (int(v), Ty::Int, Some(v))
                }
                2 if self.has(Feature::Floats) => {
                    let v = *self
                        .c
                        .choose(&[-0.0, 0.0, 0.5, 1e300, -2.0, 9007199254740992.0]);
                    (float(v), Ty::Float, None)
                }
                _ => {
                    let t = self.scalar_ty();
                    (self.expr(t), t, None)
                }
            };
            out.push(local_attrib(&n, Some(Attrib::Const), value));
            let i = self.declare(&n, ty, false);
            self.vars[i].known = known;
            return;
        }
        let ty = match self.c.weighted(&[70, 12, 8, 10]) {
            0 => self.scalar_ty(),
            1 if self.has(Feature::Tables) => self.table_ty(),
            2 if self.has(Feature::Closures) => self.random_sig(),
            _ => self.any_ty(),
        };
        let ty = if ty == Ty::Any { Ty::Int } else { ty };
        let prefix = match ty {
            Ty::Int | Ty::Float | Ty::Num | Ty::Fuzzy => "n",
            Ty::Str | Ty::NumStr => "s",
            Ty::Bool => "b",
            Ty::Tab(_) => "t",
            Ty::Func(_) => "f",
            Ty::Obj(_) => "o",
            Ty::Thread => "co",
            _ => "v",
        };
        // Sometimes the new local shadows an outer one of the same name and type.
        // Only assignable variables are shadowed: loop counters must stay visible.
        let n = match self.pick_var(|v, _| v.ty == ty && v.assignable && v.name != "self") {
            Some(i) if self.c.chance(8) => self.vars[i].name.clone(),
            _ => self.fresh(prefix),
        };
        let value = self.expr(ty);
        let assignable = !matches!(ty, Ty::Func(_) | Ty::Thread);
        let known = match value.kind {
            ExprKind::Integer(k) if self.c.chance(30) => Some(k),
            _ => None,
        };
        out.push(local1(&n, value));
        let i = self.declare(&n, ty, assignable && known.is_none());
        self.vars[i].known = known;
    }

    /// `x = e` for an assignable variable in scope (a local, an upvalue or a global).
    pub(crate) fn assign_statement(&mut self, out: &mut Vec<Stat>) {
        let Some(i) = self.pick_var(|v, _| v.assignable) else {
            return self.print_statement(out);
        };
        let (n, ty) = (self.vars[i].name.clone(), self.vars[i].ty);
        let keep = if self.c.chance(25) {
            self.maybe_value(ty)
        } else {
            None
        };
        let value = if let Some(opt) = keep {
            // `v = <maybe nil> or v`, and `v = w and v` for booleans: the target is the
            // last operand, so the compiler puts a TESTSET into the target's register,
            // whose copy must happen only when the jump is taken.
            bin(BinOp::Or, opt, name(&n))
        } else if ty == Ty::Bool && self.c.chance(20) {
            let op = if self.c.chance(50) {
                BinOp::And
            } else {
                BinOp::Or
            };
            let w = self.leaf(Ty::Bool);
            bin(op, w, name(&n))
        } else {
            let value = self.expr(ty);
            self.bounded(value, ty)
        };
        out.push(assign1(name(&n), value));
        if self.c.chance(40) {
            let shown = determinism::observe(name(&n), ty, &self.types);
            out.push(print(vec![shown]));
        }
    }

    /// Caps the length of a string stored into a variable or field that may be written
    /// again (in a loop or a function): repeated `s = s .. s` must not grow without bound.
    pub(crate) fn bounded(&mut self, value: Expr, ty: Ty) -> Expr {
        if ty == Ty::Str && !matches!(value.kind, ExprKind::String(_) | ExprKind::Name(_)) {
            lcall("string", "sub", vec![value, int(1), int(40)])
        } else {
            value
        }
    }

    /// A global variable: defined (`G = e`) or assigned.
    fn global_statement(&mut self, out: &mut Vec<Stat>) {
        let ty = self.scalar_ty();
        let n = self.fresh("G");
        let value = self.expr(ty);
        out.push(assign1(name(&n), value));
        self.declare_global(&n, ty, true);
    }

    /// Multiple assignment: swaps and rotations of variables or record fields, and the
    /// manual's `i, a[i] = i+1, 20` (subscripts are evaluated before any assignment),
    /// also as `a[i], i = 20, i+1`.
    fn multiple_assignment(&mut self, out: &mut Vec<Stat>) {
        match self.c.pick(4) {
            0 | 1 => {
                let Some(i) = self.pick_var(|v, _| v.assignable) else {
                    return self.local_statement(out);
                };
                let ty = self.vars[i].ty;
                let mut names = vec![self.vars[i].name.clone()];
                for _ in 0..self.c.range(1, 2) {
                    if let Some(j) = self.pick_var(|v, _| v.assignable && v.ty == ty)
                        && !names.contains(&self.vars[j].name)
                    {
                        names.push(self.vars[j].name.clone());
                    }
                }
                if names.len() < 2 {
                    let value = self.expr(ty);
                    let extra = self.observation();
                    // Extra values are evaluated (and their effects happen) but dropped.
                    out.push(assign(vec![name(&names[0])], vec![value, extra]));
                    return;
                }
                let targets: Vec<Expr> = names.iter().map(|n| name(n)).collect();
                let mut values: Vec<Expr> = names.iter().map(|n| name(n)).collect();
                values.rotate_left(1);
                if self.c.chance(30) {
                    values[0] = self.expr(ty);
                }
                debug_assert!(determinism::distinct_targets(&targets));
                out.push(assign(targets, values));
                let shown = names
                    .iter()
                    .map(|n| determinism::observe(name(n), ty, &self.types))
                    .collect();
                out.push(print(shown));
            }
            2 => {
                let found = self.pick_var(|v, t| {
                    matches!(t.shape(v.ty), Some(Shape::Map { key: Ty::Int, .. }))
                });
                let index_var = self.pick_var(|v, _| v.assignable && v.ty == Ty::Int);
                let (m, iv, val) = match (found, index_var) {
                    (Some(mi), Some(ii)) => {
                        let val = match self.types.shape(self.vars[mi].ty) {
                            Some(Shape::Map { val, .. }) => *val,
                            _ => Ty::Int,
                        };
                        (self.vars[mi].name.clone(), self.vars[ii].name.clone(), val)
                    }
                    // Programs seldom have an integer-keyed map and an integer variable
                    // at hand: a fresh table and index keep this shape common.
                    _ => {
                        let (m, iv) = (self.fresh("m"), self.fresh("k"));
                        let start = int(self.c.range(1, 4));
                        out.push(local(&[&m, &iv], vec![table(vec![]), start]));
                        (m, iv, Ty::Int)
                    }
                };
                let v = self.expr(val);
                let v = self.bounded(v, val);
                let next = bin(BinOp::Add, name(&iv), int(1));
                if self.c.chance(50) {
                    out.push(assign(
                        vec![name(&iv), index(name(&m), name(&iv))],
                        vec![next, v],
                    ));
                } else {
                    // The key's variable is assigned after the indexing in the list: a
                    // compiler that stores right to left (as PUC does) must copy the
                    // key before `iv` changes (lparser.c check_conflict).
                    out.push(assign(
                        vec![index(name(&m), name(&iv)), name(&iv)],
                        vec![v, next],
                    ));
                }
                let shown = determinism::observe(
                    index(name(&m), bin(BinOp::Sub, name(&iv), int(1))),
                    val,
                    &self.types,
                );
                out.push(print(vec![name(&iv), shown]));
            }
            _ => {
                // Adjusting lists: missing values become nil, extra ones are dropped.
                let names: Vec<String> = (0..3).map(|_| self.fresh("m")).collect();
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                let nvals = self.c.range(0, 4);
                let mut vals: Vec<Expr> = (0..nvals).map(|_| self.observation()).collect();
                if self.c.chance(40) {
                    vals.push(lcall(
                        "string",
                        "byte",
                        vec![string("xyz"), int(1), int(-1)],
                    ));
                }
                out.push(local(&refs, vals));
                out.push(print(names.iter().map(|n| name(n)).collect()));
                let nvals = self.c.range(1, 4);
                let vals: Vec<Expr> = (0..nvals).map(|_| self.observation()).collect();
                out.push(assign(names.iter().map(|n| name(n)).collect(), vals));
                out.push(print(names.iter().map(|n| name(n)).collect()));
            }
        }
        self.count_stat(1);
    }

    /// `print(...)` of a few observations, or `io.write` of strings and numbers.
    pub(crate) fn print_statement(&mut self, out: &mut Vec<Stat>) {
        if self.c.chance(10) {
            let n = self.c.range(1, 3);
            let mut args: Vec<Expr> = (0..n).map(|_| self.concatenable()).collect();
            args.push(string("\n"));
            out.push(call_stat(lcall("io", "write", args)));
            return;
        }
        let n = self.c.range(1, 4);
        let mut args: Vec<Expr> = (0..n).map(|_| self.observation()).collect();
        if self.f().va.is_some() && self.c.chance(10) {
            args.push(vararg());
        }
        if let Some(last) = args.last_mut()
            && last.is_multi()
            && !matches!(last.kind, ExprKind::Vararg)
            && self.c.chance(80)
        {
            *last = paren(last.clone());
        }
        out.push(print(args));
        self.spend(1);
    }

    // ---- Control flow ------------------------------------------------------------------

    fn if_statement(&mut self, out: &mut Vec<Stat>) {
        let n = self.c.weighted(&[60, 30, 10]) + 1;
        let mut clauses = Vec::new();
        for _ in 0..n {
            let c = self.condition();
            let b = self.nested_block(3);
            clauses.push((c, b));
        }
        let else_block = if self.c.chance(40) {
            Some(self.nested_block(3))
        } else {
            None
        };
        out.push(st(StatKind::If {
            clauses,
            else_block,
        }));
    }

    /// A condition: mostly a boolean, sometimes any value (tested for truthiness).
    pub(crate) fn condition(&mut self) -> Expr {
        if self.c.chance(15) {
            let t = self.any_ty();
            return self.expr(t);
        }
        self.expr(Ty::Bool)
    }

    /// A numeric `for` with a trip count known statically: literal bounds, a float loop,
    /// or a limit clamped with `%`.
    pub(crate) fn numeric_for(&mut self, out: &mut Vec<Stat>) {
        let i = self.fresh("i");
        let floats = self.has(Feature::Floats);
        let (start, limit, step, trips, var_ty) =
            match self.c.weighted(&[60, if floats { 20 } else { 0 }, 20]) {
                0 => {
                    let trips = self.c.range(0, 4);
                    let start = self.c.range(-3, 5);
                    let step: i64 = *self.c.choose(&[1, 1, 1, 2, -1, -2, 3]);
                    let slack = if step.abs() > 1 {
                        self.c.range(0, step.abs() - 1)
                    } else {
                        0
                    };
                    let limit = start + step * (trips - 1) + slack * step.signum();
                    let step_e = if step == 1 && self.c.chance(70) {
                        None
                    } else {
                        Some(int(step))
                    };
                    (int(start), int(limit), step_e, trips.max(0) as u64, Ty::Int)
                }
                1 => {
                    let start = *self.c.choose(&[0.0, 0.5, -1.0, 1.0]);
                    let step = *self.c.choose(&[0.5, 0.25, -0.5, 1.0, 0.1]);
                    let n = self.c.range(0, 4);
                    let limit = start + step * n as f64;
                    let trips = float_trips(start, limit, step);
                    (
                        float(start),
                        float(limit),
                        Some(float(step)),
                        trips,
                        Ty::Float,
                    )
                }
                _ => {
                    let m = self.c.range(1, 4);
                    let e = self.expr(Ty::Int);
                    (
                        int(1),
                        bin(BinOp::Mod, e, int(m + 1)),
                        None,
                        m as u64,
                        Ty::Int,
                    )
                }
            };
        if self.room() < trips * 3 + 2 {
            return;
        }
        let label = if self.has(Feature::Goto) && self.c.chance(20) {
            Some(self.fresh("continue"))
        } else {
            None
        };
        self.push_scope();
        self.declare(&i, var_ty, true);
        if let Some(l) = &label {
            self.f_mut().labels.push(l.clone());
        }
        let mut body = self.in_loop(trips, |g| g.nested_block(4));
        if let Some(l) = &label {
            self.f_mut().labels.retain(|x| x != l);
            body.stats.push(st(StatKind::Label(l.clone())));
        }
        self.pop_scope();
        out.push(numeric_for(&i, start, limit, step, body));
        self.spend(trips);
    }

    /// Loops at the edges of the integer range, float limits on integer loops, and
    /// float loops with integer-looking bounds. Each prints its variable.
    fn edge_for(&mut self, out: &mut Vec<Stat>) {
        let i = self.fresh("i");
        let maxi = || lib("math", "maxinteger");
        let mini = || lib("math", "mininteger");
        let k = self.c.range(0, 3);
        let (start, limit, step) = match self.c.pick(14) {
            0 => (bin(BinOp::Sub, maxi(), int(k)), maxi(), None),
            1 => (mini(), bin(BinOp::Add, mini(), int(k)), None),
            2 => (maxi(), bin(BinOp::Sub, maxi(), int(k)), Some(int(-1))),
            3 => (bin(BinOp::Add, mini(), int(k)), mini(), Some(int(-1))),
            4 => (int(1), maxi(), Some(bin(BinOp::IDiv, maxi(), int(2)))),
            5 => (mini(), maxi(), Some(maxi())),
            6 => (
                int(0),
                bin(BinOp::Pow, int(2), int(53)),
                Some(bin(BinOp::Pow, int(2), int(52))),
            ),
            7 => (bin(BinOp::Sub, maxi(), int(1)), float(1e300), None),
            8 => (int(3), float(1.5), Some(int(-1))),
            9 => (int(-3), float(-1.5), None),
            // The step overshoots the limit near the end of the range: `i + step` would
            // overflow, Lua's precomputed iteration count does not.
            10 => (bin(BinOp::Sub, maxi(), int(5 + k)), maxi(), Some(int(4))),
            11 => (bin(BinOp::Add, mini(), int(3 + k)), mini(), Some(int(-2))),
            // `limit - init` overflows as a signed number (not as Lua's unsigned count).
            12 => (int(-1 - k), maxi(), Some(maxi())),
            _ => (string("1"), int(2), None),
        };
        // A guard counter: a wrong iteration count shows as output, not as a loop that
        // runs until the engine's fuel is gone.
        let n = self.fresh("n");
        out.push(local1(&n, int(0)));
        let body = block(vec![
            assign1(name(&n), bin(BinOp::Add, name(&n), int(1))),
            break_if(bin(BinOp::Gt, name(&n), int(6))),
            print(vec![string("for"), name(&i)]),
        ]);
        out.push(numeric_for(&i, start, limit, step, body));
        out.push(print(vec![string("trips"), name(&n)]));
        self.spend(8);
        self.count_stat(1);
    }

    /// `while` and `repeat` loops with a counter incremented first in the body, so no
    /// `goto continue` or `break` can skip it.
    fn while_repeat(&mut self, out: &mut Vec<Stat>) {
        let w = self.fresh("w");
        let n = self.c.range(0, 4);
        if self.room() < n as u64 * 3 + 2 {
            return;
        }
        out.push(local1(&w, int(0)));
        self.declare(&w, Ty::Int, false);
        let incr = assign1(name(&w), bin(BinOp::Add, name(&w), int(1)));
        match self.c.pick(3) {
            0 => {
                let cond = bin(BinOp::Lt, name(&w), int(n));
                let cond = if self.c.chance(30) {
                    bin(BinOp::And, self.expr(Ty::Bool), cond)
                } else {
                    cond
                };
                let mut body = self.in_loop(n as u64, |g| g.nested_block(4));
                body.stats.insert(0, incr);
                out.push(st(StatKind::While { cond, body }));
            }
            1 => {
                let mut body = self.in_loop(n as u64 + 1, |g| g.nested_block(4));
                body.stats
                    .insert(0, break_if(bin(BinOp::Gt, name(&w), int(n))));
                body.stats.insert(0, incr);
                out.push(st(StatKind::While {
                    cond: boolean(true),
                    body,
                }));
            }
            _ => {
                // The `until` condition sees the body's locals (manual §3.3.4).
                let (body, cond) = self.in_loop(n.max(1) as u64, |g| {
                    g.push_scope();
                    let mut stats = vec![incr];
                    let k = g.c.range(1, 4);
                    let stop = g.stats_left - k;
                    while g.stats_left > stop && g.stats_left > 0 && !g.c.is_empty() {
                        g.stat(&mut stats);
                    }
                    let extra = if g.c.chance(30) {
                        Some(g.expr(Ty::Bool))
                    } else {
                        None
                    };
                    g.pop_scope();
                    (block(stats), extra)
                });
                let stop = bin(BinOp::Ge, name(&w), int(n));
                let cond = match cond {
                    Some(c) => bin(BinOp::Or, stop, c),
                    None => stop,
                };
                out.push(st(StatKind::Repeat { body, cond }));
            }
        }
        self.spend(n as u64);
    }

    /// A backward `goto` loop with a counter, in its own block:
    /// `do local g = 0 ::top:: g = g + 1 ... if g < n then goto top end end`.
    fn goto_loop(&mut self, out: &mut Vec<Stat>) {
        let n = self.c.range(1, 3);
        if self.room() < n as u64 * 4 + 2 {
            return;
        }
        let (g, top) = (self.fresh("g"), self.fresh("top"));
        self.push_scope();
        self.declare(&g, Ty::Int, false);
        let mut stats = vec![
            local1(&g, int(0)),
            st(StatKind::Label(top.clone())),
            assign1(name(&g), bin(BinOp::Add, name(&g), int(1))),
        ];
        self.in_loop(n as u64, |gn| {
            // Locals declared here are fresh on every pass: closures see their own.
            let k = gn.c.range(1, 3);
            let stop = gn.stats_left - k;
            while gn.stats_left > stop && gn.stats_left > 0 && !gn.c.is_empty() {
                // No `break` here: the loop is made of `goto`s; the context's loop count
                // was raised by `in_loop`, so undo that for this body.
                gn.f_mut().loops -= 1;
                gn.stat(&mut stats);
                gn.f_mut().loops += 1;
            }
        });
        stats.push(if_then(
            bin(BinOp::Lt, name(&g), int(n)),
            block(vec![st(StatKind::Goto(top))]),
            None,
        ));
        self.pop_scope();
        out.push(do_block(block(stats)));
        self.spend(n as u64 * 2);
    }

    /// A `goto` forward out of nested loops to a label right after them.
    fn goto_forward(&mut self, out: &mut Vec<Stat>) {
        let l = self.fresh("done");
        let (i, j) = (self.fresh("i"), self.fresh("j"));
        let (a, b) = (self.c.range(1, 3), self.c.range(1, 3));
        if self.room() < (a * b) as u64 * 4 + 2 {
            return;
        }
        self.f_mut().labels.push(l.clone());
        self.push_scope();
        self.declare(&i, Ty::Int, true);
        let inner = self.in_loop(a as u64, |g| {
            g.push_scope();
            g.declare(&j, Ty::Int, true);
            let mut stats = g.in_loop(b as u64, |g| g.nested_block(2)).stats;
            let at = g.c.pick(stats.len() + 1);
            let cond = bin(
                BinOp::Ge,
                bin(BinOp::Mul, name(&i), name(&j)),
                int(g.c.range(1, 6)),
            );
            stats.insert(
                at,
                if_then(cond, block(vec![st(StatKind::Goto(l.clone()))]), None),
            );
            stats.push(print(vec![string("ij"), name(&i), name(&j)]));
            g.pop_scope();
            numeric_for(&j, int(1), int(b), None, block(stats))
        });
        self.pop_scope();
        self.f_mut().labels.retain(|x| *x != l);
        out.push(numeric_for(&i, int(1), int(a), None, block(vec![inner])));
        out.push(st(StatKind::Label(l)));
        self.spend((a * b) as u64 * 2);
        self.count_stat(2);
    }
}

/// The number of iterations of `for x = start, limit, step` with floats (manual §3.3.5:
/// the loop adds `step` and compares with `limit` each time, in floating point).
fn float_trips(start: f64, limit: f64, step: f64) -> u64 {
    let mut x = start;
    let mut n = 0;
    while (step > 0.0 && x <= limit) || (step < 0.0 && x >= limit) {
        n += 1;
        x += step;
        if n > 64 {
            break;
        }
    }
    n
}
