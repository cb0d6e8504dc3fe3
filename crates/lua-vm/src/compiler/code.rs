//! Code emission (lcode.c's side of the compiler): instructions and their lines, jump
//! lists, registers, the constant table, and the operations on expression descriptors
//! that put values in registers, in constants or in jumps.
//!
//! Jump lists work as in PUC: the sJ field of each pending JMP links to the next one in
//! the list (`NO_JUMP`, an offset pointing at the jump itself, ends it), and the list is
//! patched to its target once it is known. A test that produces a value (TESTSET) is
//! patched with the register that receives the value; `and`/`or` use it.

use super::expr::{ExpDesc, ExpKind};
use super::{CResult, Compiler, ConstKey};
use crate::config::Pass;
use crate::opcodes::{Instruction, Op, OpCode, fits_sbx, fits_sj, limits};
use crate::proto::Constant;
use lua_prims::number::{F2I, float_to_integer};

/// The end of a jump list (and a jump that is not patched yet).
pub(crate) const NO_JUMP: i32 = -1;

/// Largest constant index an RK or K operand (8 bits) can hold (lopcodes.h MAXINDEXRK).
pub(crate) const MAX_INDEX_RK: u32 = limits::MAXARG_B;

impl<'a> Compiler<'a> {
    // ------------------------------------------------------------------------------
    // Emission.

    /// Emits an instruction at the current line; returns its position.
    #[inline]
    pub fn code(&mut self, op: Op) -> usize {
        self.code_instruction(op.encode())
    }

    #[inline]
    pub fn code_instruction(&mut self, i: Instruction) -> usize {
        let line = self.line;
        let fs = self.fs();
        fs.f.code.push(i);
        fs.f.lineinfo.push(line);
        fs.f.code.len() - 1
    }

    /// Emits an iABC instruction given by opcode.
    #[inline]
    pub fn code_abck(&mut self, op: OpCode, a: u8, b: u8, c: u8, k: bool) -> usize {
        self.code_instruction(Instruction::new_abck(op, a, b, c, k))
    }

    /// Current position (the next instruction's index).
    #[inline]
    pub fn pc(&self) -> usize {
        self.fs_ref().f.code.len()
    }

    /// Gives the last instruction the line `line` (lcode.c `luaK_fixline`).
    pub fn fix_line(&mut self, line: u32) {
        if line != 0
            && let Some(l) = self.fs().f.lineinfo.last_mut()
        {
            *l = line;
        }
    }

    fn remove_last_instruction(&mut self) {
        let fs = self.fs();
        fs.f.code.pop();
        fs.f.lineinfo.pop();
    }

    #[inline]
    pub fn instruction(&mut self, pc: usize) -> &mut Instruction {
        &mut self.fs().f.code[pc]
    }

    /// Marks the current position as a jump target and returns it (`luaK_getlabel`).
    pub fn get_label(&mut self) -> usize {
        let fs = self.fs();
        fs.lasttarget = fs.f.code.len();
        fs.lasttarget
    }

    /// The previous instruction, if no jump can land between it and the current position
    /// (peepholes that combine with it must not cross a jump target).
    fn previous_instruction(&self) -> Option<Instruction> {
        let fs = self.fs_ref();
        let pc = fs.f.code.len();
        if pc > fs.lasttarget {
            Some(fs.f.code[pc - 1])
        } else {
            None
        }
    }

    // ------------------------------------------------------------------------------
    // Jumps.

    /// The next element of the jump list at `pc`, or `NO_JUMP`.
    fn get_jump(&self, pc: usize) -> i32 {
        let offset = self.fs_ref().f.code[pc].sj();
        if offset == NO_JUMP {
            NO_JUMP
        } else {
            pc as i32 + 1 + offset
        }
    }

    /// Makes the JMP at `pc` go to `dest`.
    fn fix_jump(&mut self, pc: usize, dest: usize) -> CResult<()> {
        let offset = dest as i64 - (pc as i64 + 1);
        debug_assert_eq!(self.fs_ref().f.code[pc].opcode(), OpCode::Jmp);
        if !fits_sj(offset) {
            return Err(self.syntax_error("control structure too long"));
        }
        self.instruction(pc).set_sj(offset as i32);
        Ok(())
    }

