//! The reduction passes: each walks the current best tree node by node, builds
//! candidate edits of one node and keeps the first interesting one.

use lua_syntax::ast::{
    Block, Chunk, Expr, ExprKind, Field, FloatLit, FuncBody, LocalVar, Stat, StatKind,
};
use lua_syntax::visit::{self, VisitMut};

use super::Reducer;
use super::tree;

/// Runs every pass until none makes progress (or time runs out), then renames.
pub(super) fn run(reducer: &mut Reducer<'_, '_>) {
    loop {
        let mut progress = false;
        progress |= remove_statements(reducer);
        progress |= unwrap_statements(reducer);
        progress |= remove_list_items(reducer);
        progress |= simplify_expressions(reducer);
        progress |= inline_locals(reducer);
        progress |= inline_functions(reducer);
        progress |= shrink_literals(reducer);
        progress |= evaluate_expressions(reducer);
        if !progress || reducer.out_of_time() {
            break;
        }
    }
    if reducer.options.rename && !reducer.out_of_time() {
        rename(reducer);
        // Renaming can make two statements identical in form, never removable ones,
        // so one more round of the cheapest pass is enough.
        remove_statements(reducer);
    }
}

/// Removes statements, block by block (outer blocks first), delta-debugging style: all
/// of a block's statements at once, then halves, quarters... down to single statements,
/// from the end of the block (what a program prints after it diverges rarely matters).
/// A block's final `return` counts as its last statement.
fn remove_statements(reducer: &mut Reducer<'_, '_>) -> bool {
    reducer.phase = "remove statements";
    let mut progress = false;
    let mut index = 0;
    while index < tree::count_blocks(&reducer.best) && !reducer.out_of_time() {
        let items = |reducer: &Reducer<'_, '_>| {
            tree::block(&reducer.best, index)
                .map_or(0, |b| b.stats.len() + usize::from(b.ret.is_some()))
        };
        let mut size = items(reducer);
        while size >= 1 && !reducer.out_of_time() {
            let mut end = items(reducer);
            while end > 0 {
                let start = end.saturating_sub(size);
                let mut candidate = reducer.best.clone();
                tree::edit_block(&mut candidate, index, |b| remove_items(b, start, end));
                if reducer.test(candidate) {
                    progress = true;
                }
                end = start;
            }
            size /= 2;
        }
        index += 1;
    }
    progress
}

/// Removes lines of the program text, delta-debugging style (halves, quarters... down to
/// single lines, from the end), until no line can go. For programs whose divergence
/// needs their layout, which the tree passes (working on printed programs) lose.
pub(super) fn remove_lines(reducer: &mut Reducer<'_, '_>) -> bool {
    reducer.phase = "remove lines";
    let mut progress = false;
    loop {
        let mut changed = false;
        let count = reducer.best_source.split_inclusive(|&b| b == b'\n').count();
        let mut size = count.div_ceil(2).max(1);
        while !reducer.out_of_time() {
            let mut current: Vec<Vec<u8>> = reducer
                .best_source
                .split_inclusive(|&b| b == b'\n')
                .map(<[u8]>::to_vec)
                .collect();
            let mut end = current.len();
            while end > 0 && !reducer.out_of_time() {
                let start = end.saturating_sub(size);
                let candidate: Vec<u8> = current[..start]
                    .iter()
                    .chain(&current[end..])
                    .flatten()
                    .copied()
                    .collect();
                if reducer.test_source(candidate) {
                    changed = true;
                    current.drain(start..end);
                }
                end = start;
            }
            if size == 1 {
                break;
            }
            size /= 2;
        }
        // Whole statements, whatever their alignment: from a statement's first line to
        // the next statement's (or, for the last statement of the chunk, to the end).
        let mut at = 0;
        while !reducer.out_of_time() {
            let spans = statement_spans(&reducer.best, count_text_lines(&reducer.best_source));
            let Some(&(first, end)) = spans.get(at) else {
                break;
            };
            let lines: Vec<&[u8]> = reducer
                .best_source
                .split_inclusive(|&b| b == b'\n')
                .collect();
            let candidate: Vec<u8> = lines[..first.min(lines.len())]
                .iter()
                .chain(&lines[end.min(lines.len())..])
                .flat_map(|line| line.iter().copied())
                .collect();
            if reducer.test_source(candidate) {
                changed = true;
            } else {
                at += 1;
            }
        }
        progress |= changed;
        if !changed || reducer.out_of_time() {
            return progress;
        }
    }
}

fn count_text_lines(source: &[u8]) -> usize {
    source.split_inclusive(|&b| b == b'\n').count()
}

