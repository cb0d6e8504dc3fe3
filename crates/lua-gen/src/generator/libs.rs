//! Library calls that need care to be valid: `string.format` specifications, Lua
//! patterns (with `%f`, `%b`, anchors, captures, position captures), `string.pack`
//! formats, the utf8 library, `load` of small chunks, and number formatting.

use lua_syntax::ast::{BinOp, Expr, Stat, UnOp};

use super::Gen;
use crate::build::*;
use crate::config::Feature;
use crate::determinism;
use crate::types::Ty;

/// Chunks for `load`: valid ones, and ones with syntax errors whose messages every
/// engine must reproduce exactly.
const CHUNKS: [&str; 16] = [
    "return 1 + 1",
    "local a, b = ... return b, a",
    "return ...",
    "x =",
    "return 2^53, 1 // 0.0",
    "return 'a' .. 1 .. 2.0",
    "for i = 1, 2 do end return 5",
    "goto nolabel",
    "break",
    "local x <const> = 1; x = 2",
    "return 0x",
    "return \"unfinished",
    "local t = {1, 2, 3} return #t, t[2]",
    "return type(function() end), select('#', ...)",
    "::a:: ::a::",
    "return 1 .. 2",
];

impl Gen<'_, '_> {
    /// A string-valued call of the string library (or utf8 library).
    pub(crate) fn string_library(&mut self) -> Expr {
        if !self.has(Feature::StringLibrary) {
            return self.str_lit();
        }
        match self.c.pick(16) {
            0 => {
                let s = self.expr(Ty::Str);
                let n = int(self.c.range(0, 3));
                if self.c.chance(30) {
                    let sep = self.str_lit();
                    lcall("string", "rep", vec![s, n, sep])
                } else {
                    method(s, "rep", vec![n])
                }
            }
            1 | 2 | 14 | 15 => {
                let s = self.expr(Ty::Str);
                let i = self.str_index();
                if self.c.chance(40) {
                    method(s, "sub", vec![i])
                } else {
                    let j = self.str_index();
                    lcall("string", "sub", vec![s, i, j])
                }
            }
            3 => {
                let f = self.c.pick_str(&["upper", "lower", "reverse"]);
                let s = self.expr(Ty::Str);
                if self.c.chance(50) {
                    method(s, f, vec![])
                } else {
                    lcall("string", f, vec![s])
                }
            }
            4 => {
                let n = self.c.range(0, 4);
                let args = (0..n)
                    .map(|_| {
                        if self.c.chance(60) {
                            int(self.c.range(32, 126))
                        } else {
                            bin(BinOp::BAnd, self.expr(Ty::Int), int(255))
                        }
                    })
                    .collect();
                lcall("string", "char", args)
            }
            5 | 6 => self.format_call(),
            7 => {
                let s = self.expr(Ty::Str);
                let (p, _) = self.pattern(false);
                let r = self.replacement();
                let mut args = vec![s, string(&p), r];
                if self.c.chance(30) {
                    args.push(int(self.c.range(0, 2)));
                }
                paren(lcall("string", "gsub", args))
            }
            8 => {
                let s = self.expr(Ty::Str);
                let (p, _) = self.pattern(false);
                bin(
                    BinOp::Or,
                    lcall("string", "match", vec![s, string(&p)]),
                    string("none"),
                )
            }
            9 if self.has(Feature::Utf8Library) => {
                let n = self.c.range(1, 3);
                let args = (0..n)
                    .map(|_| {
                        int(*self
                            .c
                            .choose(&[72, 233, 8364, 0x10FFFF, 0, 127, 128, 2047, 2048, 65535]))
                    })
                    .collect();
                lcall("utf8", "char", args)
            }
            10 if self.has(Feature::Utf8Library) => lib("utf8", "charpattern"),
            11 if self.has(Feature::TableLibrary) => {
                let n = self.c.range(0, 4);
                let items = (0..n).map(|_| pos(self.concatenable())).collect();
                let sep = self.str_lit();
                lcall("table", "concat", vec![table(items), sep])
            }
            12 => {
                let (fmt, args) = self.pack_format();
                let mut a = vec![string(&fmt)];
                a.extend(args);
                lcall("string", "pack", a)
            }
            _ => {
                let t = self.scalar_ty();
                let e = self.expr(t);
                lcall("string", "format", vec![string("%q"), e])
            }
        }
    }

