//! Metatables: classes of objects with every event, `__index`/`__newindex` tables,
//! functions and chains, methods, and the operations that trigger them.
//!
//! Metamethods print what they receive (`math.type` of numbers, `type` of the rest), so
//! an engine that passes `1` where Lua passes `1.0` (LTI/GTI with a float immediate),
//! swaps operands, or skips a metamethod shows it in the output.

use lua_syntax::ast::{BinOp, Expr, Stat, UnOp};

use super::Gen;
use crate::build::*;
use crate::config::Feature;
use crate::determinism;
use crate::types::{Class, Event, Sig, Ty};

/// Keys read and written through `__index`/`__newindex` (never raw fields or methods).
const MISSING_KEYS: [&str; 4] = ["zz", "missing", "w", "q9"];

impl Gen<'_, '_> {
    /// Defines a class (a metatable with events, methods reached through `__index`, and
    /// maybe a parent class), creates one or two objects and exercises a few events.
    pub(crate) fn class_gadget(&mut self, out: &mut Vec<Stat>) {
        if self.room() < 30
            || !self.may_declare()
            || self.block_depth + 1 >= self.cfg.max_block_depth
        {
            return;
        }
        let cname = self.fresh("C");
        let yields = self.f().yieldable && self.c.chance(50);
        // Raw fields of every object.
        let mut fields = Vec::new();
        for k in 0..self.c.range(1, 3) {
            let t = match self.scalar_ty() {
                Ty::Nil | Ty::Bool => Ty::Int,
                t => t,
            };
            fields.push((["x", "y", "label"][k as usize].to_string(), t));
        }
        // The events, each with the type of its result.
        let mut events = Vec::new();
        let arith_ty = if self.has(Feature::Floats) && self.c.chance(30) {
            Ty::Float
        } else {
            Ty::Int
        };
        for e in Event::ALL {
            let p = match e {
                Event::Lt | Event::Le | Event::Eq | Event::Add | Event::ToString => 55,
                Event::Close
                | Event::Call
                | Event::Len
                | Event::Concat
                | Event::Sub
                | Event::Unm => 35,
                _ => 20,
            };
            if self.c.chance(p) {
                let t = match e {
                    Event::Lt | Event::Le | Event::Eq => Ty::Bool,
                    Event::Concat | Event::ToString => Ty::Str,
                    Event::Len => Ty::Int,
                    Event::Close => Ty::Nil,
                    Event::Call => self.random_sig(),
                    _ => arith_ty,
                };
                events.push((e, t));
            }
        }
        // How keys that are not raw fields are found.
        let index_kind = self.c.weighted(&[35, 25, 20, 20]);
        let fallback = match index_kind {
            2 | 3 => match self.scalar_ty() {
                Ty::Nil => Ty::Int,
                t => t,
            },
            _ => Ty::Nil,
        };
        let newindex = fallback != Ty::Nil && self.c.chance(50);
        let call_sig = events
            .iter()
            .find(|(e, _)| *e == Event::Call)
            .map(|(_, t)| *t);
        let class = Class {
            mt_name: cname.clone(),
            fields: fields.clone(),
            methods: Vec::new(),
            fallback,
            events: events.clone(),
            newindex,
            call_sig: call_sig.and_then(|t| if let Ty::Func(s) = t { Some(s) } else { None }),
            mm_cost: 4,
            yields,
        };
        let cty = self.types.class(class);
        let Ty::Obj(cid) = cty else {
            unreachable!("class() returns an object type")
        };

        let mut stats = Vec::new();
        stats.push(local1(&cname, table(vec![])));
        // The class that holds the methods: the class itself, or a parent reached
        // through a second `__index` level.
        let parent = if index_kind == 1 || index_kind == 3 {
            Some(self.fresh("P"))
        } else {
            None
        };
        if let Some(p) = &parent {
            stats.insert(0, local1(p, table(vec![])));
            stats.push(assign1(field(name(p), "__index"), name(p)));
            stats.push(call_stat(gcall(
                "setmetatable",
                vec![name(&cname), name(p)],
            )));
        }
        match index_kind {
            2 => {
                let f = self.index_function(fallback);
                stats.push(assign1(field(name(&cname), "__index"), f));
            }
            _ => stats.push(assign1(field(name(&cname), "__index"), name(&cname))),
        }
        if index_kind == 3 {
            // Chain: object -> C -> P -> function, each level found through `__index`.
            let f = self.index_function(fallback);
            let p = parent.clone().expect("kind 3 has a parent");
            stats.push(call_stat(gcall(
                "setmetatable",
                vec![name(&p), table(vec![named("__index", f)])],
            )));
        }
        if newindex {
            let f = self.newindex_function(fallback);
            stats.push(assign1(field(name(&cname), "__newindex"), f));
        }
        for (e, t) in &events {
            let f = self.metamethod(cty, *e, *t);
            stats.push(assign1(field(name(&cname), e.key()), f));
        }
        if let Some(p) = &parent
            && !events.iter().any(|(e, _)| *e == Event::Mul)
            && self.c.chance(50)
        {
            // An event on the parent only: objects of C do not have it (metamethods are
            // looked up raw in the metatable, never through `__index`).
            let f = function(
                vec![],
                false,
                block_ret(vec![], vec![string("inherited __mul")]),
            );
            stats.push(assign1(field(name(p), "__mul"), f));
        }
        if self.c.chance(30) {
            stats.push(assign1(
                field(name(&cname), "__name"),
                string(&format!("Class{cid}")),
            ));
        }
        if self.c.chance(15) {
            stats.push(assign1(
                field(name(&cname), "__metatable"),
                string("locked"),
            ));
        }
        if self.c.chance(20) {
            stats.push(assign1(field(name(&cname), "__pairs"), pairs_metamethod()));
        }
        // Methods, in the class or its parent; later methods may call earlier ones.
        if index_kind != 2 {
            let holder = if parent.is_some() && self.c.chance(60) {
                parent.clone().expect("some")
            } else {
                cname.clone()
            };
            for _ in 0..self.c.range(1, 3) {
                let sig = self.random_sig();
                let mname = self.fresh("m");
                let body = self.func_body(sig, Some(cty), &mut |_, _| Vec::new());
                stats.push(function_stat(&[&holder], Some(&mname), body));
                let Ty::Func(sid) = sig else { unreachable!() };
                std::rc::Rc::make_mut(&mut self.types.classes[cid as usize])
                    .methods
                    .push((mname, sid));
            }
        }
        self.declare(&cname, Ty::Any, false);
        if let Some(p) = &parent {
            self.declare(p, Ty::Any, false);
        }
        out.extend(stats);
        // Objects.
        for _ in 0..self.c.range(1, 2) {
            let o = self.fresh("o");
            let e = self.obj_constructor(cty);
            out.push(local1(&o, e));
            self.declare(&o, cty, true);
        }
        // Every method is called once right away: methods live one or two `__index`
        // levels up, so each call checks a lookup chain.
        let methods = self
            .types
            .class_of(cty)
            .map(|c| c.methods.clone())
            .unwrap_or_default();
        let o = self.vars.last().map(|v| v.name.clone()).unwrap_or_default();
        for (m, sid) in methods {
            let fty = Ty::Func(sid);
            let cost = self.call_cost(fty);
            if cost > self.room() {
                break;
            }
            self.spend(cost);
            let printable = self.types.sigs[sid as usize]
                .rets
                .iter()
                .all(|&r| determinism::is_printable(r, &self.types));
            let args = self.args_for(fty);
            let call = method(name(&o), &m, args);
            out.push(if printable {
                print(vec![call])
            } else {
                call_stat(call)
            });
        }
        for _ in 0..self.c.range(1, 3) {
            self.object_statement(out);
        }
        self.spend(10);
        self.count_stat(6);
    }