/// The line spans `[first, end)` (0-based) of statements whose extent the tree knows:
/// every statement followed by another in its block, and the chunk's last statement;
/// outer statements first, longest first.
fn statement_spans(chunk: &Chunk, lines: usize) -> Vec<(usize, usize)> {
    struct Spans(Vec<(usize, usize)>);
    impl Spans {
        fn block(&mut self, b: &Block, end: Option<usize>) {
            let starts: Vec<usize> = b.stats.iter().map(|s| s.line as usize).collect();
            for (i, &start) in starts.iter().enumerate() {
                let next = starts.get(i + 1).copied().or_else(|| {
                    b.ret
                        .as_ref()
                        .map(|r| r.line as usize)
                        .or(end.map(|e| e + 1))
                });
                if let Some(next) = next
                    && start >= 1
                    && next > start
                {
                    self.0.push((start - 1, next - 1));
                }
            }
        }
    }
    impl lua_syntax::visit::Visit for Spans {
        fn visit_func_body(&mut self, f: &FuncBody) {
            self.block(&f.block, None);
            lua_syntax::visit::walk_func_body(self, f);
        }
        fn visit_stat(&mut self, s: &Stat) {
            match &s.kind {
                StatKind::Do(b)
                | StatKind::While { body: b, .. }
                | StatKind::Repeat { body: b, .. }
                | StatKind::NumericFor { body: b, .. }
                | StatKind::GenericFor { body: b, .. } => self.block(b, None),
                StatKind::If {
                    clauses,
                    else_block,
                } => {
                    for (_, b) in clauses {
                        self.block(b, None);
                    }
                    if let Some(b) = else_block {
                        self.block(b, None);
                    }
                }
                _ => {}
            }
            lua_syntax::visit::walk_stat(self, s);
        }
    }
    let mut spans = Spans(Vec::new());
    spans.block(&chunk.block, Some(lines));
    lua_syntax::visit::Visit::visit_block(&mut spans, &chunk.block);
    // Outer blocks were added first; within that order, longer spans first.
    let mut order: Vec<(usize, (usize, usize))> = spans.0.into_iter().enumerate().collect();
    order.sort_by_key(|&(index, (first, end))| (std::cmp::Reverse(end - first), index));
    let mut seen = std::collections::HashSet::new();
    order
        .into_iter()
        .map(|(_, span)| span)
        .filter(|span| seen.insert(*span))
        .collect()
}

/// Removes items `start..end` of a block, where item `stats.len()` is the `return`.
fn remove_items(block: &mut Block, start: usize, end: usize) {
    let count = block.stats.len();
    if end > count {
        block.ret = None;
    }
    let end = end.min(count);
    if start < end {
        block.stats.drain(start..end);
    }
}

/// Replaces compound statements by their bodies: `do B end`, `while c do B end`,
/// `repeat B until c`, an `if` by one of its branches, a numeric `for` by
/// `local v = start` and its body, a generic `for` or a function definition by its body.
fn unwrap_statements(reducer: &mut Reducer<'_, '_>) -> bool {
    reducer.phase = "unwrap blocks";
    let mut progress = false;
    let mut index = 0;
    while index < tree::count_blocks(&reducer.best) && !reducer.out_of_time() {
        let mut position = 0;
        while let Some(block) = tree::block(&reducer.best, index) {
            let Some(stat) = block.stats.get(position) else {
                break;
            };
            let is_last = position + 1 == block.stats.len() && block.ret.is_none();
            // A function's body in place of its definition is most useful without the
            // statements that call it (which would now call nil).
            let defined = match &stat.kind {
                StatKind::Function { name, .. } => Some(name.path[0].clone()),
                StatKind::LocalFunction { name, .. } => Some(name.clone()),
                _ => None,
            };
            let mut variants: Vec<(Block, bool)> =
                bodies(stat).into_iter().map(|b| (b, false)).collect();
            if defined.is_some() {
                variants.extend(bodies(stat).into_iter().map(|b| (b, true)));
            }
            for (body, drop_callers) in variants {
                if body.ret.is_some() && !is_last {
                    continue;
                }
                let mut candidate = reducer.best.clone();
                tree::edit_block(&mut candidate, index, |b| {
                    if drop_callers && let Some(name) = &defined {
                        let mut later = b.stats.split_off(position + 1);
                        later.retain(|s| {
                            tree::count_name_uses(std::slice::from_ref(s), None, name) == 0
                        });
                        b.stats.extend(later);
                    }
                    let Block { stats, ret } = body;
                    b.stats.splice(position..=position, stats);
                    if ret.is_some() {
                        b.ret = ret;
                    }
                });
                if reducer.test(candidate) {
                    progress = true;
                    break;
                }
            }
            position += 1;
        }
        index += 1;
    }
    progress
}