    /// Appends jump list `l2` to jump list `l1` (`luaK_concat`).
    pub fn concat(&mut self, l1: &mut i32, l2: i32) -> CResult<()> {
        if l2 == NO_JUMP {
            return Ok(());
        }
        if *l1 == NO_JUMP {
            *l1 = l2;
            return Ok(());
        }
        let mut list = *l1 as usize;
        loop {
            let next = self.get_jump(list);
            if next == NO_JUMP {
                break;
            }
            list = next as usize;
        }
        self.fix_jump(list, l2 as usize)
    }

    /// Emits a JMP to be patched later.
    pub fn jump(&mut self) -> usize {
        self.code(Op::Jmp { sj: NO_JUMP })
    }

    /// Emits a JMP to `target` (a position already emitted).
    pub fn jump_to(&mut self, target: usize) -> CResult<()> {
        let j = self.jump();
        self.patch_list(j as i32, target)
    }

    /// Emits a return of `nret` values starting at `first` (`nret` = -1: up to top). The
    /// generic RETURN is emitted; `ret-special` turns it into RETURN0/RETURN1 when the
    /// function is closed, and the finishing step sets its `k` and C.
    pub fn ret(&mut self, first: u32, nret: i32) {
        self.code(Op::Return {
            a: first as u8,
            b: (nret + 1) as u8,
            c: 0,
            k: false,
        });
    }

    /// Emits a test and its JMP; returns the JMP's position (`condjump`).
    fn cond_jump(&mut self, op: Op) -> usize {
        self.code(op);
        self.jump()
    }

    /// The instruction controlling the jump at `pc`: its test, or the jump itself.
    fn jump_control(&self, pc: usize) -> usize {
        let code = &self.fs_ref().f.code;
        if pc >= 1 && code[pc - 1].opcode().is_test() {
            pc - 1
        } else {
            pc
        }
    }

    /// Gives the TESTSET controlling the jump at `node` its destination register, or
    /// turns it into a TEST when there is none (or the value is already there).
    /// Returns false if the jump is not controlled by a TESTSET (`patchtestreg`).
    fn patch_test_reg(&mut self, node: usize, reg: Option<u8>) -> bool {
        let at = self.jump_control(node);
        let i = self.fs_ref().f.code[at];
        if i.opcode() != OpCode::TestSet {
            return false;
        }
        match reg {
            Some(reg) if reg != i.b() => self.instruction(at).set_a(reg),
            _ => *self.instruction(at) = Op::Test { a: i.b(), k: i.k() }.encode(),
        }
        true
    }

    /// Makes every test of the list produce no value (`removevalues`).
    pub fn remove_values(&mut self, mut list: i32) {
        while list != NO_JUMP {
            self.patch_test_reg(list as usize, None);
            list = self.get_jump(list as usize);
        }
    }

    /// Patches a jump list: tests producing values go to `vtarget` with their value in
    /// `reg`; the other jumps go to `dtarget` (`patchlistaux`).
    fn patch_list_aux(
        &mut self,
        mut list: i32,
        vtarget: usize,
        reg: Option<u8>,
        dtarget: usize,
    ) -> CResult<()> {
        while list != NO_JUMP {
            let next = self.get_jump(list as usize);
            if self.patch_test_reg(list as usize, reg) {
                self.fix_jump(list as usize, vtarget)?;
            } else {
                self.fix_jump(list as usize, dtarget)?;
            }
            list = next;
        }
        Ok(())
    }

    /// Patches every jump of `list` to `target`.
    pub fn patch_list(&mut self, list: i32, target: usize) -> CResult<()> {
        debug_assert!(target <= self.pc());
        self.patch_list_aux(list, target, None, target)
    }

    /// Patches every jump of `list` to the current position.
    pub fn patch_to_here(&mut self, list: i32) -> CResult<()> {
        let here = self.get_label();
        self.patch_list(list, here)
    }

    // ------------------------------------------------------------------------------
    // Registers.

    /// Makes room for `n` more registers above `freereg` (`luaK_checkstack`).
    pub fn check_stack(&mut self, n: u32) -> CResult<()> {
        let fs = self.fs_ref();
        let newstack = fs.freereg + n;
        if newstack > fs.f.maxstacksize as u32 {
            if newstack >= limits::MAX_REGS {
                return Err(self.syntax_error("function or expression needs too many registers"));
            }
            self.fs().f.maxstacksize = newstack as u8;
        }
        Ok(())
    }

    /// Reserves `n` registers (`luaK_reserveregs`).
    pub fn reserve_regs(&mut self, n: u32) -> CResult<()> {
        self.check_stack(n)?;
        self.fs().freereg += n;
        Ok(())
    }

