//! Tables: typed constructors (sequences, records, maps, mixed array and hash parts),
//! shape-preserving writes, the table library, big constructors (SETLIST batches and
//! more than 255 constants), and float keys that must normalise to integers.

use lua_syntax::ast::{BinOp, Expr, Field, Stat, UnOp};

use super::Gen;
use crate::build::*;
use crate::config::Feature;
use crate::determinism;
use crate::types::{Shape, Ty};

impl Gen<'_, '_> {
    /// A new or existing table type.
    pub(crate) fn table_ty(&mut self) -> Ty {
        if self.c.chance(40)
            && let Some(i) = self.pick_var(|v, t| t.shape(v.ty).is_some())
        {
            return self.vars[i].ty;
        }
        let shape = match self.c.weighted(&[45, 35, 20]) {
            0 => {
                let elem = match self.c.pick(6) {
                    0 if self.depth < 2 => self.table_ty(),
                    1 | 2 if self.has(Feature::Strings) => Ty::Str,
                    3 if self.has(Feature::Floats) => Ty::Float,
                    _ => Ty::Int,
                };
                Shape::Seq { elem }
            }
            1 => {
                let n = self.c.range(1, 4);
                let mut fields = Vec::new();
                for k in 0..n {
                    let t = if self.c.chance(15) && self.depth < 2 {
                        self.depth += 1;
                        let t = self.table_ty();
                        self.depth -= 1;
                        t
                    } else if self.c.chance(10) {
                        self.random_sig()
                    } else {
                        self.scalar_ty()
                    };
                    let fname =
                        ["x", "y", "name", "n", "val", "next", "k"][k as usize % 7].to_string();
                    let fname = if fields.iter().any(|(f, _)| *f == fname) {
                        format!("{fname}{k}")
                    } else {
                        fname
                    };
                    fields.push((fname, t));
                }
                Shape::Rec { fields }
            }
            _ => {
                let key = if self.has(Feature::Strings) && self.c.chance(50) {
                    Ty::Str
                } else {
                    Ty::Int
                };
                let val = match self.scalar_ty() {
                    Ty::Nil | Ty::Bool => Ty::Int,
                    t => t,
                };
                Shape::Map { key, val }
            }
        };
        self.types.table(shape)
    }

    /// A value of a table type: a variable, a constructor or a read of a nested table.
    pub(crate) fn table_expr(&mut self, ty: Ty) -> Expr {
        if self.c.chance(50)
            && let Some(i) = self.var_of(ty)
        {
            return self.var_expr(i);
        }
        self.table_constructor(ty)
    }

    /// A constructor for a table of type `ty`. Keys never repeat
    /// (see [`determinism`]'s constructor rule).
    pub(crate) fn table_constructor(&mut self, ty: Ty) -> Expr {
        let Some(shape) = self.types.shape_rc(ty).cloned() else {
            return table(vec![]);
        };
        match &*shape {
            &Shape::Seq { elem } => {
                let big = self.has(Feature::BigTables) && self.c.chance(5);
                let n = if big {
                    self.c.range(51, 120)
                } else {
                    self.c.range(0, 5)
                };
                let mut fields: Vec<Field> = Vec::new();
                for _ in 0..n {
                    let e = if big {
                        self.leaf(elem)
                    } else {
                        self.expr(elem)
                    };
                    fields.push(pos(e));
                }
                // `{...}` in a vararg function whose extra arguments have the element type.
                if self.f().va == Some(elem) && self.c.chance(30) {
                    fields.push(pos(vararg()));
                } else if let Some(last) = fields.last_mut()
                    && let Field::Positional(e) = last
                    && e.is_multi()
                {
                    *e = paren(e.clone());
                }
                self.spend(1 + n as u64 / 8);
                table(fields)
            }
            Shape::Rec { fields } => {
                let mut order: Vec<usize> = (0..fields.len()).collect();
                // Any field order: the constructor assigns each key once.
                for k in (1..order.len()).rev() {
                    let j = self.c.pick(k + 1);
                    order.swap(k, j);
                }
                let fs = order
                    .into_iter()
                    .map(|k| {
                        let (fname, ft) = fields[k].clone();
                        let v = self.expr(ft);
                        named(&fname, v)
                    })
                    .collect();
                self.spend(1);
                table(fs)
            }
            &Shape::Map { key, val } => {
                let n = self.c.range(0, 4);
                let mut fields = Vec::new();
                let mut used: Vec<Expr> = Vec::new();
                // Integer-keyed maps sometimes start with an array part.
                let npos = if key == Ty::Int {
                    self.c.range(0, 3)
                } else {
                    0
                };
                for _ in 0..npos {
                    let v = self.leaf(val);
                    fields.push(pos(v));
                }
                for _ in 0..n {
                    let k = match key {
                        Ty::Int => int(*self.c.choose(&[
                            npos + 1,
                            npos + 2,
                            10,
                            100,
                            -1,
                            0,
                            1 << 40,
                            npos + 3,
                        ])),
                        _ => self.str_lit(),
                    };
                    if used.contains(&k) {
                        continue;
                    }
                    used.push(k.clone());
                    let v = self.expr(val);
                    fields.push(keyed(k, v));
                }
                self.spend(1);
                table(fields)
            }
        }
    }

