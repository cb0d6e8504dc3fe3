//! The bytecode verifier: checks that a [`Proto`] (and every function nested in it) is
//! code the interpreter can run without checks of its own.
//!
//! It checks operand ranges (registers below `maxstacksize`, constants, upvalues and
//! nested functions in range, constant types where the opcode requires them), the
//! instruction pairs (every arithmetic instruction followed by its MM instruction with
//! the same operands and event, every test followed by a JMP, EXTRAARG where required,
//! loop instructions paired), jump targets (inside the code, never onto an MM or an
//! EXTRAARG), the `top` protocol between multi-result producers and consumers, the vararg
//! prologue, the upvalue descriptors of nested functions, the debug information, and that
//! the last instruction is a return. The compiler runs it on every function in debug
//! builds; tests and fuzzing run it on everything they compile.

use crate::opcodes::{Instruction, Op, OpCode, OperandKind, TagMethod, limits, mm_event_op};
use crate::proto::{Constant, Proto};
use std::fmt;

/// Why a function was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// Which function: `main` or `function <source:line,lastline>`.
    pub function: String,
    /// The instruction (0-based), if the problem is in the code.
    pub pc: Option<usize>,
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pc {
            Some(pc) => write!(
                f,
                "{}, instruction {}: {}",
                self.function,
                pc + 1,
                self.message
            ),
            None => write!(f, "{}: {}", self.function, self.message),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Verifies a function and all the functions nested in it.
pub fn verify(p: &Proto) -> Result<(), VerifyError> {
    Verifier { p }.run()?;
    for child in &p.protos {
        verify(child)?;
        for (i, up) in child.upvalues.iter().enumerate() {
            let ok = if up.in_stack {
                (up.index as usize) < p.maxstacksize as usize
            } else {
                (up.index as usize) < p.upvalues.len()
            };
            if !ok {
                return Err(VerifyError {
                    function: function_name(child),
                    pc: None,
                    message: format!(
                        "upvalue {i} ('{}') captures {} {} which the enclosing function does not have",
                        up.name,
                        if up.in_stack { "register" } else { "upvalue" },
                        up.index
                    ),
                });
            }
        }
    }
    Ok(())
}

fn function_name(p: &Proto) -> String {
    if p.linedefined == 0 {
        "main".to_string()
    } else {
        format!(
            "function <{}:{},{}>",
            lua_syntax::chunkid(&p.source),
            p.linedefined,
            p.lastlinedefined
        )
    }
}

struct Verifier<'p> {
    p: &'p Proto,
}

type Check = Result<(), String>;

fn ensure(cond: bool, msg: impl FnOnce() -> String) -> Check {
    if cond { Ok(()) } else { Err(msg()) }
}

/// Whether the instruction sets `top` for the next one (lopcodes.h `isOT`).
fn is_out_top(i: Instruction) -> bool {
    (i.opcode().sets_top() && i.c() == 0) || i.opcode() == OpCode::TailCall
}

/// Whether the instruction uses `top` set by the previous one (lopcodes.h `isIT`).
fn is_in_top(i: Instruction) -> bool {
    i.opcode().uses_top() && i.b() == 0
}

