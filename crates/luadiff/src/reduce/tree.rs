//! Addressing and editing the nodes of a syntax tree by their preorder index, and the
//! size measure that every accepted reduction step must decrease.
//!
//! Blocks and expressions are numbered in the order `lua_syntax::visit` walks them
//! (preorder, source order). A reduction pass asks for node `k`, builds candidates from
//! a copy of the tree with node `k` edited, and moves on to `k + 1` when none is
//! accepted; after an accepted edit the numbering of the new tree is used.

use lua_syntax::ast::{Block, Chunk, Expr, ExprKind, Field, FuncBody, Stat, StatKind};
use lua_syntax::visit::{self, Visit, VisitMut};

/// The number of blocks in the tree (the chunk's own block included).
pub fn count_blocks(chunk: &Chunk) -> usize {
    struct Count(usize);
    impl Visit for Count {
        fn visit_block(&mut self, b: &Block) {
            self.0 += 1;
            visit::walk_block(self, b);
        }
    }
    let mut count = Count(0);
    count.visit_block(&chunk.block);
    count.0
}

/// The number of expressions in the tree.
pub fn count_exprs(chunk: &Chunk) -> usize {
    struct Count(usize);
    impl Visit for Count {
        fn visit_expr(&mut self, e: &Expr) {
            self.0 += 1;
            visit::walk_expr(self, e);
        }
    }
    let mut count = Count(0);
    count.visit_block(&chunk.block);
    count.0
}

/// Calls `edit` on block number `index`; false if there is no such block.
pub fn edit_block(chunk: &mut Chunk, index: usize, edit: impl FnOnce(&mut Block)) -> bool {
    struct Nth<F> {
        target: usize,
        seen: usize,
        edit: Option<F>,
    }
    impl<F: FnOnce(&mut Block)> VisitMut for Nth<F> {
        fn visit_block_mut(&mut self, b: &mut Block) {
            if self.edit.is_none() {
                return;
            }
            if self.seen == self.target {
                if let Some(edit) = self.edit.take() {
                    edit(b);
                }
                return;
            }
            self.seen += 1;
            visit::walk_block_mut(self, b);
        }
    }
    let mut nth = Nth {
        target: index,
        seen: 0,
        edit: Some(edit),
    };
    nth.visit_block_mut(&mut chunk.block);
    nth.edit.is_none()
}

/// A copy of block number `index`.
pub fn block(chunk: &Chunk, index: usize) -> Option<Block> {
    let mut copy = chunk.clone();
    let mut found = None;
    edit_block(&mut copy, index, |b| found = Some(std::mem::take(b)));
    found
}

/// Calls `edit` on expression number `index`; false if there is no such expression.
pub fn edit_expr(chunk: &mut Chunk, index: usize, edit: impl FnOnce(&mut Expr)) -> bool {
    struct Nth<F> {
        target: usize,
        seen: usize,
        edit: Option<F>,
    }
    impl<F: FnOnce(&mut Expr)> VisitMut for Nth<F> {
        fn visit_block_mut(&mut self, b: &mut Block) {
            if self.edit.is_some() {
                visit::walk_block_mut(self, b);
            }
        }
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            if self.edit.is_none() {
                return;
            }
            if self.seen == self.target {
                if let Some(edit) = self.edit.take() {
                    edit(e);
                }
                return;
            }
            self.seen += 1;
            visit::walk_expr_mut(self, e);
        }
    }
    let mut nth = Nth {
        target: index,
        seen: 0,
        edit: Some(edit),
    };
    nth.visit_block_mut(&mut chunk.block);
    nth.edit.is_none()
}

/// A copy of expression number `index`.
pub fn expr(chunk: &Chunk, index: usize) -> Option<Expr> {
    struct Nth<'a> {
        target: usize,
        seen: usize,
        found: Option<&'a Expr>,
    }
    impl<'a> Nth<'a> {
        fn visit(&mut self, e: &'a Expr) {
            if self.found.is_some() {
                return;
            }
            if self.seen == self.target {
                self.found = Some(e);
                return;
            }
            self.seen += 1;
            children(e, |child| self.visit(child));
        }
    }
    // The generic visitor cannot hand out references that outlive the call, so this
    // walk mirrors `visit::walk_expr` over statements by hand.
    let mut nth = Nth {
        target: index,
        seen: 0,
        found: None,
    };
    walk_block_exprs(&chunk.block, &mut |e| nth.visit(e));
    nth.found.cloned()
}