/// The blocks a compound statement can be replaced by.
fn bodies(stat: &Stat) -> Vec<Block> {
    // A loop's body in place of the loop runs once; its `break`s (which would now be
    // outside any loop) go with the statements that hold them.
    let loop_body = |b: &Block| -> Vec<Block> {
        let cut = without_breaks(b);
        if cut == *b {
            vec![cut]
        } else {
            vec![cut, b.clone()]
        }
    };
    let as_block = |kind: StatKind| Block {
        stats: vec![Stat::new(kind, stat.line)],
        ret: None,
    };
    match &stat.kind {
        StatKind::Do(b) => vec![b.clone()],
        StatKind::While { cond, body } => {
            // `if cond then body end`: the first trip only.
            let mut out = vec![as_block(StatKind::If {
                clauses: vec![(cond.clone(), without_breaks(body))],
                else_block: None,
            })];
            out.extend(loop_body(body));
            out
        }
        StatKind::Repeat { body, .. } => loop_body(body),
        StatKind::If {
            clauses,
            else_block,
        } => clauses
            .iter()
            .map(|(_, b)| b.clone())
            .chain(else_block.clone())
            .collect(),
        StatKind::NumericFor {
            var, start, body, ..
        } => {
            let declare = Stat::new(
                StatKind::Local {
                    vars: vec![LocalVar {
                        name: var.clone(),
                        attrib: None,
                    }],
                    values: vec![start.clone()],
                },
                stat.line,
            );
            let mut out: Vec<Block> = loop_body(body)
                .into_iter()
                .map(|mut block| {
                    block.stats.insert(0, declare.clone());
                    block
                })
                .collect();
            out.extend(loop_body(body));
            out
        }
        StatKind::GenericFor { body, .. } => loop_body(body),
        StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
            vec![body.block.clone()]
        }
        _ => Vec::new(),
    }
}

/// `block` without the statements that hold a `break` of the loop the block is the
/// body of (breaks inside nested loops and functions belong to those).
fn without_breaks(block: &Block) -> Block {
    fn breaks(stats: &[Stat]) -> bool {
        stats.iter().any(|s| match &s.kind {
            StatKind::Break => true,
            StatKind::Do(b) => breaks(&b.stats),
            StatKind::If {
                clauses,
                else_block,
            } => {
                clauses.iter().any(|(_, b)| breaks(&b.stats))
                    || else_block.as_ref().is_some_and(|b| breaks(&b.stats))
            }
            _ => false,
        })
    }
    Block {
        stats: block
            .stats
            .iter()
            .filter(|s| !breaks(std::slice::from_ref(s)))
            .cloned()
            .collect(),
        ret: block.ret.clone(),
    }
}

/// Removes one item of a list: a variable of a `local` (with its value), a pair of an
/// assignment, an `elseif` clause, an `else` block, the step of a `for`, a value of a
/// `return`, a parameter, an argument, a table field.
fn remove_list_items(reducer: &mut Reducer<'_, '_>) -> bool {
    reducer.phase = "remove list items";
    let mut progress = false;
    // Statement lists.
    let mut index = 0;
    while index < tree::count_blocks(&reducer.best) && !reducer.out_of_time() {
        let mut position = 0;
        while let Some(block) = tree::block(&reducer.best, index) {
            if position > block.stats.len() {
                break;
            }
            let mut accepted = false;
            for edited in stat_item_variants(&block, position) {
                let mut candidate = reducer.best.clone();
                tree::edit_block(&mut candidate, index, |b| *b = edited);
                if reducer.test(candidate) {
                    accepted = true;
                    break;
                }
            }
            // After a removal the same statement may lose more items.
            if accepted {
                progress = true;
            } else {
                position += 1;
            }
        }
        index += 1;
    }
    // Expression lists.
    let mut index = 0;
    while index < tree::count_exprs(&reducer.best) && !reducer.out_of_time() {
        let Some(expr) = tree::expr(&reducer.best, index) else {
            break;
        };
        let mut accepted = false;
        for edited in expr_item_variants(&expr) {
            let mut candidate = reducer.best.clone();
            tree::edit_expr(&mut candidate, index, |e| *e = edited);
            if reducer.test(candidate) {
                accepted = true;
                break;
            }
        }
        if accepted {
            progress = true;
        } else {
            index += 1;
        }
    }
    progress
}

/// The block with one list item of statement `position` removed, for each item
/// (position `stats.len()` is the `return`).
fn stat_item_variants(block: &Block, position: usize) -> Vec<Block> {
    let mut variants = Vec::new();
    let mut variant = |edit: &dyn Fn(&mut Block)| {
        let mut copy = block.clone();
        edit(&mut copy);
        variants.push(copy);
    };
    if position == block.stats.len() {
        let count = block.ret.as_ref().map_or(0, |r| r.values.len());
        for i in (0..count).rev() {
            variant(&|b| {
                if let Some(r) = &mut b.ret {
                    r.values.remove(i);
                }
            });
        }
        return variants;
    }
    match &block.stats[position].kind {
        StatKind::Local { vars, values } => {
            if !values.is_empty() {
                variant(&|b| {
                    if let StatKind::Local { values, .. } = &mut b.stats[position].kind {
                        values.clear();
                    }
                });
            }
            if vars.len() > 1 {
                for i in (0..vars.len()).rev() {
                    variant(&|b| {
                        if let StatKind::Local { vars, values } = &mut b.stats[position].kind {
                            vars.remove(i);
                            if i < values.len() {
                                values.remove(i);
                            }
                        }
                    });
                }
            }
        }
        StatKind::Assign { targets, values }
            if targets.len() > 1 && targets.len() == values.len() =>
        {
            for i in (0..targets.len()).rev() {
                variant(&|b| {
                    if let StatKind::Assign { targets, values } = &mut b.stats[position].kind {
                        targets.remove(i);
                        values.remove(i);
                    }
                });
            }
        }
        StatKind::If {
            clauses,
            else_block,
        } => {
            if else_block.is_some() {
                variant(&|b| {
                    if let StatKind::If { else_block, .. } = &mut b.stats[position].kind {
                        *else_block = None;
                    }
                });
            }
            if clauses.len() > 1 {
                for i in (0..clauses.len()).rev() {
                    variant(&|b| {
                        if let StatKind::If { clauses, .. } = &mut b.stats[position].kind {
                            clauses.remove(i);
                        }
                    });
                }
            }
        }
        StatKind::NumericFor { step: Some(_), .. } => variant(&|b| {
            if let StatKind::NumericFor { step, .. } = &mut b.stats[position].kind {
                *step = None;
            }
        }),
        StatKind::GenericFor { vars, .. } if vars.len() > 1 => variant(&|b| {
            if let StatKind::GenericFor { vars, .. } = &mut b.stats[position].kind {
                vars.pop();
            }
        }),
        StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
            for i in param_items(body) {
                variant(&|b| match &mut b.stats[position].kind {
                    StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
                        remove_param(body, i)
                    }
                    _ => {}
                });
            }
        }
        _ => {}
    }
    variants
}

