//! Traversals of the AST: [`Visit`] for reading, [`VisitMut`] for rewriting.
//!
//! Implement the `visit_*` methods you care about and call the matching `walk_*`
//! function inside them to continue into the children (or do not, to prune). The
//! defaults just walk. Every expression, statement, block and function body is visited,
//! in source order; the left-hand side of an assignment and the keys of indexing are
//! expressions like any other.
//!
//! The walks recurse. Trees from [`crate::parse`] nest at most about 200 levels except
//! along left-associative operator chains (`a + b + c ...`) and suffix chains
//! (`a.b.c ...`, `f()()...`), which PUC-Rio Lua accepts at any length: a tree parsed
//! from megabytes of such a chain needs a thread with a large stack to walk (and to drop).

use crate::ast::*;

/// A read-only traversal.
pub trait Visit {
    fn visit_block(&mut self, b: &Block) {
        walk_block(self, b);
    }
    fn visit_stat(&mut self, s: &Stat) {
        walk_stat(self, s);
    }
    fn visit_expr(&mut self, e: &Expr) {
        walk_expr(self, e);
    }
    fn visit_func_body(&mut self, f: &FuncBody) {
        walk_func_body(self, f);
    }
}

pub fn walk_block<V: Visit + ?Sized>(v: &mut V, b: &Block) {
    for s in &b.stats {
        v.visit_stat(s);
    }
    if let Some(r) = &b.ret {
        for e in &r.values {
            v.visit_expr(e);
        }
    }
}

pub fn walk_stat<V: Visit + ?Sized>(v: &mut V, s: &Stat) {
    match &s.kind {
        StatKind::Assign { targets, values } => {
            targets.iter().for_each(|e| v.visit_expr(e));
            values.iter().for_each(|e| v.visit_expr(e));
        }
        StatKind::Call(e) => v.visit_expr(e),
        StatKind::Do(b) => v.visit_block(b),
        StatKind::While { cond, body } => {
            v.visit_expr(cond);
            v.visit_block(body);
        }
        StatKind::Repeat { body, cond } => {
            v.visit_block(body);
            v.visit_expr(cond);
        }
        StatKind::If {
            clauses,
            else_block,
        } => {
            for (cond, body) in clauses {
                v.visit_expr(cond);
                v.visit_block(body);
            }
            if let Some(b) = else_block {
                v.visit_block(b);
            }
        }
        StatKind::NumericFor {
            start,
            limit,
            step,
            body,
            ..
        } => {
            v.visit_expr(start);
            v.visit_expr(limit);
            if let Some(step) = step {
                v.visit_expr(step);
            }
            v.visit_block(body);
        }
        StatKind::GenericFor { exprs, body, .. } => {
            exprs.iter().for_each(|e| v.visit_expr(e));
            v.visit_block(body);
        }
        StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
            v.visit_func_body(body)
        }
        StatKind::Local { values, .. } => values.iter().for_each(|e| v.visit_expr(e)),
        StatKind::Label(_) | StatKind::Goto(_) | StatKind::Break => {}
    }
}

pub fn walk_func_body<V: Visit + ?Sized>(v: &mut V, f: &FuncBody) {
    v.visit_block(&f.block);
}

pub fn walk_expr<V: Visit + ?Sized>(v: &mut V, e: &Expr) {
    match &e.kind {
        ExprKind::Nil
        | ExprKind::False
        | ExprKind::True
        | ExprKind::Vararg
        | ExprKind::Integer(_)
        | ExprKind::Float(_)
        | ExprKind::String(_)
        | ExprKind::Name(_) => {}
        ExprKind::Function(body) => v.visit_func_body(body),
        ExprKind::Table(table) => {
            for f in &table.fields {
                match f {
                    Field::Positional(e) => v.visit_expr(e),
                    Field::Keyed { key, value } => {
                        v.visit_expr(key);
                        v.visit_expr(value);
                    }
                }
            }
        }
        ExprKind::Binary { lhs, rhs, .. } => {
            v.visit_expr(lhs);
            v.visit_expr(rhs);
        }
        ExprKind::Unary { operand, .. } => v.visit_expr(operand),
        ExprKind::Index { object, key } => {
            v.visit_expr(object);
            v.visit_expr(key);
        }
        ExprKind::Call { func, args, .. } => {
            v.visit_expr(func);
            args.iter().for_each(|e| v.visit_expr(e));
        }
        ExprKind::Method { object, args, .. } => {
            v.visit_expr(object);
            args.iter().for_each(|e| v.visit_expr(e));
        }
        ExprKind::Paren(inner) => v.visit_expr(inner),
    }
}

/// A rewriting traversal.
pub trait VisitMut {
    fn visit_block_mut(&mut self, b: &mut Block) {
        walk_block_mut(self, b);
    }
    fn visit_stat_mut(&mut self, s: &mut Stat) {
        walk_stat_mut(self, s);
    }
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        walk_expr_mut(self, e);
    }
    fn visit_func_body_mut(&mut self, f: &mut FuncBody) {
        walk_func_body_mut(self, f);
    }
    /// Called for every `return` (after its values are visited).
    fn visit_return_mut(&mut self, r: &mut Return) {
        let _ = r;
    }
}