/// Calls `f` on each top-level expression of every statement of `b` (and nested
/// blocks), in the order `lua_syntax::visit` visits them; `f` recurses by itself.
fn walk_block_exprs<'a>(b: &'a Block, f: &mut impl FnMut(&'a Expr)) {
    for s in &b.stats {
        walk_stat_exprs(s, f);
    }
    if let Some(r) = &b.ret {
        r.values.iter().for_each(&mut *f);
    }
}

fn walk_stat_exprs<'a>(s: &'a Stat, f: &mut impl FnMut(&'a Expr)) {
    match &s.kind {
        StatKind::Assign { targets, values } => {
            targets.iter().for_each(&mut *f);
            values.iter().for_each(&mut *f);
        }
        StatKind::Call(e) => f(e),
        StatKind::Do(b) => walk_block_exprs(b, f),
        StatKind::While { cond, body } => {
            f(cond);
            walk_block_exprs(body, f);
        }
        StatKind::Repeat { body, cond } => {
            walk_block_exprs(body, f);
            f(cond);
        }
        StatKind::If {
            clauses,
            else_block,
        } => {
            for (cond, body) in clauses {
                f(cond);
                walk_block_exprs(body, f);
            }
            if let Some(b) = else_block {
                walk_block_exprs(b, f);
            }
        }
        StatKind::NumericFor {
            start,
            limit,
            step,
            body,
            ..
        } => {
            f(start);
            f(limit);
            if let Some(step) = step {
                f(step);
            }
            walk_block_exprs(body, f);
        }
        StatKind::GenericFor { exprs, body, .. } => {
            exprs.iter().for_each(&mut *f);
            walk_block_exprs(body, f);
        }
        StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
            walk_block_exprs(&body.block, f)
        }
        StatKind::Local { values, .. } => values.iter().for_each(&mut *f),
        StatKind::Label(_) | StatKind::Goto(_) | StatKind::Break => {}
    }
}

/// Calls `f` on each direct child expression of `e`, in visiting order. Expressions
/// inside a function body are reached through its statements, as the visitor does.
pub fn children<'a>(e: &'a Expr, mut f: impl FnMut(&'a Expr)) {
    match &e.kind {
        ExprKind::Nil
        | ExprKind::False
        | ExprKind::True
        | ExprKind::Vararg
        | ExprKind::Integer(_)
        | ExprKind::Float(_)
        | ExprKind::String(_)
        | ExprKind::Name(_) => {}
        ExprKind::Function(body) => walk_block_exprs(&body.block, &mut f),
        ExprKind::Table(table) => {
            for field in &table.fields {
                match field {
                    Field::Positional(e) => f(e),
                    Field::Keyed { key, value } => {
                        f(key);
                        f(value);
                    }
                }
            }
        }
        ExprKind::Binary { lhs, rhs, .. } => {
            f(lhs);
            f(rhs);
        }
        ExprKind::Unary { operand, .. } => f(operand),
        ExprKind::Index { object, key } => {
            f(object);
            f(key);
        }
        ExprKind::Call { func, args, .. } => {
            f(func);
            args.iter().for_each(f);
        }
        ExprKind::Method { object, args, .. } => {
            f(object);
            args.iter().for_each(f);
        }
        ExprKind::Paren(inner) => f(inner),
    }
}

/// The size of a tree, which every accepted reduction step decreases: statements and
/// expressions count one each, a variable reference two (so that replacing a variable
/// by a literal is progress: it removes a dependence), function bodies and table
/// fields one each.
pub fn weight(chunk: &Chunk) -> usize {
    struct Weigh(usize);
    impl Visit for Weigh {
        fn visit_stat(&mut self, s: &Stat) {
            self.0 += 1;
            if let StatKind::Local { vars, .. } = &s.kind {
                self.0 += vars.len();
            }
            visit::walk_stat(self, s);
        }
        fn visit_expr(&mut self, e: &Expr) {
            self.0 += match &e.kind {
                ExprKind::Name(_) => 2,
                ExprKind::Table(table) => 1 + table.fields.len(),
                _ => 1,
            };
            visit::walk_expr(self, e);
        }
        fn visit_func_body(&mut self, f: &FuncBody) {
            self.0 += 1 + f.params.len();
            visit::walk_func_body(self, f);
        }
        fn visit_block(&mut self, b: &Block) {
            if b.ret.is_some() {
                self.0 += 1;
            }
            visit::walk_block(self, b);
        }
    }
    let mut weigh = Weigh(0);
    weigh.visit_block(&chunk.block);
    weigh.0
}