/// The parameter items of a function, last first: the `...` is item `params.len()`.
fn param_items(body: &FuncBody) -> Vec<usize> {
    (0..body.params.len() + usize::from(body.is_vararg))
        .rev()
        .collect()
}

/// Removes parameter item `item` (see [`param_items`]).
fn remove_param(body: &mut FuncBody, item: usize) {
    if item < body.params.len() {
        body.params.remove(item);
    } else {
        body.is_vararg = false;
    }
}

/// The expression with one list item removed, for each item: every argument of a call
/// (last first), every table field (all at once first, then one by one from the end, so
/// that positional fields keep their keys), every parameter of a function expression.
fn expr_item_variants(expr: &Expr) -> Vec<Expr> {
    let mut variants = Vec::new();
    let mut variant = |edit: &dyn Fn(&mut ExprKind)| {
        let mut copy = expr.clone();
        edit(&mut copy.kind);
        variants.push(copy);
    };
    match &expr.kind {
        ExprKind::Call { args, .. } | ExprKind::Method { args, .. } => {
            for i in (0..args.len()).rev() {
                variant(&|kind| {
                    if let ExprKind::Call { args, .. } | ExprKind::Method { args, .. } = kind {
                        args.remove(i);
                    }
                });
            }
        }
        ExprKind::Table(table) => {
            if table.fields.len() > 1 {
                variant(&|kind| {
                    if let ExprKind::Table(table) = kind {
                        table.fields.clear();
                    }
                });
            }
            for i in (0..table.fields.len()).rev() {
                variant(&|kind| {
                    if let ExprKind::Table(table) = kind {
                        table.fields.remove(i);
                    }
                });
            }
        }
        ExprKind::Function(body) => {
            for i in param_items(body) {
                variant(&|kind| {
                    if let ExprKind::Function(body) = kind {
                        remove_param(body, i);
                    }
                });
            }
        }
        _ => {}
    }
    variants
}

/// Replaces expressions (outermost first) by one of their sub-expressions or by a simple
/// literal: `0`, `nil`, `true`, `""`.
fn simplify_expressions(reducer: &mut Reducer<'_, '_>) -> bool {
    reducer.phase = "simplify expressions";
    let mut progress = false;
    let mut index = 0;
    while index < tree::count_exprs(&reducer.best) && !reducer.out_of_time() {
        let Some(expr) = tree::expr(&reducer.best, index) else {
            break;
        };
        for replacement in simpler(&expr) {
            let mut candidate = reducer.best.clone();
            tree::edit_expr(&mut candidate, index, |e| *e = replacement);
            if reducer.test(candidate) {
                progress = true;
                break;
            }
        }
        index += 1;
    }
    progress
}

/// Candidate replacements for an expression, most promising first.
fn simpler(expr: &Expr) -> Vec<Expr> {
    let line = expr.line;
    let mut out = Vec::new();
    match &expr.kind {
        ExprKind::Binary { lhs, rhs, .. } => {
            out.push((**lhs).clone());
            out.push((**rhs).clone());
        }
        ExprKind::Unary { operand, .. } | ExprKind::Paren(operand) => out.push((**operand).clone()),
        ExprKind::Index { object, key } => {
            out.push((**key).clone());
            out.push((**object).clone());
        }
        ExprKind::Call { args, .. } | ExprKind::Method { args, .. } => {
            out.extend(args.iter().cloned());
        }
        ExprKind::Table(table) => {
            for field in &table.fields {
                match field {
                    Field::Positional(e) => out.push(e.clone()),
                    Field::Keyed { value, .. } => out.push(value.clone()),
                }
            }
        }
        ExprKind::Function(body) => {
            // A function that returns one value can become that value's thunk-free
            // form only when called; leave functions to the statement passes.
            let _ = body;
        }
        _ => {}
    }
    // A multi-valued sub-expression keeps its one-value meaning in parentheses.
    for e in &mut out {
        if e.is_multi() {
            *e = Expr::new(ExprKind::Paren(Box::new(e.clone())), e.line);
        }
    }
    let literals = [
        ExprKind::Integer(0),
        ExprKind::Nil,
        ExprKind::True,
        ExprKind::String(Vec::new()),
    ];
    let is_simple = matches!(
        expr.kind,
        ExprKind::Nil | ExprKind::True | ExprKind::False | ExprKind::Integer(0)
    );
    if !is_simple {
        out.extend(literals.into_iter().map(|kind| Expr::new(kind, line)));
    }
    out
}