    /// `string.format` with a valid specification for each argument.
    pub(crate) fn format_call(&mut self) -> Expr {
        let n = self.c.range(1, 3);
        let mut fmt = String::new();
        let mut args = Vec::new();
        for _ in 0..n {
            if self.c.chance(50) {
                fmt.push_str(self.c.pick_str(&["", " ", "|", "x=", "%%", "\n"]));
            }
            let (spec, arg) = self.format_item();
            fmt.push_str(&spec);
            args.push(arg);
        }
        let mut a = vec![string(&fmt)];
        a.extend(args);
        lcall("string", "format", a)
    }

    /// One conversion specification and its argument.
    fn format_item(&mut self) -> (String, Expr) {
        let width = |g: &mut Self| -> String {
            if g.c.chance(40) {
                g.c.range(1, 12).to_string()
            } else {
                String::new()
            }
        };
        let prec = |g: &mut Self| -> String {
            if g.c.chance(40) {
                format!(".{}", g.c.range(0, 14))
            } else {
                String::new()
            }
        };
        match self.c.pick(9) {
            0 => {
                let flag = self.c.pick_str(&["", "-", "+", "0", " "]);
                let w = width(self);
                let spec = if flag == "0" && w.is_empty() {
                    "%d".to_string()
                } else {
                    format!("%{flag}{w}d")
                };
                let arg = if self.c.chance(15) {
                    float(*self.c.choose(&[3.0, -0.0, 1e15]))
                } else {
                    self.expr(Ty::Int)
                };
                (spec, arg)
            }
            1 => {
                let conv = self.c.pick_str(&["x", "X", "o"]);
                let flag = self.c.pick_str(&["", "#", "-"]);
                let w = width(self);
                (format!("%{flag}{w}{conv}"), self.expr(Ty::Int))
            }
            2 | 3 => {
                let conv = self.c.pick_str(&["f", "e", "g", "E", "G", "a"]);
                let flag = self.c.pick_str(&["", "-", "+", "#", " "]);
                let w = width(self);
                let p = prec(self);
                let t = self.num_ty();
                (format!("%{flag}{w}{p}{conv}"), self.expr(t))
            }
            4 => ("%.10g".to_string(), self.expr(Ty::Fuzzy)),
            5 => {
                let t = self.printable_ty();
                let e = self.expr(t);
                // `%s` with modifiers rejects strings with zeros: only numbers get them.
                if matches!(t, Ty::Int | Ty::Float) && self.c.chance(50) {
                    let w = width(self);
                    let p = prec(self);
                    (format!("%-{w}{p}s").replace("%-s", "%s"), e)
                } else {
                    ("%s".to_string(), e)
                }
            }
            6 => {
                let t = self.printable_ty();
                let t = if matches!(t, Ty::Obj(_)) { Ty::Str } else { t };
                ("%q".to_string(), self.expr(t))
            }
            7 => ("%c".to_string(), int(self.c.range(32, 126))),
            _ => ("%i".to_string(), self.expr(Ty::Int)),
        }
    }

