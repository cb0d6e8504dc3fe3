//! Statements and blocks (manual §3.3): control flow, assignment, loops, `goto`, and
//! to-be-closed variables (manual §3.3.8), which are closed in reverse order on every way
//! out of their block: falling off the end, `break`, `goto`, `return` and errors.

use lua_prims::forloop::{self, ForPrep, ForValue};

use super::{CallName, Exec, Frame, Ret, Site, Throw};
use crate::ir::{AssignTarget, Block, Expr, ExprKind, LabelId, LocalTarget, Slot, Stat, StatKind};
use crate::runtime::Event;
use crate::value::{LResult, Value};

/// How a statement ended.
pub(crate) enum Flow {
    Normal,
    Break,
    Goto(LabelId),
    Return(Ret),
}

/// PUC's longest short string (`LUAI_MAXSHORTLEN`): only short constant strings index an
/// upvalue table directly.
const SHORT_STRING_MAX: usize = 40;

/// A table or key of an assignment target.
enum Operand {
    Value(Value),
    Local(Slot),
    Upval(u32),
}

impl Operand {
    fn read(self, fr: &Frame<'_>) -> Value {
        match self {
            Operand::Value(v) => v,
            Operand::Local(slot) => fr.get(slot),
            Operand::Upval(i) => fr.upvals[i as usize].get(),
        }
    }
}

/// A to-be-closed variable of an active block: the index of the statement that declared
/// it, and its value.
struct Pending {
    declared_at: usize,
    value: Value,
}

