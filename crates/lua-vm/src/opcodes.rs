//! The instruction set: one table ([`for_each_op!`]) that defines every opcode of Lua 5.4
//! (lopcodes.h), its encoding, its operands and its one-line semantics.
//!
//! Everything else is generated from that table: the [`OpCode`] enum, the per-opcode
//! properties ([`OpCode::info`]), the structured instruction [`Op`] with its checked
//! decoder ([`Op::decode`]) and encoder ([`Op::encode`]), and the disassembler's operand
//! list. The interpreter reads raw [`Instruction`]s with the unchecked field getters
//! (`a()`, `b()`, `sc()`, ...), which are single shifts and masks.
//!
//! # Encoding
//! Instructions are 32-bit words with the opcode in the low 7 bits, exactly as in PUC-Rio
//! Lua 5.4, so PUC's limits apply (255 registers, 2^17 constants in LOADK, jumps of
//! ±2^24 instructions):
//!
//! ```text
//!        3 3 2 2 2 2 2 2 2 2 2 2 1 1 1 1 1 1 1 1 1 1 0 0 0 0 0 0 0 0 0 0
//!        1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
//! iABC         C(8)     |      B(8)     |k|     A(8)      |   Op(7)     |
//! iABx               Bx(17)               |     A(8)      |   Op(7)     |
//! iAsBx             sBx (signed)(17)      |     A(8)      |   Op(7)     |
//! iAx                          Ax(25)                     |   Op(7)     |
//! isJ                          sJ (signed)(25)            |   Op(7)     |
//! ```
//!
//! Signed operands are stored in excess-K: `sC = C - 127` (so -127..=128),
//! `sBx = Bx - 65535`, `sJ = J - 16777215`.
//!
//! # Conventions the compiler and the interpreter share (lopcodes.h notes)
//! - Every arithmetic or bitwise instruction (ADD..SHR, ADDI, ADDK..BXORK, SHRI, SHLI) is
//!   followed by MMBIN, MMBINI or MMBINK. When both operands are numbers the interpreter
//!   does the operation and skips the MM instruction (`pc += 1`); otherwise it falls into
//!   the MM instruction, which calls the metamethod of event C over its two operands and
//!   stores the result in the A register of the *previous* instruction. In MMBINI/MMBINK,
//!   `k` means the operands were swapped by the compiler (the constant was the first
//!   operand in the source). The MM instruction keeps the original operand and event:
//!   `x - 5` is `ADDI x -5` followed by `MMBINI x 5 __sub`.
//! - EQ, LT, LE, EQK, EQI, LTI, LEI, GTI, GEI, TEST and TESTSET are always followed by a
//!   JMP. If the condition's outcome differs from `k`, the interpreter skips the JMP
//!   (`pc += 1`); otherwise it executes the JMP (PUC's `donextjump`). In the immediate
//!   comparisons, C is 1 when the literal in the source was a float (so a metamethod
//!   receives `1.0`, not `1`); GTI/GEI exist because `10 < a` is compiled as `a > 10`.
//! - TESTSET copies R[B] to R[A] only when the jump is taken.
//! - LOADKX and NEWTABLE are always followed by EXTRAARG; LFALSESKIP skips the next
//!   instruction.
//! - CALL with C = 0 and VARARG with C = 0 set `top` (all results); the next CALL, RETURN
//!   or SETLIST with B = 0 uses it. TAILCALL always sets `top` for its callee's results.
//! - RETURN/TAILCALL: `k` says the function has upvalues or to-be-closed variables that
//!   must be closed; C > 0 says the function is vararg and has C - 1 fixed parameters
//!   (its frame must be corrected before returning).
//! - NEWTABLE: B is 0 or log2(hash size) + 1; C is the array size, plus EXTRAARG * 256
//!   when `k` is set. SETLIST: B = 0 means "up to top"; when `k` is set the first index
//!   is EXTRAARG * 256 + C, else C.
//! - FORPREP A Bx: prepares the loop in R[A..A+3]; if the loop does not run, jumps to
//!   pc + Bx + 1 (past the matching FORLOOP). FORLOOP A Bx: jumps back by Bx while the
//!   loop continues. TFORPREP jumps forward by Bx (to the TFORCALL); TFORLOOP jumps back by Bx.

use lua_prims::ArithOp;

