//! The lexer: literal values against Lua 5.4.9 (tests/data/literals.txt), every token
//! kind, line counting, and the `#` first line and byte order mark that `parse` skips.

mod common;

use common::unescape;
use lua_syntax::ast::*;
use lua_syntax::lexer::{Token, tokens};
use lua_syntax::parse;

/// The value of the literal expression `e` (and of minus or `^` applied to literals).
fn value(e: &Expr) -> String {
    match &e.kind {
        ExprKind::String(s) => format!(
            "string {}",
            s.iter().map(|b| format!("{b:02x}")).collect::<String>()
        ),
        ExprKind::Integer(i) => format!("int {i}"),
        ExprKind::Float(f) => format!("float {:016x}", f.0.to_bits()),
        ExprKind::Unary {
            op: UnOp::Neg,
            operand,
        } => match &operand.kind {
            ExprKind::Integer(i) => format!("int {}", i.wrapping_neg()),
            ExprKind::Float(f) => format!("float {:016x}", (-f.0).to_bits()),
            _ => {
                let inner = value(operand);
                match inner.split_once(' ') {
                    Some(("int", v)) => format!("int {}", v.parse::<i64>().unwrap().wrapping_neg()),
                    Some(("float", v)) => format!(
                        "float {:016x}",
                        u64::from_str_radix(v, 16).unwrap() ^ (1 << 63)
                    ),
                    _ => panic!("cannot negate {inner}"),
                }
            }
        },
        ExprKind::Binary {
            op: BinOp::Pow,
            lhs,
            rhs,
        } => {
            let num = |e: &Expr| match e.kind {
                ExprKind::Integer(i) => i as f64,
                ExprKind::Float(f) => f.0,
                _ => panic!("not a number"),
            };
            format!("float {:016x}", num(lhs).powf(num(rhs)).to_bits())
        }
        other => panic!("not a literal: {other:?}"),
    }
}

#[test]
fn literal_values_match_lua_5_4_9() {
    let data = include_str!("data/literals.txt");
    let mut n = 0;
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        let (src, expected) = line.split_once('\t').unwrap();
        let mut program = b"return ".to_vec();
        program.extend(unescape(src));
        let chunk = parse(&program, "=lit").unwrap_or_else(|e| panic!("{src}: {}", e.message));
        let ret = chunk.block.ret.expect("a return");
        assert_eq!(value(&ret.values[0]), expected, "{src}");
        n += 1;
    }
    assert!(n > 100);
}

#[test]
fn unary_minus_folds_only_onto_a_numeral_right_after_it() {
    let ret = |src: &str| {
        parse(format!("return {src}").as_bytes(), "=t")
            .unwrap()
            .block
            .ret
            .unwrap()
            .values
            .remove(0)
            .kind
    };
    assert_eq!(ret("-5"), ExprKind::Integer(-5));
    assert_eq!(ret("- 5"), ExprKind::Integer(-5));
    assert_eq!(ret("-0.0"), ExprKind::Float(FloatLit(-0.0)));
    assert_eq!(ret("-0x8000000000000000"), ExprKind::Integer(i64::MIN));
    assert_eq!(
        ret("-9223372036854775808"),
        ExprKind::Float(FloatLit(-9223372036854775808.0))
    );
    assert!(matches!(ret("-(5)"), ExprKind::Unary { op: UnOp::Neg, .. }));
    assert!(
        matches!(ret("- -5"), ExprKind::Unary { op: UnOp::Neg, operand } if operand.kind == ExprKind::Integer(-5))
    );
    assert!(
        matches!(ret("-2^2"), ExprKind::Unary { op: UnOp::Neg, operand } if matches!(operand.kind, ExprKind::Binary { op: BinOp::Pow, .. }))
    );
    assert!(
        matches!(ret("2^-3"), ExprKind::Binary { op: BinOp::Pow, rhs, .. } if rhs.kind == ExprKind::Integer(-3))
    );
    assert!(matches!(ret("~5"), ExprKind::Unary { op: UnOp::BNot, .. }));
}

fn kinds(src: &str) -> Vec<Token> {
    tokens(src.as_bytes(), "=t").map(|t| t.unwrap().0).collect()
}