    /// A Lua pattern, valid by construction, and how many captures it has. `position`
    /// allows position captures `()`, which capture integers instead of strings. At most
    /// one item has a `*`, `+` or `-` quantifier, so matching stays linear-ish in time.
    pub(crate) fn pattern(&mut self, position: bool) -> (String, usize) {
        let mut p = String::new();
        let mut captures = 0;
        if self.c.chance(20) {
            p.push('^');
        }
        let items = self.c.range(1, 4);
        let mut open = false;
        let mut repeated = false;
        for _ in 0..items {
            if !open && self.c.chance(20) {
                p.push('(');
                open = true;
            }
            // Single-character classes may take a quantifier; the other items may not.
            let single =
                match self.c.pick(10) {
                    0 => {
                        p.push_str(self.c.pick_str(&["a", "b", "l", "o", "x", "1", " ", ","]));
                        true
                    }
                    1 => {
                        p.push('.');
                        true
                    }
                    2 => {
                        p.push_str(self.c.pick_str(&[
                            "%a", "%d", "%l", "%s", "%u", "%w", "%x", "%p", "%c", "%g", "%A", "%D",
                            "%S", "%W",
                        ]));
                        true
                    }
                    3 => {
                        p.push_str(self.c.pick_str(&[
                            "[abc]", "[^%d]", "[a-z]", "[%w_]", "[^ ]", "[%]]", "[-.]",
                        ]));
                        true
                    }
                    4 => {
                        p.push_str(
                            self.c
                                .pick_str(&["%f[%w]", "%f[%W]", "%f[%a]", "%f[%z]", "%f[ ]"]),
                        );
                        false
                    }
                    5 => {
                        p.push_str(self.c.pick_str(&["%b()", "%b[]", "%b{}", "%bxy"]));
                        false
                    }
                    6 => {
                        p.push_str(self.c.pick_str(&["%.", "%%", "%(", "%-", "%["]));
                        true
                    }
                    7 if position && !open => {
                        p.push_str("()");
                        captures += 1;
                        false
                    }
                    _ => {
                        p.push_str(self.c.pick_str(&["l", "a", "%d", "."]));
                        true
                    }
                };
            if single && self.c.chance(40) {
                let q = if repeated {
                    '?'
                } else {
                    *self.c.choose(&['*', '+', '-', '?'])
                };
                repeated |= q != '?';
                p.push(q);
            }
        }
        if open {
            p.push(')');
            captures += 1;
        }
        if self.c.chance(15) {
            p.push('$');
        }
        (p, captures)
    }

    /// A `gsub` replacement: a string with `%0`/`%%`, a table, or a function.
    fn replacement(&mut self) -> Expr {
        match self.c.pick(4) {
            0 => string(self.c.pick_str(&["<%0>", "%%", "x", "", "[%0%0]"])),
            1 => table(vec![
                named("a", string("A")),
                named("l", int(1)),
                named("hello", boolean(false)),
            ]),
            2 => function(
                vec!["m".into()],
                false,
                block_ret(
                    vec![],
                    vec![bin(
                        BinOp::Concat,
                        gcall("tostring", vec![name("m")]),
                        string("!"),
                    )],
                ),
            ),
            _ => function(vec!["m".into()], false, block_ret(vec![], vec![nil()])),
        }
    }

    /// A `string.pack` format and matching arguments.
    fn pack_format(&mut self) -> (String, Vec<Expr>) {
        let mut fmt = String::from(self.c.pick_str(&["", "<", ">", "="]));
        let mut args = Vec::new();
        for _ in 0..self.c.range(1, 3) {
            match self.c.pick(6) {
                0 => {
                    fmt.push('j');
                    args.push(self.expr(Ty::Int));
                }
                1 => {
                    fmt.push_str("i2");
                    args.push(bin(BinOp::BAnd, self.expr(Ty::Int), int(0x7fff)));
                }
                2 => {
                    fmt.push('d');
                    let t = self.num_ty();
                    args.push(self.expr(t));
                }
                3 => {
                    fmt.push('z');
                    args.push(string(self.c.pick_str(&["abc", "", "x y"])));
                }
                4 => {
                    fmt.push_str("s1");
                    args.push(self.str_lit());
                }
                _ => {
                    fmt.push('B');
                    args.push(int(self.c.range(0, 255)));
                }
            }
        }
        (fmt, args)
    }

