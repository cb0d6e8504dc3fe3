//! Property: for random trees, `parse(print(tree)) == tree` (lines aside) and printing is
//! idempotent.
//!
//! Trees are generated freely and then made valid (`Fixup`): `...` only in vararg
//! functions, `break` only in loops, parentheses only around calls and `...`, gotos only
//! to labels they may reach, at most one `<close>` per `local`, read-only locals never
//! assigned. Operators, unary minus, negative and special numbers, arbitrary string bytes
//! and reserved-word keys are all in the mix.

use lua_syntax::ast::*;
use lua_syntax::visit::clear_lines;
use lua_syntax::{parse, print};
use proptest::prelude::*;

fn e(kind: ExprKind) -> Expr {
    Expr::new(kind, 0)
}

/// Names for ordinary variables. Read-only locals get fresh names (`k_1`...) in the
/// fixup, which this pool never produces, so they are never assigned.
fn arb_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec!["a", "b", "x", "y", "f", "t", "self", "_ENV", "_", "print"]).prop_map(String::from),
        1 => "[a-jl-z_][a-z0-9_]{0,5}".prop_filter("not a reserved word", |s| lua_syntax::is_name(s.as_bytes())),
    ]
}

fn arb_float() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("NaN has no literal", |f| !f.is_nan()),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1e100,
            1e-300,
            5e-324,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            9007199254740993.0,
            2f64.powi(63),
        ]),
    ]
}

fn arb_leaf() -> BoxedStrategy<Expr> {
    prop_oneof![
        Just(ExprKind::Nil),
        Just(ExprKind::True),
        Just(ExprKind::False),
        Just(ExprKind::Vararg),
        any::<i64>().prop_map(ExprKind::Integer),
        prop::sample::select(vec![0i64, 1, -1, i64::MIN, i64::MAX]).prop_map(ExprKind::Integer),
        arb_float().prop_map(|f| ExprKind::Float(FloatLit(f))),
        prop::collection::vec(any::<u8>(), 0..12).prop_map(ExprKind::String),
        prop::sample::select(vec![&b"]]"[..], b"end", b"a b", b"x", b"\n", b"]=]"])
            .prop_map(|s| ExprKind::String(s.to_vec())),
        arb_name().prop_map(ExprKind::Name),
        arb_name().prop_map(ExprKind::Name),
    ]
    .prop_map(e)
    .boxed()
}

fn arb_expr() -> BoxedStrategy<Expr> {
    arb_leaf()
        .prop_recursive(5, 48, 4, |inner| {
            let list = prop::collection::vec(inner.clone(), 0..3);
            prop_oneof![
                3 => (prop::sample::select(BinOp::ALL.to_vec()), inner.clone(), inner.clone())
                    .prop_map(|(op, l, r)| e(ExprKind::Binary { op, lhs: Box::new(l), rhs: Box::new(r) })),
                2 => (prop::sample::select(UnOp::ALL.to_vec()), inner.clone())
                    .prop_map(|(op, x)| e(ExprKind::Unary { op, operand: Box::new(x) })),
                1 => (inner.clone(), inner.clone())
                    .prop_map(|(o, k)| e(ExprKind::Index { object: Box::new(o), key: Box::new(k) })),
                1 => (inner.clone(), arb_name())
                    .prop_map(|(o, n)| e(ExprKind::Index { object: Box::new(o), key: Box::new(e(ExprKind::String(n.into_bytes()))) })),
                1 => (inner.clone(), list.clone()).prop_map(|(f, args)| e(ExprKind::Call { func: Box::new(f), args, close_line: 0 })),
                1 => (inner.clone(), arb_name(), list.clone())
                    .prop_map(|(o, name, args)| e(ExprKind::Method { object: Box::new(o), name, args, close_line: 0 })),
                1 => inner.clone().prop_map(|x| e(ExprKind::Paren(Box::new(x)))),
                1 => prop::collection::vec(
                        prop_oneof![
                            inner.clone().prop_map(Field::Positional),
                            (inner.clone(), inner.clone()).prop_map(|(key, value)| Field::Keyed { key, value }),
                            (arb_name(), inner.clone()).prop_map(|(k, value)| Field::Keyed { key: e(ExprKind::String(k.into_bytes())), value }),
                        ],
                        0..4,
                    ).prop_map(|f| e(ExprKind::Table(TableConstructor::new(f)))),
                1 => (prop::collection::vec(arb_name(), 0..3), any::<bool>(), list.clone())
                    .prop_map(|(params, is_vararg, values)| e(ExprKind::Function(Box::new(FuncBody {
                        params,
                        is_vararg,
                        block: Block { stats: vec![], ret: Some(Return { values, line: 0 }) },
                        line: 0,
                        end_line: 0,
                    })))),
            ]
        })
        .boxed()
}