    /// Frees register `reg` if it is a temporary (not a local variable). Temporaries are
    /// freed in stack order.
    fn free_reg(&mut self, reg: u8) {
        if reg as u32 >= self.nvarstack() {
            let fs = self.fs();
            fs.freereg -= 1;
            debug_assert_eq!(reg as u32, fs.freereg, "registers freed out of order");
        }
    }

    /// Frees two registers, the higher first.
    fn free_regs(&mut self, r1: u8, r2: u8) {
        if r1 > r2 {
            self.free_reg(r1);
            self.free_reg(r2);
        } else {
            self.free_reg(r2);
            self.free_reg(r1);
        }
    }

    /// Frees the register of `e`, if it is a temporary.
    pub fn free_exp(&mut self, e: &ExpDesc<'a>) {
        if let ExpKind::NonReloc(r) = e.k {
            self.free_reg(r);
        }
    }

    /// Frees the registers of two expressions in stack order.
    pub fn free_exps(&mut self, e1: &ExpDesc<'a>, e2: &ExpDesc<'a>) {
        match (e1.k, e2.k) {
            (ExpKind::NonReloc(r1), ExpKind::NonReloc(r2)) => self.free_regs(r1, r2),
            (ExpKind::NonReloc(r1), _) => self.free_reg(r1),
            (_, ExpKind::NonReloc(r2)) => self.free_reg(r2),
            _ => {}
        }
    }

    // ------------------------------------------------------------------------------
    // Constants.

    /// The index of a constant, adding it to the table if needed (`addk`).
    fn add_constant(
        &mut self,
        key: ConstKey<'a>,
        value: impl FnOnce() -> Constant,
    ) -> CResult<u32> {
        let constants = &mut self.funcs.last_mut().expect("function state").f.constants;
        let k = constants.len() as u32;
        let slot = match self.kcache.entry(key) {
            std::collections::hash_map::Entry::Occupied(o) => {
                let old = *o.get();
                if constants.get(old as usize).is_some_and(|c| key.matches(c)) {
                    return Ok(old);
                }
                o.into_mut()
            }
            std::collections::hash_map::Entry::Vacant(v) => v.insert(k),
        };
        // lcode.c `addk`: the constant array cannot grow to MAXARG_Ax.
        if k >= limits::MAXARG_AX {
            return Err(Box::new(super::CompileError {
                message: format!("too many constants (limit is {})", limits::MAXARG_AX),
                line: 0,
                runtime: true,
            }));
        }
        *slot = k;
        constants.push(value());
        Ok(k)
    }

    pub fn string_constant(&mut self, s: &'a [u8]) -> CResult<u32> {
        self.add_constant(ConstKey::Str(s), || Constant::String(s.into()))
    }

    fn integer_constant(&mut self, i: i64) -> CResult<u32> {
        self.add_constant(ConstKey::Int(i), || Constant::Integer(i))
    }

    fn float_constant(&mut self, f: f64) -> CResult<u32> {
        self.add_constant(ConstKey::Float(f.to_bits()), || Constant::Float(f))
    }

    fn bool_constant(&mut self, b: bool) -> CResult<u32> {
        self.add_constant(ConstKey::Bool(b), || Constant::Boolean(b))
    }

    fn nil_constant(&mut self) -> CResult<u32> {
        self.add_constant(ConstKey::Nil, || Constant::Nil)
    }

    /// Loads constant `k` into `reg` (LOADK, or LOADKX + EXTRAARG past 2^17 constants).
    fn code_constant(&mut self, reg: u8, k: u32) {
        if k <= limits::MAXARG_BX {
            self.code(Op::LoadK { a: reg, bx: k });
        } else {
            self.code(Op::LoadKX { a: reg });
            self.code(Op::ExtraArg { ax: k });
        }
    }

    /// Loads an integer into `reg` (`luaK_int`): LOADI when it fits (pass `load-imm`).
    pub fn load_int(&mut self, reg: u8, i: i64) -> CResult<()> {
        if fits_sbx(i) && self.opt.apply(Pass::LoadImm, self.line) {
            self.code(Op::LoadI {
                a: reg,
                sbx: i as i32,
            });
        } else {
            let k = self.integer_constant(i)?;
            self.code_constant(reg, k);
        }
        Ok(())
    }