    /// A statement exercising the string library with printed results: find/match with
    /// captures and init positions, gmatch loops, gsub counts, byte ranges, sub with
    /// negative indices, pack/unpack round trips, utf8 functions.
    pub(crate) fn string_statement(&mut self, out: &mut Vec<Stat>) {
        if !self.has(Feature::StringLibrary) || !self.has(Feature::Strings) {
            return self.print_statement(out);
        }
        let s = self.expr(Ty::Str);
        match self.c.pick(10) {
            0 => {
                let (p, _) = self.pattern(true);
                let init = self.str_index();
                let f = if self.c.chance(50) { "find" } else { "match" };
                out.push(print(vec![lcall("string", f, vec![s, string(&p), init])]));
            }
            1 => {
                let (p, _) = self.pattern(true);
                let (v, n) = (self.fresh("m"), self.fresh("n"));
                out.push(local1(&n, int(0)));
                // At most a few matches are looked at: the loop breaks after five.
                out.push(generic_for(
                    &[&v],
                    vec![lcall("string", "gmatch", vec![s, string(&p)])],
                    block(vec![
                        assign1(name(&n), bin(BinOp::Add, name(&n), int(1))),
                        print(vec![string("gm"), name(&v)]),
                        break_if(bin(BinOp::Ge, name(&n), int(5))),
                    ]),
                ));
                self.spend(15);
            }
            2 => {
                let (p, _) = self.pattern(true);
                let r = self.replacement();
                out.push(print(vec![lcall("string", "gsub", vec![s, string(&p), r])]));
            }
            3 => {
                let (i, j) = (self.str_index(), self.str_index());
                out.push(print(vec![lcall("string", "byte", vec![s, i, j])]));
            }
            4 => {
                let (i, j) = (self.str_index(), self.str_index());
                out.push(print(vec![
                    method(s.clone(), "sub", vec![i.clone(), j.clone()]),
                    lcall("string", "len", vec![s]),
                ]));
            }
            5 => {
                let (fmt, args) = self.pack_format();
                let mut a = vec![string(&fmt)];
                a.extend(args);
                let packed = lcall("string", "pack", a);
                out.push(print(vec![
                    lcall(
                        "string",
                        "packsize",
                        vec![string(fmt.replace(['z', 's', '1'], "").as_str())],
                    ),
                    lcall("string", "unpack", vec![string(&fmt), packed]),
                ]));
            }
            6 if self.has(Feature::Utf8Library) => {
                let u = string(
                    self.c
                        .pick_str(&["h\u{e9}llo \u{20ac}", "abc", "\u{10348}x", ""]),
                );
                match self.c.pick(4) {
                    0 => out.push(print(vec![
                        lcall("utf8", "len", vec![s]),
                        lcall("utf8", "len", vec![u]),
                    ])),
                    1 => out.push(print(vec![lcall(
                        "utf8",
                        "codepoint",
                        vec![u, int(1), int(-1)],
                    )])),
                    2 => {
                        let n = self.c.range(-3, 4);
                        out.push(print(vec![lcall("utf8", "offset", vec![u, int(n)])]));
                    }
                    _ => {
                        let (p, c) = (self.fresh("p"), self.fresh("c"));
                        out.push(generic_for(
                            &[&p, &c],
                            vec![lcall("utf8", "codes", vec![u])],
                            block(vec![print(vec![name(&p), name(&c)])]),
                        ));
                    }
                }
            }
            7 => {
                let f = self.format_call();
                out.push(print(vec![f]));
            }
            8 => {
                let n = self.fresh("s");
                out.push(local1(&n, s));
                out.push(print(vec![
                    method(name(&n), "upper", vec![]),
                    un(UnOp::Len, name(&n)),
                    method(name(&n), "rep", vec![int(2), string("|")]),
                ]));
            }
            _ => {
                let (p, _) = self.pattern(false);
                out.push(print(vec![lcall(
                    "string",
                    "find",
                    vec![s, string(&p), int(1), boolean(self.c.chance(30))],
                )]));
            }
        }
        self.spend(4);
        self.count_stat(1);
    }

    /// Number formatting: `print`, `tostring`, `..`, `%.14g`, `%q` and `io.write` of the
    /// same values must agree with PUC Lua (`1e+15`, `-0.0`, `-nan`, `2^63`...).
    pub(crate) fn number_format_statement(&mut self, out: &mut Vec<Stat>) {
        let t = self.num_ty();
        let v = self.expr(t);
        let x = self.fresh("nf");
        out.push(local1(&x, v));
        match self.c.pick(3) {
            0 => out.push(print(vec![
                name(&x),
                bin(BinOp::Concat, string(""), name(&x)),
                gcall("tostring", vec![name(&x)]),
                lcall("math", "type", vec![name(&x)]),
            ])),
            1 => out.push(print(vec![
                lcall("string", "format", vec![string("%q"), name(&x)]),
                lcall("string", "format", vec![string("%.14g"), name(&x)]),
                lcall("string", "format", vec![string("%5.1f"), name(&x)]),
            ])),
            _ => out.push(call_stat(lcall(
                "io",
                "write",
                vec![
                    name(&x),
                    string(" "),
                    int(self.c.range(-3, 3)),
                    string("\n"),
                ],
            ))),
        }
        self.spend(3);
        self.count_stat(2);
    }

