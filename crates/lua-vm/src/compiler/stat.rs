//! Statements (lparser.c's statement rules): assignments, calls, blocks, loops,
//! conditionals, local declarations, functions, labels, gotos and returns.

use super::expr::{ExpDesc, ExpKind};
use super::{BREAK_LABEL, CResult, Compiler, NO_JUMP};
use crate::config::Pass;
use crate::opcodes::{Op, OpCode, limits};
use crate::proto::VarKind;
use lua_syntax::ast::{Attrib, Block, Expr, FuncBody, FuncName, LocalVar, Return, Stat, StatKind};

/// The lines of a `for` statement: its `for`, where the first token after `in` ends
/// (generic loops), and its `do` (0 when the tree does not know).
#[derive(Clone, Copy, Debug)]
struct ForLines {
    line: u32,
    call_line: u32,
    do_line: u32,
}

impl<'a> Compiler<'a> {
    /// Compiles the statements of a block in the current scope (lparser.c `statlist`).
    /// `until_follows`: the block is a `repeat` body, whose `until` condition still sees
    /// its locals (so a label at its end is not "last").
    pub fn statlist(&mut self, block: &'a Block, until_follows: bool) -> CResult<()> {
        self.statlist_from(&block.stats, block.ret.as_ref(), until_follows)
    }

    fn statlist_from(
        &mut self,
        stats: &'a [Stat],
        ret: Option<&'a Return>,
        until_follows: bool,
    ) -> CResult<()> {
        let mut i = 0;
        while i < stats.len() {
            if let StatKind::Label(_) = stats[i].kind {
                // A run of labels: PUC skips the following labels (creating them first)
                // before it creates this one; all of them are "last" if nothing but the
                // end of the block follows (lparser.c `labelstat`).
                let mut j = i;
                while j < stats.len() && matches!(stats[j].kind, StatKind::Label(_)) {
                    j += 1;
                }
                let last = j == stats.len() && ret.is_none() && !until_follows;
                for stat in stats[i..j].iter().rev() {
                    let StatKind::Label(name) = &stat.kind else {
                        unreachable!()
                    };
                    self.set_line(stat.line);
                    self.label_stat(name, stat.line, last)?;
                    self.reset_freereg();
                }
                i = j;
                continue;
            }
            self.statement(&stats[i])?;
            i += 1;
        }
        if let Some(ret) = ret {
            self.set_line(ret.line);
            self.ret_stat(ret)?;
            self.reset_freereg();
        }
        Ok(())
    }

    /// After a statement, every temporary register is free again.
    fn reset_freereg(&mut self) {
        let level = self.nvarstack();
        let fs = self.fs();
        debug_assert!(fs.f.maxstacksize as u32 >= fs.freereg && fs.freereg >= level);
        fs.freereg = level;
    }

    fn statement(&mut self, stat: &'a Stat) -> CResult<()> {
        self.set_line(stat.line);
        match &stat.kind {
            StatKind::Assign { targets, values } => self.assignment(targets, values)?,
            StatKind::Call(call) => {
                let v = self.expr(call)?;
                let ExpKind::Call(pc) = v.k else {
                    return Err(self.syntax_error("syntax error"));
                };
                // A call statement uses no results.
                self.instruction(pc).set_c(1);
            }
            StatKind::Do(block) => self.block(block)?,
            StatKind::While { cond, body } => self.while_stat(cond, body)?,
            StatKind::Repeat { body, cond } => self.repeat_stat(body, cond)?,
            StatKind::If {
                clauses,
                else_block,
            } => self.if_stat(clauses, else_block.as_ref())?,
            StatKind::NumericFor {
                var,
                start,
                limit,
                step,
                body,
                do_line,
            } => {
                self.enter_block(true);
                let lines = ForLines {
                    line: stat.line,
                    call_line: 0,
                    do_line: *do_line,
                };
                self.fornum(var, start, limit, step.as_ref(), body, lines)?;
                self.leave_block()?;
            }
            StatKind::GenericFor {
                vars,
                exprs,
                body,
                call_line,
                do_line,
            } => {
                self.enter_block(true);
                let lines = ForLines {
                    line: stat.line,
                    call_line: *call_line,
                    do_line: *do_line,
                };
                self.forlist(vars, exprs, body, lines)?;
                self.leave_block()?;
            }
            StatKind::Function { name, body } => self.func_stat(name, body, stat.line)?,
            StatKind::LocalFunction { name, body } => self.local_func(name, body)?,
            StatKind::Local { vars, values } => self.local_stat(vars, values)?,
            StatKind::Label(name) => self.label_stat(name, stat.line, false)?,
            StatKind::Goto(name) => self.goto_stat(name, stat.line)?,
            StatKind::Break => {
                let j = self.jump();
                self.new_goto(BREAK_LABEL, stat.line, j as i32);
            }
        }
        self.reset_freereg();
        Ok(())
    }