    /// Loads a float into `reg` (`luaK_float`): LOADF when it is integral and fits (pass
    /// `load-imm`). `-0.0` converts to the integer 0 but LOADF 0 would load `+0.0`, so
    /// it always goes through the constant table.
    fn load_float(&mut self, reg: u8, f: f64) -> CResult<()> {
        if let Some(i) = float_to_integer(f, F2I::Exact)
            && fits_sbx(i)
            && !(f == 0.0 && f.is_sign_negative())
            && self.opt.apply(Pass::LoadImm, self.line)
        {
            self.code(Op::LoadF {
                a: reg,
                sbx: i as i32,
            });
        } else {
            let k = self.float_constant(f)?;
            self.code_constant(reg, k);
        }
        Ok(())
    }

    /// Sets registers `from..from+n` to nil (`luaK_nil`), merging with a previous LOADNIL
    /// over an adjacent or overlapping range (pass `loadnil-merge`). The merge is valid
    /// because no jump lands between the two instructions (`previous_instruction`), so
    /// they always run together.
    pub fn load_nil(&mut self, from: u8, n: u32) {
        let mut from = from as u32;
        let mut last = from + n - 1;
        if let Some(prev) = self.previous_instruction()
            && prev.opcode() == OpCode::LoadNil
        {
            let pfrom = prev.a() as u32;
            let plast = pfrom + prev.b() as u32;
            if ((pfrom <= from && from <= plast + 1) || (from <= pfrom && pfrom <= last + 1))
                && self.opt.apply(Pass::LoadNilMerge, self.line)
            {
                from = from.min(pfrom);
                last = last.max(plast);
                let pc = self.pc() - 1;
                *self.instruction(pc) = Op::LoadNil {
                    a: from as u8,
                    b: (last - from) as u8,
                }
                .encode();
                return;
            }
        }
        self.code(Op::LoadNil {
            a: from as u8,
            b: (n - 1) as u8,
        });
    }

    // ------------------------------------------------------------------------------
    // Expression descriptors.

    /// Fixes a multi-result expression (call or `...`) to `nresults` results (-1: all).
    pub fn set_returns(&mut self, e: &mut ExpDesc<'a>, nresults: i32) -> CResult<()> {
        match e.k {
            ExpKind::Call(pc) => self.instruction(pc).set_c((nresults + 1) as u8),
            ExpKind::Vararg(pc) => {
                let freereg = self.fs_ref().freereg as u8;
                let i = self.instruction(pc);
                i.set_c((nresults + 1) as u8);
                i.set_a(freereg);
                self.reserve_regs(1)?;
            }
            _ => unreachable!("set_returns on a single-value expression"),
        }
        Ok(())
    }

    /// Fixes a multi-result expression to all its results.
    pub fn set_multret(&mut self, e: &mut ExpDesc<'a>) -> CResult<()> {
        self.set_returns(e, -1)
    }

    /// Fixes a multi-result expression to one result (`luaK_setoneret`): a call's result
    /// is fixed in its base register; `...` can put its one value anywhere.
    pub fn set_one_ret(&mut self, e: &mut ExpDesc<'a>) {
        match e.k {
            ExpKind::Call(pc) => {
                let a = self.fs_ref().f.code[pc].a();
                e.k = ExpKind::NonReloc(a);
            }
            ExpKind::Vararg(pc) => {
                self.instruction(pc).set_c(2);
                e.k = ExpKind::Reloc(pc);
            }
            _ => {}
        }
    }

    /// Turns a variable into a value (`luaK_dischargevars`): reading it emits code.
    pub fn discharge_vars(&mut self, e: &mut ExpDesc<'a>) -> CResult<()> {
        match e.k {
            ExpKind::Const(index) => {
                let value = self.actvar[index].value.expect("compile-time constant");
                e.k = ExpKind::from_const(value);
            }
            ExpKind::Local { ridx, .. } => e.k = ExpKind::NonReloc(ridx),
            ExpKind::Upval(idx) => {
                e.k = ExpKind::Reloc(self.code(Op::GetUpval { a: 0, b: idx }));
            }
            ExpKind::IndexUp { t, idx } => {
                e.k = ExpKind::Reloc(self.code(Op::GetTabUp { a: 0, b: t, c: idx }));
            }
            ExpKind::IndexI { t, idx } => {
                self.free_reg(t);
                e.k = ExpKind::Reloc(self.code(Op::GetI { a: 0, b: t, c: idx }));
            }
            ExpKind::IndexStr { t, idx } => {
                self.free_reg(t);
                e.k = ExpKind::Reloc(self.code(Op::GetField { a: 0, b: t, c: idx }));
            }
            ExpKind::Indexed { t, idx } => {
                self.free_regs(t, idx);
                e.k = ExpKind::Reloc(self.code(Op::GetTable { a: 0, b: t, c: idx }));
            }
            ExpKind::Vararg(_) | ExpKind::Call(_) => self.set_one_ret(e),
            _ => {}
        }
        Ok(())
    }