/// The calls `$m!` with the whole instruction table. Each entry is:
///
/// `Name NAME format [field: Kind, ...] [flags] "semantics";`
///
/// - `Name` is the variant name in [`OpCode`] and [`Op`], `NAME` the name luac prints;
/// - `format` is one of `ABC`, `ABx`, `AsBx`, `Ax`, `SJ` (see the module docs);
/// - each field names the slot it lives in (`a`, `b`, `c`, `k`, `sb`, `sc`, `bx`, `sbx`,
///   `ax`, `sj`) and says what it means (an [`OperandKind`]); slots not listed must be 0;
/// - flags are PUC's opmode bits: `sets_a` (writes R[A]), `test` (next is a JMP),
///   `in_top` (uses `top` when B = 0), `out_top` (sets `top` when C = 0), `mm` (MM call);
/// - the string is the semantics in lopcodes.h notation.
///
/// The order is the opcode numbering, the same as PUC-Rio Lua 5.4's (ORDER OP).
#[macro_export]
macro_rules! for_each_op {
    ($m:ident) => {
        $m! {
            Move MOVE ABC [a: Reg, b: Reg] [sets_a] "R[A] := R[B]";
            LoadI LOADI AsBx [a: Reg, sbx: Int] [sets_a] "R[A] := sBx";
            LoadF LOADF AsBx [a: Reg, sbx: Int] [sets_a] "R[A] := (float)sBx";
            LoadK LOADK ABx [a: Reg, bx: Const] [sets_a] "R[A] := K[Bx]";
            LoadKX LOADKX ABx [a: Reg] [sets_a] "R[A] := K[extra arg]";
            LoadFalse LOADFALSE ABC [a: Reg] [sets_a] "R[A] := false";
            LFalseSkip LFALSESKIP ABC [a: Reg] [sets_a] "R[A] := false; pc++";
            LoadTrue LOADTRUE ABC [a: Reg] [sets_a] "R[A] := true";
            LoadNil LOADNIL ABC [a: Reg, b: Count] [sets_a] "R[A], R[A+1], ..., R[A+B] := nil";
            GetUpval GETUPVAL ABC [a: Reg, b: Upval] [sets_a] "R[A] := UpValue[B]";
            SetUpval SETUPVAL ABC [a: Reg, b: Upval] [] "UpValue[B] := R[A]";
            GetTabUp GETTABUP ABC [a: Reg, b: Upval, c: ConstStr] [sets_a] "R[A] := UpValue[B][K[C]:shortstring]";
            GetTable GETTABLE ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B][R[C]]";
            GetI GETI ABC [a: Reg, b: Reg, c: UInt] [sets_a] "R[A] := R[B][C]";
            GetField GETFIELD ABC [a: Reg, b: Reg, c: ConstStr] [sets_a] "R[A] := R[B][K[C]:shortstring]";
            SetTabUp SETTABUP ABC [a: Upval, b: ConstStr, c: RegOrConst, k: RkFlag] [] "UpValue[A][K[B]:shortstring] := RK(C)";
            SetTable SETTABLE ABC [a: Reg, b: Reg, c: RegOrConst, k: RkFlag] [] "R[A][R[B]] := RK(C)";
            SetI SETI ABC [a: Reg, b: UInt, c: RegOrConst, k: RkFlag] [] "R[A][B] := RK(C)";
            SetField SETFIELD ABC [a: Reg, b: ConstStr, c: RegOrConst, k: RkFlag] [] "R[A][K[B]:shortstring] := RK(C)";
            NewTable NEWTABLE ABC [a: Reg, b: UInt, c: UInt, k: Flag] [sets_a] "R[A] := {}";
            Self_ SELF ABC [a: Reg, b: Reg, c: RegOrConst, k: RkFlag] [sets_a] "R[A+1] := R[B]; R[A] := R[B][RK(C):string]";
            AddI ADDI ABC [a: Reg, b: Reg, sc: Int] [sets_a] "R[A] := R[B] + sC";
            AddK ADDK ABC [a: Reg, b: Reg, c: ConstNum] [sets_a] "R[A] := R[B] + K[C]:number";
            SubK SUBK ABC [a: Reg, b: Reg, c: ConstNum] [sets_a] "R[A] := R[B] - K[C]:number";
            MulK MULK ABC [a: Reg, b: Reg, c: ConstNum] [sets_a] "R[A] := R[B] * K[C]:number";
            ModK MODK ABC [a: Reg, b: Reg, c: ConstNum] [sets_a] "R[A] := R[B] % K[C]:number";
            PowK POWK ABC [a: Reg, b: Reg, c: ConstNum] [sets_a] "R[A] := R[B] ^ K[C]:number";
            DivK DIVK ABC [a: Reg, b: Reg, c: ConstNum] [sets_a] "R[A] := R[B] / K[C]:number";
            IDivK IDIVK ABC [a: Reg, b: Reg, c: ConstNum] [sets_a] "R[A] := R[B] // K[C]:number";
            BAndK BANDK ABC [a: Reg, b: Reg, c: ConstInt] [sets_a] "R[A] := R[B] & K[C]:integer";
            BOrK BORK ABC [a: Reg, b: Reg, c: ConstInt] [sets_a] "R[A] := R[B] | K[C]:integer";
            BXorK BXORK ABC [a: Reg, b: Reg, c: ConstInt] [sets_a] "R[A] := R[B] ~ K[C]:integer";
            ShrI SHRI ABC [a: Reg, b: Reg, sc: Int] [sets_a] "R[A] := R[B] >> sC";
            ShlI SHLI ABC [a: Reg, b: Reg, sc: Int] [sets_a] "R[A] := sC << R[B]";
            Add ADD ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] + R[C]";
            Sub SUB ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] - R[C]";
            Mul MUL ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] * R[C]";
            Mod MOD ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] % R[C]";
            Pow POW ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] ^ R[C]";
            Div DIV ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] / R[C]";
            IDiv IDIV ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] // R[C]";
            BAnd BAND ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] & R[C]";
            BOr BOR ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] | R[C]";
            BXor BXOR ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] ~ R[C]";
            Shl SHL ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] << R[C]";
            Shr SHR ABC [a: Reg, b: Reg, c: Reg] [sets_a] "R[A] := R[B] >> R[C]";
            MmBin MMBIN ABC [a: Reg, b: Reg, c: Event] [mm] "call C metamethod over R[A] and R[B]";
            MmBinI MMBINI ABC [a: Reg, sb: Int, c: Event, k: Flag] [mm] "call C metamethod over R[A] and sB (k: swapped)";
            MmBinK MMBINK ABC [a: Reg, b: Const, c: Event, k: Flag] [mm] "call C metamethod over R[A] and K[B] (k: swapped)";
            Unm UNM ABC [a: Reg, b: Reg] [sets_a] "R[A] := -R[B]";
            BNot BNOT ABC [a: Reg, b: Reg] [sets_a] "R[A] := ~R[B]";
            Not NOT ABC [a: Reg, b: Reg] [sets_a] "R[A] := not R[B]";
            Len LEN ABC [a: Reg, b: Reg] [sets_a] "R[A] := #R[B] (length operator)";
            Concat CONCAT ABC [a: Reg, b: Count] [sets_a] "R[A] := R[A].. ... ..R[A + B - 1]";
            Close CLOSE ABC [a: Reg] [] "close all upvalues >= R[A]";
            Tbc TBC ABC [a: Reg] [] "mark variable A \"to be closed\"";
            Jmp JMP SJ [sj: Jump] [] "pc += sJ";
            Eq EQ ABC [a: Reg, b: Reg, k: Flag] [test] "if ((R[A] == R[B]) ~= k) then pc++";
            Lt LT ABC [a: Reg, b: Reg, k: Flag] [test] "if ((R[A] <  R[B]) ~= k) then pc++";
            Le LE ABC [a: Reg, b: Reg, k: Flag] [test] "if ((R[A] <= R[B]) ~= k) then pc++";
            EqK EQK ABC [a: Reg, b: Const, k: Flag] [test] "if ((R[A] == K[B]) ~= k) then pc++";
            EqI EQI ABC [a: Reg, sb: Int, c: IsFloat, k: Flag] [test] "if ((R[A] == sB) ~= k) then pc++";
            LtI LTI ABC [a: Reg, sb: Int, c: IsFloat, k: Flag] [test] "if ((R[A] < sB) ~= k) then pc++";
            LeI LEI ABC [a: Reg, sb: Int, c: IsFloat, k: Flag] [test] "if ((R[A] <= sB) ~= k) then pc++";
            GtI GTI ABC [a: Reg, sb: Int, c: IsFloat, k: Flag] [test] "if ((R[A] > sB) ~= k) then pc++";
            GeI GEI ABC [a: Reg, sb: Int, c: IsFloat, k: Flag] [test] "if ((R[A] >= sB) ~= k) then pc++";
            Test TEST ABC [a: Reg, k: Flag] [test] "if (not R[A] == k) then pc++";
            TestSet TESTSET ABC [a: Reg, b: Reg, k: Flag] [test sets_a] "if (not R[B] == k) then pc++ else R[A] := R[B]";
            Call CALL ABC [a: Reg, b: Count, c: Count] [sets_a in_top out_top] "R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])";
            TailCall TAILCALL ABC [a: Reg, b: Count, c: Count, k: Flag] [sets_a in_top out_top] "return R[A](R[A+1], ... ,R[A+B-1])";
            Return RETURN ABC [a: Reg, b: Count, c: Count, k: Flag] [in_top] "return R[A], ... ,R[A+B-2]";
            Return0 RETURN0 ABC [] [] "return";
            Return1 RETURN1 ABC [a: Reg] [] "return R[A]";
            ForLoop FORLOOP ABx [a: Reg, bx: BackJump] [sets_a] "update counters; if loop continues then pc-=Bx;";
            ForPrep FORPREP ABx [a: Reg, bx: ForwardJump] [sets_a] "<check values and prepare counters>; if not to run then pc+=Bx+1;";
            TForPrep TFORPREP ABx [a: Reg, bx: ForwardJump] [] "create upvalue for R[A + 3]; pc+=Bx";
            TForCall TFORCALL ABC [a: Reg, c: Count] [] "R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2]);";
            TForLoop TFORLOOP ABx [a: Reg, bx: BackJump] [sets_a] "if R[A+2] ~= nil then { R[A]=R[A+2]; pc -= Bx }";
            SetList SETLIST ABC [a: Reg, b: Count, c: UInt, k: Flag] [in_top] "R[A][C+i] := R[A+i], 1 <= i <= B";
            Closure CLOSURE ABx [a: Reg, bx: Proto] [sets_a] "R[A] := closure(KPROTO[Bx])";
            VarArg VARARG ABC [a: Reg, c: Count] [sets_a out_top] "R[A], R[A+1], ..., R[A+C-2] = vararg";
            VarArgPrep VARARGPREP ABC [a: UInt] [sets_a in_top] "(adjust vararg parameters)";
            ExtraArg EXTRAARG Ax [ax: UInt] [] "extra (larger) argument for previous opcode";
        }
    };
}

