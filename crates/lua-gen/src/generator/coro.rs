//! Coroutines: bodies that yield (in loops, nested functions, metamethods, across
//! `pcall`), resumed a fixed number of times with several values each way; `wrap`,
//! generators in `for` loops, `status`, `isyieldable`, `running`, `close`.
//!
//! Termination: a coroutine body is a function like any other (bounded loops, acyclic
//! calls), and it is resumed a fixed number of times; extra resumes of a dead coroutine
//! just return `false, "cannot resume dead coroutine"`.

use lua_syntax::ast::{BinOp, Expr, Stat};

use super::Gen;
use crate::build::*;

use crate::determinism;
use crate::types::{Sig, Ty};

impl Gen<'_, '_> {
    /// Creates a coroutine, resumes it a few times and prints everything that comes back.
    pub(crate) fn coroutine_gadget(&mut self, out: &mut Vec<Stat>) {
        if self.room() < 30
            || !self.may_declare()
            || self.block_depth + 1 >= self.cfg.max_block_depth
        {
            return;
        }
        let resume_tys: Vec<Ty> = (0..self.c.range(0, 2))
            .map(|_| self.value_scalar())
            .collect();
        let params: Vec<Ty> = (0..self.c.range(0, 2))
            .map(|_| self.value_scalar())
            .collect();
        let rets: Vec<Ty> = (0..self.c.range(0, 2))
            .map(|_| self.value_scalar())
            .collect();
        let sig = self.types.sig(Sig {
            params: params.clone(),
            va: None,
            rets,
            yields: true,
        });
        let co = self.fresh("co");
        let self_ref = self.c.chance(30);
        if self_ref {
            // Forward declaration, so the body can ask for its own status ("running").
            out.push(local(&[&co], vec![]));
            self.declare(&co, Ty::Thread, false);
        }
        self.next_resume_tys = Some(resume_tys.clone());
        let co_name = co.clone();
        let mut extra_resumes = 0;
        let body = self.func_body(sig, None, &mut |g, _| {
            let mut s = Vec::new();
            if self_ref {
                s.push(print(vec![
                    string("status"),
                    lcall("coroutine", "status", vec![name(&co_name)]),
                ]));
            }
            // At least one yield, whatever else the body does.
            g.yield_statement(&mut s);
            if g.c.chance(30) {
                extra_resumes = 4;
                // Yields inside metamethods called by the VM (arithmetic, indexing,
                // comparison, concatenation) suspend the whole coroutine.
                let o = g.fresh("ym");
                let mm = |ev: &str, ret: Expr| {
                    named(
                        ev,
                        function(
                            vec!["a".into(), "b".into()],
                            false,
                            block_ret(
                                vec![call_stat(lcall(
                                    "coroutine",
                                    "yield",
                                    vec![string(ev), type_of(name("b"))],
                                ))],
                                vec![ret],
                            ),
                        ),
                    )
                };
                s.push(local1(
                    &o,
                    gcall(
                        "setmetatable",
                        vec![
                            table(vec![]),
                            table(vec![
                                mm("__add", int(10)),
                                mm("__index", string("idx")),
                                mm("__lt", boolean(true)),
                                mm("__concat", string("cat")),
                            ]),
                        ],
                    ),
                ));
                s.push(print(vec![
                    bin(BinOp::Add, name(&o), int(1)),
                    field(name(&o), "k"),
                    bin(BinOp::Lt, name(&o), float(2.0)),
                    bin(BinOp::Concat, string("x"), name(&o)),
                ]));
            }
            s
        });
        let create = lcall(
            "coroutine",
            "create",
            vec![ex(lua_syntax::ast::ExprKind::Function(Box::new(body)))],
        );
        if self_ref {
            out.push(assign1(name(&co), create));
        } else {
            out.push(local1(&co, create));
            self.declare(&co, Ty::Thread, false);
        }
        let cost = self.call_cost(sig);
        let resumes = self.c.range(1, 4) + extra_resumes;
        self.spend(cost + 3 * resumes as u64);
        let first: Vec<Expr> = params.iter().map(|&t| self.expr(t)).collect();
        let mut args = vec![name(&co)];
        args.extend(first);
        out.push(print(vec![lcall("coroutine", "resume", args)]));
        for _ in 0..resumes {
            let mut args = vec![name(&co)];
            for &t in &resume_tys {
                args.push(self.expr(t));
            }
            if let Some(last) = args.last_mut()
                && last.is_multi()
            {
                *last = paren(last.clone());
            }
            // Everything resume returns is printed: it is the last argument.
            out.push(print(vec![lcall("coroutine", "resume", args)]));
            if self.c.chance(40) {
                out.push(print(vec![lcall("coroutine", "status", vec![name(&co)])]));
            }
        }
        if self.c.chance(40) {
            // Closing a suspended coroutine runs its pending `__close` handlers; closing a
            // dead one reports how it died.
            out.push(print(vec![
                lcall("coroutine", "status", vec![name(&co)]),
                lcall("coroutine", "close", vec![name(&co)]),
            ]));
        }
        self.count_stat(4);
    }

