//! Functions: literals and declarations with typed signatures, calls, closures (also
//! created in loops), upvalues from several levels, recursion with a depth parameter,
//! tail calls, varargs and multiple results.
//!
//! Termination: a function body can only call functions that existed when it was
//! generated, and function variables are never reassigned, so the call graph is acyclic;
//! the only cycles are the self-recursive gadgets, which count a parameter down.

use lua_syntax::ast::{BinOp, Expr, FuncBody, Stat, UnOp};

use super::{FUNC_COST_CAP, FuncCtx, Gen};
use crate::build::*;
use crate::config::Feature;
use crate::determinism;
use crate::types::{Sig, Ty};

impl Gen<'_, '_> {
    /// A random signature: up to three parameters and results, maybe vararg.
    pub(crate) fn random_sig(&mut self) -> Ty {
        let nparams = self.c.weighted(&[20, 35, 30, 15]);
        let params = (0..nparams).map(|_| self.param_ty()).collect();
        let nrets = self.c.weighted(&[15, 55, 20, 10]);
        let rets = (0..nrets).map(|_| self.printable_ty()).collect();
        let va = if self.has(Feature::Varargs) && self.c.chance(25) {
            Some(self.scalar_value_ty())
        } else {
            None
        };
        let yields = self.f().yieldable && self.c.chance(40);
        self.types.sig(Sig {
            params,
            va,
            rets,
            yields,
        })
    }

    /// A scalar type that is never nil (for varargs, which callers never pass as nil).
    fn scalar_value_ty(&mut self) -> Ty {
        match self.scalar_ty() {
            Ty::Nil => Ty::Int,
            t => t,
        }
    }

    /// A parameter type: mostly scalars, sometimes a table, function or object in scope.
    fn param_ty(&mut self) -> Ty {
        if self.c.chance(20)
            && let Some(i) =
                self.pick_var(|v, t| matches!(v.ty, Ty::Tab(_) | Ty::Obj(_)) && !t.yields(v.ty))
        {
            return self.vars[i].ty;
        }
        if self.c.chance(8)
            && let Some(i) = self.pick_var(|v, t| t.sig_of(v.ty).is_some_and(|s| !s.yields))
        {
            return self.vars[i].ty;
        }
        self.scalar_ty()
    }

    /// Generates a function body for `fty`. `self_ty` adds an implicit `self` (methods);
    /// `prelude` runs with the parameters in scope and returns the first statements.
    pub(crate) fn func_body(
        &mut self,
        fty: Ty,
        self_ty: Option<Ty>,
        prelude: &mut dyn FnMut(&mut Self, &[String]) -> Vec<Stat>,
    ) -> FuncBody {
        let sig = self.types.sig_rc(fty).cloned().expect("a function type");
        // A coroutine body starts a new coroutine; other yielding functions run in the
        // coroutine where they are defined.
        let (resume_tys, coro) = match self.next_resume_tys.take() {
            Some(tys) => (tys, self.new_coro()),
            None if sig.yields => (self.f().resume_tys.clone(), self.f().coro),
            None => (Vec::new(), self.f().coro),
        };
        let saved_depth = std::mem::replace(&mut self.depth, 0);
        self.funcs.push(FuncCtx {
            var_base: self.vars.len(),
            rets: Some(sig.rets.clone()),
            va: sig.va,
            yieldable: sig.yields,
            resume_tys,
            coro,
            loops: 0,
            labels: Vec::new(),
            cost: 0,
            cap: FUNC_COST_CAP,
            mult: 1,
        });
        self.push_scope();
        self.block_depth += 1;
        if let Some(t) = self_ty {
            self.declare("self", t, false);
        }
        let mut params = Vec::new();
        for &p in &sig.params {
            let n = self.fresh("p");
            self.declare(&n, p, true);
            params.push(n);
        }
        let mut stats = prelude(self, &params);
        if self.block_depth < self.cfg.max_block_depth {
            let n = self.c.range(0, 4);
            let stop = self.stats_left - n;
            while self.stats_left > stop && self.stats_left > 0 && !self.c.is_empty() {
                self.stat(&mut stats);
            }
        }
        let values = self.return_values(&sig.rets);
        self.block_depth -= 1;
        self.pop_scope();
        let ctx = self.funcs.pop().expect("pushed above");
        self.depth = saved_depth;
        self.note_func_cost(fty, ctx.cost + 1);
        func_body(params, sig.va.is_some(), block_ret(stats, values))
    }