    /// Puts the value of `e` in register `reg` (`discharge2reg`); jump lists stay.
    fn discharge2reg(&mut self, e: &mut ExpDesc<'a>, reg: u8) -> CResult<()> {
        self.discharge_vars(e)?;
        match e.k {
            ExpKind::Nil => self.load_nil(reg, 1),
            ExpKind::False => {
                self.code(Op::LoadFalse { a: reg });
            }
            ExpKind::True => {
                self.code(Op::LoadTrue { a: reg });
            }
            ExpKind::KStr(s) => {
                let k = self.string_constant(s)?;
                self.code_constant(reg, k);
            }
            ExpKind::K(k) => self.code_constant(reg, k),
            ExpKind::KFlt(f) => self.load_float(reg, f)?,
            ExpKind::KInt(i) => self.load_int(reg, i)?,
            ExpKind::Reloc(pc) => self.instruction(pc).set_a(reg),
            ExpKind::NonReloc(r) => {
                if r != reg {
                    self.code(Op::Move { a: reg, b: r });
                }
            }
            ExpKind::Jmp(_) => return Ok(()),
            other => unreachable!("discharge2reg of {other:?}"),
        }
        e.k = ExpKind::NonReloc(reg);
        Ok(())
    }

    /// Puts the value of `e` in some register (`discharge2anyreg`).
    pub fn discharge2anyreg(&mut self, e: &mut ExpDesc<'a>) -> CResult<()> {
        if !matches!(e.k, ExpKind::NonReloc(_)) {
            self.reserve_regs(1)?;
            let reg = (self.fs_ref().freereg - 1) as u8;
            self.discharge2reg(e, reg)?;
        }
        Ok(())
    }

    /// Emits LFALSESKIP or LOADTRUE, which are jump targets.
    fn code_loadbool(&mut self, op: Op) -> usize {
        self.get_label();
        self.code(op)
    }

    /// Whether some jump of the list does not produce its value itself (`need_value`).
    fn need_value(&self, mut list: i32) -> bool {
        while list != NO_JUMP {
            let at = self.jump_control(list as usize);
            if self.fs_ref().f.code[at].opcode() != OpCode::TestSet {
                return true;
            }
            list = self.get_jump(list as usize);
        }
        false
    }

    /// Puts the final value of `e`, including its jump lists, in register `reg`
    /// (`exp2reg`): value-producing tests write `reg` directly; other jumps go to a
    /// LFALSESKIP/LOADTRUE pair that materializes the boolean.
    pub fn exp2reg(&mut self, e: &mut ExpDesc<'a>, reg: u8) -> CResult<()> {
        self.discharge2reg(e, reg)?;
        if let ExpKind::Jmp(pc) = e.k {
            let mut t = e.t;
            self.concat(&mut t, pc as i32)?;
            e.t = t;
        }
        if e.has_jumps() {
            let mut p_f = NO_JUMP as usize;
            let mut p_t = NO_JUMP as usize;
            if self.need_value(e.t) || self.need_value(e.f) {
                let fj = if matches!(e.k, ExpKind::Jmp(_)) {
                    NO_JUMP
                } else {
                    self.jump() as i32
                };
                p_f = self.code_loadbool(Op::LFalseSkip { a: reg });
                p_t = self.code_loadbool(Op::LoadTrue { a: reg });
                self.patch_to_here(fj)?;
            }
            let end = self.get_label();
            self.patch_list_aux(e.f, end, Some(reg), p_f)?;
            self.patch_list_aux(e.t, end, Some(reg), p_t)?;
        }
        e.t = NO_JUMP;
        e.f = NO_JUMP;
        e.k = ExpKind::NonReloc(reg);
        Ok(())
    }

    /// Puts the final value of `e` in the next free register (`luaK_exp2nextreg`).
    pub fn exp2nextreg(&mut self, e: &mut ExpDesc<'a>) -> CResult<()> {
        self.discharge_vars(e)?;
        self.free_exp(e);
        self.reserve_regs(1)?;
        let reg = (self.fs_ref().freereg - 1) as u8;
        self.exp2reg(e, reg)
    }