/// Every use of the variable `name` as an expression, counted without regard to
/// scopes (the interestingness test catches what shadowing breaks).
pub fn count_name_uses(stats: &[Stat], ret: Option<&lua_syntax::ast::Return>, name: &str) -> usize {
    struct Uses<'n> {
        name: &'n str,
        count: usize,
    }
    impl Visit for Uses<'_> {
        fn visit_expr(&mut self, e: &Expr) {
            if matches!(&e.kind, ExprKind::Name(n) if n == self.name) {
                self.count += 1;
            }
            visit::walk_expr(self, e);
        }
    }
    let mut uses = Uses { name, count: 0 };
    for s in stats {
        uses.visit_stat(s);
    }
    if let Some(r) = ret {
        r.values.iter().for_each(|e| uses.visit_expr(e));
    }
    uses.count
}

/// Whether `name` is assigned to, declared again or used as a function name anywhere in
/// `stats` (such variables are not inlined).
pub fn is_rebound(stats: &[Stat], name: &str) -> bool {
    struct Rebound<'n> {
        name: &'n str,
        found: bool,
    }
    impl Visit for Rebound<'_> {
        fn visit_stat(&mut self, s: &Stat) {
            let is = |n: &str| n == self.name;
            self.found |= match &s.kind {
                StatKind::Assign { targets, .. } => targets
                    .iter()
                    .any(|t| matches!(&t.kind, ExprKind::Name(n) if is(n))),
                StatKind::Local { vars, .. } => vars.iter().any(|v| is(&v.name)),
                StatKind::LocalFunction { name, .. } => is(name),
                StatKind::Function { name, .. } => is(&name.path[0]),
                StatKind::NumericFor { var, .. } => is(var),
                StatKind::GenericFor { vars, .. } => vars.iter().any(|v| is(v)),
                _ => false,
            };
            visit::walk_stat(self, s);
        }
        fn visit_func_body(&mut self, f: &FuncBody) {
            self.found |= f.params.iter().any(|p| p == self.name);
            visit::walk_func_body(self, f);
        }
    }
    let mut rebound = Rebound { name, found: false };
    for s in stats {
        rebound.visit_stat(s);
    }
    rebound.found
}

/// Replaces the first use of the variable `name` in `stats`/`ret` by `value`.
pub fn replace_first_use(
    stats: &mut [Stat],
    ret: Option<&mut lua_syntax::ast::Return>,
    name: &str,
    value: &Expr,
) -> bool {
    struct Replace<'a> {
        name: &'a str,
        value: Option<&'a Expr>,
    }
    impl VisitMut for Replace<'_> {
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            let Some(value) = self.value else {
                return;
            };
            if matches!(&e.kind, ExprKind::Name(n) if n == self.name) {
                *e = value.clone();
                self.value = None;
                return;
            }
            visit::walk_expr_mut(self, e);
        }
    }
    let mut replace = Replace {
        name,
        value: Some(value),
    };
    for s in stats.iter_mut() {
        replace.visit_stat_mut(s);
    }
    if let Some(r) = ret {
        r.values.iter_mut().for_each(|e| replace.visit_expr_mut(e));
    }
    replace.value.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Chunk {
        lua_syntax::parse(source.as_bytes(), "=t").unwrap()
    }

    #[test]
    fn nodes_are_numbered_in_preorder() {
        let mut chunk = parse("local a = 1 + 2\nif a then print(a) else do end end\n");
        assert_eq!(count_blocks(&chunk), 4);
        assert_eq!(count_exprs(&chunk), 7);
        assert_eq!(
            expr(&chunk, 0).map(|e| lua_syntax::print_expr(&e)),
            Some("1 + 2".to_string())
        );
        assert_eq!(
            expr(&chunk, 5).map(|e| lua_syntax::print_expr(&e)),
            Some("print".to_string())
        );
        assert!(edit_expr(&mut chunk, 2, |e| e.kind = ExprKind::Integer(7)));
        assert!(edit_block(&mut chunk, 3, |b| b.stats.clear()));
        assert!(!edit_block(&mut chunk, 4, |_| {}));
        assert_eq!(
            lua_syntax::print(&chunk),
            "local a = 1 + 7\nif a then\n  print(a)\nelse\n  do end\nend\n"
        );
        assert_eq!(block(&chunk, 2).map(|b| b.stats.len()), Some(1));
    }

    #[test]
    fn uses_and_rebinding() {
        let chunk = parse("local x = 1\nprint(x, function() return x end)\nx = 2\n");
        let stats = &chunk.block.stats[1..];
        // The assignment's target counts too: it is an expression like any other.
        assert_eq!(count_name_uses(stats, None, "x"), 3);
        assert!(is_rebound(stats, "x"));
        assert!(!is_rebound(&stats[..1], "x"));
    }
}
