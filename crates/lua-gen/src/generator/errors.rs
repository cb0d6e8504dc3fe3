//! Errors and to-be-closed variables: operations that raise (mostly inside `pcall`, so
//! their messages are printed and compared), `error` with values of every type and
//! level, `xpcall` handlers, `assert`, and `<close>` variables closed in order on normal
//! exit, `break`, `goto`, `return` and errors.

use lua_syntax::ast::{Attrib, BinOp, Expr, Stat, UnOp};

use super::Gen;
use crate::build::*;
use crate::config::Feature;
use crate::determinism;
use crate::types::{Event, Ty};

impl Gen<'_, '_> {
    /// A statement that raises (or may raise) with a known, deterministic message, and
    /// the locals it needs. Error values are always strings, numbers, booleans or nil here.
    pub(crate) fn risky_statements(&mut self) -> Vec<Stat> {
        let nv = self.fresh("nv");
        let strings = self.has(Feature::Strings);
        let mut s = Vec::new();
        let e: Expr = match self.c.pick(26) {
            0 => {
                s.push(local(&[&nv], vec![]));
                field(name(&nv), "x")
            }
            1 => call(name("undefined_global"), vec![]),
            2 if strings => bin(BinOp::Add, string("abc"), self.expr(Ty::Int)),
            3 => bin(BinOp::Lt, self.expr(Ty::Int), string("x")),
            4 => bin(BinOp::Concat, table(vec![]), string("x")),
            5 => un(UnOp::Len, self.expr(Ty::Int)),
            6 => bin(
                *self.c.choose(&[BinOp::IDiv, BinOp::Mod]),
                self.expr(Ty::Int),
                int(0),
            ),
            7 => bin(BinOp::BOr, float(1.5), int(0)),
            8 => method(self.str_lit(), "nomethod", vec![]),
            9 => {
                let v = self.error_value();
                let lvl = *self.c.choose(&[1, 2, 0]);
                gcall(
                    "error",
                    if self.c.chance(50) {
                        vec![v]
                    } else {
                        vec![v, int(lvl)]
                    },
                )
            }
            10 => gcall("assert", vec![self.expr(Ty::Bool), self.str_lit()]),
            11 => gcall("setmetatable", vec![int(1), table(vec![])]),
            12 if strings => lcall("string", "format", vec![string("%d"), float(1.5)]),
            13 if strings => lcall("string", "char", vec![int(256)]),
            14 => gcall("select", vec![int(0), int(1)]),
            15 => {
                s.push(local(&[&nv], vec![]));
                bin(BinOp::Add, name(&nv), int(1))
            }
            16 => {
                s.push(local1(&nv, table(vec![])));
                s.push(assign1(
                    index(name(&nv), bin(BinOp::Div, float(0.0), float(0.0))),
                    int(1),
                ));
                name(&nv)
            }
            17 => lcall("math", "random", vec![int(2), int(1)]),
            18 if strings => lcall("string", "rep", vec![string("x"), float(1.5)]),
            19 => lcall("table", "insert", vec![table(vec![]), int(5), int(1)]),
            20 => lcall("table", "concat", vec![table(vec![pos(table(vec![]))])]),
            21 if strings => lcall("string", "find", vec![string("abc"), string("[a")]),
            22 if strings => lcall(
                "string",
                "gsub",
                vec![string("abc"), string("(a)"), string("%2")],
            ),
            23 => {
                s.push(numeric_for(
                    "i",
                    int(1),
                    int(2),
                    Some(int(0)),
                    block(vec![]),
                ));
                nil()
            }
            24 if strings => gcall("tonumber", vec![string("10"), int(99)]),
            25 if self.has(Feature::Coroutines) => lcall("coroutine", "yield", vec![int(1)]),
            _ => call(field(name("undefined_global"), "f"), vec![]),
        };
        // Errors inside a coroutine could be yields instead: keep `coroutine.yield` for
        // non-yieldable places, where it raises.
        let e = if self.f().yieldable && is_yield(&e) {
            call(name("undefined_global"), vec![])
        } else {
            e
        };
        if e.is_multi() {
            s.push(call_stat(e));
        } else if !matches!(e.kind, lua_syntax::ast::ExprKind::Nil) {
            s.push(local1(&self.fresh("r"), e));
        }
        s
    }

    /// A value for `error`: any printable scalar, sometimes a table.
    fn error_value(&mut self) -> Expr {
        match self.c.pick(6) {
            0 => string("boom"),
            1 => int(42),
            2 => nil(),
            3 => boolean(false),
            4 => float(2.5),
            _ => self.str_lit(),
        }
    }