/// Inlines a `local x = e` (or a global's `x = e`) whose variable is used once, later
/// in the same block, and never assigned again: the use becomes `e` and the declaration
/// goes.
fn inline_locals(reducer: &mut Reducer<'_, '_>) -> bool {
    reducer.phase = "inline locals";
    let mut progress = false;
    let mut index = 0;
    while index < tree::count_blocks(&reducer.best) && !reducer.out_of_time() {
        let mut position = 0;
        while let Some(block) = tree::block(&reducer.best, index) {
            let Some(stat) = block.stats.get(position) else {
                break;
            };
            // `local x = e`, or `x = e` for a global the program assigns once.
            let single = match &stat.kind {
                StatKind::Local { vars, values }
                    if vars.len() == 1
                        && values.len() == 1
                        && vars[0].attrib != Some(lua_syntax::ast::Attrib::Close) =>
                {
                    Some((vars[0].name.clone(), values[0].clone()))
                }
                StatKind::Assign { targets, values } if targets.len() == 1 && values.len() == 1 => {
                    match &targets[0].kind {
                        ExprKind::Name(name) => Some((name.clone(), values[0].clone())),
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some((name, value)) = single {
                let rest = &block.stats[position + 1..];
                // A use of the variable is a reference, not the assignment's target.
                if tree::count_name_uses(rest, block.ret.as_ref(), &name) == 1
                    && !tree::is_rebound(rest, &name)
                {
                    let value = if value.is_multi() {
                        Expr::new(ExprKind::Paren(Box::new(value.clone())), value.line)
                    } else {
                        value
                    };
                    let mut candidate = reducer.best.clone();
                    tree::edit_block(&mut candidate, index, |b| {
                        let Block { stats, ret } = b;
                        tree::replace_first_use(
                            &mut stats[position + 1..],
                            ret.as_mut(),
                            &name,
                            &value,
                        );
                        stats.remove(position);
                    });
                    if reducer.test(candidate) {
                        progress = true;
                        continue;
                    }
                }
            }
            position += 1;
        }
        index += 1;
    }
    progress
}

/// Inlines functions whose body is one `return e`: every later call `f(args)` in the
/// same block becomes `e` with the parameters replaced by the arguments, and the
/// definition goes.
fn inline_functions(reducer: &mut Reducer<'_, '_>) -> bool {
    reducer.phase = "inline functions";
    let mut progress = false;
    let mut index = 0;
    while index < tree::count_blocks(&reducer.best) && !reducer.out_of_time() {
        let mut position = 0;
        while let Some(block) = tree::block(&reducer.best, index) {
            let Some(stat) = block.stats.get(position) else {
                break;
            };
            let (name, body) = match &stat.kind {
                StatKind::LocalFunction { name, body } => (name.clone(), body),
                StatKind::Function { name, body }
                    if name.path.len() == 1 && name.method.is_none() =>
                {
                    (name.path[0].clone(), body)
                }
                _ => {
                    position += 1;
                    continue;
                }
            };
            let returned = match &body.block.ret {
                Some(ret)
                    if body.block.stats.is_empty() && ret.values.len() == 1 && !body.is_vararg =>
                {
                    ret.values[0].clone()
                }
                _ => {
                    position += 1;
                    continue;
                }
            };
            let params = body.params.clone();
            let mut candidate = reducer.best.clone();
            tree::edit_block(&mut candidate, index, |b| {
                let mut inline = InlineCalls {
                    name: &name,
                    params: &params,
                    returned: &returned,
                };
                for s in &mut b.stats[position + 1..] {
                    inline.visit_stat_mut(s);
                }
                if let Some(ret) = &mut b.ret {
                    ret.values.iter_mut().for_each(|e| inline.visit_expr_mut(e));
                }
                b.stats.remove(position);
            });
            if reducer.test(candidate) {
                progress = true;
            } else {
                position += 1;
            }
        }
        index += 1;
    }
    progress
}

/// Replaces calls `name(args)` by `returned` with `params` bound to `args`.
struct InlineCalls<'a> {
    name: &'a str,
    params: &'a [String],
    returned: &'a Expr,
}

impl VisitMut for InlineCalls<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        visit::walk_expr_mut(self, e);
        let ExprKind::Call { func, args, .. } = &e.kind else {
            return;
        };
        if !matches!(&func.kind, ExprKind::Name(n) if n == self.name) {
            return;
        }
        struct Bind<'b> {
            params: &'b [String],
            args: &'b [Expr],
        }
        impl VisitMut for Bind<'_> {
            fn visit_expr_mut(&mut self, e: &mut Expr) {
                if let ExprKind::Name(n) = &e.kind
                    && let Some(at) = self.params.iter().position(|p| p == n)
                {
                    *e = match self.args.get(at) {
                        Some(arg) if arg.is_multi() => {
                            Expr::new(ExprKind::Paren(Box::new(arg.clone())), arg.line)
                        }
                        Some(arg) => arg.clone(),
                        None => Expr::new(ExprKind::Nil, e.line),
                    };
                    return;
                }
                visit::walk_expr_mut(self, e);
            }
        }
        let mut body = self.returned.clone();
        Bind {
            params: self.params,
            args,
        }
        .visit_expr_mut(&mut body);
        // A call gives its values to a list; the returned expression, if it is a call
        // itself, keeps doing so.
        *e = body;
    }
}