    /// `function(t, k) print("__index", ...) return <fallback> end`.
    fn index_function(&mut self, fallback: Ty) -> Expr {
        let sig = self.types.sig(Sig {
            params: vec![Ty::Any, Ty::Any],
            va: None,
            rets: vec![fallback],
            yields: false,
        });
        let body = self.func_body(sig, None, &mut |g, params| {
            let k = &params[1];
            let mut s = vec![print(vec![string("__index"), type_of(name(k)), name(k)])];
            if g.f().yieldable && g.c.chance(30) {
                s.push(call_stat(lcall(
                    "coroutine",
                    "yield",
                    vec![string("in __index")],
                )));
            }
            s
        });
        ex(lua_syntax::ast::ExprKind::Function(Box::new(body)))
    }

    /// `function(t, k, v) print(...) rawset(t, k, v) end`: later reads find the raw value.
    /// Sometimes a table instead, whose own `__newindex` stores into it: assignments
    /// through a `__newindex` table are not raw (manual §2.4), so the chain continues.
    fn newindex_function(&mut self, fallback: Ty) -> Expr {
        let (t, k, v) = ("t", "k", "v");
        let shown = determinism::observe(name(v), fallback, &self.types);
        let f = |tag: &str| {
            function(
                vec![t.into(), k.into(), v.into()],
                false,
                block(vec![
                    print(vec![string(tag), name(k), shown.clone()]),
                    call_stat(gcall("rawset", vec![name(t), name(k), name(v)])),
                ]),
            )
        };
        if self.c.chance(35) {
            gcall(
                "setmetatable",
                vec![table(vec![]), table(vec![named("__newindex", f("store"))])],
            )
        } else {
            f("__newindex")
        }
    }

