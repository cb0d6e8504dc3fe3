//! Lines in the tree agree with what Lua 5.4.9 reports.
//!
//! Each program below has exactly one operation that fails at run time; the expected
//! line is the one lua5.4.9 puts in the error message (recorded by running it). The test
//! finds that operation's node (the only one of its kind in the last statement) and
//! checks its line.

use lua_syntax::ast::*;
use lua_syntax::parse;
use lua_syntax::visit::{Visit, walk_expr};

/// The line of the first node (in source order) of the last statement that `pick` selects.
fn node_line(src: &str, pick: fn(&ExprKind) -> bool) -> u32 {
    struct Find {
        pick: fn(&ExprKind) -> bool,
        line: Option<u32>,
    }
    impl Visit for Find {
        fn visit_expr(&mut self, e: &Expr) {
            if self.line.is_none() && (self.pick)(&e.kind) {
                self.line = Some(e.line);
            }
            walk_expr(self, e);
        }
    }
    let chunk = parse(src.as_bytes(), "=t").unwrap();
    let mut f = Find { pick, line: None };
    f.visit_stat(chunk.block.stats.last().unwrap());
    f.line.expect("node found")
}

/// Selects the node whose line is checked.
type Pick = fn(&ExprKind) -> bool;

fn is_arith(k: &ExprKind) -> bool {
    matches!(
        k,
        ExprKind::Binary {
            op: BinOp::Add | BinOp::Concat,
            ..
        } | ExprKind::Unary { .. }
    )
}
fn is_compare(k: &ExprKind) -> bool {
    matches!(k, ExprKind::Binary { op: BinOp::Lt, .. })
}
fn is_call(k: &ExprKind) -> bool {
    matches!(k, ExprKind::Call { .. } | ExprKind::Method { .. })
}
fn is_index_of_nil(k: &ExprKind) -> bool {
    matches!(k, ExprKind::Index { object, .. } if matches!(object.kind, ExprKind::Name(_)))
}

#[test]
fn operation_lines_match_lua_5_4_9() {
    // (program, node kind, line in lua5.4.9's error message)
    let cases: &[(&str, Pick, u32)] = &[
        ("local t = nil\nlocal y = 1 +\n t\n", is_arith, 2),
        ("local t = nil\nlocal y = t\n+\n1\n", is_arith, 3),
        ("local t = nil\nlocal y = -\nt\n", is_arith, 2),
        ("local a = {}\nlocal y = a\n..\n\"x\"\n", is_arith, 3),
        ("local a, b = {}, {}\nlocal y = a\n<\nb\n", is_compare, 4),
        ("local a, b = {}, {}\nlocal y = a <\nb\n", is_compare, 3),
        ("local a, b = {}, {}\nlocal y = a\n< b\n", is_compare, 3),
        ("local f\nlocal y = f\n(\n1\n)\n", is_call, 3),
        ("local f\nlocal y = f\n{\n}\n", is_call, 3),
        ("local f\nlocal y = f\n\"a\"\n", is_call, 3),
        ("local f\nlocal y = f\n[[a\nb]]\n", is_call, 4),
        ("local o = {}\nlocal y = o\n:\nm\n(\n)\n", is_call, 5),
        ("local t\nlocal y = t\n.\nx\n", is_index_of_nil, 4),
        ("local t\nlocal y = t\n[\n1\n]\n", is_index_of_nil, 5),
        ("local t\nlocal y = t[\n1] + 1", is_index_of_nil, 3),
        ("local t\nt.x\n.y = 1", is_index_of_nil, 2),
        ("local t\nlocal y = t\n.x.y\n", is_index_of_nil, 3),
    ];
    for (src, pick, line) in cases {
        assert_eq!(node_line(src, *pick), *line, "{src:?}");
    }
}

#[test]
fn statement_and_function_lines() {
    let src = "local a = 1\n\nif a then\n  a = 2\nend\nlocal function f\n(\n)\nend\nlocal g = function\n(x)\n  return x\nend\nfunction t.m()\nend\nreturn\n  a";
    let chunk = parse(src.as_bytes(), "=t").unwrap();
    let lines: Vec<u32> = chunk.block.stats.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![1, 3, 6, 10, 14]);
    assert_eq!(chunk.block.ret.as_ref().unwrap().line, 16);
    // linedefined / lastlinedefined as debug.getinfo reports them in lua5.4.9.
    let StatKind::LocalFunction { body, .. } = &chunk.block.stats[2].kind else {
        panic!()
    };
    assert_eq!((body.line, body.end_line), (7, 9));
    let StatKind::Local { values, .. } = &chunk.block.stats[3].kind else {
        panic!()
    };
    let ExprKind::Function(body) = &values[0].kind else {
        panic!()
    };
    assert_eq!((values[0].line, body.line, body.end_line), (10, 11, 13));
    let StatKind::Function { body, .. } = &chunk.block.stats[4].kind else {
        panic!()
    };
    assert_eq!((body.line, body.end_line), (14, 15));
}

/// The closing-token lines of the last statement's first constructor, call or `for`
/// (`close_line`, `do_line`, `call_line`).
fn closing_lines(src: &str) -> Vec<u32> {
    struct Find(Vec<u32>);
    impl Visit for Find {
        fn visit_expr(&mut self, e: &Expr) {
            if self.0.is_empty() {
                match &e.kind {
                    ExprKind::Table(t) => self.0.push(t.close_line),
                    ExprKind::Call { close_line, .. } | ExprKind::Method { close_line, .. } => {
                        self.0.push(*close_line)
                    }
                    _ => {}
                }
            }
            walk_expr(self, e);
        }
    }
    let chunk = parse(src.as_bytes(), "=t").unwrap();
    let last = chunk.block.stats.last().unwrap();
    match &last.kind {
        StatKind::NumericFor { do_line, .. } => vec![*do_line],
        StatKind::GenericFor {
            call_line, do_line, ..
        } => vec![*call_line, *do_line],
        _ => {
            let mut f = Find(Vec::new());
            f.visit_stat(last);
            f.0
        }
    }
}

#[test]
fn closing_token_lines_match_lua_5_4_9() {
    // (program, lines recorded, line of lua5.4.9's error message): an indexing as the
    // last item or argument fails at the `}` or `)` line, a bad numeric `for` or a
    // generic `for`'s closing value at the `do` line, and the iterator call at the line
    // where the first token after `in` ends.
    let cases: &[(&str, &[u32], u32)] = &[
        ("local t = {}\nlocal y = {\n t.x.y,\n}\n", &[4], 4),
        ("local t = {}\nlocal y = tostring(\n t.x.y\n)\n", &[4], 4),
        (
            "local t = {}\nlocal o = {m = print}\no:m(\nt.x.y\n)\n",
            &[5],
            5,
        ),
        ("for i = 1,\n{}\ndo end", &[3], 3),
        ("for k in\nnil do end", &[2, 2], 2),
        ("for k in [[a\nb]] do end", &[2, 2], 2),
        ("for k in (\nnil) do end", &[1, 2], 1),
        ("for k in next, {}, nil,\n3\ndo end", &[1, 3], 3),
    ];
    for (src, lines, native) in cases {
        let got = closing_lines(src);
        assert_eq!(&got, lines, "{src:?}");
        assert!(got.contains(native), "{src:?}");
    }
    // Table and string arguments: the line of their last token.
    assert_eq!(closing_lines("f{\n1,\n}"), vec![3]);
    assert_eq!(closing_lines("f[[a\nb]]"), vec![2]);
}
