//! The printer round-trips: every `.lua` file of the repository, every pair of operators,
//! and the awkward literals parse back to the same tree after printing, and printing is
//! idempotent.

use lua_syntax::ast::*;
use lua_syntax::visit::clear_lines;
use lua_syntax::{parse, print};
use std::path::{Path, PathBuf};

/// Parses `src`, prints it, parses the print and checks both trees agree (lines aside)
/// and that printing again gives the same text. Returns the printed text.
fn check_roundtrip(src: &[u8], what: &str) -> String {
    let mut first = parse(src, "=src").unwrap_or_else(|e| panic!("{what}: {}", e.message));
    let printed = print(&first);
    let mut second = parse(printed.as_bytes(), "=printed")
        .unwrap_or_else(|e| panic!("{what}: reparse failed: {}\n{printed}", e.message));
    let reprinted = print(&second);
    clear_lines(&mut first);
    clear_lines(&mut second);
    assert!(
        first == second,
        "{what}: tree changed by printing\n{printed}"
    );
    assert_eq!(printed, reprinted, "{what}: printing is not idempotent");
    assert!(printed.is_ascii(), "{what}: printed non-ASCII");
    printed
}

fn lua_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            // Build output holds no sources of ours.
            if name != "target" && name != ".git" {
                lua_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "lua") {
            out.push(path);
        }
    }
}

#[test]
fn every_lua_file_in_the_repository_round_trips() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    lua_files(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no .lua files under {}", root.display());
    let mut checked = 0;
    let mut unparsable = Vec::new();
    for f in &files {
        let src = std::fs::read(f).unwrap();
        if let Err(e) = parse(&src, "=file") {
            // Programs written to test syntax errors are expected here.
            unparsable.push(format!("{}: {}", f.display(), e.message));
            continue;
        }
        check_roundtrip(&src, &f.display().to_string());
        checked += 1;
    }
    eprintln!(
        "{checked} files round-trip; {} do not parse:\n{}",
        unparsable.len(),
        unparsable.join("\n")
    );
    assert!(checked > 0);
}

fn e(kind: ExprKind) -> Expr {
    Expr::new(kind, 0)
}
fn name(n: &str) -> Expr {
    e(ExprKind::Name(n.to_string()))
}
fn bin(op: BinOp, l: Expr, r: Expr) -> Expr {
    e(ExprKind::Binary {
        op,
        lhs: Box::new(l),
        rhs: Box::new(r),
    })
}
fn un(op: UnOp, x: Expr) -> Expr {
    e(ExprKind::Unary {
        op,
        operand: Box::new(x),
    })
}
fn chunk_of(values: Vec<Expr>) -> Chunk {
    Chunk {
        block: Block {
            stats: vec![],
            ret: Some(Return { values, line: 0 }),
        },
    }
}

/// Prints `tree` (returned by a chunk), reparses it and checks the tree survives.
fn check_tree(tree: Expr) -> String {
    let chunk = chunk_of(vec![tree]);
    let printed = print(&chunk);
    let mut back =
        parse(printed.as_bytes(), "=t").unwrap_or_else(|e| panic!("{}\n{printed}", e.message));
    clear_lines(&mut back);
    assert!(
        back == chunk,
        "tree changed:\n{printed}\n{:?}\n{:?}",
        chunk,
        back
    );
    printed.trim_end().trim_start_matches("return ").to_string()
}

#[test]
fn every_operator_pair_keeps_its_shape() {
    for a in BinOp::ALL {
        for b in BinOp::ALL {
            check_tree(bin(a, bin(b, name("x"), name("y")), name("z")));
            check_tree(bin(a, name("x"), bin(b, name("y"), name("z"))));
        }
        for u in UnOp::ALL {
            check_tree(bin(a, un(u, name("x")), name("y")));
            check_tree(bin(a, name("x"), un(u, name("y"))));
            check_tree(un(u, bin(a, name("x"), name("y"))));
            check_tree(bin(
                a,
                e(ExprKind::Integer(-1)),
                e(ExprKind::Float(FloatLit(-2.5))),
            ));
            check_tree(bin(
                a,
                e(ExprKind::Float(FloatLit(-0.0))),
                e(ExprKind::Integer(i64::MIN)),
            ));
        }
    }
}