/// A 32-bit instruction word. The getters are unchecked: they extract a bit field whatever
/// the opcode's format is (use [`Op::decode`] for a checked view).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct Instruction(pub u32);

/// Sizes and offsets of the operand fields (lopcodes.h).
pub mod limits {
    pub const SIZE_OP: u32 = 7;
    pub const SIZE_A: u32 = 8;
    pub const SIZE_B: u32 = 8;
    pub const SIZE_C: u32 = 8;
    pub const SIZE_BX: u32 = SIZE_C + SIZE_B + 1;
    pub const SIZE_AX: u32 = SIZE_BX + SIZE_A;
    pub const SIZE_SJ: u32 = SIZE_BX + SIZE_A;
    pub const POS_A: u32 = SIZE_OP;
    pub const POS_K: u32 = POS_A + SIZE_A;
    pub const POS_B: u32 = POS_K + 1;
    pub const POS_C: u32 = POS_B + SIZE_B;
    pub const POS_BX: u32 = POS_K;
    pub const POS_AX: u32 = POS_A;
    pub const POS_SJ: u32 = POS_A;
    pub const MAXARG_A: u32 = (1 << SIZE_A) - 1;
    pub const MAXARG_B: u32 = (1 << SIZE_B) - 1;
    pub const MAXARG_C: u32 = (1 << SIZE_C) - 1;
    pub const MAXARG_BX: u32 = (1 << SIZE_BX) - 1;
    pub const MAXARG_AX: u32 = (1 << SIZE_AX) - 1;
    pub const MAXARG_SJ: u32 = (1 << SIZE_SJ) - 1;
    /// Excess-K offset of `sB`/`sC`: they range over -127..=128.
    pub const OFFSET_SC: i32 = (MAXARG_C >> 1) as i32;
    /// Excess-K offset of `sBx`: it ranges over -65535..=65536.
    pub const OFFSET_SBX: i32 = (MAXARG_BX >> 1) as i32;
    /// Excess-K offset of `sJ`: it ranges over -16777215..=16777216.
    pub const OFFSET_SJ: i32 = (MAXARG_SJ >> 1) as i32;
    /// "No register": the A of a TESTSET whose destination is not known yet.
    pub const NO_REG: u8 = MAXARG_A as u8;
    /// Registers a function may use (lcode.c MAXREGS): R[0]..R[254].
    pub const MAX_REGS: u32 = 255;
    /// Array items a SETLIST stores at once (lopcodes.h LFIELDS_PER_FLUSH).
    pub const FIELDS_PER_FLUSH: u32 = 50;
}

