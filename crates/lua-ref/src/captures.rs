//! Which local declarations some closure captures: what the resolver must know before
//! it gives a local a register or an upvalue cell.
//!
//! Declarations are numbered as the resolver numbers them: one number per declared name
//! (a parameter, `self`, a loop variable, a `local` or `local function` name, including a
//! `<const>` that turns out to be a compile-time constant), in the order the resolver
//! declares them. Names resolve by the scope rules of manual §3.5, as in the resolver; a
//! name that is no local refers to `_ENV`, which may itself be a captured local.
//!
//! The walk may say more than the truth (a compile-time constant that a closure mentions
//! is listed, though it is never a variable), which costs nothing: such a declaration
//! never asks. It must never say less: the resolver panics if a closure reaches a local
//! it was told is not captured.

use lua_syntax::ast::{self, ExprKind as AstExpr, StatKind as AstStat};
use rustc_hash::FxHashSet as HashSet;

use crate::resolve::MAX_EXPR_DEPTH;

/// The captured declarations of `chunk`, or `None` if its expressions are nested deeper
/// than [`MAX_EXPR_DEPTH`] (the resolver reports that).
pub fn captured(chunk: &ast::Chunk) -> Option<HashSet<usize>> {
    let mut walker = Walker {
        funcs: vec![vec![Vec::new()]],
        next_decl: 0,
        captured: HashSet::default(),
        depth: 0,
        too_deep: false,
    };
    walker.block_in_current_scope(&chunk.block);
    (!walker.too_deep).then_some(walker.captured)
}

struct Walker<'t> {
    /// For each function being walked, innermost last: its scopes, each holding the
    /// names in scope with their declaration numbers.
    funcs: Vec<Vec<Vec<(&'t str, usize)>>>,
    next_decl: usize,
    captured: HashSet<usize>,
    depth: usize,
    too_deep: bool,
}

impl<'t> Walker<'t> {
    fn scopes(&mut self) -> &mut Vec<Vec<(&'t str, usize)>> {
        self.funcs.last_mut().expect("a function being walked")
    }

    fn open_scope(&mut self) {
        self.scopes().push(Vec::new());
    }

    fn close_scope(&mut self) {
        self.scopes().pop();
    }

    fn declare(&mut self) -> usize {
        self.next_decl += 1;
        self.next_decl - 1
    }

    fn activate(&mut self, name: &'t str, decl: usize) {
        self.scopes()
            .last_mut()
            .expect("an open scope")
            .push((name, decl));
    }

    /// A use of `name`: a local of an enclosing function is captured; a name that is no
    /// local is `_ENV.name`.
    fn reference(&mut self, name: &str) {
        let innermost = self.funcs.len() - 1;
        for (level, scopes) in self.funcs.iter().enumerate().rev() {
            let found = scopes
                .iter()
                .rev()
                .flat_map(|scope| scope.iter().rev())
                .find(|(n, _)| *n == name);
            if let Some(&(_, decl)) = found {
                if level < innermost {
                    self.captured.insert(decl);
                }
                return;
            }
        }
        if name != "_ENV" {
            self.reference("_ENV");
        }
    }

    fn block(&mut self, b: &'t ast::Block) {
        self.open_scope();
        self.block_in_current_scope(b);
        self.close_scope();
    }

    fn block_in_current_scope(&mut self, b: &'t ast::Block) {
        for s in &b.stats {
            self.stat(s);
        }
        if let Some(ret) = &b.ret {
            self.exprs(&ret.values);
        }
    }

    fn stat(&mut self, s: &'t ast::Stat) {
        match &s.kind {
            AstStat::Assign { targets, values } => {
                self.exprs(targets);
                self.exprs(values);
            }
            AstStat::Call(e) => self.expr(e),
            AstStat::Do(b) => self.block(b),
            AstStat::While { cond, body } => {
                self.expr(cond);
                self.block(body);
            }
            AstStat::Repeat { body, cond } => {
                self.open_scope();
                self.block_in_current_scope(body);
                self.expr(cond);
                self.close_scope();
            }
            AstStat::If {
                clauses,
                else_block,
            } => {
                for (cond, body) in clauses {
                    self.expr(cond);
                    self.block(body);
                }
                if let Some(b) = else_block {
                    self.block(b);
                }
            }
            AstStat::NumericFor {
                var,
                start,
                limit,
                step,
                body,
                ..
            } => {
                self.expr(start);
                self.expr(limit);
                if let Some(step) = step {
                    self.expr(step);
                }
                self.open_scope();
                let decl = self.declare();
                self.activate(var, decl);
                self.block(body);
                self.close_scope();
            }
            AstStat::GenericFor {
                vars, exprs, body, ..
            } => {
                self.exprs(exprs);
                self.open_scope();
                let first = self.next_decl;
                for _ in vars {
                    self.declare();
                }
                for (i, name) in vars.iter().enumerate() {
                    self.activate(name, first + i);
                }
                self.block(body);
                self.close_scope();
            }
            AstStat::Function { name, body } => {
                self.reference(&name.path[0]);
                self.function(body, name.method.is_some());
            }
            AstStat::LocalFunction { name, body } => {
                let decl = self.declare();
                self.activate(name, decl);
                self.function(body, false);
            }
            AstStat::Local { vars, values } => {
                self.exprs(values);
                let first = self.next_decl;
                for _ in vars {
                    self.declare();
                }
                for (i, v) in vars.iter().enumerate() {
                    self.activate(&v.name, first + i);
                }
            }
            AstStat::Label(_) | AstStat::Goto(_) | AstStat::Break => {}
        }
    }