    /// Puts the final value of `e` in some register and returns it (`luaK_exp2anyreg`).
    pub fn exp2anyreg(&mut self, e: &mut ExpDesc<'a>) -> CResult<u8> {
        self.discharge_vars(e)?;
        if let ExpKind::NonReloc(r) = e.k {
            if !e.has_jumps() {
                return Ok(r);
            }
            if r as u32 >= self.nvarstack() {
                // A temporary can receive the values of the jumps itself.
                self.exp2reg(e, r)?;
                return Ok(r);
            }
            // A local variable's register cannot hold the jump values: use a new one.
        }
        self.exp2nextreg(e)?;
        Ok(e.reg())
    }

    /// Puts `e` in a register, unless it is an upvalue (`luaK_exp2anyregup`): GETTABUP
    /// reads fields of upvalues directly.
    pub fn exp2anyregup(&mut self, e: &mut ExpDesc<'a>) -> CResult<()> {
        if !matches!(e.k, ExpKind::Upval(_)) || e.has_jumps() {
            self.exp2anyreg(e)?;
        }
        Ok(())
    }

    /// Puts `e` in a register unless it is a constant (`luaK_exp2val`).
    pub fn exp2val(&mut self, e: &mut ExpDesc<'a>) -> CResult<()> {
        if matches!(e.k, ExpKind::Jmp(_)) || e.has_jumps() {
            self.exp2anyreg(e)?;
        } else {
            self.discharge_vars(e)?;
        }
        Ok(())
    }

    /// Makes `e` a K operand if it is a constant whose index fits an 8-bit operand and
    /// `pass` may make the rewrite (`luaK_exp2K`). The fuel is checked before the
    /// constant is added, so a refused rewrite leaves the constant table as without it.
    pub fn exp2k(&mut self, e: &mut ExpDesc<'a>, pass: Pass) -> CResult<bool> {
        if e.has_jumps() || !self.opt.can_apply(pass) {
            return Ok(false);
        }
        let k = match e.k {
            ExpKind::True => self.bool_constant(true)?,
            ExpKind::False => self.bool_constant(false)?,
            ExpKind::Nil => self.nil_constant()?,
            ExpKind::KInt(i) => self.integer_constant(i)?,
            ExpKind::KFlt(f) => self.float_constant(f)?,
            ExpKind::KStr(s) => self.string_constant(s)?,
            ExpKind::K(k) => k,
            _ => return Ok(false),
        };
        if k <= MAX_INDEX_RK && self.opt.apply(pass, self.line) {
            e.k = ExpKind::K(k);
            return Ok(true);
        }
        Ok(false)
    }

    /// Makes `e` an RK operand: a constant (through `pass`) or a register (`exp2RK`).
    pub fn exp2rk(&mut self, e: &mut ExpDesc<'a>, pass: Pass) -> CResult<bool> {
        if self.exp2k(e, pass)? {
            Ok(true)
        } else {
            self.exp2anyreg(e)?;
            Ok(false)
        }
    }

    /// Emits an instruction whose C is an RK operand (`codeABRK`), with pass `store-k`
    /// deciding whether a constant value is used directly.
    fn code_abrk(
        &mut self,
        op: OpCode,
        a: u8,
        b: u8,
        ec: &mut ExpDesc<'a>,
        pass: Pass,
    ) -> CResult<()> {
        let k = self.exp2rk(ec, pass)?;
        let c = ec.info_index();
        self.code_abck(op, a, b, c, k);
        Ok(())
    }