    /// A statement that reads or writes a table in scope without changing its shape:
    /// record field writes, appends and in-range writes to sequences, map writes and
    /// deletions, and the table library.
    pub(crate) fn table_statement(&mut self, out: &mut Vec<Stat>) {
        let Some(i) = self.pick_var(|v, t| t.shape(v.ty).is_some()) else {
            return self.local_statement(out);
        };
        let t = self.vars[i].name.clone();
        let shape = self
            .types
            .shape_rc(self.vars[i].ty)
            .cloned()
            .expect("a table");
        let tlib = self.has(Feature::TableLibrary);
        match &*shape {
            Shape::Rec { fields } => {
                let (f, ft) = self.c.choose(fields).clone();
                if self.types.sig_of(ft).is_some() {
                    // Function fields are never reassigned (see `Var::assignable`).
                    return self.print_statement(out);
                }
                let v = self.expr(ft);
                out.push(assign1(field(name(&t), &f), v));
            }
            &Shape::Seq { elem } => match self.c.pick(9) {
                0 => {
                    // The value first: see determinism.rs on appends.
                    let v = self.expr(elem);
                    let x = self.fresh("app");
                    out.push(do_block(block(vec![
                        local1(&x, v),
                        assign1(
                            index(name(&t), bin(BinOp::Add, un(UnOp::Len, name(&t)), int(1))),
                            name(&x),
                        ),
                    ])));
                }
                1 => {
                    // `t[1]` is in range or the next index of an empty sequence.
                    let v = self.expr(elem);
                    out.push(assign1(index(name(&t), int(1)), v));
                }
                2 if tlib => {
                    let v = self.expr(elem);
                    let args = if self.c.chance(50) {
                        vec![name(&t), v]
                    } else {
                        vec![name(&t), int(1), v]
                    };
                    out.push(call_stat(lcall("table", "insert", args)));
                }
                3 if tlib => {
                    let args = if self.c.chance(50) {
                        vec![name(&t)]
                    } else {
                        vec![name(&t), int(1)]
                    };
                    let r = lcall("table", "remove", args);
                    if determinism::is_printable(elem, &self.types) {
                        out.push(print(vec![r]));
                    } else {
                        out.push(call_stat(r));
                    }
                }
                4 if tlib && determinism::sortable(elem) => {
                    let mut args = vec![name(&t)];
                    if self.c.chance(50) {
                        args.push(determinism::sort_comparator(self.c.chance(50)));
                    }
                    out.push(call_stat(lcall("table", "sort", args)));
                    self.spend(10);
                }
                5 if tlib && determinism::is_concatenable(elem) => {
                    let sep = if self.c.chance(50) {
                        string(",")
                    } else {
                        self.str_lit()
                    };
                    out.push(print(vec![lcall("table", "concat", vec![name(&t), sep])]));
                }
                6 if tlib && self.c.chance(30) => {
                    // An overlapping move within the sequence shifts it up by one: it
                    // stays a sequence, one longer.
                    out.push(call_stat(lcall(
                        "table",
                        "move",
                        vec![name(&t), int(1), un(UnOp::Len, name(&t)), int(2)],
                    )));
                    out.push(print(vec![un(UnOp::Len, name(&t))]));
                }
                6 if tlib => {
                    // table.move within the sequence, or into a new table.
                    let dst = self.fresh("mv");
                    out.push(local1(
                        &dst,
                        lcall(
                            "table",
                            "move",
                            vec![
                                name(&t),
                                int(1),
                                un(UnOp::Len, name(&t)),
                                int(1),
                                table(vec![]),
                            ],
                        ),
                    ));
                    let first = determinism::observe(index(name(&dst), int(1)), elem, &self.types);
                    out.push(print(vec![un(UnOp::Len, name(&dst)), first]));
                }
                7 => {
                    // Pop the last element: the table stays a sequence.
                    out.push(assign1(index(name(&t), un(UnOp::Len, name(&t))), nil()));
                }
                _ => {
                    let mut args = vec![un(UnOp::Len, name(&t)), gcall("rawlen", vec![name(&t)])];
                    if determinism::is_printable(elem, &self.types) {
                        args.push(index(name(&t), int(1)));
                        args.push(index(name(&t), un(UnOp::Len, name(&t))));
                    }
                    out.push(print(args));
                }
            },
            &Shape::Map { key, val } => match self.c.pick(4) {
                0 | 1 => {
                    let k = self.map_key(key);
                    let v = if self.c.chance(20) {
                        nil()
                    } else {
                        self.expr(val)
                    };
                    let target = index(name(&t), k);
                    out.push(if self.c.chance(15) {
                        call_stat(gcall("rawset", vec![name(&t), target_key(&target), v]))
                    } else {
                        assign1(target, v)
                    });
                }
                2 => {
                    let k = self.map_key(key);
                    let read = if self.c.chance(30) {
                        gcall("rawget", vec![name(&t), k])
                    } else {
                        index(name(&t), k)
                    };
                    let obs = if determinism::is_printable(val, &self.types) {
                        read
                    } else {
                        gcall("type", vec![read])
                    };
                    out.push(print(vec![obs]));
                }
                _ => self.pairs_loop(out, &t, key, val),
            },
        }
        self.spend(2);
        self.count_stat(1);
    }