    fn function(&mut self, body: &'t ast::FuncBody, is_method: bool) {
        self.funcs.push(vec![Vec::new()]);
        let first = self.next_decl;
        let names = is_method
            .then_some("self")
            .into_iter()
            .chain(body.params.iter().map(String::as_str));
        for (i, name) in names.enumerate() {
            self.declare();
            self.activate(name, first + i);
        }
        self.block_in_current_scope(&body.block);
        self.funcs.pop();
    }

    fn exprs(&mut self, es: &'t [ast::Expr]) {
        for e in es {
            self.expr(e);
        }
    }

    fn expr(&mut self, e: &'t ast::Expr) {
        // The resolver stops at this depth too, and reports the chunk as too deep.
        if self.depth >= MAX_EXPR_DEPTH || self.too_deep {
            self.too_deep = true;
            return;
        }
        self.depth += 1;
        match &e.kind {
            AstExpr::Nil
            | AstExpr::True
            | AstExpr::False
            | AstExpr::Vararg
            | AstExpr::Integer(_)
            | AstExpr::Float(_)
            | AstExpr::String(_) => {}
            AstExpr::Function(body) => self.function(body, false),
            AstExpr::Table(table) => {
                for field in &table.fields {
                    match field {
                        ast::Field::Positional(e) => self.expr(e),
                        ast::Field::Keyed { key, value } => {
                            self.expr(key);
                            self.expr(value);
                        }
                    }
                }
            }
            AstExpr::Binary { lhs, rhs, .. } => {
                self.expr(lhs);
                self.expr(rhs);
            }
            AstExpr::Unary { operand, .. } => self.expr(operand),
            AstExpr::Name(n) => self.reference(n),
            AstExpr::Index { object, key } => {
                self.expr(object);
                self.expr(key);
            }
            AstExpr::Call { func, args, .. } => {
                self.expr(func);
                self.exprs(args);
            }
            AstExpr::Method { object, args, .. } => {
                self.expr(object);
                self.exprs(args);
            }
            AstExpr::Paren(inner) => self.expr(inner),
        }
        self.depth -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn captured_in(source: &str) -> Vec<usize> {
        let chunk = lua_syntax::parse(source.as_bytes(), "=test").expect("valid source");
        let mut decls: Vec<usize> = captured(&chunk)
            .expect("not too deep")
            .into_iter()
            .collect();
        decls.sort_unstable();
        decls
    }

    #[test]
    fn a_local_used_by_a_closure_is_captured() {
        assert_eq!(
            captured_in("local a, b; local function f() return a end"),
            [0]
        );
    }

    #[test]
    fn a_local_is_not_in_scope_in_its_own_initializer() {
        // The closure sees the first `x` (0); the second (1) is not yet declared.
        assert_eq!(
            captured_in("local x = 1; local x = function() return x end"),
            [0]
        );
    }

    #[test]
    fn a_local_function_is_in_scope_in_its_own_body() {
        assert_eq!(captured_in("local function f() return f() end"), [0]);
    }

    #[test]
    fn a_global_name_captures_a_local_env() {
        assert_eq!(
            captured_in("local _ENV = {}; function g() return y end"),
            [0]
        );
        assert_eq!(
            captured_in("local e = {}; function g() return y end"),
            [] as [usize; 0]
        );
    }

    #[test]
    fn the_condition_of_repeat_sees_the_body() {
        assert_eq!(
            captured_in("repeat local z = 1 until (function() return z end)()"),
            [0]
        );
    }

    #[test]
    fn loop_variables_parameters_and_self_are_declarations() {
        assert_eq!(
            captured_in("for i = 1, 2 do local f = function() return i end end"),
            [0]
        );
        // t = 0, self = 1, k = 2, v = 3, a = 4, b = 5.
        let source = "local t = {}
            function t:m() return function() return self end end
            for k, v in pairs(t) do local g = function(a, b) return v + b end end";
        assert_eq!(captured_in(source), [1, 3]);
    }

    #[test]
    fn an_inner_declaration_shadows_an_outer_one() {
        assert_eq!(
            captured_in("local x; local function f() local x; return function() return x end end"),
            [2]
        );
    }

    #[test]
    fn expressions_past_the_depth_limit_are_reported() {
        let source = format!("return {}1{}", "(".repeat(150), ")".repeat(150));
        assert!(captured(&lua_syntax::parse(source.as_bytes(), "=t").unwrap()).is_some());
        let chain = format!("return 1{}", " + 1".repeat(MAX_EXPR_DEPTH + 10));
        let chunk = lua_syntax::parse(chain.as_bytes(), "=t").unwrap();
        assert!(captured(&chunk).is_none());
    }
}