#[test]
fn parentheses_only_where_needed() {
    use BinOp::*;
    assert_eq!(
        check_tree(bin(Mul, bin(Add, name("a"), name("b")), name("c"))),
        "(a + b) * c"
    );
    assert_eq!(
        check_tree(bin(Add, name("a"), bin(Mul, name("b"), name("c")))),
        "a + b * c"
    );
    assert_eq!(
        check_tree(bin(Sub, name("a"), bin(Sub, name("b"), name("c")))),
        "a - (b - c)"
    );
    assert_eq!(
        check_tree(bin(Sub, bin(Sub, name("a"), name("b")), name("c"))),
        "a - b - c"
    );
    assert_eq!(
        check_tree(bin(Pow, name("a"), bin(Pow, name("b"), name("c")))),
        "a ^ b ^ c"
    );
    assert_eq!(
        check_tree(bin(Pow, bin(Pow, name("a"), name("b")), name("c"))),
        "(a ^ b) ^ c"
    );
    assert_eq!(
        check_tree(bin(Concat, name("a"), bin(Concat, name("b"), name("c")))),
        "a .. b .. c"
    );
    assert_eq!(
        check_tree(bin(Concat, bin(Concat, name("a"), name("b")), name("c"))),
        "(a .. b) .. c"
    );
    assert_eq!(
        check_tree(un(UnOp::Neg, bin(Pow, name("x"), e(ExprKind::Integer(2))))),
        "-x ^ 2"
    );
    assert_eq!(
        check_tree(bin(Pow, un(UnOp::Neg, name("x")), e(ExprKind::Integer(2)))),
        "(-x) ^ 2"
    );
    assert_eq!(
        check_tree(bin(Pow, e(ExprKind::Integer(2)), e(ExprKind::Integer(-3)))),
        "2 ^ -3"
    );
    assert_eq!(
        check_tree(bin(Pow, e(ExprKind::Integer(-2)), e(ExprKind::Integer(2)))),
        "(-2) ^ 2"
    );
    assert_eq!(check_tree(un(UnOp::Neg, un(UnOp::Neg, name("x")))), "- -x");
    assert_eq!(check_tree(un(UnOp::Neg, e(ExprKind::Integer(-5)))), "- -5");
    assert_eq!(check_tree(un(UnOp::Neg, e(ExprKind::Integer(5)))), "-(5)");
    assert_eq!(
        check_tree(un(UnOp::Neg, e(ExprKind::Float(FloatLit(-0.0))))),
        "- -0.0"
    );
    assert_eq!(
        check_tree(un(UnOp::Not, bin(Eq, name("a"), name("b")))),
        "not (a == b)"
    );
    assert_eq!(
        check_tree(bin(Sub, name("a"), e(ExprKind::Integer(-1)))),
        "a - -1"
    );
    assert_eq!(
        check_tree(bin(Or, name("a"), bin(And, name("b"), name("c")))),
        "a or b and c"
    );
    assert_eq!(
        check_tree(bin(And, bin(Or, name("a"), name("b")), name("c"))),
        "(a or b) and c"
    );
}

#[test]
fn number_literals_keep_their_value_and_type() {
    let floats = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        1e100,
        -1e100,
        1e-300,
        5e-324,
        -5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        2f64.powi(53),
        2f64.powi(63),
        1e15,
        1e16,
        123456.789,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    for f in floats {
        check_tree(e(ExprKind::Float(FloatLit(f))));
        check_tree(un(UnOp::Neg, e(ExprKind::Float(FloatLit(f)))));
    }
    for i in [0, 1, -1, i64::MAX, i64::MIN, i64::MIN + 1, 9007199254740993] {
        check_tree(e(ExprKind::Integer(i)));
        check_tree(un(UnOp::Neg, e(ExprKind::Integer(i))));
    }
    assert_eq!(
        check_tree(e(ExprKind::Integer(i64::MIN))),
        "0x8000000000000000"
    );
    assert_eq!(check_tree(e(ExprKind::Float(FloatLit(1.0)))), "1.0");
    assert_eq!(
        check_tree(e(ExprKind::Float(FloatLit(f64::INFINITY)))),
        "1e9999"
    );
}