    /// A key for a map with keys of type `key`: integer keys are sometimes written as
    /// floats with integral values, which Lua converts to the same integer keys.
    fn map_key(&mut self, key: Ty) -> Expr {
        if key == Ty::Int && self.has(Feature::Floats) && self.c.chance(20) {
            float(self.c.range(-2, 12) as f64)
        } else {
            self.expr(key)
        }
    }

    /// `for k, v in pairs(t)` folding the pairs into an accumulator in a way that does
    /// not depend on the traversal order ([`determinism::PairsReduction`]).
    pub(crate) fn pairs_loop(&mut self, out: &mut Vec<Stat>, t: &str, key: Ty, val: Ty) {
        let reductions = determinism::PairsReduction::possible(key, val);
        let red = *self.c.choose(&reductions);
        let acc = self.fresh("acc");
        let (k, v) = (self.fresh("k"), self.fresh("v"));
        out.push(local1(&acc, int(0)));
        let iter = if self.c.chance(20) {
            vec![name("next"), name(t)]
        } else {
            vec![gcall("pairs", vec![name(t)])]
        };
        out.push(generic_for(
            &[&k, &v],
            iter,
            block(vec![red.update(&acc, &k, &v)]),
        ));
        out.push(print(vec![name(&acc)]));
        self.spend(20);
    }

    /// `ipairs` over a sequence, with a general body.
    pub(crate) fn ipairs_loop(&mut self, out: &mut Vec<Stat>) {
        let Some(i) = self.pick_var(|v, t| matches!(t.shape(v.ty), Some(Shape::Seq { .. }))) else {
            return self.numeric_for(out);
        };
        let t = self.vars[i].name.clone();
        let Some(&Shape::Seq { elem }) = self.types.shape(self.vars[i].ty) else {
            return;
        };
        let (k, v) = (self.fresh("i"), self.fresh("v"));
        // Sequences stay short (appends are bounded by the statement budget).
        let trips = 6;
        if self.room() < trips * 3 {
            return;
        }
        self.push_scope();
        self.declare(&k, Ty::Int, false);
        self.declare(&v, elem, true);
        let mut body = self.in_loop(trips, |g| g.nested_block(3));
        self.pop_scope();
        // The body may append to the sequence it walks (directly or through an alias):
        // the walk stops after a few elements whatever happens.
        body.stats
            .insert(0, break_if(bin(BinOp::Gt, name(&k), int(trips as i64))));
        out.push(generic_for(
            &[&k, &v],
            vec![gcall("ipairs", vec![name(&t)])],
            body,
        ));
        self.spend(trips);
        self.count_stat(1);
    }