impl Exec<'_> {
    /// Runs a function body; returns its results (or a pending tail call).
    pub(crate) fn exec_body(&mut self, fr: &mut Frame<'_>, body: &Block) -> LResult<Ret> {
        match self.exec_block(fr, body)? {
            Flow::Return(r) => Ok(r),
            // Falling off the end, or a goto with no target (never for parsed programs).
            _ => Ok(Ret::Values(Vec::new())),
        }
    }

    /// Runs a block.
    pub(crate) fn exec_block(&mut self, fr: &mut Frame<'_>, b: &Block) -> LResult<Flow> {
        if b.has_tbc {
            return self.exec_block_closing(fr, b);
        }
        let mut pc = 0;
        while pc < b.stats.len() {
            match self.exec_stat(fr, &b.stats[pc])? {
                Flow::Normal => pc += 1,
                Flow::Goto(label) => match b.label_index(label) {
                    Some(i) => pc = i,
                    None => return Ok(Flow::Goto(label)),
                },
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    /// Runs a block that declares to-be-closed variables.
    #[inline(never)]
    fn exec_block_closing(&mut self, fr: &mut Frame<'_>, b: &Block) -> LResult<Flow> {
        let mut pending: Vec<Pending> = Vec::new();
        let mut pc = 0;
        // The line PUC is on when it closes the variables: the `return`, `break` or
        // `goto` that leaves the block, else the block's end.
        let mut exit_line = b.end_line;
        let outcome = loop {
            if pc >= b.stats.len() {
                break Ok(Flow::Normal);
            }
            let stat = &b.stats[pc];
            let r = self.exec_stat(fr, stat);
            match r {
                Ok(Flow::Normal) => {
                    if let StatKind::Local {
                        close: Some((slot, name)),
                        ..
                    } = &stat.kind
                    {
                        let value = fr.get(*slot);
                        if let Err(e) = self.check_closable(&value, name, stat.line) {
                            break Err(e);
                        }
                        pending.push(Pending {
                            declared_at: pc,
                            value,
                        });
                    }
                    pc += 1;
                }
                Ok(Flow::Goto(label)) => match b.label_index(label) {
                    Some(i) => {
                        // Jumping back before a declaration leaves its scope.
                        let keep = pending.iter().take_while(|p| p.declared_at < i).count();
                        if pending.len() > keep {
                            let rest = pending.split_off(keep);
                            if let Err(e) = self.close_all(rest, Ok(()), stat.line) {
                                break Err(e);
                            }
                        }
                        pc = i;
                    }
                    None => {
                        exit_line = stat.line;
                        break Ok(Flow::Goto(label));
                    }
                },
                other => {
                    exit_line = stat.line;
                    break other;
                }
            }
        };
        if pending.is_empty() {
            return outcome;
        }
        match outcome {
            Ok(flow) => self.close_all(pending, Ok(()), exit_line).map(|()| flow),
            Err(e) => match self.close_all(pending, Err(e), exit_line) {
                Ok(()) => unreachable!("closing after an error ends in an error"),
                Err(e) => Err(e),
            },
        }
    }

    /// PUC's `checkclosemth`: a to-be-closed value must be nil, false, or have `__close`.
    fn check_closable(&mut self, v: &Value, name: &str, line: u32) -> LResult<()> {
        if !v.truthy() {
            return Ok(());
        }
        if self.rt.metamethod(v, Event::Close).is_nil() {
            return Err(self.rt_error(line, format!("variable '{name}' got a non-closable value")));
        }
        Ok(())
    }

    /// Closes to-be-closed values in reverse order (manual §3.3.8). `outcome` is how the
    /// block is being left; an error is passed to the handlers, and an error raised by a
    /// handler replaces it for the remaining ones.
    #[inline(never)]
    fn close_all(
        &mut self,
        mut pending: Vec<Pending>,
        mut outcome: Result<(), Throw>,
        line: u32,
    ) -> Result<(), Throw> {
        while let Some(p) = pending.pop() {
            if !p.value.truthy() {
                continue;
            }
            let err = match &outcome {
                Ok(()) => Value::Nil,
                Err(Throw::Error(e)) => {
                    if self.must_defer_close() {
                        // An error about to kill a coroutine: PUC leaves its variables
                        // open until `coroutine.close` (or `wrap`) closes them.
                        let e = e.clone();
                        outcome = Err(self.defer_close(e));
                        match &outcome {
                            Err(Throw::Close(Some(e))) => e.clone(),
                            _ => return outcome,
                        }
                    } else {
                        e.clone()
                    }
                }
                Err(Throw::Close(e)) => e.clone().unwrap_or_default(),
                Err(Throw::Exhausted(_)) => return outcome,
            };
            let tm = self.rt.metamethod(&p.value, Event::Close);
            // PUC calls close methods through `luaD_call` (a C call for its limits).
            let site = Site {
                line,
                name: CallName::Metamethod("close"),
                from_lua: false,
            };
            match self.call_value(tm, vec![p.value, err], &site) {
                Ok(_) => {}
                Err(Throw::Error(e2)) => {
                    outcome = match outcome {
                        Err(Throw::Close(_)) => Err(Throw::Close(Some(e2))),
                        _ => Err(Throw::Error(e2)),
                    };
                }
                Err(other) => return Err(other),
            }
        }
        outcome
    }

    /// Runs one statement.
    pub(crate) fn exec_stat(&mut self, fr: &mut Frame<'_>, s: &Stat) -> LResult<Flow> {
        self.step()?;
        match &s.kind {
            StatKind::Call(e) => {
                self.eval_call(fr, e)?;
                Ok(Flow::Normal)
            }
            StatKind::Local {
                targets, values, ..
            } => {
                self.exec_local(fr, targets, values)?;
                Ok(Flow::Normal)
            }
            StatKind::Assign { targets, values } => {
                self.exec_assign(fr, targets, values)?;
                Ok(Flow::Normal)
            }
            StatKind::Do(b) => self.exec_block(fr, b),
            StatKind::While { cond, body } => {
                loop {
                    let c = self.eval(fr, cond)?;
                    if !c.truthy() {
                        break;
                    }
                    match self.exec_block(fr, body)? {
                        Flow::Normal => {}
                        Flow::Break => break,
                        other => return Ok(other),
                    }
                    self.step()?;
                }
                Ok(Flow::Normal)
            }
            StatKind::Repeat { body, cond } => {
                loop {
                    match self.exec_repeat_body(fr, body, cond)? {
                        (Flow::Normal, true) => break,
                        (Flow::Normal, false) => {}
                        (Flow::Break, _) => break,
                        (other, _) => return Ok(other),
                    }
                    self.step()?;
                }
                Ok(Flow::Normal)
            }
            StatKind::If {
                clauses,
                else_block,
            } => {
                for (cond, block) in clauses {
                    if self.eval(fr, cond)?.truthy() {
                        return self.exec_block(fr, block);
                    }
                }
                match else_block {
                    Some(b) => self.exec_block(fr, b),
                    None => Ok(Flow::Normal),
                }
            }
            StatKind::NumericFor {
                var,
                start,
                limit,
                step,
                body,
                prep_line,
            } => {
                let start = self.eval(fr, start)?;
                let limit = self.eval(fr, limit)?;
                let step = match step {
                    Some(e) => self.eval(fr, e)?,
                    None => Value::Integer(1),
                };
                self.exec_numeric_for(fr, *var, start, limit, step, body, *prep_line)
            }
            StatKind::GenericFor {
                vars,
                exprs,
                body,
                call_line,
                prep_line,
            } => self.exec_generic_for(fr, vars, exprs, body, *call_line, *prep_line),
            StatKind::LocalFunction { slot, proto } => {
                // The variable is in scope in the body: create its cell first.
                self.declare(fr, *slot, Value::Nil);
                let f = self.make_closure(fr, proto);
                self.assign_slot(fr, *slot, f);
                Ok(Flow::Normal)
            }
            StatKind::Goto(label) => Ok(Flow::Goto(*label)),
            StatKind::Break => Ok(Flow::Break),
            StatKind::Return { values, tail } => {
                if *tail && let [call] = &values[..] {
                    let (f, args, name) = self.prepare_call(fr, call)?;
                    return Ok(Flow::Return(Ret::TailCall(f, args, name, call.line)));
                }
                let vals = self.eval_list(fr, values)?;
                Ok(Flow::Return(Ret::Values(vals)))
            }
        }
    }

    /// The body of a `repeat` and its condition, evaluated in the body's scope (so that
    /// to-be-closed variables of the body are closed after the condition).
    #[inline(never)]
    fn exec_repeat_body(
        &mut self,
        fr: &mut Frame<'_>,
        body: &Block,
        cond: &crate::ir::Expr,
    ) -> LResult<(Flow, bool)> {
        if !body.has_tbc {
            let flow = self.exec_block(fr, body)?;
            if let Flow::Normal = flow {
                let c = self.eval(fr, cond)?;
                return Ok((Flow::Normal, c.truthy()));
            }
            return Ok((flow, false));
        }
        // With to-be-closed variables the condition must run before they are closed: run
        // the statements and the condition as one block.
        self.exec_repeat_closing(fr, body, cond)
    }

    fn exec_repeat_closing(
        &mut self,
        fr: &mut Frame<'_>,
        body: &Block,
        cond: &crate::ir::Expr,
    ) -> LResult<(Flow, bool)> {
        let mut pending: Vec<Pending> = Vec::new();
        let mut pc = 0;
        let mut done = false;
        let outcome: LResult<Flow> = loop {
            if pc >= body.stats.len() {
                match self.eval(fr, cond) {
                    Ok(c) => {
                        done = c.truthy();
                        break Ok(Flow::Normal);
                    }
                    Err(e) => break Err(e),
                }
            }
            let stat = &body.stats[pc];
            match self.exec_stat(fr, stat) {
                Ok(Flow::Normal) => {
                    if let StatKind::Local {
                        close: Some((slot, name)),
                        ..
                    } = &stat.kind
                    {
                        let value = fr.get(*slot);
                        if let Err(e) = self.check_closable(&value, name, stat.line) {
                            break Err(e);
                        }
                        pending.push(Pending {
                            declared_at: pc,
                            value,
                        });
                    }
                    pc += 1;
                }
                Ok(Flow::Goto(label)) => match body.label_index(label) {
                    Some(i) => {
                        let keep = pending.iter().take_while(|p| p.declared_at < i).count();
                        if pending.len() > keep {
                            let rest = pending.split_off(keep);
                            if let Err(e) = self.close_all(rest, Ok(()), body.end_line) {
                                break Err(e);
                            }
                        }
                        pc = i;
                    }
                    None => break Ok(Flow::Goto(label)),
                },
                other => break other,
            }
        };
        match outcome {
            Ok(flow) => {
                self.close_all(pending, Ok(()), body.end_line)?;
                Ok((flow, done))
            }
            Err(e) => match self.close_all(pending, Err(e), body.end_line) {
                Ok(()) => unreachable!("closing after an error ends in an error"),
                Err(e) => Err(e),
            },
        }
    }

    /// Stores the value of a new local: a fresh cell for a captured one.
    #[inline]
    fn declare(&mut self, fr: &mut Frame<'_>, slot: Slot, v: Value) {
        match slot {
            Slot::Reg(r) => fr.regs[r as usize] = v,
            Slot::Cell(c) => fr.cells[c as usize] = Some(self.rt.new_cell(v)),
        }
    }

    /// Assigns to an existing local.
    #[inline]
    fn assign_slot(&mut self, fr: &mut Frame<'_>, slot: Slot, v: Value) {
        match slot {
            Slot::Reg(r) => fr.regs[r as usize] = v,
            Slot::Cell(c) => match &fr.cells[c as usize] {
                Some(cell) => cell.set(v),
                None => fr.cells[c as usize] = Some(self.rt.new_cell(v)),
            },
        }
    }

    /// `local names = values` (manual §3.3.7).
    #[inline(never)]
    fn exec_local(
        &mut self,
        fr: &mut Frame<'_>,
        targets: &[LocalTarget],
        values: &[crate::ir::Expr],
    ) -> LResult<()> {
        if let ([LocalTarget::Var { slot, .. }], [e]) = (targets, values)
            && !e.is_multi()
        {
            let v = self.eval(fr, e)?;
            self.declare(fr, *slot, v);
            return Ok(());
        }
        let vals = self.eval_list(fr, values)?;
        let mut vals = vals.into_iter();
        for t in targets {
            let v = vals.next().unwrap_or_default();
            if let LocalTarget::Var { slot, .. } = t {
                self.declare(fr, *slot, v);
            }
        }
        Ok(())
    }

    /// `targets = values` (manual §3.3.3): the tables and keys of the targets are
    /// evaluated left to right, then the values, then PUC assigns from the last target to
    /// the first. As with operators, PUC reads a local table or key (and an upvalue table
    /// indexed by a constant string) only when it stores, unless a later target of the
    /// same statement assigns that variable, in which case it copies it first
    /// (`check_conflict` in lparser.c).
    #[inline(never)]
    fn exec_assign(
        &mut self,
        fr: &mut Frame<'_>,
        targets: &[AssignTarget],
        values: &[crate::ir::Expr],
    ) -> LResult<()> {
        if let ([target], [e]) = (targets, values) {
            return match target {
                AssignTarget::Local(slot) => {
                    let v = self.eval(fr, e)?;
                    self.assign_slot(fr, *slot, v);
                    Ok(())
                }
                AssignTarget::Upval(i) => {
                    let v = self.eval(fr, e)?;
                    fr.upvals[*i as usize].set(v);
                    Ok(())
                }
                AssignTarget::Index { object, key, line } => {
                    let (o, k) = self.place(fr, object, key)?;
                    let v = self.eval(fr, e)?;
                    let o = o.read(fr);
                    let k = k.read(fr);
                    self.set_index(o, k, v, *line, Some(object))
                }
            };
        }
        let mut places: Vec<Option<(Operand, Operand)>> = Vec::with_capacity(targets.len());
        for t in targets {
            match t {
                AssignTarget::Index { object, key, .. } => {
                    let place = self.place(fr, object, key)?;
                    places.push(Some(place));
                }
                AssignTarget::Local(slot) => {
                    for (o, k) in places.iter_mut().flatten() {
                        for operand in [o, k] {
                            if matches!(operand, Operand::Local(s) if s == slot) {
                                *operand = Operand::Value(fr.get(*slot));
                            }
                        }
                    }
                    places.push(None);
                }
                AssignTarget::Upval(i) => {
                    for (o, _) in places.iter_mut().flatten() {
                        if matches!(o, Operand::Upval(u) if u == i) {
                            *o = Operand::Value(fr.upvals[*i as usize].get());
                        }
                    }
                    places.push(None);
                }
            }
        }
        let mut vals = self.eval_list(fr, values)?;
        vals.resize(targets.len(), Value::Nil);
        for ((t, place), v) in targets.iter().zip(places).zip(vals).rev() {
            match t {
                AssignTarget::Local(slot) => self.assign_slot(fr, *slot, v),
                AssignTarget::Upval(i) => fr.upvals[*i as usize].set(v),
                AssignTarget::Index { object, line, .. } => {
                    let (o, k) = place.expect("evaluated place");
                    let o = o.read(fr);
                    let k = k.read(fr);
                    self.set_index(o, k, v, *line, Some(object))?;
                }
            }
        }
        Ok(())
    }

    /// The table and key of an assignment target: evaluated now, or variables to read
    /// when storing.
    fn place(
        &mut self,
        fr: &mut Frame<'_>,
        object: &Expr,
        key: &Expr,
    ) -> LResult<(Operand, Operand)> {
        let o = match &object.kind {
            ExprKind::Local { slot, .. } => Operand::Local(*slot),
            ExprKind::Upval { index, .. } if matches!(&key.kind, ExprKind::String(s) if s.len() <= SHORT_STRING_MAX) => {
                Operand::Upval(*index)
            }
            _ => Operand::Value(self.eval(fr, object)?),
        };
        let k = match &key.kind {
            ExprKind::Local { slot, .. } => Operand::Local(*slot),
            _ => Operand::Value(self.eval(fr, key)?),
        };
        Ok((o, k))
    }

    /// The numeric `for` (manual §3.3.5), with PUC's preparation from lua-prims.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn exec_numeric_for(
        &mut self,
        fr: &mut Frame<'_>,
        var: Slot,
        start: Value,
        limit: Value,
        step: Value,
        body: &Block,
        line: u32,
    ) -> LResult<Flow> {
        let for_value = |v: &Value| match v {
            Value::Integer(_) | Value::Float(_) => {
                ForValue::Number(v.as_number().unwrap_or(lua_prims::Number::Integer(0)))
            }
            Value::String(s) => match lua_prims::number::str_to_number(s.as_bytes()) {
                Some(n) => ForValue::NumericString(n),
                None => ForValue::Other,
            },
            _ => ForValue::Other,
        };
        let prep = forloop::for_prep(for_value(&start), for_value(&limit), for_value(&step));
        let prep = match prep {
            Ok(p) => p,
            Err(e) => {
                let culprit = match e {
                    forloop::ForError::NotANumber(forloop::ForPart::InitialValue) => &start,
                    forloop::ForError::NotANumber(forloop::ForPart::Limit) => &limit,
                    forloop::ForError::NotANumber(forloop::ForPart::Step) => &step,
                    forloop::ForError::StepIsZero => &step,
                };
                let name = self.obj_type_name(culprit);
                return Err(self.rt_error(line, e.message(&name)));
            }
        };
        match prep {
            ForPrep::Skip => Ok(Flow::Normal),
            ForPrep::Integer { init, step, count } => {
                let mut i = init;
                let mut remaining = count;
                loop {
                    self.declare(fr, var, Value::Integer(i));
                    match self.exec_block(fr, body)? {
                        Flow::Normal => {}
                        Flow::Break => break,
                        other => return Ok(other),
                    }
                    if remaining == 0 {
                        break;
                    }
                    remaining -= 1;
                    i = i.wrapping_add(step);
                    self.step()?;
                }
                Ok(Flow::Normal)
            }
            ForPrep::Float { init, limit, step } => {
                let mut x = init;
                loop {
                    self.declare(fr, var, Value::Float(x));
                    match self.exec_block(fr, body)? {
                        Flow::Normal => {}
                        Flow::Break => break,
                        other => return Ok(other),
                    }
                    match forloop::float_for_next(x, limit, step) {
                        Some(next) => x = next,
                        None => break,
                    }
                    self.step()?;
                }
                Ok(Flow::Normal)
            }
        }
    }

    /// The generic `for` (manual §3.3.5): iterator function, state, control variable and
    /// closing value (closed like a to-be-closed variable when the loop ends).
    #[inline(never)]
    fn exec_generic_for(
        &mut self,
        fr: &mut Frame<'_>,
        vars: &[Slot],
        exprs: &[crate::ir::Expr],
        body: &Block,
        line: u32,
        prep_line: u32,
    ) -> LResult<Flow> {
        let mut init = self.eval_list(fr, exprs)?.into_iter();
        let f = init.next().unwrap_or_default();
        let s = init.next().unwrap_or_default();
        let mut control = init.next().unwrap_or_default();
        let closing = init.next().unwrap_or_default();
        drop(init);
        if closing.truthy() && self.rt.metamethod(&closing, Event::Close).is_nil() {
            return Err(self.rt_error(prep_line, "variable '(for state)' got a non-closable value"));
        }
        // PUC calls the iterator through `luaD_call` (a C call for its limits).
        let site = Site {
            line,
            name: CallName::ForIterator,
            from_lua: false,
        };
        let outcome: LResult<Flow> = (|| {
            loop {
                let results =
                    self.call_value(f.clone(), vec![s.clone(), control.clone()], &site)?;
                let mut results = results.into_iter();
                let first = results.next().unwrap_or_default();
                if first.is_nil() {
                    return Ok(Flow::Normal);
                }
                control = first.clone();
                if let Some((v0, rest)) = vars.split_first() {
                    self.declare(fr, *v0, first);
                    for v in rest {
                        let x = results.next().unwrap_or_default();
                        self.declare(fr, *v, x);
                    }
                }
                match self.exec_block(fr, body)? {
                    Flow::Normal => {}
                    Flow::Break => return Ok(Flow::Normal),
                    other => return Ok(other),
                }
                self.step()?;
            }
        })();
        if !closing.truthy() {
            return outcome;
        }
        let pending = vec![Pending {
            declared_at: 0,
            value: closing,
        }];
        match outcome {
            Ok(flow) => self
                .close_all(pending, Ok(()), body.end_line)
                .map(|()| flow),
            Err(e) => match self.close_all(pending, Err(e), body.end_line) {
                Ok(()) => unreachable!("closing after an error ends in an error"),
                Err(e) => Err(e),
            },
        }
    }

    /// Whether an error must leave to-be-closed variables open: in a coroutine, with no
    /// protected call of its own to catch it (the error will kill the coroutine).
    fn must_defer_close(&self) -> bool {
        self.yielder.is_some() && self.protect.is_empty() && !self.closing
    }
}