    /// Stores the value of `ex` in variable `var` (`luaK_storevar`).
    pub fn store_var(&mut self, var: &ExpDesc<'a>, ex: &mut ExpDesc<'a>) -> CResult<()> {
        match var.k {
            ExpKind::Local { ridx, .. } => {
                // Pass `reg-reuse`: an instruction computing a value (or a value with
                // jump lists) writes the local's register directly. It is valid because
                // the value is complete before the register is written: single
                // instructions read their operands first, and jump lists are patched to
                // write the register only on their final path. Without it the value goes
                // through a temporary and a MOVE.
                let computed = matches!(ex.k, ExpKind::Reloc(_)) || ex.has_jumps();
                if computed && !self.opt.apply(Pass::RegReuse, self.line) {
                    self.exp2nextreg(ex)?;
                }
                self.free_exp(ex);
                return self.exp2reg(ex, ridx);
            }
            ExpKind::Upval(idx) => {
                let e = self.exp2anyreg(ex)?;
                self.code(Op::SetUpval { a: e, b: idx });
            }
            ExpKind::IndexUp { t, idx } => {
                self.code_abrk(OpCode::SetTabUp, t, idx, ex, Pass::StoreK)?
            }
            ExpKind::IndexI { t, idx } => self.code_abrk(OpCode::SetI, t, idx, ex, Pass::StoreK)?,
            ExpKind::IndexStr { t, idx } => {
                self.code_abrk(OpCode::SetField, t, idx, ex, Pass::StoreK)?
            }
            ExpKind::Indexed { t, idx } => {
                self.code_abrk(OpCode::SetTable, t, idx, ex, Pass::StoreK)?
            }
            other => unreachable!("store to {other:?}"),
        }
        self.free_exp(ex);
        Ok(())
    }

    /// Emits SELF: `e:key(` puts the method in a new register and `e` after it
    /// (`luaK_self`). A constant key is an RK operand (pass `index-k`).
    pub fn self_method(&mut self, e: &mut ExpDesc<'a>, key: &mut ExpDesc<'a>) -> CResult<()> {
        let ereg = self.exp2anyreg(e)?;
        self.free_exp(e);
        let base = self.fs_ref().freereg as u8;
        e.k = ExpKind::NonReloc(base);
        self.reserve_regs(2)?;
        self.code_abrk(OpCode::Self_, base, ereg, key, Pass::IndexK)?;
        self.free_exp(key);
        Ok(())
    }

    /// Inverts the comparison controlling the jump of `e` (`negatecondition`).
    pub fn negate_condition(&mut self, e: &ExpDesc<'a>) {
        let ExpKind::Jmp(pc) = e.k else {
            unreachable!("negate_condition of a non-jump")
        };
        let at = self.jump_control(pc);
        let i = self.instruction(at);
        debug_assert!(
            i.opcode().is_test() && !matches!(i.opcode(), OpCode::TestSet | OpCode::Test)
        );
        let k = i.k();
        i.set_k(!k);
    }

    /// Emits a test that jumps if `e` is `cond` (`jumponcond`); returns the jump.
    /// `want_value`: the jump must carry the value (TESTSET, pass `testset`).
    fn jump_on_cond(
        &mut self,
        e: &mut ExpDesc<'a>,
        cond: bool,
        want_value: bool,
    ) -> CResult<usize> {
        if let ExpKind::Reloc(pc) = e.k {
            let ie = self.fs_ref().f.code[pc];
            // Pass `cond-not`: `not x` feeding a test is `x` with the test inverted. The
            // NOT is the last instruction (it was just emitted for this expression), and
            // its result is used by nothing but this test, so removing it is safe.
            if ie.opcode() == OpCode::Not
                && pc + 1 == self.pc()
                && self.opt.apply(Pass::CondNot, self.line)
            {
                self.remove_last_instruction();
                return Ok(self.cond_jump(Op::Test {
                    a: ie.b(),
                    k: !cond,
                }));
            }
        }
        self.discharge2anyreg(e)?;
        self.free_exp(e);
        let r = e.reg();
        // `want_value` comes from an `and`/`or` that pass `testset` chose to compile
        // with value-carrying jumps (counted there).
        if want_value {
            Ok(self.cond_jump(Op::TestSet {
                a: limits::NO_REG,
                b: r,
                k: cond,
            }))
        } else {
            Ok(self.cond_jump(Op::Test { a: r, k: cond }))
        }
    }