use limits::*;

#[inline(always)]
const fn mask(bits: u32) -> u32 {
    (1u32 << bits) - 1
}

impl Instruction {
    /// An iABC instruction from its fields (`c` and `b` raw, unsigned).
    #[inline]
    pub fn new_abck(op: OpCode, a: u8, b: u8, c: u8, k: bool) -> Instruction {
        Instruction(
            op as u32
                | (a as u32) << POS_A
                | (k as u32) << POS_K
                | (b as u32) << POS_B
                | (c as u32) << POS_C,
        )
    }

    /// An iABx instruction; panics if `bx` does not fit.
    #[inline]
    pub fn new_abx(op: OpCode, a: u8, bx: u32) -> Instruction {
        let mut i = Instruction(op as u32 | (a as u32) << POS_A);
        i.set_bx(bx);
        i
    }

    /// The opcode, for verified code. An opcode number above the table (which the verifier
    /// rejects) reads as [`OpCode::ExtraArg`], which the interpreter never executes.
    #[inline(always)]
    pub fn opcode(self) -> OpCode {
        OPCODE_BY_NUMBER[(self.0 & mask(SIZE_OP)) as usize]
    }
    /// The opcode, or `None` when the number is not an opcode.
    #[inline]
    pub fn checked_opcode(self) -> Option<OpCode> {
        OpCode::from_number((self.0 & mask(SIZE_OP)) as u8)
    }
    #[inline(always)]
    pub fn a(self) -> u8 {
        (self.0 >> POS_A) as u8
    }
    #[inline(always)]
    pub fn b(self) -> u8 {
        (self.0 >> POS_B) as u8
    }
    #[inline(always)]
    pub fn c(self) -> u8 {
        (self.0 >> POS_C) as u8
    }
    #[inline(always)]
    pub fn k(self) -> bool {
        (self.0 >> POS_K) & 1 != 0
    }
    /// B as a signed immediate (`sB`, -127..=128).
    #[inline(always)]
    pub fn sb(self) -> i32 {
        self.b() as i32 - OFFSET_SC
    }
    /// C as a signed immediate (`sC`, -127..=128).
    #[inline(always)]
    pub fn sc(self) -> i32 {
        self.c() as i32 - OFFSET_SC
    }
    #[inline(always)]
    pub fn bx(self) -> u32 {
        self.0 >> POS_BX
    }
    #[inline(always)]
    pub fn sbx(self) -> i32 {
        self.bx() as i32 - OFFSET_SBX
    }
    #[inline(always)]
    pub fn ax(self) -> u32 {
        self.0 >> POS_AX
    }
    #[inline(always)]
    pub fn sj(self) -> i32 {
        (self.0 >> POS_SJ) as i32 - OFFSET_SJ
    }