    /// `print(pcall(function() <risky> end))`: the error message is printed. Also
    /// `pcall` of a C function directly (messages without position), and of a function
    /// in scope with its results.
    pub(crate) fn pcall_gadget(&mut self, out: &mut Vec<Stat>) {
        if self.room() < 10 {
            return;
        }
        match self.c.weighted(&[50, 15, 15, 20]) {
            0 => {
                let body = self.risky_statements();
                out.push(print(vec![gcall(
                    "pcall",
                    vec![function(vec![], false, block(body))],
                )]));
            }
            1 => {
                let (f, args) = match self.c.pick(4) {
                    0 => (lib("string", "rep"), vec![string("x"), float(1.5)]),
                    1 => (name("error"), vec![self.error_value()]),
                    2 => (lib("math", "floor"), vec![string("x")]),
                    _ => (name("setmetatable"), vec![int(1), nil()]),
                };
                let mut a = vec![f];
                a.extend(args);
                out.push(print(vec![gcall("pcall", a)]));
            }
            2 => {
                // Error values of every type: tables show their type only.
                let (ok, e) = (self.fresh("ok"), self.fresh("e"));
                let v = match self.c.pick(3) {
                    0 => table(vec![named("code", int(7))]),
                    1 => function(vec![], false, block(vec![])),
                    _ => gcall(
                        "setmetatable",
                        vec![
                            table(vec![]),
                            table(vec![named(
                                "__tostring",
                                function(
                                    vec![],
                                    false,
                                    block_ret(vec![], vec![string("custom error")]),
                                ),
                            )]),
                        ],
                    ),
                };
                out.push(local(
                    &[&ok, &e],
                    vec![gcall("pcall", vec![name("error"), v])],
                ));
                out.push(print(vec![name(&ok), gcall("type", vec![name(&e)])]));
            }
            _ => {
                // A function in scope under pcall: prints true and its results.
                let room = self.room();
                let Some(i) = self.pick_var(|v, t| {
                    t.sig_of(v.ty)
                        .is_some_and(|s| s.rets.iter().all(|&r| determinism::is_printable(r, t)))
                }) else {
                    return;
                };
                let fty = self.vars[i].ty;
                let cost = self.call_cost(fty);
                if cost > room {
                    return;
                }
                self.spend(cost);
                let mut a = vec![self.var_expr(i)];
                a.extend(self.args_for(fty));
                out.push(print(vec![gcall("pcall", a)]));
            }
        }
        self.spend(5);
        self.count_stat(1);
    }

    /// `xpcall` with a message handler that shows string messages and the type of others.
    pub(crate) fn xpcall_gadget(&mut self, out: &mut Vec<Stat>) {
        let body = self.risky_statements();
        let m = "m";
        let handler = function(
            vec![m.into()],
            false,
            block_ret(
                vec![],
                vec![bin(
                    BinOp::Or,
                    bin(
                        BinOp::And,
                        bin(BinOp::Eq, gcall("type", vec![name(m)]), string("string")),
                        bin(BinOp::Concat, string("handled: "), name(m)),
                    ),
                    gcall("type", vec![name(m)]),
                )],
            ),
        );
        out.push(print(vec![gcall(
            "xpcall",
            vec![function(vec![], false, block(body)), handler, int(1)],
        )]));
        self.spend(5);
        self.count_stat(1);
    }

    /// A risky statement outside `pcall` (rare: it ends the program with an error).
    pub(crate) fn unprotected_risky(&mut self, out: &mut Vec<Stat>) {
        self.unprotected_left -= 1;
        let body = self.risky_statements();
        out.push(do_block(block(body)));
        self.count_stat(1);
    }

    /// `setmetatable({}, {__close = function(o, e) print("close", tag, e) end})`.
    fn closer(&mut self, tag: &str) -> Expr {
        let handler = function(
            vec!["o".into(), "e".into()],
            false,
            block(vec![print(vec![string("close"), string(tag), name("e")])]),
        );
        gcall(
            "setmetatable",
            vec![table(vec![]), table(vec![named("__close", handler)])],
        )
    }

    /// To-be-closed variables: several in one block (closed in reverse order), in loops
    /// left by `break`, and in a function that raises or returns (closed before `pcall`
    /// returns).
    pub(crate) fn tbc_gadget(&mut self, out: &mut Vec<Stat>) {
        if self.room() < 15 || !self.may_declare() {
            return;
        }
        let n = self.c.range(1, 3);
        let mut decls = Vec::new();
        for k in 0..n {
            let v = self.fresh("c");
            let value = match self.c.weighted(&[70, 10, 20]) {
                0 => self.closer(&format!("{v}/{k}")),
                1 => {
                    if self.c.chance(50) {
                        nil()
                    } else {
                        boolean(false)
                    }
                }
                _ => match self.pick_var(|v, t| {
                    t.class_of(v.ty)
                        .is_some_and(|c| c.event(Event::Close).is_some())
                }) {
                    Some(i) => self.var_expr(i),
                    None => self.closer(&v),
                },
            };
            decls.push(local_attrib(&v, Some(Attrib::Close), value));
        }
        match self.c.pick(3) {
            0 => {
                let mut stats = decls;
                stats.push(print(vec![string("in block")]));
                out.push(do_block(block(stats)));
            }
            1 => {
                // In a loop: closed at the end of every iteration and on `break`.
                let i = self.fresh("i");
                let mut stats = decls;
                stats.push(break_if(bin(BinOp::Eq, name(&i), int(2))));
                stats.push(print(vec![string("iteration"), name(&i)]));
                out.push(numeric_for(&i, int(1), int(3), None, block(stats)));
            }
            _ => {
                // In a function: closed on error (receiving the error) or on return.
                let mut stats = decls;
                let fail = self.c.chance(50);
                let ret = if fail {
                    stats.push(call_stat(gcall("error", vec![string("tbc error")])));
                    vec![]
                } else {
                    vec![string("returned"), int(self.c.range(0, 9))]
                };
                out.push(print(vec![gcall(
                    "pcall",
                    vec![function(vec![], false, block_ret(stats, ret))],
                )]));
            }
        }
        self.spend(10);
        self.count_stat(3);
    }
}

fn is_yield(e: &Expr) -> bool {
    if let lua_syntax::ast::ExprKind::Call { func, .. } = &e.kind
        && let lua_syntax::ast::ExprKind::Index { key, .. } = &func.kind
    {
        return matches!(&key.kind, lua_syntax::ast::ExprKind::String(s) if s == b"yield");
    }
    false
}