    /// `coroutine.wrap` as a generator for a `for` loop, or called through `pcall`.
    pub(crate) fn wrap_gadget(&mut self, out: &mut Vec<Stat>) {
        if self.room() < 30
            || !self.may_declare()
            || self.block_depth + 1 >= self.cfg.max_block_depth
        {
            return;
        }
        let sig = self.types.sig(Sig {
            params: vec![],
            va: None,
            rets: vec![],
            yields: true,
        });
        // In a `for` loop, the generator is called with (state, control): yields here
        // ignore what they receive.
        self.next_resume_tys = Some(Vec::new());
        let n = self.c.range(1, 3);
        let body = self.func_body(sig, None, &mut |g, _| {
            let i = g.fresh("i");
            let v = g.expr(Ty::Int);
            let k = g.str_lit();
            vec![numeric_for(
                &i,
                int(1),
                int(n),
                None,
                block(vec![call_stat(lcall(
                    "coroutine",
                    "yield",
                    vec![bin(BinOp::Add, name(&i), v), k],
                ))]),
            )]
        });
        let wrapped = lcall(
            "coroutine",
            "wrap",
            vec![ex(lua_syntax::ast::ExprKind::Function(Box::new(body)))],
        );
        let cost = self.call_cost(sig);
        self.spend(cost + 5 * (n as u64 + 2));
        if self.c.chance(60) {
            let (a, b) = (self.fresh("a"), self.fresh("b"));
            // The loop ends at the first nil: other yields in the body may end it early.
            let body = block(vec![print(vec![
                string("gen"),
                name(&a),
                determinism::observe(name(&b), Ty::Any, &self.types),
            ])]);
            out.push(print(vec![gcall(
                "pcall",
                vec![function(
                    vec![],
                    false,
                    block(vec![generic_for(&[&a, &b], vec![wrapped], body)]),
                )],
            )]));
        } else {
            let w = self.fresh("gen");
            out.push(local1(&w, wrapped));
            for _ in 0..(n + 2) {
                out.push(print(vec![gcall("pcall", vec![name(&w)])]));
            }
        }
        self.count_stat(3);
    }

    /// A `coroutine.yield` in a yieldable context: a statement, or a local receiving what
    /// the resumer passes.
    pub(crate) fn yield_statement(&mut self, out: &mut Vec<Stat>) {
        let n = self.c.range(0, 3);
        let mut vals: Vec<Expr> = (0..n)
            .map(|_| {
                let t = self.printable_ty();
                self.expr(t)
            })
            .collect();
        if let Some(last) = vals.last_mut()
            && last.is_multi()
        {
            *last = paren(last.clone());
        }
        if self.c.chance(20) {
            // Across pcall: the values the resumer passes come back through pcall.
            let f = function(
                vec![],
                true,
                block_ret(vec![], vec![lcall("coroutine", "yield", vec![vararg()])]),
            );
            let mut args = vec![f];
            args.extend(vals);
            out.push(print(vec![string("pcall-yield"), gcall("pcall", args)]));
            self.spend(3);
            self.count_stat(1);
            return;
        }
        let y = lcall("coroutine", "yield", vals);
        let tys = self.f().resume_tys.clone();
        if !tys.is_empty() && self.may_declare() && self.c.chance(60) {
            let names: Vec<String> = tys.iter().map(|_| self.fresh("y")).collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            out.push(local(&refs, vec![y]));
            for (n, &t) in names.iter().zip(&tys) {
                self.declare(n, t, true);
            }
        } else {
            out.push(call_stat(y));
        }
        self.spend(2);
        self.count_stat(1);
    }

    /// Observations about the running coroutine: `isyieldable`, `running`'s boolean.
    pub(crate) fn coroutine_info_statement(&mut self, out: &mut Vec<Stat>) {
        let mut args = vec![
            lcall("coroutine", "isyieldable", vec![]),
            gcall(
                "select",
                vec![int(2), lcall("coroutine", "running", vec![])],
            ),
        ];
        if let Some(i) = self.var_of(Ty::Thread) {
            args.push(lcall("coroutine", "status", vec![self.var_expr(i)]));
        }
        out.push(print(args));
        self.count_stat(1);
    }

    /// A scalar type without nil (values passed to and from coroutines).
    fn value_scalar(&mut self) -> Ty {
        match self.scalar_ty() {
            Ty::Nil => Ty::Int,
            t => t,
        }
    }
}