    #[inline]
    fn set_field(&mut self, pos: u32, size: u32, value: u32) {
        debug_assert!(
            value <= mask(size),
            "operand {value} does not fit {size} bits"
        );
        self.0 = (self.0 & !(mask(size) << pos)) | ((value & mask(size)) << pos);
    }
    pub fn set_opcode(&mut self, op: OpCode) {
        self.set_field(0, SIZE_OP, op as u32);
    }
    pub fn set_a(&mut self, a: u8) {
        self.set_field(POS_A, SIZE_A, a as u32);
    }
    pub fn set_b(&mut self, b: u8) {
        self.set_field(POS_B, SIZE_B, b as u32);
    }
    pub fn set_c(&mut self, c: u8) {
        self.set_field(POS_C, SIZE_C, c as u32);
    }
    pub fn set_k(&mut self, k: bool) {
        self.set_field(POS_K, 1, k as u32);
    }
    /// Sets B from a signed immediate; panics if it is outside -127..=128.
    pub fn set_sb(&mut self, sb: i32) {
        self.set_b(encode_signed(sb, OFFSET_SC, MAXARG_B) as u8);
    }
    /// Sets C from a signed immediate; panics if it is outside -127..=128.
    pub fn set_sc(&mut self, sc: i32) {
        self.set_c(encode_signed(sc, OFFSET_SC, MAXARG_C) as u8);
    }
    pub fn set_bx(&mut self, bx: u32) {
        assert!(bx <= MAXARG_BX, "Bx {bx} out of range");
        self.set_field(POS_BX, SIZE_BX, bx);
    }
    pub fn set_sbx(&mut self, sbx: i32) {
        self.set_field(POS_BX, SIZE_BX, encode_signed(sbx, OFFSET_SBX, MAXARG_BX));
    }
    pub fn set_ax(&mut self, ax: u32) {
        assert!(ax <= MAXARG_AX, "Ax {ax} out of range");
        self.set_field(POS_AX, SIZE_AX, ax);
    }
    pub fn set_sj(&mut self, sj: i32) {
        self.set_field(POS_SJ, SIZE_SJ, encode_signed(sj, OFFSET_SJ, MAXARG_SJ));
    }
}

/// Excess-K encoding of a signed operand; panics when it does not fit (the compiler
/// checks ranges before it encodes, so this is a compiler bug).
#[inline]
fn encode_signed(v: i32, offset: i32, max: u32) -> u32 {
    let raw = v as i64 + offset as i64;
    assert!(
        (0..=max as i64).contains(&raw),
        "signed operand {v} out of range"
    );
    raw as u32
}

/// Whether `i` fits a signed `sB`/`sC` operand (lcode.c `fitsC`).
#[inline]
pub fn fits_sc(i: i64) -> bool {
    (-(OFFSET_SC as i64)..=(MAXARG_C as i64 - OFFSET_SC as i64)).contains(&i)
}

/// Whether `i` fits a signed `sBx` operand (lcode.c `fitsBx`).
#[inline]
pub fn fits_sbx(i: i64) -> bool {
    (-(OFFSET_SBX as i64)..=(MAXARG_BX as i64 - OFFSET_SBX as i64)).contains(&i)
}

/// Whether a jump offset fits `sJ`.
#[inline]
pub fn fits_sj(i: i64) -> bool {
    (-(OFFSET_SJ as i64)..=(MAXARG_SJ as i64 - OFFSET_SJ as i64)).contains(&i)
}

impl std::fmt::Debug for Instruction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match Op::decode(*self) {
            Ok(op) => write!(f, "{op:?}"),
            Err(_) => write!(f, "Instruction({:#010x})", self.0),
        }
    }
}

/// The instruction formats (lopcodes.h `OpMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    ABC,
    ABx,
    AsBx,
    Ax,
    SJ,
}

/// What an operand means: how the verifier checks it and how the disassembler prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperandKind {
    /// A register index (must be below `maxstacksize`).
    Reg,
    /// An upvalue index.
    Upval,
    /// A constant index.
    Const,
    /// A constant index that must name a string constant.
    ConstStr,
    /// A constant index that must name a number constant.
    ConstNum,
    /// A constant index that must name an integer constant.
    ConstInt,
    /// C of a SET instruction: a constant index when `k` is set, else a register.
    RegOrConst,
    /// The `k` bit that selects a constant in a [`OperandKind::RegOrConst`] operand.
    RkFlag,
    /// An unsigned integer (an index, a size, an extra argument).
    UInt,
    /// A signed immediate.
    Int,
    /// A count (registers, arguments, results); meaning depends on the opcode.
    Count,
    /// A flag (`k` bit).
    Flag,
    /// C of the immediate comparisons: 1 when the literal was a float.
    IsFloat,
    /// A tag-method event number (C of MMBIN*), see [`TagMethod`].
    Event,
    /// A relative jump (`sJ`): the target is `pc + 1 + sJ`.
    Jump,
    /// A forward loop jump (Bx of FORPREP, TFORPREP).
    ForwardJump,
    /// A backward loop jump (Bx of FORLOOP, TFORLOOP).
    BackJump,
    /// An index into the nested prototypes.
    Proto,
}

/// Opcode properties: PUC's `luaP_opmodes` bits.
pub mod flags {
    /// The instruction writes register A.
    pub const SETS_A: u8 = 1 << 0;
    /// The instruction is a test: the next instruction must be a JMP.
    pub const TEST: u8 = 1 << 1;
    /// The instruction uses `top` set by the previous instruction when B = 0.
    pub const IN_TOP: u8 = 1 << 2;
    /// The instruction sets `top` for the next instruction when C = 0.
    pub const OUT_TOP: u8 = 1 << 3;
    /// The instruction is an MM instruction (calls a metamethod).
    pub const MM: u8 = 1 << 4;
}