pub fn walk_block_mut<V: VisitMut + ?Sized>(v: &mut V, b: &mut Block) {
    for s in &mut b.stats {
        v.visit_stat_mut(s);
    }
    if let Some(r) = &mut b.ret {
        for e in &mut r.values {
            v.visit_expr_mut(e);
        }
        v.visit_return_mut(r);
    }
}

pub fn walk_stat_mut<V: VisitMut + ?Sized>(v: &mut V, s: &mut Stat) {
    match &mut s.kind {
        StatKind::Assign { targets, values } => {
            targets.iter_mut().for_each(|e| v.visit_expr_mut(e));
            values.iter_mut().for_each(|e| v.visit_expr_mut(e));
        }
        StatKind::Call(e) => v.visit_expr_mut(e),
        StatKind::Do(b) => v.visit_block_mut(b),
        StatKind::While { cond, body } => {
            v.visit_expr_mut(cond);
            v.visit_block_mut(body);
        }
        StatKind::Repeat { body, cond } => {
            v.visit_block_mut(body);
            v.visit_expr_mut(cond);
        }
        StatKind::If {
            clauses,
            else_block,
        } => {
            for (cond, body) in clauses {
                v.visit_expr_mut(cond);
                v.visit_block_mut(body);
            }
            if let Some(b) = else_block {
                v.visit_block_mut(b);
            }
        }
        StatKind::NumericFor {
            start,
            limit,
            step,
            body,
            ..
        } => {
            v.visit_expr_mut(start);
            v.visit_expr_mut(limit);
            if let Some(step) = step {
                v.visit_expr_mut(step);
            }
            v.visit_block_mut(body);
        }
        StatKind::GenericFor { exprs, body, .. } => {
            exprs.iter_mut().for_each(|e| v.visit_expr_mut(e));
            v.visit_block_mut(body);
        }
        StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
            v.visit_func_body_mut(body)
        }
        StatKind::Local { values, .. } => values.iter_mut().for_each(|e| v.visit_expr_mut(e)),
        StatKind::Label(_) | StatKind::Goto(_) | StatKind::Break => {}
    }
}

pub fn walk_func_body_mut<V: VisitMut + ?Sized>(v: &mut V, f: &mut FuncBody) {
    v.visit_block_mut(&mut f.block);
}

pub fn walk_expr_mut<V: VisitMut + ?Sized>(v: &mut V, e: &mut Expr) {
    match &mut e.kind {
        ExprKind::Nil
        | ExprKind::False
        | ExprKind::True
        | ExprKind::Vararg
        | ExprKind::Integer(_)
        | ExprKind::Float(_)
        | ExprKind::String(_)
        | ExprKind::Name(_) => {}
        ExprKind::Function(body) => v.visit_func_body_mut(body),
        ExprKind::Table(table) => {
            for f in &mut table.fields {
                match f {
                    Field::Positional(e) => v.visit_expr_mut(e),
                    Field::Keyed { key, value } => {
                        v.visit_expr_mut(key);
                        v.visit_expr_mut(value);
                    }
                }
            }
        }
        ExprKind::Binary { lhs, rhs, .. } => {
            v.visit_expr_mut(lhs);
            v.visit_expr_mut(rhs);
        }
        ExprKind::Unary { operand, .. } => v.visit_expr_mut(operand),
        ExprKind::Index { object, key } => {
            v.visit_expr_mut(object);
            v.visit_expr_mut(key);
        }
        ExprKind::Call { func, args, .. } => {
            v.visit_expr_mut(func);
            args.iter_mut().for_each(|e| v.visit_expr_mut(e));
        }
        ExprKind::Method { object, args, .. } => {
            v.visit_expr_mut(object);
            args.iter_mut().for_each(|e| v.visit_expr_mut(e));
        }
        ExprKind::Paren(inner) => v.visit_expr_mut(inner),
    }
}

/// Sets every line in the tree to 0, so that trees can be compared regardless of layout.
pub fn clear_lines(chunk: &mut Chunk) {
    struct Clear;
    impl VisitMut for Clear {
        fn visit_stat_mut(&mut self, s: &mut Stat) {
            s.line = 0;
            match &mut s.kind {
                StatKind::NumericFor { do_line, .. } => *do_line = 0,
                StatKind::GenericFor {
                    call_line, do_line, ..
                } => {
                    *call_line = 0;
                    *do_line = 0;
                }
                _ => {}
            }
            walk_stat_mut(self, s);
        }
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            e.line = 0;
            match &mut e.kind {
                ExprKind::Table(table) => table.close_line = 0,
                ExprKind::Call { close_line, .. } | ExprKind::Method { close_line, .. } => {
                    *close_line = 0
                }
                _ => {}
            }
            walk_expr_mut(self, e);
        }
        fn visit_func_body_mut(&mut self, f: &mut FuncBody) {
            f.line = 0;
            f.end_line = 0;
            walk_func_body_mut(self, f);
        }
        fn visit_return_mut(&mut self, r: &mut Return) {
            r.line = 0;
        }
    }
    Clear.visit_block_mut(&mut chunk.block);
}