    /// The values of a `return` for result types `rets`.
    pub(crate) fn return_values(&mut self, rets: &[Ty]) -> Vec<Expr> {
        let mut values: Vec<Expr> = rets.iter().map(|&t| self.expr(t)).collect();
        if let Some(last) = values.last_mut()
            && last.is_multi()
        {
            *last = paren(last.clone());
        }
        values
    }

    /// `function(...) ... end` of type `fty`.
    pub(crate) fn func_literal(&mut self, fty: Ty) -> Expr {
        if self.block_depth >= self.cfg.max_block_depth || self.room() < 4 {
            // Too deep for a real body: a function that just returns.
            let sig = self.types.sig_rc(fty).cloned().expect("a function type");
            let saved_depth = std::mem::replace(&mut self.depth, self.cfg.max_expr_depth);
            let params: Vec<String> = sig.params.iter().map(|_| self.fresh("p")).collect();
            let values = self.return_values(&sig.rets);
            self.depth = saved_depth;
            self.note_func_cost(fty, 2);
            return function(params, sig.va.is_some(), block_ret(vec![], values));
        }
        let body = self.func_body(fty, None, &mut |_, _| Vec::new());
        ex(lua_syntax::ast::ExprKind::Function(Box::new(body)))
    }

    /// A value of a function type: a variable or a new closure.
    pub(crate) fn func_expr(&mut self, fty: Ty) -> Expr {
        if self.c.chance(50)
            && let Some(i) = self.var_of(fty)
        {
            return self.var_expr(i);
        }
        self.func_literal(fty)
    }

    /// A function declaration: `local function`, `local f = function`, a global
    /// `function g()`, or functions in a module table (`function M.f()`).
    pub(crate) fn function_declaration(&mut self, out: &mut Vec<Stat>) {
        if !self.may_declare() || self.room() < 4 {
            return;
        }
        let fty = self.random_sig();
        match self
            .c
            .weighted(&[50, 20, if self.has(Feature::Globals) { 15 } else { 0 }, 15])
        {
            0 => {
                let n = self.fresh("f");
                let body = self.func_body(fty, None, &mut |_, _| Vec::new());
                out.push(local_function(&n, body));
                self.declare(&n, fty, false);
            }
            1 => {
                let n = self.fresh("f");
                let e = self.func_literal(fty);
                out.push(local1(&n, e));
                self.declare(&n, fty, false);
            }
            2 => {
                let n = self.fresh("G");
                let body = self.func_body(fty, None, &mut |_, _| Vec::new());
                out.push(function_stat(&[&n], None, body));
                self.declare_global(&n, fty, false);
            }
            _ => self.module_table(out),
        }
        self.count_stat(2);
    }

    /// `local M = {sub = {}}` followed by `function M.f()` and `function M.sub.g()`
    /// declarations; `M` then has a record type with those functions.
    fn module_table(&mut self, out: &mut Vec<Stat>) {
        let m = self.fresh("M");
        let nested = self.c.chance(40);
        let mut fields_init = Vec::new();
        if nested {
            fields_init.push(named("sub", table(vec![])));
        }
        out.push(local1(&m, table(fields_init)));
        let mut fields = Vec::new();
        let mut sub_fields = Vec::new();
        for _ in 0..self.c.range(1, 3) {
            let fty = self.random_sig();
            let fname = self.fresh("fn");
            let body = self.func_body(fty, None, &mut |_, _| Vec::new());
            if nested && self.c.chance(50) {
                out.push(function_stat(&[&m, "sub", &fname], None, body));
                sub_fields.push((fname, fty));
            } else {
                out.push(function_stat(&[&m, &fname], None, body));
                fields.push((fname, fty));
            }
        }
        if nested {
            let sub_ty = self
                .types
                .table(crate::types::Shape::Rec { fields: sub_fields });
            fields.push(("sub".to_string(), sub_ty));
        }
        let ty = self.types.table(crate::types::Shape::Rec { fields });
        self.declare(&m, ty, false);
    }