/// Static description of one opcode.
#[derive(Clone, Copy, Debug)]
pub struct OpInfo {
    /// The name luac prints (`"ADDI"`).
    pub name: &'static str,
    pub format: Format,
    /// The operands, in order, with their slots (`"a"`, `"sc"`, ...).
    pub operands: &'static [(&'static str, OperandKind)],
    /// [`flags`] bits.
    pub flags: u8,
    /// The semantics in lopcodes.h notation.
    pub semantics: &'static str,
}

macro_rules! __flag_bit {
    (sets_a) => {
        flags::SETS_A
    };
    (test) => {
        flags::TEST
    };
    (in_top) => {
        flags::IN_TOP
    };
    (out_top) => {
        flags::OUT_TOP
    };
    (mm) => {
        flags::MM
    };
}

macro_rules! __field_ty {
    (a) => {
        u8
    };
    (b) => {
        u8
    };
    (c) => {
        u8
    };
    (k) => {
        bool
    };
    (sb) => {
        i32
    };
    (sc) => {
        i32
    };
    (bx) => {
        u32
    };
    (sbx) => {
        i32
    };
    (ax) => {
        u32
    };
    (sj) => {
        i32
    };
}

macro_rules! __field_set {
    ($i:ident, a, $v:expr) => {
        $i.set_a($v)
    };
    ($i:ident, b, $v:expr) => {
        $i.set_b($v)
    };
    ($i:ident, c, $v:expr) => {
        $i.set_c($v)
    };
    ($i:ident, k, $v:expr) => {
        $i.set_k($v)
    };
    ($i:ident, sb, $v:expr) => {
        $i.set_sb($v)
    };
    ($i:ident, sc, $v:expr) => {
        $i.set_sc($v)
    };
    ($i:ident, bx, $v:expr) => {
        $i.set_bx($v)
    };
    ($i:ident, sbx, $v:expr) => {
        $i.set_sbx($v)
    };
    ($i:ident, ax, $v:expr) => {
        $i.set_ax($v)
    };
    ($i:ident, sj, $v:expr) => {
        $i.set_sj($v)
    };
}

macro_rules! __define_opcodes {
    ($($name:ident $pname:ident $fmt:ident [$($field:ident: $kind:ident),*] [$($flag:ident)*] $sem:literal;)*) => {
        /// An opcode, numbered as in PUC-Rio Lua 5.4 (lopcodes.h `OpCode`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum OpCode {
            $(
                #[doc = concat!("`", stringify!($pname), "`: ", $sem)]
                $name,
            )*
        }

        /// A decoded instruction: the opcode with exactly its operands.
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Op {
            $(
                #[doc = concat!("`", stringify!($pname), "`: ", $sem)]
                $name { $($field: __field_ty!($field)),* },
            )*
        }

        impl OpCode {
            /// Every opcode, in numbering order.
            pub const ALL: &'static [OpCode] = &[$(OpCode::$name),*];

            /// The static description of this opcode.
            pub fn info(self) -> &'static OpInfo {
                &OP_INFO[self as usize]
            }
        }

        static OP_INFO: &[OpInfo] = &[
            $(
                OpInfo {
                    name: stringify!($pname),
                    format: Format::$fmt,
                    operands: &[$((stringify!($field), OperandKind::$kind)),*],
                    flags: 0 $(| __flag_bit!($flag))*,
                    semantics: $sem,
                },
            )*
        ];

        impl Op {
            /// The opcode of this instruction.
            pub fn opcode(&self) -> OpCode {
                match self {
                    $(Op::$name { .. } => OpCode::$name,)*
                }
            }

            /// Encodes the instruction. Panics if an operand is out of its field's range
            /// (a compiler bug: the compiler checks limits before it builds instructions).
            pub fn encode(&self) -> Instruction {
                match *self {
                    $(
                        #[allow(unused_mut)]
                        Op::$name { $($field),* } => {
                            let mut i = Instruction(OpCode::$name as u32);
                            $(__field_set!(i, $field, $field);)*
                            i
                        }
                    )*
                }
            }

            /// Decodes an instruction, checking that the opcode exists and that every
            /// field the opcode does not use is zero.
            pub fn decode(i: Instruction) -> Result<Op, DecodeError> {
                let op = match i.checked_opcode() {
                    Some(op) => op,
                    None => return Err(DecodeError::BadOpcode((i.0 & 0x7f) as u8)),
                };
                let decoded = match op {
                    $(OpCode::$name => Op::$name { $($field: i.$field()),* },)*
                };
                if decoded.encode() != i {
                    return Err(DecodeError::UnusedBits(op));
                }
                Ok(decoded)
            }
        }
    };
}

for_each_op!(__define_opcodes);

/// Why an instruction word does not decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The opcode number is not in the table.
    BadOpcode(u8),
    /// A field the opcode does not use is not zero.
    UnusedBits(OpCode),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::BadOpcode(n) => write!(f, "invalid opcode number {n}"),
            DecodeError::UnusedBits(op) => {
                write!(f, "{} with nonzero unused operand bits", op.name())
            }
        }
    }
}