    /// A metamethod for event `e` returning a value of type `ret`.
    fn metamethod(&mut self, cty: Ty, e: Event, ret: Ty) -> Expr {
        let yields = self.types.class_of(cty).is_some_and(|c| c.yields);
        match e {
            Event::Close => {
                return function(
                    vec!["o".into(), "e".into()],
                    false,
                    block(vec![print(vec![string("__close"), type_of(name("e"))])]),
                );
            }
            Event::ToString => {
                // Uses a raw field when there is a concatenable one.
                let fields = self
                    .types
                    .class_of(cty)
                    .map(|c| c.fields.clone())
                    .unwrap_or_default();
                let part = fields
                    .iter()
                    .find(|(_, t)| determinism::is_concatenable(*t))
                    .map(|(f, _)| field(name("o"), f))
                    .unwrap_or_else(|| string("?"));
                let prefix = string(&format!(
                    "obj{}:",
                    match cty {
                        Ty::Obj(i) => i,
                        _ => 0,
                    }
                ));
                return function(
                    vec!["o".into()],
                    false,
                    block_ret(vec![], vec![bin(BinOp::Concat, prefix, part)]),
                );
            }
            Event::Call => {
                let call_sig = self.types.class_of(cty).and_then(|c| c.call_sig);
                let Some(sid) = call_sig else {
                    return function(vec![], false, block(vec![]));
                };
                let inner = std::rc::Rc::clone(&self.types.sigs[sid as usize]);
                let mut params = vec![Ty::Any];
                params.extend(inner.params.iter().copied());
                let sig = self.types.sig(Sig {
                    params,
                    va: inner.va,
                    rets: inner.rets.clone(),
                    yields,
                });
                let body = self.func_body(sig, None, &mut |_, params| {
                    vec![print(vec![string("__call"), type_of(name(&params[0]))])]
                });
                return ex(lua_syntax::ast::ExprKind::Function(Box::new(body)));
            }
            _ => {}
        }
        let key = e.key();
        let sig = self.types.sig(Sig {
            params: vec![Ty::Any, Ty::Any],
            va: None,
            rets: vec![ret],
            yields,
        });
        let body = self.func_body(sig, None, &mut |g, params| {
            let mut s = vec![print(vec![
                string(key),
                type_of(name(&params[0])),
                type_of(name(&params[1])),
            ])];
            if yields && g.c.chance(50) {
                s.push(call_stat(lcall("coroutine", "yield", vec![string(key)])));
            }
            s
        });
        let mut f = ex(lua_syntax::ast::ExprKind::Function(Box::new(body)));
        if matches!(e, Event::Lt | Event::Le) && self.c.chance(25) {
            // A non-boolean result is converted to a boolean by the comparison.
            f = function(
                vec!["a".into(), "b".into()],
                false,
                block_ret(
                    vec![print(vec![
                        string(key),
                        type_of(name("a")),
                        type_of(name("b")),
                    ])],
                    vec![int(self.c.range(0, 1))],
                ),
            );
        }
        let cost = self.call_cost(sig);
        if let Ty::Obj(i) = cty {
            let c = std::rc::Rc::make_mut(&mut self.types.classes[i as usize]);
            c.mm_cost = c.mm_cost.max(cost);
        }
        f
    }

    /// `setmetatable({fields}, C)` for a class whose metatable is in scope.
    pub(crate) fn obj_constructor(&mut self, cty: Ty) -> Expr {
        let Some(class) = self.types.class_rc(cty).cloned() else {
            return table(vec![]);
        };
        if !self.visible_name(&class.mt_name) {
            return match self.var_of(cty) {
                Some(i) => self.var_expr(i),
                None => nil(),
            };
        }
        let fields = class
            .fields
            .iter()
            .map(|(f, t)| {
                let v = self.expr(*t);
                named(f, v)
            })
            .collect();
        self.spend(2);
        gcall("setmetatable", vec![table(fields), name(&class.mt_name)])
    }