/// Shrinks literals: integers toward 0, floats toward 0.0 and their integral part,
/// strings toward "" (halving them on the way).
fn shrink_literals(reducer: &mut Reducer<'_, '_>) -> bool {
    reducer.phase = "shrink literals";
    let mut progress = false;
    let mut index = 0;
    while index < tree::count_exprs(&reducer.best) && !reducer.out_of_time() {
        let Some(expr) = tree::expr(&reducer.best, index) else {
            break;
        };
        let candidates: Vec<ExprKind> = match &expr.kind {
            // A minus before a numeral folds into a negative literal.
            ExprKind::Unary {
                op: lua_syntax::ast::UnOp::Neg,
                operand,
            } => match operand.kind {
                ExprKind::Integer(n) => vec![ExprKind::Integer(n.wrapping_neg())],
                ExprKind::Float(FloatLit(x)) => vec![ExprKind::Float(FloatLit(-x))],
                _ => Vec::new(),
            },
            ExprKind::Integer(n) if *n != 0 => {
                vec![
                    ExprKind::Integer(0),
                    ExprKind::Integer(1),
                    ExprKind::Integer(n / 10),
                    ExprKind::Integer(n / 2),
                ]
            }
            ExprKind::Float(FloatLit(x)) => vec![
                ExprKind::Float(FloatLit(0.0)),
                ExprKind::Float(FloatLit(1.0)),
                ExprKind::Float(FloatLit(x.trunc())),
                ExprKind::Float(FloatLit(x / 2.0)),
            ],
            ExprKind::String(s) if !s.is_empty() => vec![
                ExprKind::String(Vec::new()),
                ExprKind::String(s[..1].to_vec()),
                ExprKind::String(s[..s.len() / 2].to_vec()),
                ExprKind::String(s[s.len() / 2..].to_vec()),
            ],
            _ => Vec::new(),
        };
        for kind in candidates {
            let mut candidate = reducer.best.clone();
            tree::edit_expr(&mut candidate, index, |e| e.kind = kind);
            if reducer.test(candidate) {
                progress = true;
                break;
            }
        }
        index += 1;
    }
    progress
}

/// The name of the probe function [`evaluate_expressions`] adds to a program.
const PROBE: &str = "__luadiff_probe";

/// The probe: the first value it sees, if it is one a literal can write, goes to the
/// output between markers (`%q` writes integers, floats exactly, strings, booleans and
/// nil as Lua source). It keeps the library functions it uses from before the program
/// runs, which may change them.
const PROBE_DEFINITION: &str = r#"
local __luadiff_probe
do
  local seen, type, mtype, write, format = false, type, math.type, io.write, string.format
  __luadiff_probe = function(v)
    local t = mtype(v) or type(v)
    if not seen and (t == "integer" or t == "float" or t == "string" or t == "boolean" or t == "nil") then
      seen = true
      write("\1luadiff-probe ", format("%q", v), "\1")
    end
    return v
  end
end
"#;

/// Replaces expressions (outermost first) by the literal of the value they have the
/// first time they are evaluated, as native Lua computes it: `-t[2]` by `-4` when `t[2]`
/// is 4 there. Literals do what `0`, `nil` and sub-expressions cannot: keep a value the
/// bug needs while the computation that made it goes. Each expression costs one run of
/// native Lua on the program with a probe around it.
fn evaluate_expressions(reducer: &mut Reducer<'_, '_>) -> bool {
    reducer.phase = "evaluate expressions";
    let Some(native) = reducer.engines.iter().position(|e| e.name() == "native") else {
        return false;
    };
    let Ok(probe) = lua_syntax::parse(PROBE_DEFINITION.as_bytes(), "=probe") else {
        return false;
    };
    let mut progress = false;
    let mut index = 0;
    while index < tree::count_exprs(&reducer.best) && !reducer.out_of_time() {
        let Some(expr) = tree::expr(&reducer.best, index) else {
            break;
        };
        // Calls too: a call that returns several values may still be replaced by the
        // first (the interestingness test decides).
        let worth_it = !matches!(
            expr.kind,
            ExprKind::Nil
                | ExprKind::True
                | ExprKind::False
                | ExprKind::Integer(_)
                | ExprKind::Float(_)
                | ExprKind::String(_)
                | ExprKind::Vararg
                | ExprKind::Function(_)
                | ExprKind::Table(_)
        );
        if worth_it && let Some(value) = probe_value(reducer, native, &probe, index, &expr) {
            let mut candidate = reducer.best.clone();
            tree::edit_expr(&mut candidate, index, |e| *e = value);
            if reducer.test(candidate) {
                progress = true;
            }
        }
        index += 1;
    }
    progress
}

