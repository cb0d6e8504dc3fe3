//! Drops syntax trees without recursion. The parser builds chains like `a + b + c ...`,
//! `a.b.c...` or `f()()()...` in a loop, so their trees can be as deep as the chain is
//! long; the default recursive drop of such a tree could overflow a coroutine's native
//! stack. This one moves every child onto an explicit work list first.

use lua_syntax::ast::{Block, Chunk, Expr, ExprKind, Field, StatKind};

/// Drops a chunk's tree with a bounded native stack.
pub fn drop_chunk(chunk: Chunk) {
    let mut exprs: Vec<Expr> = Vec::new();
    let mut blocks: Vec<Block> = vec![chunk.block];
    loop {
        if let Some(mut e) = exprs.pop() {
            take_children(&mut e, &mut exprs, &mut blocks);
            drop(e);
            continue;
        }
        let Some(block) = blocks.pop() else { break };
        for stat in block.stats {
            match stat.kind {
                StatKind::Assign { targets, values } => {
                    exprs.extend(targets);
                    exprs.extend(values);
                }
                StatKind::Call(e) => exprs.push(e),
                StatKind::Do(b) => blocks.push(b),
                StatKind::While { cond, body } | StatKind::Repeat { body, cond } => {
                    exprs.push(cond);
                    blocks.push(body);
                }
                StatKind::If {
                    clauses,
                    else_block,
                } => {
                    for (c, b) in clauses {
                        exprs.push(c);
                        blocks.push(b);
                    }
                    blocks.extend(else_block);
                }
                StatKind::NumericFor {
                    start,
                    limit,
                    step,
                    body,
                    ..
                } => {
                    exprs.push(start);
                    exprs.push(limit);
                    exprs.extend(step);
                    blocks.push(body);
                }
                StatKind::GenericFor {
                    exprs: es, body, ..
                } => {
                    exprs.extend(es);
                    blocks.push(body);
                }
                StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
                    blocks.push(body.block);
                }
                StatKind::Local { values, .. } => exprs.extend(values),
                StatKind::Label(_) | StatKind::Goto(_) | StatKind::Break => {}
            }
        }
        if let Some(ret) = block.ret {
            exprs.extend(ret.values);
        }
    }
}

/// Moves the children of `e` onto the work lists, leaving `e` shallow.
fn take_children(e: &mut Expr, exprs: &mut Vec<Expr>, blocks: &mut Vec<Block>) {
    let kind = std::mem::replace(&mut e.kind, ExprKind::Nil);
    match kind {
        ExprKind::Binary { lhs, rhs, .. } => {
            exprs.push(*lhs);
            exprs.push(*rhs);
        }
        ExprKind::Unary { operand, .. } => exprs.push(*operand),
        ExprKind::Index { object, key } => {
            exprs.push(*object);
            exprs.push(*key);
        }
        ExprKind::Call { func, args, .. } => {
            exprs.push(*func);
            exprs.extend(args);
        }
        ExprKind::Method { object, args, .. } => {
            exprs.push(*object);
            exprs.extend(args);
        }
        ExprKind::Paren(inner) => exprs.push(*inner),
        ExprKind::Table(table) => {
            for f in table.fields {
                match f {
                    Field::Positional(v) => exprs.push(v),
                    Field::Keyed { key, value } => {
                        exprs.push(key);
                        exprs.push(value);
                    }
                }
            }
        }
        ExprKind::Function(body) => blocks.push(body.block),
        _ => {}
    }
}