    /// An object of class `cty`.
    pub(crate) fn obj_expr(&mut self, cty: Ty) -> Expr {
        if self.c.chance(70)
            && let Some(i) = self.var_of(cty)
        {
            return self.var_expr(i);
        }
        self.obj_constructor(cty)
    }

    /// An operation on an object in scope whose metamethod returns `ty`.
    pub(crate) fn object_op(&mut self, ty: Ty) -> Option<Expr> {
        let i = self.pick_var(|v, t| {
            t.class_of(v.ty).is_some_and(|c| {
                c.events.iter().any(|(e, r)| {
                    (e.binop().is_some() || matches!(e, Event::Unm | Event::BNot | Event::Len))
                        && r.fits(ty)
                })
            })
        })?;
        let o = self.vars[i].name.clone();
        let oty = self.vars[i].ty;
        let class = self.types.class_rc(oty).cloned()?;
        if class.mm_cost > self.room() {
            return None;
        }
        self.spend(class.mm_cost);
        let evs: Vec<Event> = class
            .events
            .iter()
            .filter(|(e, r)| {
                (e.binop().is_some() || matches!(e, Event::Unm | Event::BNot | Event::Len))
                    && r.fits(ty)
            })
            .map(|(e, _)| *e)
            .collect();
        let e = *self.c.choose(&evs);
        Some(match e {
            Event::Unm => un(UnOp::Neg, name(&o)),
            Event::BNot => un(UnOp::BNot, name(&o)),
            Event::Len => un(UnOp::Len, name(&o)),
            _ => {
                let op = e.binop().expect("binary event");
                let other = self.metamethod_operand(oty);
                if self.c.chance(60) {
                    bin(op, name(&o), other)
                } else {
                    bin(op, other, name(&o))
                }
            }
        })
    }

    /// The other operand of a metamethod-triggering operation: integer and float
    /// immediates, constants, strings, or another object of the class.
    fn metamethod_operand(&mut self, oty: Ty) -> Expr {
        match self.c.weighted(&[30, 25, 10, 10, 15, 10]) {
            0 => int(self.c.range(-2, 5)),
            1 => float(*self.c.choose(&[1.0, 0.5, -2.0, 0.0, 3.0])),
            2 => int(*self.c.choose(&[1000, -1000, 1 << 40])),
            3 => self.str_lit(),
            4 => self.obj_expr(oty),
            _ => {
                let t = self.num_ty();
                self.expr(t)
            }
        }
    }

    /// A comparison involving an object with `__lt`, `__le` or `__eq`.
    pub(crate) fn object_comparison(&mut self) -> Option<Expr> {
        let i = self.pick_var(|v, t| {
            t.class_of(v.ty).is_some_and(|c| {
                c.events
                    .iter()
                    .any(|(e, _)| matches!(e, Event::Lt | Event::Le | Event::Eq))
            })
        })?;
        let o = self.vars[i].name.clone();
        let oty = self.vars[i].ty;
        let class = self.types.class_rc(oty).cloned()?;
        if class.mm_cost > self.room() {
            return None;
        }
        self.spend(class.mm_cost);
        let has = |e| class.event(e).is_some();
        let mut ops = Vec::new();
        if has(Event::Lt) {
            ops.extend([BinOp::Lt, BinOp::Gt]);
            // Without `__le`, `a <= b` is `not (b < a)` (LUA_COMPAT_LT_LE, on in 5.4.9).
            ops.extend([BinOp::Le, BinOp::Ge]);
        }
        if has(Event::Le) {
            ops.extend([BinOp::Le, BinOp::Ge]);
        }
        if has(Event::Eq) {
            ops.extend([BinOp::Eq, BinOp::Ne]);
        }
        let op = *self.c.choose(&ops);
        let other = if matches!(op, BinOp::Eq | BinOp::Ne) {
            // `__eq` runs only for two tables that are not the same object.
            self.obj_constructor(oty)
        } else if has(Event::Lt) || matches!(op, BinOp::Le | BinOp::Ge) && has(Event::Le) {
            match self.c.pick(4) {
                0 => int(self.c.range(-2, 3)),
                1 => float(*self.c.choose(&[1.0, 2.5, -0.0, 1e300])),
                2 => int(*self.c.choose(&[300, -200])),
                _ => self.obj_expr(oty),
            }
        } else {
            self.obj_expr(oty)
        };
        Some(if self.c.chance(50) {
            bin(op, name(&o), other)
        } else {
            bin(op, other, name(&o))
        })
    }