    /// SETLIST: constructors with more than 50 positional items (several batches), a
    /// multi-result call or `...` last, or `table.unpack` of a sequence; prints what landed
    /// where, including the first index past the end.
    pub(crate) fn setlist_gadget(&mut self, out: &mut Vec<Stat>) {
        if self.room() < 15 {
            return;
        }
        let t = self.fresh("sl");
        let n = *self.c.choose(&[0, 1, 3, 49, 50, 51, 99, 100, 101]);
        let mut fields: Vec<Field> = (0..n).map(|k| pos(int(k + 1))).collect();
        let tail_count = self.c.range(0, 3);
        match self.c.pick(3) {
            0 => {
                let vals = (0..tail_count).map(|k| pos(int(1000 + k))).collect();
                fields.push(pos(lcall("table", "unpack", vec![table(vals)])));
            }
            1 => {
                let vals = (0..tail_count)
                    .map(|k| string(&format!("s{k}")))
                    .collect::<Vec<_>>();
                fields.push(pos(call(
                    function(vec![], false, block_ret(vec![], vals)),
                    vec![],
                )));
            }
            _ => {
                if self.c.chance(50) {
                    fields.push(keyed(string("n"), int(n)));
                }
            }
        }
        out.push(local1(&t, table(fields)));
        let last = n + tail_count;
        out.push(print(vec![
            un(UnOp::Len, name(&t)),
            index(name(&t), int(n.max(1))),
            index(name(&t), int(last)),
            index(name(&t), int(last + 1)),
        ]));
        self.spend(5 + n as u64 / 10);
        self.count_stat(2);
    }

    /// A table with more than 255 distinct string keys: the function's constant list
    /// overflows what instruction operands can address directly.
    pub(crate) fn many_constants_gadget(&mut self, out: &mut Vec<Stat>) {
        if self.room() < 40 {
            return;
        }
        let t = self.fresh("kt");
        let n = self.c.range(256, 300);
        let fields = (0..n)
            .map(|k| named(&format!("c{k}"), int(k * 3)))
            .collect();
        out.push(local1(&t, table(fields)));
        let probes: Vec<Expr> = (0..3)
            .map(|_| {
                let k = self.c.range(0, n + 5);
                field(name(&t), &format!("c{k}"))
            })
            .collect();
        out.push(print(probes));
        // Arithmetic and comparisons after the 256th constant need their constants in
        // registers (no K operand can address them).
        let x = self.fresh("kx");
        out.push(local1(&x, int(self.c.range(-5, 5))));
        out.push(print(vec![
            bin(BinOp::Add, name(&x), float(0.25)),
            bin(BinOp::Mul, name(&x), int(1 << 20)),
            bin(BinOp::Eq, name(&x), string("c1")),
            bin(BinOp::Concat, string("k"), name(&x)),
        ]));
        self.spend(40);
        self.count_stat(3);
    }

    /// Float keys with integral values are normalised to integer keys (manual §3.4.9 and
    /// §2.1); `-0.0` is the key `0`. Single-key tables make `next` deterministic.
    pub(crate) fn float_keys_gadget(&mut self, out: &mut Vec<Stat>) {
        let t = self.fresh("fk");
        out.push(local1(&t, table(vec![])));
        let keys: [(Expr, Expr); 5] = [
            (
                bin(BinOp::Pow, int(2), int(53)),
                bin(BinOp::Shl, int(1), int(53)),
            ),
            (float(3.0), int(3)),
            (float(-0.0), int(0)),
            (float(1.0), int(1)),
            (float(9223372036854775808.0), float(9223372036854775808.0)),
        ];
        let picks: Vec<usize> = (0..3).map(|_| self.c.pick(keys.len())).collect();
        for (n, &k) in picks.iter().enumerate() {
            out.push(assign1(
                index(name(&t), keys[k].0.clone()),
                string(&format!("v{n}")),
            ));
        }
        // Read back with the integer form and with the float form of each key.
        let reads: Vec<Expr> = picks
            .iter()
            .flat_map(|&k| {
                [
                    index(name(&t), keys[k].1.clone()),
                    index(name(&t), keys[k].0.clone()),
                ]
            })
            .collect();
        out.push(print(reads));
        let single = self.fresh("one");
        let (key, _) = keys[self.c.pick(keys.len())].clone();
        out.push(local1(&single, table(vec![keyed(key, boolean(true))])));
        out.push(print(vec![
            lcall("math", "type", vec![gcall("next", vec![name(&single)])]),
            gcall("next", vec![name(&single)]),
        ]));
        out.push(print(vec![
            gcall("rawget", vec![name(&t), int(3)]),
            gcall(
                "rawlen",
                vec![table(vec![
                    keyed(float(1.0), int(1)),
                    keyed(float(2.0), int(2)),
                ])],
            ),
        ]));
        self.spend(20);
        self.count_stat(5);
    }
}

/// The key of an `Index` expression.
fn target_key(e: &Expr) -> Expr {
    match &e.kind {
        lua_syntax::ast::ExprKind::Index { key, .. } => (**key).clone(),
        _ => nil(),
    }
}