/// The literal of the first value expression `index` has when native Lua runs the
/// current program, if it has one.
fn probe_value(
    reducer: &mut Reducer<'_, '_>,
    native: usize,
    probe: &Chunk,
    index: usize,
    expr: &Expr,
) -> Option<Expr> {
    let mut probed = reducer.best.clone();
    tree::edit_expr(&mut probed, index, |e| {
        let inner = std::mem::replace(e, Expr::new(ExprKind::Nil, expr.line));
        *e = Expr::new(
            ExprKind::Call {
                func: Box::new(Expr::new(ExprKind::Name(PROBE.to_string()), expr.line)),
                args: vec![inner],
                close_line: expr.line,
            },
            expr.line,
        );
    });
    let mut stats = probe.block.stats.clone();
    stats.append(&mut probed.block.stats);
    probed.block.stats = stats;
    let source = lua_syntax::print(&probed);
    // An expression that cannot be wrapped (an assignment's target) does not parse.
    lua_syntax::parse(source.as_bytes(), &reducer.options.chunkname).ok()?;
    let outcome = crate::run_isolated(
        reducer.engines[native].as_mut(),
        &lua_engine::Program::new(source.as_bytes(), &reducer.options.chunkname),
        &reducer.limits,
    );
    let marker = b"\x01luadiff-probe ";
    let start = outcome
        .output
        .windows(marker.len())
        .position(|w| w == marker)?
        + marker.len();
    let length = outcome.output[start..].iter().position(|&b| b == 1)?;
    let mut literal = b"return ".to_vec();
    literal.extend_from_slice(&outcome.output[start..start + length]);
    let mut chunk = lua_syntax::parse(&literal, "=value").ok()?;
    let mut value = chunk.block.ret.take()?.values.pop()?;
    value.line = expr.line;
    Some(value)
}

/// Names never renamed, nor used as new names: the standard library's globals, `self`
/// (implicit in methods), `_ENV`, `arg`.
const RESERVED: &[&str] = &[
    "_ENV",
    "_G",
    "_VERSION",
    "arg",
    "assert",
    "collectgarbage",
    "coroutine",
    "debug",
    "dofile",
    "error",
    "getmetatable",
    "io",
    "ipairs",
    "load",
    "loadfile",
    "math",
    "next",
    "os",
    "package",
    "pairs",
    "pcall",
    "print",
    "rawequal",
    "rawget",
    "rawlen",
    "rawset",
    "require",
    "select",
    "self",
    "setmetatable",
    "string",
    "table",
    "tonumber",
    "tostring",
    "type",
    "utf8",
    "warn",
    "xpcall",
];

/// Renames the program's own variables (locals, parameters, loop variables, and the
/// globals it assigns) to `a`, `b`, `c`... in order of first appearance: all at once,
/// and if that is not interesting, one at a time.
fn rename(reducer: &mut Reducer<'_, '_>) {
    reducer.phase = "rename";
    let (defined, all) = names(&reducer.best);
    let mut fresh = fresh_names(&all);
    let mapping: Vec<(String, String)> = defined
        .iter()
        .filter(|name| name.len() > 1)
        .filter_map(|name| Some((name.clone(), fresh.next()?)))
        .collect();
    if mapping.is_empty() {
        return;
    }
    let mut candidate = reducer.best.clone();
    apply_renaming(&mut candidate, &mapping);
    if reducer.test(candidate) {
        return;
    }
    for pair in &mapping {
        let mut candidate = reducer.best.clone();
        apply_renaming(&mut candidate, std::slice::from_ref(pair));
        reducer.test(candidate);
    }
}

/// The variables the program defines (in order of first appearance), and every name it
/// uses.
fn names(chunk: &Chunk) -> (Vec<String>, std::collections::HashSet<String>) {
    struct Names {
        defined: Vec<String>,
        all: std::collections::HashSet<String>,
    }
    impl Names {
        fn define(&mut self, name: &str) {
            self.all.insert(name.to_string());
            if !RESERVED.contains(&name) && !self.defined.iter().any(|d| d == name) {
                self.defined.push(name.to_string());
            }
        }
    }
    impl VisitMut for Names {
        fn visit_stat_mut(&mut self, s: &mut Stat) {
            match &s.kind {
                StatKind::Local { vars, .. } => vars.iter().for_each(|v| self.define(&v.name)),
                StatKind::LocalFunction { name, .. } => self.define(name),
                StatKind::Function { name, .. } => self.define(&name.path[0]),
                StatKind::NumericFor { var, .. } => self.define(var),
                StatKind::GenericFor { vars, .. } => vars.iter().for_each(|v| self.define(v)),
                StatKind::Assign { targets, .. } => {
                    for target in targets {
                        if let ExprKind::Name(name) = &target.kind {
                            self.define(name);
                        }
                    }
                }
                _ => {}
            }
            visit::walk_stat_mut(self, s);
        }
        fn visit_func_body_mut(&mut self, f: &mut FuncBody) {
            f.params.iter().for_each(|p| self.define(p));
            visit::walk_func_body_mut(self, f);
        }
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            if let ExprKind::Name(name) = &e.kind {
                self.all.insert(name.clone());
            }
            visit::walk_expr_mut(self, e);
        }
    }
    let mut names = Names {
        defined: Vec::new(),
        all: std::collections::HashSet::new(),
    };
    // The visitor is the mutable one only because it also serves renaming; the copy
    // is not changed.
    let mut copy = chunk.clone();
    names.visit_block_mut(&mut copy.block);
    (names.defined, names.all)
}