    /// Reads from objects producing `ty`: raw fields, keys answered by `__index`, method
    /// calls, `__call`.
    pub(crate) fn object_read(&mut self, ty: Ty) -> Option<Expr> {
        let i = self.pick_var(|v, t| {
            t.class_of(v.ty).is_some_and(|c| {
                c.fields.iter().any(|(_, ft)| ft.fits(ty))
                    || (c.fallback != Ty::Nil && c.fallback.fits(ty))
                    || c.methods
                        .iter()
                        .any(|(_, s)| t.sigs[*s as usize].rets.first().is_some_and(|r| r.fits(ty)))
                    || c.call_sig.is_some_and(|s| {
                        t.sigs[s as usize].rets.first().is_some_and(|r| r.fits(ty))
                    })
            })
        });
        let i = i?;
        let o = self.vars[i].name.clone();
        let class = self.types.class_rc(self.vars[i].ty).cloned()?;
        let mut options: Vec<Expr> = Vec::new();
        for (f, ft) in &class.fields {
            if ft.fits(ty) {
                options.push(field(name(&o), f));
            }
        }
        if class.fallback != Ty::Nil && class.fallback.fits(ty) && class.mm_cost <= self.room() {
            let k = *self.c.choose(&MISSING_KEYS);
            options.push(field(name(&o), k));
            // Numeric keys: `__index` receives the key as written (a float stays a float).
            options.push(index(name(&o), float(2.0)));
            options.push(index(name(&o), int(7)));
        }
        let room = self.room();
        for (m, sid) in &class.methods {
            let s = std::rc::Rc::clone(&self.types.sigs[*sid as usize]);
            if s.rets.first().is_some_and(|r| r.fits(ty)) && self.call_cost(Ty::Func(*sid)) <= room
            {
                let args = self.args_for(Ty::Func(*sid));
                let c = method(name(&o), m, args);
                options.push(if s.rets.len() == 1 { c } else { paren(c) });
            }
        }
        if let Some(sid) = class.call_sig {
            let s = std::rc::Rc::clone(&self.types.sigs[sid as usize]);
            if s.rets.first().is_some_and(|r| r.fits(ty)) && class.mm_cost <= room {
                let args = self.args_for(Ty::Func(sid));
                let c = call(name(&o), args);
                options.push(if s.rets.len() == 1 { c } else { paren(c) });
            }
        }
        if options.is_empty() {
            return None;
        }
        self.spend(class.mm_cost);
        let k = self.c.pick(options.len());
        Some(options.swap_remove(k))
    }