    /// `do block end` and other nested blocks.
    pub fn block(&mut self, block: &'a Block) -> CResult<()> {
        self.enter_block(false);
        self.statlist(block, false)?;
        self.leave_block()
    }

    // ------------------------------------------------------------------------------
    // Assignment.

    /// `targets = values` (lparser.c `restassign`): target prefixes are evaluated first,
    /// then the values, then the stores from the last target to the first.
    fn assignment(&mut self, targets: &'a [Expr], values: &'a [Expr]) -> CResult<()> {
        if targets.is_empty() || values.is_empty() {
            return Err(self.syntax_error("syntax error"));
        }
        let mut lhs: Vec<ExpDesc<'a>> = Vec::with_capacity(targets.len());
        for target in targets {
            let v = self.expr(target)?;
            self.check_readonly(&v, target.line)?;
            let indexed = matches!(
                v.k,
                ExpKind::Indexed { .. }
                    | ExpKind::IndexUp { .. }
                    | ExpKind::IndexI { .. }
                    | ExpKind::IndexStr { .. }
            );
            if !indexed && !matches!(v.k, ExpKind::Local { .. } | ExpKind::Upval(_)) {
                return Err(self.syntax_error("syntax error"));
            }
            if !lhs.is_empty() && !indexed {
                self.check_conflict(&mut lhs, &v)?;
            }
            lhs.push(v);
        }
        let nvars = lhs.len();
        let (mut e, nexps) = self.explist(values)?;
        let mut stores = nvars;
        if nexps != nvars {
            self.adjust_assign(nvars, nexps, &mut e)?;
        } else {
            // The last value goes straight to the last target.
            self.set_one_ret(&mut e);
            let var = lhs[nvars - 1];
            self.store_var(&var, &mut e)?;
            stores -= 1;
        }
        for var in lhs[..stores].iter().rev() {
            let top = (self.fs_ref().freereg - 1) as u8;
            let mut e = ExpDesc::new(ExpKind::NonReloc(top));
            self.store_var(var, &mut e)?;
        }
        Ok(())
    }

    /// Raises "attempt to assign to const variable" (lparser.c `check_readonly`); the
    /// syntax crate reports it first for parsed programs.
    fn check_readonly(&mut self, v: &ExpDesc<'a>, line: u32) -> CResult<()> {
        let name = match v.k {
            ExpKind::Const(index) => Some(self.actvar[index].name),
            ExpKind::Local { vidx, .. } => {
                let var = self.local_var(vidx as usize);
                (var.kind != VarKind::Regular).then_some(var.name)
            }
            ExpKind::Upval(idx) => {
                let up = &self.fs_ref().f.upvalues[idx as usize];
                if up.kind != VarKind::Regular {
                    let msg = format!("attempt to assign to const variable '{}'", up.name);
                    return Err(self.semantic_error(&msg, line));
                }
                None
            }
            _ => None,
        };
        if let Some(name) = name {
            let msg = format!("attempt to assign to const variable '{name}'");
            return Err(self.semantic_error(&msg, line));
        }
        Ok(())
    }