    /// Declares a global. It is tracked like a local of the current block: code after
    /// its definition in that block (and in functions defined there) may use it; code
    /// outside the block does not, because the definition may not have run.
    pub(crate) fn declare_global(&mut self, n: &str, ty: Ty, assignable: bool) {
        self.declare(n, ty, assignable);
    }

    /// A call statement: a function in scope, its results printed or dropped.
    pub(crate) fn call_statement(&mut self, out: &mut Vec<Stat>) {
        let room = self.room();
        let Some(i) = self.pick_var(|v, t| t.sig_of(v.ty).is_some()) else {
            return self.print_statement(out);
        };
        let fty = self.vars[i].ty;
        let cost = self.call_cost(fty);
        if cost + 2 > room {
            return;
        }
        self.spend(cost + 1);
        let fname = self.vars[i].name.clone();
        let args = self.args_for(fty);
        let rets = self
            .types
            .sig_of(fty)
            .map(|s| s.rets.clone())
            .unwrap_or_default();
        let all_printable = rets
            .iter()
            .all(|&t| determinism::is_printable(t, &self.types));
        let c = call(name(&fname), args);
        if self.c.chance(30) || rets.is_empty() {
            out.push(call_stat(c));
        } else if all_printable {
            out.push(print(vec![c]));
        } else {
            let names: Vec<String> = rets.iter().map(|_| self.fresh("r")).collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            out.push(local(&refs, vec![c]));
            let obs = names
                .iter()
                .zip(&rets)
                .map(|(n, &t)| determinism::observe(name(n), t, &self.types))
                .collect();
            out.push(print(obs));
        }
        self.count_stat(1);
    }

    /// A self-recursive function counting a depth parameter down, called once. Half of
    /// them recurse in tail position, some return two values.
    pub(crate) fn recursion_gadget(&mut self, out: &mut Vec<Stat>) {
        let depth = self.c.range(0, 6);
        if self.room() < 8 * (depth as u64 + 1) {
            return;
        }
        let fname = self.fresh("rec");
        let n = self.fresh("n");
        let acc = self.fresh("acc");
        let two = self.c.chance(30) && self.has(Feature::Strings);
        let extra = self.fresh("s");
        let tail = self.c.chance(50);
        // The body must not see the function itself: only the explicit recursive call.
        let fty = self.types.sig(Sig {
            params: vec![Ty::Int, Ty::Int],
            va: None,
            rets: vec![Ty::Int],
            yields: false,
        });
        let saved_stats = self.stats_left;
        let body_block = {
            self.funcs.push(FuncCtx {
                var_base: self.vars.len(),
                rets: Some(vec![Ty::Int]),
                va: None,
                yieldable: false,
                resume_tys: Vec::new(),
                coro: self.f().coro,
                loops: 0,
                labels: Vec::new(),
                cost: 0,
                cap: FUNC_COST_CAP / 2,
                mult: 1,
            });
            self.push_scope();
            self.block_depth += 1;
            self.declare(&n, Ty::Int, false);
            self.declare(&acc, Ty::Int, true);
            if two {
                self.declare(&extra, Ty::Str, true);
            }
            let mut stats = Vec::new();
            let base_values = if two {
                vec![name(&acc), name(&extra)]
            } else {
                vec![name(&acc)]
            };
            let cond = if self.c.chance(50) {
                bin(BinOp::Le, name(&n), int(0))
            } else {
                bin(BinOp::Lt, name(&n), int(1))
            };
            stats.push(if_then(cond, block_ret(vec![], base_values), None));
            let k = self.c.range(0, 2);
            let stop = self.stats_left - k;
            while self.stats_left > stop && self.stats_left > 0 && !self.c.is_empty() {
                self.stat(&mut stats);
            }
            let step = self.expr(Ty::Int);
            let mut args = vec![
                bin(BinOp::Sub, name(&n), int(1)),
                bin(BinOp::Add, name(&acc), step),
            ];
            if two {
                args.push(bin(BinOp::Concat, name(&extra), string("x")));
            }
            let rec_call = call(name(&fname), args);
            let ret = if tail || two {
                vec![rec_call]
            } else {
                let k = self.int_lit();
                vec![bin(
                    *self.c.choose(&[BinOp::Add, BinOp::BXor, BinOp::Sub]),
                    k,
                    rec_call,
                )]
            };
            self.block_depth -= 1;
            self.pop_scope();
            self.funcs.pop();
            block_ret(stats, ret)
        };
        self.note_func_cost(fty, 1);
        let mut params = vec![n.clone(), acc.clone()];
        if two {
            params.push(extra.clone());
        }
        out.push(local_function(&fname, func_body(params, false, body_block)));
        let mut args = vec![int(depth), self.int_lit()];
        if two {
            args.push(string("s"));
        }
        out.push(print(vec![call(name(&fname), args)]));
        self.spend(FUNC_COST_CAP / 2 * (depth as u64 + 1));
        self.stats_left = self.stats_left.min(saved_stats) - 2;
    }