    /// A statement using an object: field writes, `__newindex`, method calls, tostring,
    /// `getmetatable`, `pairs` through `__pairs`.
    pub(crate) fn object_statement(&mut self, out: &mut Vec<Stat>) {
        let Some(i) = self.pick_var(|v, t| t.class_of(v.ty).is_some()) else {
            return;
        };
        let o = self.vars[i].name.clone();
        let oty = self.vars[i].ty;
        let class = self.types.class_rc(oty).cloned().expect("a class");
        if class.mm_cost * 2 > self.room() {
            return;
        }
        self.spend(class.mm_cost * 2);
        if !class.methods.is_empty() && self.c.chance(25) {
            // A method found through the `__index` chain (maybe two levels up).
            let (m, sid) = self.c.choose(&class.methods).clone();
            let fty = Ty::Func(sid);
            let cost = self.call_cost(fty);
            if cost <= self.room() {
                self.spend(cost);
                let rets = self.types.sigs[sid as usize].rets.clone();
                let args = self.args_for(fty);
                let call = method(name(&o), &m, args);
                if rets
                    .iter()
                    .all(|&r| determinism::is_printable(r, &self.types))
                {
                    out.push(print(vec![call]));
                } else {
                    out.push(call_stat(call));
                }
                self.count_stat(1);
                return;
            }
        }
        if class.fallback != Ty::Nil && self.c.chance(30) {
            // Keys no table in the chain has: answered by the `__index` function at its end.
            let k = self.c.pick_str(&MISSING_KEYS);
            let read = determinism::observe(field(name(&o), k), class.fallback, &self.types);
            out.push(print(vec![read, index(name(&o), float(3.0))]));
            self.count_stat(1);
            return;
        }
        match self.c.pick(9) {
            0 => {
                let (f, ft) = self.c.choose(&class.fields).clone();
                let v = self.expr(ft);
                out.push(assign1(field(name(&o), &f), v));
            }
            1 if class.newindex => {
                let k = *self.c.choose(&MISSING_KEYS);
                let v = self.expr(class.fallback);
                out.push(assign1(field(name(&o), k), v));
                out.push(print(vec![gcall("rawget", vec![name(&o), string(k)])]));
            }
            2 if class.event(Event::ToString).is_some() => {
                out.push(print(vec![name(&o), gcall("tostring", vec![name(&o)])]));
            }
            3 => {
                let mt = if self.visible_name(&class.mt_name) {
                    name(&class.mt_name)
                } else {
                    nil()
                };
                out.push(print(vec![
                    determinism::observe(
                        gcall("getmetatable", vec![name(&o)]),
                        Ty::Any,
                        &self.types,
                    ),
                    bin(BinOp::Eq, gcall("getmetatable", vec![name(&o)]), mt),
                    gcall("rawlen", vec![name(&o)]),
                ]));
            }
            4 => {
                let e = self
                    .object_op(Ty::Int)
                    .or_else(|| self.object_comparison())
                    .unwrap_or_else(nil);
                out.push(print(vec![e]));
            }
            5 => {
                let t = self.printable_ty();
                if let Some(e) = self.object_read(t) {
                    out.push(print(vec![e]));
                }
            }
            6 => {
                // `pairs` honours `__pairs`; without it, the raw fields are counted.
                let (k, v) = (self.fresh("k"), self.fresh("v"));
                let acc = self.fresh("n");
                out.push(local1(&acc, int(0)));
                out.push(generic_for(
                    &[&k, &v],
                    vec![gcall("pairs", vec![name(&o)])],
                    block(vec![assign1(
                        name(&acc),
                        bin(BinOp::Add, name(&acc), int(1)),
                    )]),
                ));
                out.push(print(vec![name(&acc)]));
            }
            7 => {
                let e = self.object_comparison().unwrap_or_else(|| boolean(false));
                out.push(print(vec![e]));
            }
            _ => {
                // An event the class does not define: the operation raises, even if a
                // table up the `__index` chain has that key (metamethods are raw fields
                // of the metatable).
                let missing: Vec<Event> = [
                    Event::Mul,
                    Event::Add,
                    Event::Lt,
                    Event::Len,
                    Event::Concat,
                    Event::Unm,
                ]
                .into_iter()
                .filter(|e| class.event(*e).is_none())
                .collect();
                let Some(&e) = missing.first() else { return };
                let op = match e {
                    Event::Lt => bin(BinOp::Lt, name(&o), int(1)),
                    Event::Len => un(UnOp::Len, name(&o)),
                    Event::Unm => un(UnOp::Neg, name(&o)),
                    Event::Concat => bin(BinOp::Concat, name(&o), string("s")),
                    other => bin(other.binop().expect("binary"), name(&o), int(2)),
                };
                let f = function(vec![], false, block_ret(vec![], vec![op]));
                out.push(print(vec![gcall("pcall", vec![f])]));
            }
        }
        self.count_stat(1);
    }

    /// Whether any object in scope belongs to a class.
    pub(crate) fn has_objects(&self) -> bool {
        self.vars
            .iter()
            .any(|v| !v.hidden && matches!(v.ty, Ty::Obj(_)) && self.usable(v))
    }
}

/// `__pairs` returning a stateless iterator over three fixed pairs: deterministic order.
fn pairs_metamethod() -> Expr {
    let iter = function(
        vec!["_".into(), "i".into()],
        false,
        block(vec![if_then(
            bin(BinOp::Lt, name("i"), int(3)),
            block_ret(
                vec![],
                vec![
                    bin(BinOp::Add, name("i"), int(1)),
                    bin(BinOp::Mul, name("i"), int(10)),
                ],
            ),
            None,
        )]),
    );
    function(
        vec!["t".into()],
        false,
        block_ret(vec![], vec![iter, name("t"), int(0)]),
    )
}