    /// Signed zeros through constants, folding candidates and run-time arithmetic
    /// (compilers must neither merge `0.0` and `-0.0` constants nor fold away a sign),
    /// and integer division by a constant zero (an error at run time, never at compile
    /// time).
    pub(crate) fn zero_statement(&mut self, out: &mut Vec<Stat>) {
        let (z, nz, k) = (self.fresh("z"), self.fresh("nz"), self.fresh("k0"));
        out.push(local_attrib(
            &z,
            Some(lua_syntax::ast::Attrib::Const),
            float(0.0),
        ));
        out.push(local_attrib(
            &nz,
            Some(lua_syntax::ast::Attrib::Const),
            float(-0.0),
        ));
        match self.c.pick(3) {
            0 => out.push(print(vec![
                float(0.0),
                float(-0.0),
                un(UnOp::Neg, name(&z)),
                name(&nz),
                bin(BinOp::Mul, name(&z), int(-1)),
                bin(BinOp::Div, float(0.0), int(-5)),
                bin(BinOp::Div, int(1), name(&nz)),
            ])),
            1 => out.push(print(vec![
                bin(BinOp::Add, name(&nz), float(0.0)),
                bin(BinOp::Sub, name(&nz), float(0.0)),
                lcall("math", "abs", vec![name(&nz)]),
                bin(BinOp::Eq, name(&nz), name(&z)),
                lcall(
                    "string",
                    "format",
                    vec![string("%g %q"), name(&nz), name(&nz)],
                ),
                bin(BinOp::Concat, name(&nz), string("")),
            ])),
            _ => {
                out.push(local_attrib(
                    &k,
                    Some(lua_syntax::ast::Attrib::Const),
                    int(0),
                ));
                let op = if self.c.chance(50) {
                    BinOp::IDiv
                } else {
                    BinOp::Mod
                };
                let f = function(
                    vec![],
                    false,
                    block_ret(vec![], vec![bin(op, int(self.c.range(-7, 7)), name(&k))]),
                );
                out.push(print(vec![
                    gcall("pcall", vec![f]),
                    bin(op, float(1.0), name(&k)),
                ]));
            }
        }
        self.spend(4);
        self.count_stat(3);
    }

    /// `load` of a small chunk: the results of calling it, or the syntax error message.
    pub(crate) fn load_statement(&mut self, out: &mut Vec<Stat>) {
        let src = *self.c.choose(&CHUNKS);
        let (f, e) = (self.fresh("ld"), self.fresh("err"));
        let mut args = vec![string(src)];
        match self.c.pick(4) {
            0 => args.push(string(self.c.pick_str(&["=chunk", "@file.lua", "chunk"]))),
            1 => {
                // A custom environment: globals of the chunk are fields of this table.
                args = vec![
                    string("return x, y, ..."),
                    string("=env"),
                    string("t"),
                    table(vec![named("x", int(5)), named("y", string("why"))]),
                ];
            }
            2 => {
                // A reader function returning the source in pieces, then nil.
                let (parts, i) = (self.fresh("parts"), self.fresh("pi"));
                out.push(local1(
                    &parts,
                    table(vec![
                        pos(string("return ")),
                        pos(string("1 + ")),
                        pos(string("41")),
                    ]),
                ));
                out.push(local1(&i, int(0)));
                args = vec![function(
                    vec![],
                    false,
                    block_ret(
                        vec![assign1(name(&i), bin(BinOp::Add, name(&i), int(1)))],
                        vec![index(name(&parts), name(&i))],
                    ),
                )];
            }
            _ => {}
        }
        out.push(local(&[&f, &e], vec![gcall("load", args)]));
        out.push(if_then(
            name(&f),
            block(vec![print(vec![gcall(
                "pcall",
                vec![name(&f), int(1), int(2)],
            )])]),
            Some(block(vec![print(vec![string("load error"), name(&e)])])),
        ));
        self.spend(10);
        self.count_stat(2);
    }