fn stat(kind: StatKind) -> Stat {
    Stat::new(kind, 0)
}

fn arb_attrib() -> impl Strategy<Value = Option<Attrib>> {
    prop_oneof![4 => Just(None), 1 => Just(Some(Attrib::Const)), 1 => Just(Some(Attrib::Close))]
}

/// Statements without nested blocks.
fn arb_simple_stat() -> BoxedStrategy<Stat> {
    let ex = arb_expr();
    let list = prop::collection::vec(arb_expr(), 1..3);
    prop_oneof![
        (prop::collection::vec(arb_expr(), 1..3), list.clone())
            .prop_map(|(targets, values)| stat(StatKind::Assign { targets, values })),
        ex.clone().prop_map(|x| stat(StatKind::Call(x))),
        (
            prop::collection::vec((arb_name(), arb_attrib()), 1..3),
            prop::collection::vec(arb_expr(), 0..3)
        )
            .prop_map(|(vars, values)| stat(StatKind::Local {
                vars: vars
                    .into_iter()
                    .map(|(name, attrib)| LocalVar { name, attrib })
                    .collect(),
                values,
            })),
        Just(stat(StatKind::Break)),
    ]
    .boxed()
}

fn arb_block() -> BoxedStrategy<Block> {
    let leaf = (
        prop::collection::vec(arb_simple_stat(), 0..3),
        prop::option::of(prop::collection::vec(arb_expr(), 0..2)),
    )
        .prop_map(|(stats, ret)| Block {
            stats,
            ret: ret.map(|values| Return { values, line: 0 }),
        });
    leaf.prop_recursive(3, 12, 3, |inner| {
        let nested = prop_oneof![
            inner.clone().prop_map(|b| stat(StatKind::Do(b))),
            (arb_expr(), inner.clone())
                .prop_map(|(cond, body)| stat(StatKind::While { cond, body })),
            (inner.clone(), arb_expr())
                .prop_map(|(body, cond)| stat(StatKind::Repeat { body, cond })),
            (
                prop::collection::vec((arb_expr(), inner.clone()), 1..3),
                prop::option::of(inner.clone())
            )
                .prop_map(|(clauses, else_block)| stat(StatKind::If {
                    clauses,
                    else_block
                })),
            (
                arb_name(),
                arb_expr(),
                arb_expr(),
                prop::option::of(arb_expr()),
                inner.clone()
            )
                .prop_map(|(var, start, limit, step, body)| stat(
                    StatKind::NumericFor {
                        var,
                        start,
                        limit,
                        step,
                        body,
                        do_line: 0,
                    }
                )),
            (
                prop::collection::vec(arb_name(), 1..3),
                prop::collection::vec(arb_expr(), 1..3),
                inner.clone()
            )
                .prop_map(|(vars, exprs, body)| stat(StatKind::GenericFor {
                    vars,
                    exprs,
                    body,
                    call_line: 0,
                    do_line: 0,
                })),
            (
                prop::collection::vec(arb_name(), 1..3),
                prop::option::of(arb_name()),
                prop::collection::vec(arb_name(), 0..3),
                any::<bool>(),
                inner.clone()
            )
                .prop_map(|(path, method, params, is_vararg, block)| stat(
                    StatKind::Function {
                        name: FuncName { path, method },
                        body: Box::new(FuncBody {
                            params,
                            is_vararg,
                            block,
                            line: 0,
                            end_line: 0
                        }),
                    }
                )),
            (
                arb_name(),
                prop::collection::vec(arb_name(), 0..3),
                any::<bool>(),
                inner.clone()
            )
                .prop_map(|(name, params, is_vararg, block)| stat(
                    StatKind::LocalFunction {
                        name,
                        body: Box::new(FuncBody {
                            params,
                            is_vararg,
                            block,
                            line: 0,
                            end_line: 0
                        }),
                    }
                )),
        ];
        (
            prop::collection::vec(prop_oneof![arb_simple_stat(), nested], 0..4),
            prop::option::of(prop::collection::vec(arb_expr(), 0..2)),
        )
            .prop_map(|(stats, ret)| Block {
                stats,
                ret: ret.map(|values| Return { values, line: 0 }),
            })
    })
    .boxed()
}