#[test]
fn strings_keys_and_prefixes() {
    let all_bytes: Vec<u8> = (0..=255).collect();
    let s = |b: &[u8]| e(ExprKind::String(b.to_vec()));
    for text in [
        &b"]]"[..],
        b"a]]b]=]c",
        b"\\\"'\n\r\t\x07\x08\x0b\x0c\x00",
        b"\xff\xfe",
        b"",
        &all_bytes,
    ] {
        let printed = check_tree(s(text));
        assert!(printed.is_ascii());
    }
    let index = |o: Expr, k: Expr| {
        e(ExprKind::Index {
            object: Box::new(o),
            key: Box::new(k),
        })
    };
    assert_eq!(check_tree(index(name("a"), s(b"b"))), "a.b");
    assert_eq!(check_tree(index(name("a"), s(b"end"))), "a[\"end\"]");
    assert_eq!(check_tree(index(name("a"), s(b"1x"))), "a[\"1x\"]");
    assert_eq!(check_tree(index(name("a"), s(b"_x1"))), "a._x1");
    let method = |o: Expr, n: &str| {
        e(ExprKind::Method {
            object: Box::new(o),
            name: n.to_string(),
            args: vec![],
            close_line: 0,
        })
    };
    let call = |f: Expr| {
        e(ExprKind::Call {
            func: Box::new(f),
            args: vec![],
            close_line: 0,
        })
    };
    assert_eq!(check_tree(method(s(b"x"), "rep")), "(\"x\"):rep()");
    assert_eq!(
        check_tree(call(bin(BinOp::Or, name("f"), name("g")))),
        "(f or g)()"
    );
    assert_eq!(
        check_tree(call(e(ExprKind::Paren(Box::new(call(name("f"))))))),
        "(f())()"
    );
    assert_eq!(check_tree(index(e(ExprKind::Integer(1)), s(b"x"))), "(1).x");
    let table = e(ExprKind::Table(TableConstructor::new(vec![
        Field::Keyed {
            key: s(b"x"),
            value: e(ExprKind::Integer(1)),
        },
        Field::Keyed {
            key: s(b"and"),
            value: e(ExprKind::Integer(2)),
        },
        Field::Keyed {
            key: name("k"),
            value: e(ExprKind::Integer(3)),
        },
        Field::Positional(name("v")),
    ])));
    assert_eq!(check_tree(table), "{x = 1, [\"and\"] = 2, [k] = 3, v}");
}

#[test]
fn statements_starting_with_a_parenthesis_get_a_semicolon() {
    let src = b"local a = b\n;(f or g)()\n;(\"x\"):rep(2)\n;(f)().x = 1\n";
    let printed = check_roundtrip(src, "parens");
    assert_eq!(
        printed,
        "local a = b\n;(f or g)()\n;(\"x\"):rep(2)\nf().x = 1\n"
    );
}

#[test]
fn layout_of_every_statement() {
    let src = b"local a <const>, b <close> = 1, nil
local function f(x, ...) return ... end
function t.a.b:m(y) end
function g() end
for i = 1, 10, 2 do break end
for k, v in pairs(t) do goto continue ::continue:: end
while x do x = x - 1 end
repeat local z = 1 until z
if a then elseif b then else end
do end
::top::
x, y.z, w[1] = 1, 2
f{1} f'x' o:m{}
return";
    let printed = check_roundtrip(src, "layout");
    let expected = "local a <const>, b <close> = 1, nil
local function f(x, ...)
  return ...
end
function t.a.b:m(y) end
function g() end
for i = 1, 10, 2 do
  break
end
for k, v in pairs(t) do
  goto continue
  ::continue::
end
while x do
  x = x - 1
end
repeat
  local z = 1
until z
if a then elseif b then else end
do end
::top::
x, y.z, w[1] = 1, 2
f{1}
f\"x\"
o:m{}
return
";
    assert_eq!(printed, expected);
}