impl Verifier<'_> {
    fn error(&self, pc: Option<usize>, message: String) -> VerifyError {
        VerifyError {
            function: function_name(self.p),
            pc,
            message,
        }
    }

    fn run(&self) -> Result<(), VerifyError> {
        let p = self.p;
        let n = p.code.len();
        if n == 0 {
            return Err(self.error(None, "empty code".into()));
        }
        if p.lineinfo.len() != n {
            return Err(self.error(
                None,
                format!("{} lines for {} instructions", p.lineinfo.len(), n),
            ));
        }
        if p.maxstacksize < 2 || p.maxstacksize as u32 >= limits::MAX_REGS {
            return Err(self.error(
                None,
                format!("maxstacksize {} out of range", p.maxstacksize),
            ));
        }
        if p.numparams > p.maxstacksize {
            return Err(self.error(None, "more parameters than registers".into()));
        }
        if p.is_vararg && Op::decode(p.code[0]) != Ok(Op::VarArgPrep { a: p.numparams }) {
            return Err(self.error(
                Some(0),
                "a vararg function must start with VARARGPREP of its parameter count".into(),
            ));
        }
        for var in &p.locvars {
            if var.startpc > var.endpc || var.endpc as usize > n {
                return Err(self.error(
                    None,
                    format!(
                        "local '{}' has an invalid range {}..{}",
                        var.name, var.startpc, var.endpc
                    ),
                ));
            }
        }
        for pc in 0..n {
            self.instruction(pc).map_err(|m| self.error(Some(pc), m))?;
        }
        let last = p.code[n - 1].opcode();
        if !matches!(last, OpCode::Return | OpCode::Return0 | OpCode::Return1) {
            return Err(self.error(
                Some(n - 1),
                format!("the last instruction is {last}, not a return"),
            ));
        }
        Ok(())
    }

    fn reg(&self, r: u32, what: &str) -> Check {
        ensure(r < self.p.maxstacksize as u32, || {
            format!(
                "{what} register {r} is not below maxstacksize {}",
                self.p.maxstacksize
            )
        })
    }

    fn constant(&self, k: u32) -> Result<&Constant, String> {
        self.p.constants.get(k as usize).ok_or_else(|| {
            format!(
                "constant {k} out of range ({} constants)",
                self.p.constants.len()
            )
        })
    }

    fn code_at(&self, pc: usize) -> Option<Instruction> {
        self.p.code.get(pc).copied()
    }

    /// Checks a jump target: inside the code, not on an instruction that is only
    /// reached from the one before it.
    fn target(&self, target: i64) -> Check {
        ensure((0..self.p.code.len() as i64).contains(&target), || {
            format!("jump target {} outside the code", target + 1)
        })?;
        let op = self.p.code[target as usize].opcode();
        ensure(!op.is_mm() && op != OpCode::ExtraArg, || {
            format!(
                "jump into the middle of an instruction pair ({op} at {})",
                target + 1
            )
        })
    }

    fn instruction(&self, pc: usize) -> Check {
        let p = self.p;
        let i = p.code[pc];
        let op = Op::decode(i).map_err(|e| e.to_string())?;
        let opcode = i.opcode();
        let info = opcode.info();
        let next = self.code_at(pc + 1);
        // Operands by kind.
        for &(slot, kind) in info.operands {
            let value = match slot {
                "a" => i.a() as u32,
                "b" => i.b() as u32,
                "c" => i.c() as u32,
                "bx" => i.bx(),
                "ax" => i.ax(),
                _ => continue,
            };
            match kind {
                // A RETURN of no value may start at the top of the stack.
                OperandKind::Reg if opcode == OpCode::Return && slot == "a" => {
                    ensure(value <= p.maxstacksize as u32, || {
                        format!("RETURN base {value} above maxstacksize {}", p.maxstacksize)
                    })?
                }
                OperandKind::Reg => self.reg(value, slot)?,
                OperandKind::Upval => ensure((value as usize) < p.upvalues.len(), || {
                    format!(
                        "upvalue {value} out of range ({} upvalues)",
                        p.upvalues.len()
                    )
                })?,
                OperandKind::Const => {
                    self.constant(value)?;
                }
                OperandKind::ConstStr => {
                    let k = self.constant(value)?;
                    ensure(k.is_short_string(), || {
                        format!("constant {value} is not a short string")
                    })?;
                }
                OperandKind::ConstNum => {
                    let k = self.constant(value)?;
                    ensure(k.is_number(), || {
                        format!("constant {value} is not a number")
                    })?;
                }
                OperandKind::ConstInt => {
                    let k = self.constant(value)?;
                    ensure(matches!(k, Constant::Integer(_)), || {
                        format!("constant {value} is not an integer")
                    })?;
                }
                OperandKind::RegOrConst => {
                    if i.k() {
                        self.constant(value)?;
                    } else {
                        self.reg(value, slot)?;
                    }
                }
                OperandKind::Proto => ensure((value as usize) < p.protos.len(), || {
                    format!(
                        "function {value} out of range ({} functions)",
                        p.protos.len()
                    )
                })?,
                OperandKind::Event => ensure(mm_event_op(value as u8).is_some(), || {
                    format!("{value} is not an arithmetic event")
                })?,
                OperandKind::IsFloat => ensure(value <= 1, || format!("float flag {value}"))?,
                _ => {}
            }
        }
        // The `top` protocol (lcode.c `luaK_finish` asserts it).
        if pc > 0 {
            let prev = p.code[pc - 1];
            ensure(is_out_top(prev) == is_in_top(i), || {
                if is_in_top(i) {
                    format!("{opcode} uses 'top' but {} does not set it", prev.opcode())
                } else {
                    format!("{} sets 'top' but {opcode} does not use it", prev.opcode())
                }
            })?;
        }
        // Instruction pairs.
        if opcode.is_test() {
            ensure(next.is_some_and(|n| n.opcode() == OpCode::Jmp), || {
                format!("{opcode} is not followed by a JMP")
            })?;
        }
        if opcode.is_arith() {
            self.arith_pair(i, next)?;
        }
        if opcode.is_mm() {
            ensure(pc > 0 && p.code[pc - 1].opcode().is_arith(), || {
                format!("{opcode} does not follow an arithmetic instruction")
            })?;
        }
        match op {
            Op::LoadKX { .. } | Op::NewTable { .. } => {
                ensure(next.is_some_and(|n| n.opcode() == OpCode::ExtraArg), || {
                    format!("{opcode} is not followed by EXTRAARG")
                })?;
                if let Op::NewTable { b, .. } = op {
                    // B is log2 of the hash size plus one; the compiler never needs more.
                    ensure(b <= 32, || {
                        format!("NEWTABLE hash size 2^{} too large", b - 1)
                    })?;
                }
                if opcode == OpCode::LoadKX {
                    self.constant(next.expect("checked").ax())?;
                }
            }
            Op::SetList { a, b, k, .. } => {
                if b > 0 {
                    self.reg(a as u32 + b as u32, "last SETLIST")?;
                }
                if k {
                    ensure(next.is_some_and(|n| n.opcode() == OpCode::ExtraArg), || {
                        "SETLIST with k is not followed by EXTRAARG".into()
                    })?;
                }
            }
            Op::ExtraArg { .. } => {
                let prev = pc.checked_sub(1).map(|q| p.code[q]);
                ensure(
                    prev.is_some_and(|q| {
                        matches!(q.opcode(), OpCode::LoadKX | OpCode::NewTable)
                            || (q.opcode() == OpCode::SetList && q.k())
                    }),
                    || "EXTRAARG without an instruction that takes it".into(),
                )?;
            }
            Op::LFalseSkip { .. } => {
                // It skips the next instruction: the one after must exist.
                ensure(pc + 2 < p.code.len(), || {
                    "LFALSESKIP skips past the end of the code".into()
                })?;
            }
            Op::LoadNil { a, b } => self.reg(a as u32 + b as u32, "last LOADNIL")?,
            Op::Self_ { a, c, k, .. } => {
                self.reg(a as u32 + 1, "SELF's second")?;
                if k {
                    ensure(
                        matches!(self.constant(c as u32)?, Constant::String(_)),
                        || format!("SELF key constant {c} is not a string"),
                    )?;
                }
            }
            Op::Concat { a, b } => {
                ensure(b >= 2, || format!("CONCAT of {b} values"))?;
                self.reg(a as u32 + b as u32 - 1, "last CONCAT")?;
            }
            Op::Call { a, b, c } => {
                if b > 0 {
                    self.reg(a as u32 + b as u32 - 1, "last argument")?;
                }
                if c > 1 {
                    self.reg(a as u32 + c as u32 - 2, "last result")?;
                }
            }
            Op::TailCall { a, b, c, .. } => {
                if b > 0 {
                    self.reg(a as u32 + b as u32 - 1, "last argument")?;
                }
                ensure(next.is_some_and(|n| n.opcode() == OpCode::Return), || {
                    "TAILCALL is not followed by RETURN".into()
                })?;
                // C is not a result count: as in RETURN, it marks a vararg function.
                let want_c = if p.is_vararg { p.numparams + 1 } else { 0 };
                ensure(c == want_c, || {
                    format!("TAILCALL's C is {c}, expected {want_c}")
                })?;
            }
            Op::Return { a, b, c, .. } => {
                if b > 1 {
                    self.reg(a as u32 + b as u32 - 2, "last returned")?;
                }
                let want_c = if p.is_vararg { p.numparams + 1 } else { 0 };
                ensure(c == want_c, || {
                    format!("RETURN's C is {c}, expected {want_c}")
                })?;
            }
            Op::Return0 {} | Op::Return1 { .. } => {
                ensure(!p.is_vararg, || format!("{opcode} in a vararg function"))?;
            }
            Op::VarArg { a, c } => {
                ensure(p.is_vararg, || {
                    "VARARG in a function that is not vararg".into()
                })?;
                if c > 1 {
                    self.reg(a as u32 + c as u32 - 2, "last VARARG")?;
                }
            }
            Op::VarArgPrep { .. } => {
                ensure(pc == 0 && p.is_vararg, || {
                    "VARARGPREP not at the start of a vararg function".into()
                })?;
            }
            Op::Jmp { sj } => self.target(pc as i64 + 1 + sj as i64)?,
            Op::ForPrep { a, bx } => {
                self.reg(a as u32 + 3, "FORPREP's last")?;
                let target = pc + 1 + bx as usize;
                let Some(lp) = self.code_at(target) else {
                    return Err("FORPREP jumps outside the code".into());
                };
                ensure(
                    lp.opcode() == OpCode::ForLoop
                        && lp.a() == a
                        && (target + 1).checked_sub(lp.bx() as usize) == Some(pc + 1),
                    || "FORPREP is not paired with its FORLOOP".into(),
                )?;
            }
            Op::ForLoop { a, bx } => {
                let back = (pc as i64 + 1) - bx as i64;
                ensure(
                    back >= 1
                        && self
                            .code_at(back as usize - 1)
                            .is_some_and(|q| q.opcode() == OpCode::ForPrep && q.a() == a),
                    || "FORLOOP does not jump back after its FORPREP".into(),
                )?;
            }
            Op::TForPrep { a, bx } => {
                let target = pc + 1 + bx as usize;
                ensure(
                    self.code_at(target)
                        .is_some_and(|q| q.opcode() == OpCode::TForCall && q.a() == a),
                    || "TFORPREP does not jump to its TFORCALL".into(),
                )?;
            }
            Op::TForCall { a, c } => {
                self.reg(a as u32 + 3 + c as u32, "TFORCALL's last")?;
                // The call is set up in R[A+4..A+6] (lparser.c `forlist` reserves it).
                self.reg(a as u32 + 6, "TFORCALL's call")?;
                ensure(
                    next.is_some_and(|q| q.opcode() == OpCode::TForLoop && q.a() == a),
                    || "TFORCALL is not followed by its TFORLOOP".into(),
                )?;
            }
            Op::TForLoop { a, bx } => {
                self.reg(a as u32 + 3, "TFORLOOP's")?;
                let back = (pc as i64 + 1) - bx as i64;
                ensure(
                    back >= 1
                        && self
                            .code_at(back as usize - 1)
                            .is_some_and(|q| q.opcode() == OpCode::TForPrep && q.a() == a),
                    || "TFORLOOP does not jump back after its TFORPREP".into(),
                )?;
            }
            Op::Closure { bx, .. } => {
                let child = &p.protos[bx as usize];
                ensure(child.source == p.source, || {
                    "nested function from another chunk".into()
                })?;
            }
            _ => {}
        }
        Ok(())
    }

    /// An arithmetic instruction and the MM instruction after it must agree: same first
    /// operand, same second operand (up to the sign for ADDI coding `x - I` and SHRI
    /// coding `x << I`), the event of the operator, and a swap flag only where the
    /// compiler may swap (commutative operators and SHLI).
    fn arith_pair(&self, i: Instruction, next: Option<Instruction>) -> Check {
        let opcode = i.opcode();
        let Some(mm) = next else {
            return Err(format!("{opcode} at the end of the code"));
        };
        let event = TagMethod::from_number(mm.c());
        let fail = || {
            format!(
                "{opcode} is not followed by its MM instruction with the same operands (found {:?})",
                mm
            )
        };
        match opcode {
            OpCode::AddI | OpCode::ShrI | OpCode::ShlI => {
                ensure(mm.opcode() == OpCode::MmBinI && mm.a() == i.b(), fail)?;
                let ok = match (opcode, event) {
                    (OpCode::AddI, Some(TagMethod::Add)) => mm.sb() == i.sc(),
                    (OpCode::AddI, Some(TagMethod::Sub)) => mm.sb() == -i.sc() && !mm.k(),
                    (OpCode::ShrI, Some(TagMethod::Shr)) => mm.sb() == i.sc() && !mm.k(),
                    (OpCode::ShrI, Some(TagMethod::Shl)) => mm.sb() == -i.sc() && !mm.k(),
                    (OpCode::ShlI, Some(TagMethod::Shl)) => mm.sb() == i.sc() && mm.k(),
                    _ => false,
                };
                ensure(ok, fail)
            }
            _ => {
                let aop = opcode.arith_op().expect("arithmetic opcode");
                let is_k = (OpCode::AddK..=OpCode::BXorK).contains(&opcode);
                let want_mm = if is_k { OpCode::MmBinK } else { OpCode::MmBin };
                let commutative = matches!(
                    aop,
                    lua_prims::ArithOp::Add
                        | lua_prims::ArithOp::Mul
                        | lua_prims::ArithOp::BAnd
                        | lua_prims::ArithOp::BOr
                        | lua_prims::ArithOp::BXor
                );
                ensure(
                    mm.opcode() == want_mm
                        && mm.a() == i.b()
                        && mm.b() == i.c()
                        && event == Some(TagMethod::for_arith(aop))
                        && (!mm.k() || (is_k && commutative)),
                    fail,
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::UpvalDesc;
    use std::rc::Rc;

    /// A main-like function with the given code (vararg, one upvalue, a few registers).
    fn proto(code: &[Op]) -> Proto {
        Proto {
            source: Rc::from("=test"),
            is_vararg: true,
            maxstacksize: 4,
            code: code.iter().map(Op::encode).collect(),
            lineinfo: vec![1; code.len()],
            constants: vec![
                Constant::String(b"x".as_slice().into()),
                Constant::Integer(1),
            ],
            upvalues: vec![UpvalDesc {
                name: "_ENV".into(),
                in_stack: true,
                index: 0,
                kind: crate::proto::VarKind::Regular,
            }],
            ..Proto::default()
        }
    }

    fn ret() -> Op {
        Op::Return {
            a: 0,
            b: 1,
            c: 1,
            k: false,
        }
    }

    #[test]
    fn accepts_a_well_formed_function() {
        let p = proto(&[
            Op::VarArgPrep { a: 0 },
            Op::AddI { a: 1, b: 0, sc: 1 },
            Op::MmBinI {
                a: 0,
                sb: 1,
                c: TagMethod::Add as u8,
                k: false,
            },
            Op::LtI {
                a: 1,
                sb: 10,
                c: 0,
                k: false,
            },
            Op::Jmp { sj: 0 },
            ret(),
        ]);
        assert_eq!(verify(&p), Ok(()));
    }

    #[test]
    fn rejects_addi_without_mmbini() {
        let p = proto(&[
            Op::VarArgPrep { a: 0 },
            Op::AddI { a: 1, b: 0, sc: 1 },
            ret(),
        ]);
        let err = verify(&p).unwrap_err();
        assert_eq!(err.pc, Some(1));
        assert!(
            err.message
                .contains("ADDI is not followed by its MM instruction"),
            "{err}"
        );
    }

    #[test]
    fn rejects_mmbini_with_other_operands() {
        // `x - 5` must keep 5 and __sub in its MMBINI.
        let p = proto(&[
            Op::VarArgPrep { a: 0 },
            Op::AddI { a: 1, b: 0, sc: -5 },
            Op::MmBinI {
                a: 0,
                sb: -5,
                c: TagMethod::Sub as u8,
                k: false,
            },
            ret(),
        ]);
        assert!(verify(&p).is_err());
    }

    #[test]
    fn rejects_a_test_without_its_jump() {
        let p = proto(&[
            Op::VarArgPrep { a: 0 },
            Op::Test { a: 0, k: false },
            Op::LoadTrue { a: 1 },
            ret(),
        ]);
        let err = verify(&p).unwrap_err();
        assert_eq!(err.pc, Some(1));
        assert!(
            err.message.contains("TEST is not followed by a JMP"),
            "{err}"
        );
    }

    #[test]
    fn rejects_lfalseskip_over_the_last_instruction() {
        let p = proto(&[Op::VarArgPrep { a: 0 }, Op::LFalseSkip { a: 0 }, ret()]);
        let err = verify(&p).unwrap_err();
        assert!(err.message.contains("past the end"), "{err}");
    }

    #[test]
    fn rejects_bad_operands_and_shapes() {
        let cases: Vec<(Vec<Op>, &str)> = vec![
            (
                vec![Op::VarArgPrep { a: 0 }, Op::Move { a: 9, b: 0 }, ret()],
                "register 9",
            ),
            (
                vec![Op::VarArgPrep { a: 0 }, Op::LoadK { a: 0, bx: 7 }, ret()],
                "constant 7",
            ),
            (
                vec![
                    Op::VarArgPrep { a: 0 },
                    Op::GetField { a: 0, b: 0, c: 1 },
                    ret(),
                ],
                "not a short string",
            ),
            (
                vec![Op::VarArgPrep { a: 0 }, Op::Jmp { sj: 5 }, ret()],
                "outside the code",
            ),
            (
                vec![Op::VarArgPrep { a: 0 }, Op::LoadNil { a: 0, b: 0 }],
                "not a return",
            ),
            (
                vec![
                    Op::VarArgPrep { a: 0 },
                    Op::NewTable {
                        a: 0,
                        b: 0,
                        c: 0,
                        k: false,
                    },
                    ret(),
                ],
                "EXTRAARG",
            ),
            (
                vec![
                    Op::VarArgPrep { a: 0 },
                    Op::Return {
                        a: 0,
                        b: 0,
                        c: 1,
                        k: false,
                    },
                ],
                "uses 'top'",
            ),
        ];
        for (code, want) in cases {
            let err = verify(&proto(&code)).unwrap_err();
            assert!(
                err.to_string().contains(want),
                "{err} should mention {want}"
            );
        }
    }
}