/// Makes a freely generated tree one that the parser produces.
struct Fixup {
    counter: usize,
}

impl Fixup {
    fn fresh(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}_{}", self.counter)
    }

    fn block(&mut self, b: &mut Block, vararg: bool, in_loop: bool) {
        let mut stats = Vec::new();
        for mut s in std::mem::take(&mut b.stats) {
            match &mut s.kind {
                StatKind::Break if !in_loop => continue,
                StatKind::Do(body) => {
                    self.block(body, vararg, in_loop);
                    // A forward goto to a label that ends the block is always allowed.
                    if !body.stats.is_empty() && body.ret.is_none() {
                        let l = self.fresh("l");
                        body.stats.insert(0, stat(StatKind::Goto(l.clone())));
                        body.stats.push(stat(StatKind::Label(l)));
                    }
                }
                StatKind::While { cond, body } => {
                    self.expr(cond, vararg);
                    self.block(body, vararg, true);
                    // A backward goto to a label at the start of its block is allowed too.
                    if body.ret.is_none() {
                        let l = self.fresh("l");
                        body.stats.insert(0, stat(StatKind::Label(l.clone())));
                        body.stats.push(stat(StatKind::Goto(l)));
                    }
                }
                _ => self.stat(&mut s, vararg, in_loop),
            }
            stats.push(s);
        }
        b.stats = stats;
        if let Some(r) = &mut b.ret {
            r.values.iter_mut().for_each(|e| self.expr(e, vararg));
        }
    }

    fn stat(&mut self, s: &mut Stat, vararg: bool, in_loop: bool) {
        match &mut s.kind {
            StatKind::Assign { targets, values } => {
                for t in targets.iter_mut() {
                    self.expr(t, vararg);
                    if !matches!(t.kind, ExprKind::Name(_) | ExprKind::Index { .. }) {
                        *t = e(ExprKind::Name("x".into()));
                    }
                }
                values.iter_mut().for_each(|e| self.expr(e, vararg));
            }
            StatKind::Call(x) => {
                self.expr(x, vararg);
                if !matches!(x.kind, ExprKind::Call { .. } | ExprKind::Method { .. }) {
                    let f = std::mem::replace(x, e(ExprKind::Nil));
                    *x = e(ExprKind::Call {
                        func: Box::new(self.prefix(f)),
                        args: vec![],
                        close_line: 0,
                    });
                }
            }
            StatKind::Repeat { body, cond } => {
                self.block(body, vararg, true);
                self.expr(cond, vararg);
            }
            StatKind::If {
                clauses,
                else_block,
            } => {
                for (c, b) in clauses {
                    self.expr(c, vararg);
                    self.block(b, vararg, in_loop);
                }
                if let Some(b) = else_block {
                    self.block(b, vararg, in_loop);
                }
            }
            StatKind::NumericFor {
                start,
                limit,
                step,
                body,
                ..
            } => {
                self.expr(start, vararg);
                self.expr(limit, vararg);
                if let Some(s) = step {
                    self.expr(s, vararg);
                }
                self.block(body, vararg, true);
            }
            StatKind::GenericFor { exprs, body, .. } => {
                exprs.iter_mut().for_each(|e| self.expr(e, vararg));
                self.block(body, vararg, true);
            }
            StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
                self.func(body)
            }
            StatKind::Local { vars, values } => {
                let mut has_close = false;
                for v in vars.iter_mut() {
                    if v.attrib == Some(Attrib::Close) {
                        if has_close {
                            v.attrib = None;
                        }
                        has_close = true;
                    }
                    if v.attrib.is_some() {
                        v.name = self.fresh("k");
                    }
                }
                values.iter_mut().for_each(|e| self.expr(e, vararg));
            }
            StatKind::Do(_)
            | StatKind::While { .. }
            | StatKind::Label(_)
            | StatKind::Goto(_)
            | StatKind::Break => {}
        }
    }

    fn func(&mut self, f: &mut FuncBody) {
        self.block(&mut f.block, f.is_vararg, false);
    }

    /// The object of an index or call: `...` needs its parentheses kept.
    fn prefix(&mut self, x: Expr) -> Expr {
        if matches!(x.kind, ExprKind::Vararg) {
            e(ExprKind::Paren(Box::new(x)))
        } else {
            x
        }
    }

    fn expr(&mut self, x: &mut Expr, vararg: bool) {
        match &mut x.kind {
            ExprKind::Vararg if !vararg => x.kind = ExprKind::Nil,
            ExprKind::Function(body) => self.func(body),
            ExprKind::Table(table) => {
                for f in &mut table.fields {
                    match f {
                        Field::Positional(v) => self.expr(v, vararg),
                        Field::Keyed { key, value } => {
                            self.expr(key, vararg);
                            self.expr(value, vararg);
                        }
                    }
                }
            }
            ExprKind::Binary { lhs, rhs, .. } => {
                self.expr(lhs, vararg);
                self.expr(rhs, vararg);
            }
            ExprKind::Unary { operand, .. } => self.expr(operand, vararg),
            ExprKind::Index { object, key } => {
                self.expr(object, vararg);
                self.expr(key, vararg);
                let o = std::mem::replace(&mut **object, e(ExprKind::Nil));
                **object = self.prefix(o);
            }
            ExprKind::Call {
                func: object, args, ..
            }
            | ExprKind::Method { object, args, .. } => {
                self.expr(object, vararg);
                args.iter_mut().for_each(|a| self.expr(a, vararg));
                let o = std::mem::replace(&mut **object, e(ExprKind::Nil));
                **object = self.prefix(o);
            }
            ExprKind::Paren(inner) => {
                self.expr(inner, vararg);
                // Parentheses survive only around calls and `...`, and never doubled.
                let i = std::mem::replace(&mut **inner, e(ExprKind::Nil));
                *x = if i.is_multi() {
                    e(ExprKind::Paren(Box::new(i)))
                } else {
                    i
                };
            }
            _ => {}
        }
    }
}

fn arb_chunk() -> impl Strategy<Value = Chunk> {
    arb_block().prop_map(|mut block| {
        Fixup { counter: 0 }.block(&mut block, true, false);
        Chunk { block }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn print_then_parse_gives_the_same_tree(chunk in arb_chunk()) {
        let printed = print(&chunk);
        prop_assert!(printed.is_ascii());
        let mut back = match parse(printed.as_bytes(), "=printed") {
            Ok(c) => c,
            Err(err) => return Err(TestCaseError::fail(format!("{}\n{printed}", err.message))),
        };
        let reprinted = print(&back);
        clear_lines(&mut back);
        prop_assert!(back == chunk, "tree changed:\n{}", printed);
        prop_assert_eq!(printed, reprinted);
    }
}