    /// Closures created in a loop, each capturing the loop variable and a fresh local of
    /// its iteration (and a shared outer local), called after the loop. A `break` leaves
    /// the loop early sometimes: the closures must still see their own, closed, variables.
    pub(crate) fn closures_in_loop_gadget(&mut self, out: &mut Vec<Stat>) {
        let trips = self.c.range(1, 4);
        if self.room() < 10 * trips as u64 || !self.may_declare() {
            return;
        }
        let fs = self.fresh("fs");
        let shared = self.fresh("sh");
        let i = self.fresh("i");
        let x = self.fresh("x");
        let d = self.fresh("d");
        let mut stats = vec![local1(&fs, table(vec![])), local1(&shared, int(0))];
        let x_init = bin(BinOp::Mul, name(&i), int(self.c.range(2, 10)));
        let closure = function(
            vec![d.clone()],
            false,
            block_ret(
                vec![
                    assign1(name(&x), bin(BinOp::Add, name(&x), name(&d))),
                    assign1(name(&shared), bin(BinOp::Add, name(&shared), int(1))),
                ],
                vec![name(&i), name(&x), name(&shared)],
            ),
        );
        let mut body = vec![
            local1(&x, x_init),
            assign1(
                index(name(&fs), bin(BinOp::Add, un(UnOp::Len, name(&fs)), int(1))),
                closure,
            ),
        ];
        let brk = self.c.chance(35);
        if brk {
            body.push(break_if(bin(
                BinOp::Eq,
                name(&i),
                int(self.c.range(1, trips)),
            )));
        }
        // The loop form: numeric for, while with a per-iteration local, or repeat.
        match self.c.pick(3) {
            0 => stats.push(numeric_for(&i, int(1), int(trips), None, block(body))),
            1 => {
                let w = self.fresh("w");
                stats.push(local1(&w, int(0)));
                let mut wb = vec![
                    assign1(name(&w), bin(BinOp::Add, name(&w), int(1))),
                    local1(&i, name(&w)),
                ];
                wb.extend(body);
                stats.push(st(lua_syntax::ast::StatKind::While {
                    cond: bin(BinOp::Lt, name(&w), int(trips)),
                    body: block(wb),
                }));
            }
            _ => {
                let w = self.fresh("w");
                stats.push(local1(&w, int(0)));
                let mut wb = vec![
                    assign1(name(&w), bin(BinOp::Add, name(&w), int(1))),
                    local1(&i, name(&w)),
                ];
                wb.extend(body);
                stats.push(st(lua_syntax::ast::StatKind::Repeat {
                    body: block(wb),
                    cond: bin(BinOp::Ge, name(&i), int(trips)),
                }));
            }
        }
        // Locals declared after the loop reuse the registers the loop used: closures that
        // were not closed properly would now see these values.
        stats.push(local(&["z1", "z2", "z3"], vec![int(-1), int(-2), int(-3)]));
        let j = self.fresh("j");
        let k = self.int_lit();
        stats.push(numeric_for(
            &j,
            int(1),
            un(UnOp::Len, name(&fs)),
            None,
            block(vec![print(vec![call(index(name(&fs), name(&j)), vec![k])])]),
        ));
        if self.c.chance(50) {
            // Calling the same closure twice shows that its state persists.
            stats.push(print(vec![
                call(index(name(&fs), int(1)), vec![int(100)]),
                name(&shared),
            ]));
        }
        out.push(do_block(block(stats)));
        self.spend(12 * trips as u64);
        self.count_stat(4);
    }