/// Number of opcodes (83, as in Lua 5.4).
pub const NUM_OPCODES: usize = OpCode::ExtraArg as usize + 1;

/// Maps every 7-bit opcode number to an opcode; numbers past the table map to EXTRAARG.
static OPCODE_BY_NUMBER: [OpCode; 128] = {
    let mut table = [OpCode::ExtraArg; 128];
    let mut n = 0;
    while n < NUM_OPCODES {
        table[n] = OpCode::ALL[n];
        n += 1;
    }
    table
};

impl OpCode {
    /// The opcode with number `n`, if any.
    #[inline]
    pub fn from_number(n: u8) -> Option<OpCode> {
        OpCode::ALL.get(n as usize).copied()
    }

    /// The name luac prints.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn format(self) -> Format {
        self.info().format
    }

    /// Whether the instruction writes R[A] (`testAMode`).
    pub fn sets_a(self) -> bool {
        self.info().flags & flags::SETS_A != 0
    }

    /// Whether the next instruction must be a JMP (`testTMode`).
    pub fn is_test(self) -> bool {
        self.info().flags & flags::TEST != 0
    }

    /// Whether B = 0 means "up to top" (`testITMode`).
    pub fn uses_top(self) -> bool {
        self.info().flags & flags::IN_TOP != 0
    }

    /// Whether C = 0 sets `top` (`testOTMode`).
    pub fn sets_top(self) -> bool {
        self.info().flags & flags::OUT_TOP != 0
    }

    /// Whether this is MMBIN, MMBINI or MMBINK (`testMMMode`).
    pub fn is_mm(self) -> bool {
        self.info().flags & flags::MM != 0
    }

    /// Whether this is an arithmetic or bitwise instruction that must be followed by an
    /// MM instruction (ADDI..SHR).
    pub fn is_arith(self) -> bool {
        (OpCode::AddI..=OpCode::Shr).contains(&self)
    }

    /// The arithmetic operator of ADDK..BXORK and ADD..SHR (ADDI, SHRI and SHLI have
    /// none of their own: their MMBINI says which source operator they implement).
    pub fn arith_op(self) -> Option<ArithOp> {
        use OpCode::*;
        Some(match self {
            Add | AddK => ArithOp::Add,
            Sub | SubK => ArithOp::Sub,
            Mul | MulK => ArithOp::Mul,
            Mod | ModK => ArithOp::Mod,
            Pow | PowK => ArithOp::Pow,
            Div | DivK => ArithOp::Div,
            IDiv | IDivK => ArithOp::IDiv,
            BAnd | BAndK => ArithOp::BAnd,
            BOr | BOrK => ArithOp::BOr,
            BXor | BXorK => ArithOp::BXor,
            Shl => ArithOp::Shl,
            Shr => ArithOp::Shr,
            _ => return None,
        })
    }

    /// The register-register form of a binary operator (ADD..SHR).
    pub fn for_arith(op: ArithOp) -> Option<OpCode> {
        use OpCode::*;
        Some(match op {
            ArithOp::Add => Add,
            ArithOp::Sub => Sub,
            ArithOp::Mul => Mul,
            ArithOp::Mod => Mod,
            ArithOp::Pow => Pow,
            ArithOp::Div => Div,
            ArithOp::IDiv => IDiv,
            ArithOp::BAnd => BAnd,
            ArithOp::BOr => BOr,
            ArithOp::BXor => BXor,
            ArithOp::Shl => Shl,
            ArithOp::Shr => Shr,
            ArithOp::Unm | ArithOp::BNot => return None,
        })
    }

    /// The constant-operand form of a binary operator (ADDK..BXORK); shifts have none.
    pub fn for_arith_k(op: ArithOp) -> Option<OpCode> {
        use OpCode::*;
        Some(match op {
            ArithOp::Add => AddK,
            ArithOp::Sub => SubK,
            ArithOp::Mul => MulK,
            ArithOp::Mod => ModK,
            ArithOp::Pow => PowK,
            ArithOp::Div => DivK,
            ArithOp::IDiv => IDivK,
            ArithOp::BAnd => BAndK,
            ArithOp::BOr => BOrK,
            ArithOp::BXor => BXorK,
            _ => return None,
        })
    }
}

impl std::fmt::Display for OpCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Tag-method events (ltm.h `TMS`), in PUC's order: C of MMBIN/MMBINI/MMBINK holds one of
/// the arithmetic events [`TagMethod::Add`]..=[`TagMethod::Shr`] as its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum TagMethod {
    Index,
    NewIndex,
    Gc,
    Mode,
    Len,
    Eq,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Lt,
    Le,
    Concat,
    Call,
    Close,
}

impl TagMethod {
    /// Every event, in numbering order.
    pub const ALL: [TagMethod; 25] = {
        use TagMethod::*;
        [
            Index, NewIndex, Gc, Mode, Len, Eq, Add, Sub, Mul, Mod, Pow, Div, IDiv, BAnd, BOr,
            BXor, Shl, Shr, Unm, BNot, Lt, Le, Concat, Call, Close,
        ]
    };

    /// The event with number `n`.
    pub fn from_number(n: u8) -> Option<TagMethod> {
        TagMethod::ALL.get(n as usize).copied()
    }