    /// `table.pack`/`table.unpack`/`select` with explicit ranges and nils.
    pub(crate) fn pack_unpack_statement(&mut self, out: &mut Vec<Stat>) {
        let p = self.fresh("pk");
        let n = self.c.range(0, 4);
        let vals: Vec<Expr> = (0..n)
            .map(|k| {
                if k % 2 == 1 {
                    nil()
                } else {
                    self.observation()
                }
            })
            .collect();
        out.push(local1(&p, lcall("table", "pack", vals)));
        let (i, j) = (self.c.range(1, 2), self.c.range(0, 5));
        out.push(print(vec![
            field(name(&p), "n"),
            lcall("table", "unpack", vec![name(&p), int(i), int(j)]),
        ]));
        let k = self.c.range(-2, 3);
        if k != 0 {
            // Negative indices count from the end; beyond the count is an error.
            let args = vec![int(k), int(10), int(20), int(30)];
            out.push(print(vec![gcall("select", args)]));
        }
        self.spend(4);
        self.count_stat(2);
    }

    /// Float-to-integer conversions of a float at or beyond the edges of the integer range
    /// (or NaN, or infinite): each must fail or round exactly as Lua says, never saturate.
    pub(crate) fn conversion_statement(&mut self, out: &mut Vec<Stat>) {
        let v = *self.c.choose(&[
            9223372036854775808.0,
            -9223372036854775808.0,
            9223372036854774784.0,
            -9223372036854777856.0,
            1e100,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            9007199254740993.0,
            -0.0,
            2.5,
            -2.5,
        ]);
        let x = self.fresh("cv");
        out.push(local1(&x, float(v)));
        let xs = || name(&x);
        let protected = |e: Expr| {
            gcall(
                "pcall",
                vec![function(vec![], false, block_ret(vec![], vec![e]))],
            )
        };
        let e = match self.c.pick(8) {
            0 => vec![
                lcall("math", "tointeger", vec![xs()]),
                lcall("math", "floor", vec![xs()]),
                lcall("math", "ceil", vec![xs()]),
            ],
            1 => vec![protected(bin(BinOp::BOr, xs(), int(0)))],
            2 => vec![protected(lcall(
                "string",
                "format",
                vec![string("%d"), xs()],
            ))],
            3 => {
                // Float keys that fit an integer are normalised; others stay floats.
                let t = self.fresh("ck");
                out.push(local1(&t, table(vec![])));
                out.push(call_stat(gcall(
                    "pcall",
                    vec![function(
                        vec![],
                        false,
                        block(vec![assign1(index(name(&t), xs()), int(1))]),
                    )],
                )));
                vec![
                    index(name(&t), lib("math", "maxinteger")),
                    index(name(&t), lib("math", "mininteger")),
                    index(name(&t), xs()),
                ]
            }
            4 => vec![protected(lcall("string", "rep", vec![string("x"), xs()]))],
            5 => vec![protected(lcall(
                "string",
                "sub",
                vec![string("abcdef"), xs()],
            ))],
            6 => vec![protected(bin(BinOp::Shl, int(1), xs()))],
            _ => {
                // A float limit on an integer loop is floored and clipped, not converted.
                let (i, n) = (self.fresh("i"), self.fresh("n"));
                out.push(local1(&n, int(0)));
                out.push(numeric_for(
                    &i,
                    int(*self.c.choose(&[-3, 0, 1, i64::MAX - 2])),
                    xs(),
                    None,
                    block(vec![
                        assign1(name(&n), bin(BinOp::Add, name(&n), int(1))),
                        break_if(bin(BinOp::Ge, name(&n), int(4))),
                    ]),
                ));
                vec![name(&n)]
            }
        };
        out.push(print(e));
        self.spend(6);
        self.count_stat(2);
    }

    /// Math library calls printed directly, including the 5.3 compatibility functions.
    pub(crate) fn math_statement(&mut self, out: &mut Vec<Stat>) {
        let t = self.num_ty();
        let a = self.expr(t);
        let e = match self.c.pick(7) {
            0 => lcall("math", "modf", vec![a]),
            1 => lcall("math", "frexp", vec![a]),
            2 => gcall("tostring", vec![lcall("math", "tointeger", vec![a])]),
            3 => {
                let f = self.c.pick_str(&["floor", "ceil", "abs"]);
                lcall("math", f, vec![a])
            }
            4 => lcall("math", "ult", vec![self.expr(Ty::Int), self.expr(Ty::Int)]),
            5 => {
                let b = self.nonzero_int();
                lcall("math", "fmod", vec![a, b])
            }
            _ => determinism::observe(lcall("math", "exp", vec![a]), Ty::Fuzzy, &self.types),
        };
        out.push(print(vec![e]));
        self.spend(2);
        self.count_stat(1);
    }
}