#[test]
fn every_symbol_and_keyword() {
    use Token::*;
    let src = "and break do else elseif end false for function goto if in local nil not or repeat \
               return then true until while // .. ... == >= <= ~= << >> :: + - * / % ^ # & ~ | < > = \
               ( ) { } [ ] ; : , . name _x1 \"s\" 'q' [[l]] 1 2.0";
    let expected = vec![
        And, Break, Do, Else, Elseif, End, False, For, Function, Goto, If, In, Local, Nil, Not, Or,
        Repeat, Return, Then, True, Until, While, IDiv, Concat, Dots, Eq, Ge, Le, Ne, Shl, Shr,
        DbColon,
    ];
    let mut expected = expected;
    expected.extend(b"+-*/%^#&~|<>=(){}[];:,.".iter().map(|&c| Char(c)));
    expected.extend([Name, Name, String, String, String, Int(1), Float(2.0), Eof]);
    assert_eq!(kinds(src), expected);
    // Greedy matching of multi-byte symbols.
    assert_eq!(kinds("...."), vec![Dots, Char(b'.'), Eof]);
    assert_eq!(kinds("a..b"), vec![Name, Concat, Name, Eof]);
    assert_eq!(kinds("a.b"), vec![Name, Char(b'.'), Name, Eof]);
    assert_eq!(kinds("a .5"), vec![Name, Float(0.5), Eof]);
    assert_eq!(kinds("~=~"), vec![Ne, Char(b'~'), Eof]);
    assert_eq!(kinds("<<=>>="), vec![Shl, Char(b'='), Shr, Char(b'='), Eof]);
    assert_eq!(kinds("3-4"), vec![Int(3), Char(b'-'), Int(4), Eof]);
    assert_eq!(kinds("0xe+1"), vec![Int(14), Char(b'+'), Int(1), Eof]);
    assert_eq!(kinds("1e+1"), vec![Float(10.0), Eof]);
    assert_eq!(
        kinds("--[==[ long\n comment ]==] x --[ short\n y"),
        vec![Name, Name, Eof]
    );
    assert_eq!(kinds("---[[ not long\nz"), vec![Name, Eof]);
    assert_eq!(kinds("--[=x\nz"), vec![Name, Eof]);
    assert_eq!(kinds("\u{a0}"), vec![Char(0xc2), Char(0xa0), Eof]);
}

#[test]
fn lines_count_every_kind_of_line_break() {
    let lines = |src: &[u8]| tokens(src, "=t").map(|t| t.unwrap().1).collect::<Vec<_>>();
    assert_eq!(lines(b"a\nb\r\nc\n\rd\re\r\rf"), vec![1, 2, 3, 4, 5, 7, 7]);
    assert_eq!(lines(b"a [[x\ny\r\nz]] b"), vec![1, 1, 3, 3]);
    assert_eq!(lines(b"a --[[\n\n]] b -- c\n d"), vec![1, 3, 4, 4]);
    assert_eq!(lines(b"\"a\\\nb\\z\n\n c\" d"), vec![1, 4, 4]);
}

#[test]
fn first_line_comment_and_byte_order_mark_are_skipped() {
    let err = |src: &[u8]| parse(src, "=prog").unwrap_err().message;
    assert!(parse(b"#!/usr/bin/lua\nreturn 1", "=prog").is_ok());
    assert!(parse(b"# comment", "=prog").is_ok());
    assert!(parse(b"#", "=prog").is_ok());
    assert!(parse(b"\xEF\xBB\xBFreturn 1", "=prog").is_ok());
    assert!(parse(b"\xEF\xBB\xBF#!lua\nreturn 1", "=prog").is_ok());
    // The `#` line still counts as line 1; `\r` does not end it (luaL_loadfile looks for `\n`).
    assert_eq!(err(b"#!lua\nx = = 1"), "prog:2: unexpected symbol near '='");
    assert_eq!(
        err(b"#!lua\r\nx = = 1"),
        "prog:2: unexpected symbol near '='"
    );
    assert!(parse(b"#!lua\rx = = 1", "=prog").is_ok());
    assert_eq!(
        err(b"#!lua\n\rx = = 1"),
        "prog:2: unexpected symbol near '='"
    );
    // Only the first line, and only at the very start.
    assert_eq!(err(b" #!lua\n"), "prog:1: unexpected symbol near '#'");
    assert_eq!(err(b"\n#!lua\n"), "prog:2: unexpected symbol near '#'");
    assert_eq!(err(b"\xEF\xBB"), "prog:1: unexpected symbol near '<\\239>'");
}

#[test]
fn chunk_ids() {
    use lua_syntax::chunkid;
    assert_eq!(chunkid("=prog"), "prog");
    assert_eq!(chunkid("@file.lua"), "file.lua");
    assert_eq!(chunkid("x = 1"), "[string \"x = 1\"]");
    assert_eq!(chunkid("x = 1\ny = 2"), "[string \"x = 1...\"]");
    assert_eq!(chunkid(""), "[string \"\"]");
    let long = "a".repeat(100);
    assert_eq!(chunkid(&format!("={long}")), "a".repeat(59));
    assert_eq!(
        chunkid(&format!("@{long}")),
        format!("...{}", "a".repeat(56))
    );
    assert_eq!(chunkid(&format!("@{}", "b".repeat(59))), "b".repeat(59));
    assert_eq!(
        chunkid(&format!("@{}", "b".repeat(60))),
        format!("...{}", "b".repeat(56))
    );
    assert_eq!(
        chunkid(&"c".repeat(44)),
        format!("[string \"{}\"]", "c".repeat(44))
    );
    assert_eq!(
        chunkid(&"c".repeat(45)),
        format!("[string \"{}...\"]", "c".repeat(45))
    );
    let e = parse(b"x = = 1", "x = = 1").unwrap_err();
    assert_eq!(
        e.message,
        "[string \"x = = 1\"]:1: unexpected symbol near '='"
    );
}