    /// The metamethod's name (`"__add"`).
    pub fn name(self) -> &'static str {
        use TagMethod::*;
        match self {
            Index => "__index",
            NewIndex => "__newindex",
            Gc => "__gc",
            Mode => "__mode",
            Len => "__len",
            Eq => "__eq",
            Add => "__add",
            Sub => "__sub",
            Mul => "__mul",
            Mod => "__mod",
            Pow => "__pow",
            Div => "__div",
            IDiv => "__idiv",
            BAnd => "__band",
            BOr => "__bor",
            BXor => "__bxor",
            Shl => "__shl",
            Shr => "__shr",
            Unm => "__unm",
            BNot => "__bnot",
            Lt => "__lt",
            Le => "__le",
            Concat => "__concat",
            Call => "__call",
            Close => "__close",
        }
    }

    /// The event of a binary arithmetic or bitwise operator (what MMBIN's C holds).
    pub fn for_arith(op: ArithOp) -> TagMethod {
        use TagMethod::*;
        match op {
            ArithOp::Add => Add,
            ArithOp::Sub => Sub,
            ArithOp::Mul => Mul,
            ArithOp::Mod => Mod,
            ArithOp::Pow => Pow,
            ArithOp::Div => Div,
            ArithOp::IDiv => IDiv,
            ArithOp::BAnd => BAnd,
            ArithOp::BOr => BOr,
            ArithOp::BXor => BXor,
            ArithOp::Shl => Shl,
            ArithOp::Shr => Shr,
            ArithOp::Unm => Unm,
            ArithOp::BNot => BNot,
        }
    }

    /// The operator of an arithmetic event (Add..=Shr, Unm, BNot).
    pub fn arith_op(self) -> Option<ArithOp> {
        use TagMethod::*;
        Some(match self {
            Add => ArithOp::Add,
            Sub => ArithOp::Sub,
            Mul => ArithOp::Mul,
            Mod => ArithOp::Mod,
            Pow => ArithOp::Pow,
            Div => ArithOp::Div,
            IDiv => ArithOp::IDiv,
            BAnd => ArithOp::BAnd,
            BOr => ArithOp::BOr,
            BXor => ArithOp::BXor,
            Shl => ArithOp::Shl,
            Shr => ArithOp::Shr,
            Unm => ArithOp::Unm,
            BNot => ArithOp::BNot,
            _ => return None,
        })
    }
}

/// The arithmetic operator named by the C operand of an MM instruction, if it is one of
/// the binary arithmetic events (`__add`..`__shr`).
#[inline]
pub fn mm_event_op(c: u8) -> Option<ArithOp> {
    let tm = TagMethod::from_number(c)?;
    if (TagMethod::Add..=TagMethod::Shr).contains(&tm) {
        tm.arith_op()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts() {
        assert_eq!(std::mem::size_of::<Instruction>(), 4);
        assert_eq!(NUM_OPCODES, 83);
        assert_eq!(OpCode::ALL.len(), 83);
        assert_eq!(OpCode::Move as u8, 0);
        assert_eq!(OpCode::AddI as u8, 21);
        assert_eq!(OpCode::MmBin as u8, 46);
        assert_eq!(OpCode::Jmp as u8, 56);
        assert_eq!(OpCode::Call as u8, 68);
        assert_eq!(OpCode::ExtraArg as u8, 82);
        assert_eq!(TagMethod::Add as u8, 6);
        assert_eq!(TagMethod::Shr as u8, 17);
    }

    #[test]
    fn opcode_numbers_match_the_table() {
        for (n, op) in OpCode::ALL.iter().enumerate() {
            assert_eq!(*op as usize, n);
            assert_eq!(OpCode::from_number(n as u8), Some(*op));
            assert_eq!(Instruction(n as u32).opcode(), *op);
        }
        assert_eq!(OpCode::from_number(83), None);
    }

    #[test]
    fn fields_encode_as_in_puc() {
        // ADDI 3 0 1 from `luac -l` of `x = a + 1` (A=3, B=0, sC=1, C=128).
        let i = Op::AddI { a: 3, b: 0, sc: 1 }.encode();
        assert_eq!(i.0, 21 | (3 << 7) | (128 << 24));
        assert_eq!(i.sc(), 1);
        let j = Op::Jmp { sj: -5 }.encode();
        assert_eq!(j.sj(), -5);
        let l = Op::LoadI { a: 1, sbx: -65535 }.encode();
        assert_eq!(l.bx(), 0);
        assert_eq!(l.sbx(), -65535);
    }

    #[test]
    fn decoder_rejects_garbage() {
        assert_eq!(
            Op::decode(Instruction(100)),
            Err(DecodeError::BadOpcode(100))
        );
        // RETURN0 uses no operand: an A field is garbage.
        let mut i = Op::Return0 {}.encode();
        i.set_a(3);
        assert_eq!(Op::decode(i), Err(DecodeError::UnusedBits(OpCode::Return0)));
    }

    #[test]
    fn signed_ranges() {
        assert!(fits_sc(-127) && fits_sc(128) && !fits_sc(129) && !fits_sc(-128));
        assert!(fits_sbx(-65535) && fits_sbx(65536) && !fits_sbx(65537));
        assert!(fits_sj(16777216) && !fits_sj(16777217));
    }
}