    /// A closure factory: upvalues from three levels (parameter of the factory, a local
    /// of the factory, a local of the middle function), with state shared between the
    /// closures it returns.
    pub(crate) fn closure_chain_gadget(&mut self, out: &mut Vec<Stat>) {
        if self.room() < 20 || !self.may_declare() {
            return;
        }
        let mk = self.fresh("mk");
        let (n, count, d, m) = (
            self.fresh("n"),
            self.fresh("count"),
            self.fresh("d"),
            self.fresh("m"),
        );
        let outer_ty = self.num_ty();
        let outer = self.var_of(outer_ty).map(|i| self.vars[i].name.clone());
        let outer_term = outer.map(|n| name(&n)).unwrap_or_else(|| int(0));
        let innermost = function(
            vec![],
            false,
            block_ret(
                vec![assign1(name(&m), bin(BinOp::Add, name(&m), int(1)))],
                vec![name(&count), name(&n), name(&d), name(&m)],
            ),
        );
        let middle = function(
            vec![d.clone()],
            false,
            block_ret(
                vec![
                    assign1(name(&count), bin(BinOp::Add, name(&count), name(&d))),
                    local1(&m, bin(BinOp::Mul, name(&d), int(10))),
                ],
                vec![innermost],
            ),
        );
        let body = block_ret(
            vec![local1(&count, bin(BinOp::Add, name(&n), outer_term))],
            vec![middle],
        );
        out.push(local_function(&mk, func_body(vec![n.clone()], false, body)));
        let (inc, g1, g2) = (self.fresh("inc"), self.fresh("g"), self.fresh("g"));
        let start = self.int_lit();
        out.push(local1(&inc, call(name(&mk), vec![start])));
        let a1 = self.int_lit();
        let a2 = self.int_lit();
        out.push(local1(&g1, call(name(&inc), vec![a1])));
        out.push(local1(&g2, call(name(&inc), vec![a2])));
        out.push(print(vec![call(name(&g1), vec![])]));
        out.push(print(vec![
            call(name(&g2), vec![]),
            call(name(&g1), vec![]),
        ]));
        self.spend(20);
        self.count_stat(5);
    }

