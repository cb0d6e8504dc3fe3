//! Engines with planted bugs, for testing and measuring the pipeline that finds,
//! reduces, deduplicates and files bugs: each runs the reference interpreter on the
//! program with one operation rewritten to a classic mistake.
//!
//! The rewrites work on the syntax tree, so they apply wherever the operation appears,
//! and they are expressed in Lua (the planted engine is `ref` running a different
//! program), so they cannot crash anything. The engine takes whatever name it is given:
//! named `vm`, a planted bug is blamed on the VM.

use lua_engine::{Engine, Limits, Outcome, Program};
use lua_syntax::ast::{BinOp, Expr, ExprKind, UnOp};
use lua_syntax::visit::{self, VisitMut};

use crate::registry;

/// A classic mistake in one operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlantedBug {
    /// `a // b` rounds toward zero instead of toward minus infinity (C's `/`).
    FloorDivisionTruncates,
    /// `a % b` takes the sign of `a` instead of `b` (C's `fmod`).
    ModuloTruncates,
    /// `a < b` is computed as `a <= b`.
    LessThanInclusive,
    /// `#s` counts one more than there is.
    LengthOffByOne,
}

impl PlantedBug {
    pub const ALL: [PlantedBug; 4] = [
        PlantedBug::FloorDivisionTruncates,
        PlantedBug::ModuloTruncates,
        PlantedBug::LessThanInclusive,
        PlantedBug::LengthOffByOne,
    ];

    /// A short name: `idiv-truncates`, `mod-truncates`, `lt-inclusive`, `len-plus-one`.
    pub fn name(self) -> &'static str {
        match self {
            PlantedBug::FloorDivisionTruncates => "idiv-truncates",
            PlantedBug::ModuloTruncates => "mod-truncates",
            PlantedBug::LessThanInclusive => "lt-inclusive",
            PlantedBug::LengthOffByOne => "len-plus-one",
        }
    }

    /// The operator whose presence a reduction of this bug must keep.
    pub fn operator(self) -> &'static str {
        match self {
            PlantedBug::FloorDivisionTruncates => "//",
            PlantedBug::ModuloTruncates => "%",
            PlantedBug::LessThanInclusive => "<",
            PlantedBug::LengthOffByOne => "#",
        }
    }

    /// Rewrites one expression (its children already rewritten).
    fn rewrite(self, e: &mut Expr) {
        let line = e.line;
        let name = |n: &str| Expr::new(ExprKind::Name(n.to_string()), line);
        let fmod = |lhs: &Expr, rhs: &Expr| {
            let func = Expr::new(
                ExprKind::Index {
                    object: Box::new(name("math")),
                    key: Box::new(Expr::new(ExprKind::String(b"fmod".to_vec()), line)),
                },
                line,
            );
            Expr::new(
                ExprKind::Call {
                    func: Box::new(func),
                    args: vec![lhs.clone(), rhs.clone()],
                    close_line: line,
                },
                line,
            )
        };
        let binary = |op: BinOp, lhs: Expr, rhs: Expr| {
            Expr::new(
                ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                line,
            )
        };
        let replacement = match (self, &e.kind) {
            (PlantedBug::FloorDivisionTruncates, ExprKind::Binary { op, lhs, rhs })
                if *op == BinOp::IDiv =>
            {
                // (a - math.fmod(a, b)) // b: exact, so the floor is the truncation.
                let dividend = binary(BinOp::Sub, (**lhs).clone(), fmod(lhs, rhs));
                binary(BinOp::IDiv, dividend, (**rhs).clone())
            }
            (PlantedBug::ModuloTruncates, ExprKind::Binary { op, lhs, rhs })
                if *op == BinOp::Mod =>
            {
                fmod(lhs, rhs)
            }
            (PlantedBug::LessThanInclusive, ExprKind::Binary { op, lhs, rhs })
                if *op == BinOp::Lt =>
            {
                binary(BinOp::Le, (**lhs).clone(), (**rhs).clone())
            }
            (
                PlantedBug::LengthOffByOne,
                ExprKind::Unary {
                    op: UnOp::Len,
                    operand,
                },
            ) => binary(
                BinOp::Add,
                Expr::new(
                    ExprKind::Unary {
                        op: UnOp::Len,
                        operand: operand.clone(),
                    },
                    line,
                ),
                Expr::new(ExprKind::Integer(1), line),
            ),
            _ => return,
        };
        *e = replacement;
    }
}

/// The reference interpreter with a planted bug.
pub struct PlantedEngine {
    bug: PlantedBug,
    name: String,
    inner: Box<dyn Engine>,
}

impl PlantedEngine {
    /// `ref` with `bug`, named `name` in verdicts.
    pub fn new(bug: PlantedBug, name: &str) -> Result<PlantedEngine, registry::EngineError> {
        Ok(PlantedEngine {
            bug,
            name: name.to_string(),
            inner: registry::engine("ref")?,
        })
    }
}

impl Engine for PlantedEngine {
    fn name(&self) -> &str {
        &self.name
    }

    fn description(&self) -> String {
        format!("lua-ref with a planted bug ({})", self.bug.name())
    }

    fn run(&mut self, program: &Program<'_>, limits: &Limits) -> Outcome {
        // A program that does not parse has nothing to rewrite.
        let Ok(mut chunk) = lua_syntax::parse(program.source, program.chunkname) else {
            return self.inner.run(program, limits);
        };
        struct Plant(PlantedBug);
        impl VisitMut for Plant {
            fn visit_expr_mut(&mut self, e: &mut Expr) {
                visit::walk_expr_mut(self, e);
                self.0.rewrite(e);
            }
        }
        Plant(self.bug).visit_block_mut(&mut chunk.block);
        let source = lua_syntax::print(&chunk);
        self.inner.run(
            &Program {
                source: source.as_bytes(),
                ..*program
            },
            limits,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bug_changes_its_operation_only() {
        let cases = [
            (
                PlantedBug::FloorDivisionTruncates,
                "print(-7 // 2, 7 // 2)",
                "-3\t3\n",
            ),
            (
                PlantedBug::ModuloTruncates,
                "print(-7 % 3, 7 % 3)",
                "-1\t1\n",
            ),
            (
                PlantedBug::LessThanInclusive,
                "print(1 < 1, 1 > 1)",
                "true\tfalse\n",
            ),
            (PlantedBug::LengthOffByOne, "print(#'abc', 3 + 1)", "4\t4\n"),
        ];
        for (bug, source, expected) in cases {
            let mut engine = PlantedEngine::new(bug, "vm").unwrap();
            let outcome = engine.run(&Program::new(source.as_bytes(), "=t"), &Limits::GENERATED);
            assert_eq!(
                String::from_utf8_lossy(&outcome.output),
                expected,
                "{}",
                bug.name()
            );
        }
    }
}