    /// In a multiple assignment, a local or upvalue assigned now may be the table or
    /// key of an earlier target: that target then uses a copy of the old value
    /// (lparser.c `check_conflict`).
    fn check_conflict(&mut self, lhs: &mut [ExpDesc<'a>], v: &ExpDesc<'a>) -> CResult<()> {
        let extra = self.fs_ref().freereg as u8;
        let mut conflict = false;
        for lh in lhs.iter_mut() {
            match (&mut lh.k, v.k) {
                (ExpKind::IndexUp { t, idx }, ExpKind::Upval(up)) if *t == up => {
                    conflict = true;
                    lh.k = ExpKind::IndexStr {
                        t: extra,
                        idx: *idx,
                    };
                }
                (ExpKind::Indexed { t, idx }, ExpKind::Local { ridx, .. }) => {
                    if *t == ridx {
                        conflict = true;
                        *t = extra;
                    }
                    if *idx == ridx {
                        conflict = true;
                        *idx = extra;
                    }
                }
                (
                    ExpKind::IndexI { t, .. } | ExpKind::IndexStr { t, .. },
                    ExpKind::Local { ridx, .. },
                ) if *t == ridx => {
                    conflict = true;
                    *t = extra;
                }
                _ => {}
            }
        }
        if conflict {
            match v.k {
                ExpKind::Local { ridx, .. } => {
                    self.code(Op::Move { a: extra, b: ridx });
                }
                ExpKind::Upval(up) => {
                    self.code(Op::GetUpval { a: extra, b: up });
                }
                _ => unreachable!(),
            }
            self.reserve_regs(1)?;
        }
        Ok(())
    }

    /// Adjusts `nexps` values (the last one `e`, still open) to `nvars` (lparser.c
    /// `adjust_assign`): a multi-value last expression provides the missing values,
    /// else nils do; extra values are dropped.
    fn adjust_assign(&mut self, nvars: usize, nexps: usize, e: &mut ExpDesc<'a>) -> CResult<()> {
        let needed = nvars as i32 - nexps as i32;
        if e.is_multi() {
            let extra = (needed + 1).max(0);
            self.set_returns(e, extra)?;
        } else {
            if !matches!(e.k, ExpKind::Void) {
                self.exp2nextreg(e)?;
            }
            if needed > 0 {
                let from = self.fs_ref().freereg as u8;
                self.load_nil(from, needed as u32);
            }
        }
        if needed > 0 {
            self.reserve_regs(needed as u32)?;
        } else {
            let fs = self.fs();
            fs.freereg = (fs.freereg as i32 + needed) as u32;
        }
        Ok(())
    }

    // ------------------------------------------------------------------------------
    // Locals and functions.

    /// `local names [= values]` (lparser.c `localstat`).
    fn local_stat(&mut self, vars: &'a [LocalVar], values: &'a [Expr]) -> CResult<()> {
        if vars.is_empty() {
            // Trees that do not come from the parser may break its invariants.
            return Err(self.syntax_error("<name> expected"));
        }
        let mut toclose: Option<usize> = None;
        let nactvar = self.fs_ref().nactvar;
        let mut last_vidx = 0;
        for (i, var) in vars.iter().enumerate() {
            last_vidx = self.new_localvar(&var.name);
            let kind = match var.attrib {
                None => VarKind::Regular,
                Some(Attrib::Const) => VarKind::Const,
                Some(Attrib::Close) => {
                    if toclose.is_some() {
                        return Err(self.semantic_error(
                            "multiple to-be-closed variables in local list",
                            self.line,
                        ));
                    }
                    toclose = Some(nactvar + i);
                    VarKind::ToClose
                }
            };
            self.local_var(last_vidx).kind = kind;
        }
        let nvars = vars.len();
        let nexps = values.len();
        // A `<const>` last variable whose value is a compile-time constant becomes one:
        // no register, no code for its value (the other values still go to registers).
        if nvars == nexps && self.local_var(last_vidx).kind == VarKind::Const {
            let last = values.last().expect("a value");
            if let Some(value) = self.const_value(last) {
                let (mut e, n) = self.explist(&values[..nexps - 1])?;
                if n > 0 {
                    self.exp2nextreg(&mut e)?;
                }
                let var = self.local_var(last_vidx);
                var.kind = VarKind::CompileTimeConstant;
                var.value = Some(value);
                self.adjust_localvars(nvars - 1)?;
                self.fs().nactvar += 1;
                return self.check_to_close(toclose);
            }
        }
        let (mut e, nexps) = self.explist(values)?;
        self.adjust_assign(nvars, nexps, &mut e)?;
        self.adjust_localvars(nvars)?;
        self.check_to_close(toclose)
    }

    /// Emits TBC for a `<close>` variable (lparser.c `checktoclose`).
    fn check_to_close(&mut self, toclose: Option<usize>) -> CResult<()> {
        if let Some(level) = toclose {
            self.mark_to_be_closed();
            let reg = self.reglevel(level);
            self.code(Op::Tbc { a: reg as u8 });
        }
        Ok(())
    }

    /// `local function name body` (lparser.c `localfunc`): the variable is in scope in
    /// its own body, but its debug information starts after the closure is created.
    fn local_func(&mut self, name: &'a str, body: &'a FuncBody) -> CResult<()> {
        let fvar = self.fs_ref().nactvar;
        self.new_localvar(name);
        self.adjust_localvars(1)?;
        self.function_body(body, false, body.line)?;
        let pc = self.pc() as u32;
        let pidx = self.local_var(fvar).pidx;
        self.fs().f.locvars[pidx].startpc = pc;
        Ok(())
    }

    /// `function a.b.c:m body` (lparser.c `funcstat`).
    fn func_stat(&mut self, name: &'a FuncName, body: &'a FuncBody, line: u32) -> CResult<()> {
        let Some(first) = name.path.first() else {
            return Err(self.syntax_error("<name> expected"));
        };
        let mut v = self.single_var(first)?;
        for field in name.path[1..].iter().chain(name.method.iter()) {
            self.exp2anyregup(&mut v)?;
            let mut key = ExpDesc::new(ExpKind::KStr(field.as_bytes()));
            self.indexed(&mut v, &mut key)?;
        }
        let mut b = self.function_body(body, name.method.is_some(), line)?;
        self.check_readonly(&v, line)?;
        self.set_line(line);
        self.store_var(&v, &mut b)?;
        // The definition "happens" on the line of `function`.
        self.fix_line(line);
        Ok(())
    }

    // ------------------------------------------------------------------------------
    // Control structures.

    /// A loop or `repeat` condition: falls through when true, returns the jumps taken
    /// when false (lparser.c `cond`).
    fn cond(&mut self, e: &'a Expr) -> CResult<i32> {
        let mut v = self.expr_ctx(e, true)?;
        if matches!(v.k, ExpKind::Nil) {
            v.k = ExpKind::False; // All falses are equal here.
        }
        self.go_if_true(&mut v, false)?;
        Ok(v.f)
    }

    /// `while cond do body end`.
    fn while_stat(&mut self, cond: &'a Expr, body: &'a Block) -> CResult<()> {
        let whileinit = self.get_label();
        let condexit = self.cond(cond)?;
        self.enter_block(true);
        self.block(body)?;
        self.line = self.max_line;
        self.jump_to(whileinit)?;
        self.leave_block()?;
        self.patch_to_here(condexit)
    }

    /// `repeat body until cond`: the condition sees the body's locals; if some of them
    /// are captured, the loop back must close them.
    fn repeat_stat(&mut self, body: &'a Block, cond: &'a Expr) -> CResult<()> {
        let repeat_init = self.get_label();
        self.enter_block(true);
        self.enter_block(false);
        self.statlist(body, true)?;
        let mut condexit = self.cond(cond)?;
        let scope = self.fs_ref().blocks.last().expect("block").clone();
        self.leave_block()?;
        if scope.upval {
            let exit = self.jump();
            self.patch_to_here(condexit)?;
            let level = self.reglevel(scope.nactvar);
            self.code(Op::Close { a: level as u8 });
            condexit = self.jump() as i32;
            self.patch_to_here(exit as i32)?;
        }
        self.patch_list(condexit, repeat_init)?;
        self.leave_block()
    }

    /// `if ... elseif ... else ... end`.
    fn if_stat(
        &mut self,
        clauses: &'a [(Expr, Block)],
        else_block: Option<&'a Block>,
    ) -> CResult<()> {
        let mut escapelist = NO_JUMP;
        for (i, (cond, block)) in clauses.iter().enumerate() {
            let more = i + 1 < clauses.len() || else_block.is_some();
            self.test_then_block(&mut escapelist, cond, block, more)?;
        }
        if let Some(block) = else_block {
            self.block(block)?;
        }
        self.patch_to_here(escapelist)
    }

    /// `[if|elseif] cond then block` (lparser.c `test_then_block`).
    fn test_then_block(
        &mut self,
        escapelist: &mut i32,
        cond: &'a Expr,
        block: &'a Block,
        more: bool,
    ) -> CResult<()> {
        let mut v = self.expr_ctx(cond, true)?;
        let jf;
        let starts_with_break = matches!(block.stats.first(), Some(s) if s.kind == StatKind::Break);
        if starts_with_break && self.opt.apply(Pass::CondBreak, cond.line) {
            // Pass `cond-break`: `if c then break` is a jump out of the loop taken when
            // `c` is true, instead of a test over a JMP. Valid because the break is the
            // first thing the block does; a JMP skips whatever follows it.
            let line = block.stats[0].line;
            self.go_if_false(&mut v, false)?;
            self.enter_block(false);
            self.new_goto(BREAK_LABEL, line, v.t);
            if block.stats.len() == 1 && block.ret.is_none() {
                return self.leave_block();
            }
            jf = self.jump() as i32;
            self.statlist_from(&block.stats[1..], block.ret.as_ref(), false)?;
        } else {
            self.go_if_true(&mut v, false)?;
            self.enter_block(false);
            jf = v.f;
            self.statlist(block, false)?;
        }
        self.leave_block()?;
        if more {
            let j = self.jump();
            self.concat(escapelist, j as i32)?;
        }
        self.patch_to_here(jf)
    }

    /// Sets the loop jump of FORPREP/FORLOOP/TFORPREP/TFORLOOP at `pc` to `dest`
    /// (lparser.c `fixforjump`).
    fn fix_for_jump(&mut self, pc: usize, dest: usize, back: bool) -> CResult<()> {
        let mut offset = dest as i64 - (pc as i64 + 1);
        if back {
            offset = -offset;
        }
        if offset > limits::MAXARG_BX as i64 {
            return Err(self.syntax_error("control structure too long"));
        }
        self.instruction(pc).set_bx(offset as u32);
        Ok(())
    }

    /// The body of a `for` loop (lparser.c `forbody`). `line` is the `for` line,
    /// `prep_line` where PUC puts the preparation (the `do`).
    fn forbody(
        &mut self,
        base: u8,
        line: u32,
        prep_line: u32,
        nvars: usize,
        generic: bool,
        body: &'a Block,
    ) -> CResult<()> {
        self.set_line(prep_line);
        let prep = if generic {
            self.code(Op::TForPrep { a: base, bx: 0 })
        } else {
            self.code(Op::ForPrep { a: base, bx: 0 })
        };
        self.enter_block(false);
        self.adjust_localvars(nvars)?;
        self.reserve_regs(nvars as u32)?;
        self.block(body)?;
        self.leave_block()?;
        let here = self.get_label();
        self.fix_for_jump(prep, here, false)?;
        self.set_line(line);
        if generic {
            self.code(Op::TForCall {
                a: base,
                c: nvars as u8,
            });
            self.fix_line(line);
        }
        let endfor = if generic {
            self.code(Op::TForLoop { a: base, bx: 0 })
        } else {
            self.code(Op::ForLoop { a: base, bx: 0 })
        };
        self.fix_for_jump(endfor, prep + 1, true)?;
        self.fix_line(line);
        Ok(())
    }

    /// `for var = start, limit [, step] do body end` (lparser.c `fornum`).
    fn fornum(
        &mut self,
        var: &'a str,
        start: &'a Expr,
        limit: &'a Expr,
        step: Option<&'a Expr>,
        body: &'a Block,
        lines: ForLines,
    ) -> CResult<()> {
        let line = lines.line;
        let base = self.fs_ref().freereg as u8;
        for _ in 0..3 {
            self.new_localvar("(for state)");
        }
        self.new_localvar(var);
        // PUC prepares the loop at its `do`; a tree without that line (a generated one)
        // falls back to the last line of the header's expressions.
        let mut prep_line = line.max(lines.do_line);
        for e in std::iter::once(start)
            .chain(std::iter::once(limit))
            .chain(step)
        {
            let mut v = self.expr(e)?;
            self.exp2nextreg(&mut v)?;
            prep_line = prep_line.max(e.line);
        }
        if step.is_none() {
            let reg = self.fs_ref().freereg as u8;
            self.load_int(reg, 1)?;
            self.reserve_regs(1)?;
        }
        self.adjust_localvars(3)?;
        self.forbody(base, line, prep_line, 1, false, body)
    }

    /// `for names in exprs do body end` (lparser.c `forlist`).
    fn forlist(
        &mut self,
        vars: &'a [String],
        exprs: &'a [Expr],
        body: &'a Block,
        lines: ForLines,
    ) -> CResult<()> {
        let line = lines.line;
        if vars.is_empty() || exprs.is_empty() {
            return Err(self.syntax_error("<name> expected"));
        }
        let base = self.fs_ref().freereg as u8;
        for _ in 0..4 {
            self.new_localvar("(for state)");
        }
        for name in vars {
            self.new_localvar(name);
        }
        // PUC calls the iterator on the line where the first token after `in` ends and
        // prepares the loop at its `do`; a tree without those lines (a generated one)
        // falls back to the lines of the expressions.
        let call_line = match lines.call_line {
            0 => exprs.first().map_or(line, |e| e.line),
            l => l,
        };
        let prep_line = exprs
            .iter()
            .map(|e| e.line)
            .fold(line.max(lines.do_line), u32::max);
        let (mut e, n) = self.explist(exprs)?;
        self.adjust_assign(4, n, &mut e)?;
        self.adjust_localvars(4)?;
        self.mark_to_be_closed();
        self.check_stack(3)?;
        self.forbody(base, call_line, prep_line, vars.len(), true, body)
    }

    // ------------------------------------------------------------------------------
    // Labels, gotos, returns.

    fn label_stat(&mut self, name: &'a str, line: u32, last: bool) -> CResult<()> {
        if let Some(lb) = self.find_label(name) {
            let msg = format!("label '{}' already defined on line {}", name, lb.line);
            return Err(self.semantic_error(&msg, line));
        }
        self.create_label(name, line, last)?;
        Ok(())
    }

    /// `goto name` (lparser.c `gotostat`): a backward jump is resolved now (closing the
    /// variables it leaves); a forward one waits for its label.
    fn goto_stat(&mut self, name: &'a str, line: u32) -> CResult<()> {
        if let Some(lb) = self.find_label(name) {
            let (lbpc, lbnact) = (lb.pc, lb.nactvar);
            let lblevel = self.reglevel(lbnact);
            if self.nvarstack() > lblevel {
                self.code(Op::Close { a: lblevel as u8 });
            }
            self.jump_to(lbpc as usize)
        } else {
            let j = self.jump();
            self.new_goto(name, line, j as i32);
            Ok(())
        }
    }

    /// `return values` (lparser.c `retstat`).
    fn ret_stat(&mut self, ret: &'a Return) -> CResult<()> {
        let mut first = self.nvarstack();
        let nret;
        if ret.values.is_empty() {
            nret = 0;
        } else {
            let (mut e, n) = self.explist(&ret.values)?;
            if e.is_multi() {
                self.set_multret(&mut e)?;
                let insidetbc = self.fs_ref().blocks.last().is_some_and(|b| b.insidetbc);
                if let ExpKind::Call(pc) = e.k
                    && n == 1
                    && !insidetbc
                {
                    self.instruction(pc).set_opcode(OpCode::TailCall);
                }
                nret = -1;
            } else if n == 1 {
                first = self.exp2anyreg(&mut e)? as u32;
                nret = 1;
            } else {
                self.exp2nextreg(&mut e)?;
                nret = n as i32;
                debug_assert_eq!(nret as u32, self.fs_ref().freereg - first);
            }
        }
        // RETURN is coded after its values: on the line of their last token.
        self.line = self.max_line.max(ret.line);
        self.ret(first, nret);
        Ok(())
    }
}