    /// Code that falls through if `e` is true and jumps (false list) otherwise
    /// (`luaK_goiftrue`).
    pub fn go_if_true(&mut self, e: &mut ExpDesc<'a>, want_value: bool) -> CResult<()> {
        self.discharge_vars(e)?;
        let pc = match e.k {
            ExpKind::Jmp(pc) => {
                // Pass `cond-invert`: the comparison jumps when false. Without it, it
                // jumps (when true) over a JMP that goes to the false list.
                if self.opt.apply(Pass::CondInvert, self.line) {
                    self.negate_condition(e);
                    pc as i32
                } else {
                    let mut t = e.t;
                    self.concat(&mut t, pc as i32)?;
                    e.t = t;
                    self.jump() as i32
                }
            }
            // Pass `const-cond`: a true constant never jumps, a false one always does.
            ExpKind::K(_)
            | ExpKind::KFlt(_)
            | ExpKind::KInt(_)
            | ExpKind::KStr(_)
            | ExpKind::True
                if self.opt.apply(Pass::ConstCond, self.line) =>
            {
                NO_JUMP
            }
            // A false constant jumps unconditionally, unless the jump must carry the
            // value (`nil and x` is nil, which a plain jump would turn into false).
            ExpKind::Nil | ExpKind::False
                if !want_value && self.opt.apply(Pass::ConstCond, self.line) =>
            {
                self.jump() as i32
            }
            _ => self.jump_on_cond(e, false, want_value)? as i32,
        };
        let mut f = e.f;
        self.concat(&mut f, pc)?;
        e.f = f;
        self.patch_to_here(e.t)?;
        e.t = NO_JUMP;
        Ok(())
    }

    /// Code that falls through if `e` is false and jumps (true list) otherwise
    /// (`luaK_goiffalse`).
    pub fn go_if_false(&mut self, e: &mut ExpDesc<'a>, want_value: bool) -> CResult<()> {
        self.discharge_vars(e)?;
        let pc = match e.k {
            ExpKind::Jmp(pc) => {
                // The comparison already jumps when true: no inversion is needed here.
                pc as i32
            }
            ExpKind::Nil | ExpKind::False if self.opt.apply(Pass::ConstCond, self.line) => NO_JUMP,
            ExpKind::K(_)
            | ExpKind::KFlt(_)
            | ExpKind::KInt(_)
            | ExpKind::KStr(_)
            | ExpKind::True
                if !want_value && self.opt.apply(Pass::ConstCond, self.line) =>
            {
                self.jump() as i32
            }
            _ => self.jump_on_cond(e, true, want_value)? as i32,
        };
        let mut t = e.t;
        self.concat(&mut t, pc)?;
        e.t = t;
        self.patch_to_here(e.f)?;
        e.f = NO_JUMP;
        Ok(())
    }

    /// Makes `t` the indexing `t[k]` (`luaK_indexed`). `t` is in a register or an
    /// upvalue. With pass `index-k`, string constant keys, small integer keys and
    /// upvalue tables use GETFIELD/GETI/GETTABUP forms; otherwise the key goes into a
    /// register (and an upvalue table too).
    pub fn indexed(&mut self, t: &mut ExpDesc<'a>, k: &mut ExpDesc<'a>) -> CResult<()> {
        debug_assert!(!t.has_jumps());
        let short_str_key = match k.k {
            ExpKind::KStr(s) => s.len() <= crate::proto::MAX_SHORT_STRING_LEN,
            ExpKind::K(idx) => {
                self.fs_ref().f.constants[idx as usize].is_short_string() && !k.has_jumps()
            }
            _ => false,
        };
        // A string key becomes a K operand if its index fits 8 bits.
        let mut kstr_index = None;
        if short_str_key && self.opt.can_apply(Pass::IndexK) {
            let idx = match k.k {
                ExpKind::KStr(s) => self.string_constant(s)?,
                ExpKind::K(idx) => idx,
                _ => unreachable!(),
            };
            if idx <= MAX_INDEX_RK {
                kstr_index = Some(idx as u8);
            }
        }
        if let ExpKind::Upval(up) = t.k {
            if let Some(idx) = kstr_index
                && self.opt.apply(Pass::IndexK, self.line)
            {
                t.k = ExpKind::IndexUp { t: up, idx };
                return Ok(());
            }
            self.exp2anyreg(t)?;
        }
        let treg = match t.k {
            ExpKind::Local { ridx, .. } => ridx,
            ExpKind::NonReloc(r) => r,
            other => unreachable!("indexing {other:?}"),
        };
        if let Some(idx) = kstr_index
            && self.opt.apply(Pass::IndexK, self.line)
        {
            t.k = ExpKind::IndexStr { t: treg, idx };
        } else if let ExpKind::KInt(i) = k.k
            && !k.has_jumps()
            && (0..=limits::MAXARG_C as i64).contains(&i)
            && self.opt.apply(Pass::IndexK, self.line)
        {
            t.k = ExpKind::IndexI {
                t: treg,
                idx: i as u8,
            };
        } else {
            let idx = self.exp2anyreg(k)?;
            t.k = ExpKind::Indexed { t: treg, idx };
        }
        Ok(())
    }
}