    /// A vararg function called with different numbers of arguments, including `nil`s:
    /// `select('#', ...)`, `...` in the middle and at the end of lists, `(...)`,
    /// `table.pack`, `{...}`, `select(-1, ...)`, and tail calls returning `...`.
    pub(crate) fn varargs_gadget(&mut self, out: &mut Vec<Stat>) {
        if self.room() < 25 || !self.may_declare() {
            return;
        }
        let v = self.fresh("va");
        let a = self.fresh("a");
        let (x, y) = (self.fresh("x"), self.fresh("y"));
        let mut body = vec![local(&[&x, &y], vec![vararg()])];
        body.push(print(vec![
            string(&v),
            gcall("select", vec![string("#"), vararg()]),
            name(&a),
            name(&x),
            name(&y),
            paren(vararg()),
        ]));
        if self.c.chance(50) {
            let p = self.fresh("pk");
            body.push(local1(&p, lcall("table", "pack", vec![vararg()])));
            body.push(print(vec![
                field(name(&p), "n"),
                index(name(&p), int(1)),
                index(name(&p), field(name(&p), "n")),
            ]));
        }
        if self.c.chance(40) {
            body.push(print(vec![vararg(), name(&a)]));
        }
        let ret = match self.c.pick(5) {
            0 => vec![vararg()],
            1 => vec![name(&a), vararg()],
            2 => vec![gcall("select", vec![int(2), vararg()])],
            3 => vec![gcall("select", vec![string("#"), vararg()]), vararg()],
            _ => vec![lcall(
                "table",
                "unpack",
                vec![
                    table(vec![pos(vararg())]),
                    int(1),
                    gcall("select", vec![string("#"), vararg()]),
                ],
            )],
        };
        out.push(local_function(
            &v,
            func_body(vec![a.clone()], true, block_ret(body, ret)),
        ));
        let mut arg_lists: Vec<Vec<Expr>> = vec![
            vec![int(1)],
            vec![int(1), int(2), nil()],
            vec![int(1), nil(), nil(), int(4)],
            vec![string("s"), float(2.5), boolean(false)],
        ];
        if self.c.chance(50) {
            let extra = self.observation();
            arg_lists.push(vec![extra, int(7)]);
        }
        for args in arg_lists {
            match self.c.pick(5) {
                0 => out.push(print(vec![paren(call(name(&v), args))])),
                1 => out.push(print(vec![gcall(
                    "select",
                    vec![string("#"), call(name(&v), args)],
                )])),
                2 => {
                    // A constructor ending in a multi-result call (SETLIST with a variable
                    // count); indexing it shows exactly which elements were stored.
                    let t = self.fresh("t");
                    out.push(local1(
                        &t,
                        table(vec![pos(int(0)), pos(call(name(&v), args))]),
                    ));
                    out.push(print(vec![
                        index(name(&t), int(1)),
                        index(name(&t), int(2)),
                        index(name(&t), int(3)),
                        index(name(&t), int(4)),
                        index(name(&t), int(5)),
                    ]));
                }
                3 => out.push(print(vec![call(
                    name(&v),
                    vec![int(0), call(name(&v), args)],
                )])),
                _ => out.push(print(vec![call(name(&v), args)])),
            }
        }
        self.spend(25);
        self.count_stat(6);
    }

    /// Tail calls: a function returning `g(...)` where `g` returns several values, or
    /// a C function's results (`select`, `string.byte`, `table.unpack`); the caller
    /// counts and prints what arrived.
    pub(crate) fn tail_call_gadget(&mut self, out: &mut Vec<Stat>) {
        if self.room() < 10 {
            return;
        }
        let g = self.fresh("tg");
        let f = self.fresh("tf");
        let p = self.fresh("p");
        let nres = self.c.range(0, 4);
        let gvals: Vec<Expr> = (0..nres)
            .map(|k| if k == 1 { nil() } else { int(k * 10 + 1) })
            .collect();
        out.push(local_function(
            &g,
            func_body(vec![p.clone()], false, block_ret(vec![], gvals)),
        ));
        let tail = match self.c.pick(5) {
            0 => call(name(&g), vec![name(&p)]),
            1 => gcall(
                "select",
                vec![int(self.c.range(1, 3)), int(1), int(2), int(3), name(&p)],
            ),
            2 if self.has(Feature::Strings) => {
                lcall("string", "byte", vec![string("abcd"), int(1), name(&p)])
            }
            3 => lcall(
                "table",
                "unpack",
                vec![
                    table(vec![pos(int(1)), pos(int(2)), pos(int(3))]),
                    int(1),
                    name(&p),
                ],
            ),
            _ => paren(call(name(&g), vec![name(&p)])),
        };
        out.push(local_function(
            &f,
            func_body(vec![p.clone()], false, block_ret(vec![], vec![tail])),
        ));
        let arg = int(self.c.range(0, 4));
        out.push(print(vec![
            gcall(
                "select",
                vec![string("#"), call(name(&f), vec![arg.clone()])],
            ),
            call(name(&f), vec![arg]),
        ]));
        self.spend(8);
        self.count_stat(3);
    }
}