/// `a`..`z`, then `a1`..`z1`, `a2`..., skipping names in use and reserved words.
fn fresh_names(taken: &std::collections::HashSet<String>) -> impl Iterator<Item = String> + '_ {
    (0..).flat_map(move |round: u32| {
        (b'a'..=b'z').filter_map(move |c| {
            let name = if round == 0 {
                (c as char).to_string()
            } else {
                format!("{}{round}", c as char)
            };
            let keyword = matches!(
                name.as_str(),
                "do" | "if" | "in" | "or" | "and" | "end" | "for" | "nil" | "not"
            );
            (!taken.contains(&name) && !keyword && !RESERVED.contains(&name.as_str()))
                .then_some(name)
        })
    })
}

/// Renames every occurrence of each `(old, new)` variable name.
fn apply_renaming(chunk: &mut Chunk, mapping: &[(String, String)]) {
    struct Rename<'m>(&'m [(String, String)]);
    impl Rename<'_> {
        fn name(&self, name: &mut String) {
            if let Some((_, new)) = self.0.iter().find(|(old, _)| old == name) {
                *name = new.clone();
            }
        }
    }
    impl VisitMut for Rename<'_> {
        fn visit_stat_mut(&mut self, s: &mut Stat) {
            match &mut s.kind {
                StatKind::Local { vars, .. } => {
                    vars.iter_mut().for_each(|v| self.name(&mut v.name))
                }
                StatKind::LocalFunction { name, .. } => self.name(name),
                StatKind::Function { name, .. } => self.name(&mut name.path[0]),
                StatKind::NumericFor { var, .. } => self.name(var),
                StatKind::GenericFor { vars, .. } => vars.iter_mut().for_each(|v| self.name(v)),
                _ => {}
            }
            visit::walk_stat_mut(self, s);
        }
        fn visit_func_body_mut(&mut self, f: &mut FuncBody) {
            f.params.iter_mut().for_each(|p| self.name(p));
            visit::walk_func_body_mut(self, f);
        }
        fn visit_expr_mut(&mut self, e: &mut Expr) {
            if let ExprKind::Name(name) = &mut e.kind {
                self.name(name);
            }
            visit::walk_expr_mut(self, e);
        }
    }
    Rename(mapping).visit_block_mut(&mut chunk.block);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Chunk {
        lua_syntax::parse(source.as_bytes(), "=t").unwrap()
    }

    #[test]
    fn renaming_is_consistent_and_avoids_names_in_use() {
        let mut chunk = parse(
            "local value = 1\nlocal function helper(arg1) return arg1 + value end\nprint(helper(b))\n",
        );
        let (defined, all) = names(&chunk);
        assert_eq!(defined, ["value", "helper", "arg1"]);
        let mapping: Vec<(String, String)> =
            defined.iter().cloned().zip(fresh_names(&all)).collect();
        apply_renaming(&mut chunk, &mapping);
        assert_eq!(
            lua_syntax::print(&chunk),
            "local a = 1\nlocal function c(d)\n  return d + a\nend\nprint(c(b))\n"
        );
    }

    #[test]
    fn list_items_come_off_one_by_one() {
        let block =
            parse("local a, b = 1, 2\nif x then elseif y then else end\nreturn 1, 2\n").block;
        let printed = |position| -> Vec<String> {
            stat_item_variants(&block, position)
                .into_iter()
                .map(|b| lua_syntax::print(&Chunk { block: b }))
                .map(|text| text.lines().nth(position).unwrap_or_default().to_string())
                .collect()
        };
        assert_eq!(printed(0), ["local a, b", "local a = 1", "local b = 2"]);
        assert_eq!(printed(2), ["return 1", "return 2"]);
        let ifs: Vec<String> = stat_item_variants(&block, 1)
            .into_iter()
            .map(|b| lua_syntax::print(&Chunk { block: b }))
            .collect();
        assert_eq!(ifs.len(), 3);
        assert!(ifs[0].contains("elseif y then end"), "{}", ifs[0]);
        let call = lua_syntax::parse(b"f(1, {2, 3})", "=t").unwrap();
        let StatKind::Call(call) = &call.block.stats[0].kind else {
            panic!("a call")
        };
        let variants: Vec<String> = expr_item_variants(call)
            .iter()
            .map(lua_syntax::print_expr)
            .collect();
        assert_eq!(variants, ["f(1)", "f{2, 3}"]);
    }
}
