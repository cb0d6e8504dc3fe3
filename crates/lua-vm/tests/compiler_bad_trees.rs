//! Trees that do not come from the parser (the reducer and the generator edit trees)
//! may break its guarantees: the compiler reports an error like PUC's, never panics.

use lua_syntax::ast::{
    Attrib, Block, Chunk, Expr, ExprKind, FuncBody, FuncName, LocalVar, Stat, StatKind,
};
use lua_vm::{CompileConfig, compile};

fn chunk(stats: Vec<Stat>) -> Chunk {
    Chunk {
        block: Block { stats, ret: None },
    }
}

fn stat(kind: StatKind) -> Stat {
    Stat::new(kind, 1)
}

fn name(n: &str) -> Expr {
    Expr::new(ExprKind::Name(n.to_string()), 1)
}

fn error(c: &Chunk) -> String {
    compile(c, "=t", &CompileConfig::default())
        .expect_err("the tree is invalid")
        .message
}

#[test]
fn invalid_trees_are_errors() {
    let cases: Vec<(Chunk, &str)> = vec![
        (
            chunk(vec![stat(StatKind::Goto("nowhere".into()))]),
            "t:1: no visible label 'nowhere' for <goto> at line 1",
        ),
        (
            chunk(vec![stat(StatKind::Break)]),
            "t:1: break outside loop at line 1",
        ),
        (
            chunk(vec![
                stat(StatKind::Label("a".into())),
                stat(StatKind::Label("a".into())),
            ]),
            "t:1: label 'a' already defined on line 1",
        ),
        (
            chunk(vec![stat(StatKind::Local {
                vars: vec![],
                values: vec![],
            })]),
            "t:1: <name> expected",
        ),
        (
            chunk(vec![stat(StatKind::Function {
                name: FuncName {
                    path: vec![],
                    method: None,
                },
                body: Box::new(FuncBody {
                    params: vec![],
                    is_vararg: false,
                    block: Block::default(),
                    line: 1,
                    end_line: 1,
                }),
            })]),
            "t:1: <name> expected",
        ),
        (
            chunk(vec![stat(StatKind::Assign {
                targets: vec![Expr::new(ExprKind::Integer(1), 1)],
                values: vec![name("x")],
            })]),
            "t:1: syntax error",
        ),
        (
            chunk(vec![stat(StatKind::Call(name("f")))]),
            "t:1: syntax error",
        ),
        (
            chunk(vec![
                stat(StatKind::Local {
                    vars: vec![LocalVar {
                        name: "k".into(),
                        attrib: Some(Attrib::Const),
                    }],
                    values: vec![name("y")],
                }),
                stat(StatKind::Assign {
                    targets: vec![name("k")],
                    values: vec![name("x")],
                }),
            ]),
            "t:1: attempt to assign to const variable 'k'",
        ),
        (
            chunk(vec![stat(StatKind::Function {
                name: FuncName {
                    path: vec!["f".into()],
                    method: None,
                },
                body: Box::new(FuncBody {
                    params: vec![],
                    is_vararg: false,
                    block: Block {
                        stats: vec![stat(StatKind::Call(Expr::new(
                            ExprKind::Call {
                                func: Box::new(name("g")),
                                args: vec![Expr::new(ExprKind::Vararg, 1)],
                                close_line: 1,
                            },
                            1,
                        )))],
                        ret: None,
                    },
                    line: 1,
                    end_line: 1,
                }),
            })]),
            "t:1: cannot use '...' outside a vararg function near '...'",
        ),
    ];
    for (c, want) in cases {
        assert_eq!(error(&c), want);
    }
}
