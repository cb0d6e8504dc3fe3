//! The verifier stands between the compiler and an interpreter that trusts verified code
//! (unchecked register, constant and code accesses), so it must give an answer for any
//! prototype: arbitrary instruction words never make it panic.

use lua_vm::Proto;
use lua_vm::opcodes::{Format, Instruction, NUM_OPCODES, OpCode};
use lua_vm::proto::{Constant, UpvalDesc, VarKind};
use proptest::prelude::*;
use std::rc::Rc;

fn proto(code: Vec<u32>, maxstack: u8, vararg: bool, nk: usize) -> Proto {
    Proto {
        source: Rc::from("=fuzz"),
        is_vararg: vararg,
        maxstacksize: maxstack,
        lineinfo: vec![1; code.len()],
        code: code.into_iter().map(Instruction).collect(),
        constants: (0..nk)
            .map(|i| match i % 3 {
                0 => Constant::String(b"k".as_slice().into()),
                1 => Constant::Integer(i as i64),
                _ => Constant::Float(0.5),
            })
            .collect(),
        upvalues: vec![UpvalDesc {
            name: "_ENV".into(),
            in_stack: true,
            index: 0,
            kind: VarKind::Regular,
        }],
        ..Proto::default()
    }
}

/// An instruction with small operands in its format's fields, so that sequences get
/// past the range checks to the structural ones (pairs, loops, jumps).
fn small_instruction(op: u32, a: u8, b: u8, c: u8, k: bool, off: i32) -> u32 {
    let opcode = OpCode::ALL[op as usize];
    let mut i = Instruction(op);
    match opcode.format() {
        Format::ABC => i = Instruction::new_abck(opcode, a, b, c, k),
        Format::ABx => i = Instruction::new_abx(opcode, a, off.unsigned_abs() % 8),
        Format::AsBx => {
            i.set_a(a);
            i.set_sbx(off);
        }
        Format::Ax => i.set_ax(off.unsigned_abs()),
        Format::SJ => i.set_sj(off),
    }
    i.0
}

/// Opcodes, half of the time one of those with pairs, loops or jumps.
fn opcode_number() -> impl Strategy<Value = u32> {
    use OpCode::*;
    let structural = [
        Jmp, ForPrep, ForLoop, TForPrep, TForCall, TForLoop, LFalseSkip, LoadTrue, Test, TestSet,
        Eq, Call, TailCall, Return, Return0, VarArg, SetList, NewTable, ExtraArg, LoadKX, MmBin,
        MmBinI, Add, AddI, Concat,
    ];
    prop_oneof![
        0..NUM_OPCODES as u32,
        prop::sample::select(structural.map(|op| op as u32).to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn structured_sequences_never_panic(
        parts in prop::collection::vec(
            (opcode_number(), 0u8..3, 0u8..3, 0u8..3, any::<bool>(), -4i32..4),
            1..16,
        ),
        vararg in any::<bool>(),
        nk in 0usize..6,
    ) {
        let mut code: Vec<u32> = parts
            .iter()
            .map(|&(op, a, b, c, k, off)| small_instruction(op, a, b, c, k, off))
            .collect();
        let _ = lua_vm::verify(&proto(code.clone(), 8, vararg, nk));
        // With a final return, more sequences get to the end of the checks.
        code.push(small_instruction(OpCode::Return as u32, 0, 1, 0, false, 0));
        let _ = lua_vm::verify(&proto(code, 8, vararg, nk));
    }

    #[test]
    fn verify_never_panics(
        words in prop::collection::vec(any::<u32>(), 0..24),
        ops in prop::collection::vec(0..NUM_OPCODES as u32, 0..24),
        maxstack in any::<u8>(),
        vararg in any::<bool>(),
        nk in 0usize..6,
    ) {
        // Mostly valid opcode numbers, random operands.
        let code: Vec<u32> = words
            .iter()
            .zip(ops.iter().chain(std::iter::repeat(&0)))
            .map(|(w, op)| (w & !0x7f) | op)
            .collect();
        // Small operands get past the range checks to the deeper ones (pairs, loops).
        let small: Vec<u32> = code.iter().map(|w| w & 0x0303_03ff).collect();
        let _ = lua_vm::verify(&proto(small, maxstack | 8, vararg, nk));
        let _ = lua_vm::verify(&proto(code, maxstack, vararg, nk));
        let _ = lua_vm::verify(&proto(words, maxstack, vararg, nk));
    }
}

#[test]
fn loop_offsets_pointing_outside_the_code() {
    use lua_vm::opcodes::Op;
    let ret = Op::Return {
        a: 0,
        b: 1,
        c: 0,
        k: false,
    };
    let cases = [
        vec![
            Op::ForPrep { a: 0, bx: 0 },
            Op::ForLoop { a: 0, bx: 5 },
            ret,
        ],
        vec![Op::ForLoop { a: 0, bx: 9 }, ret],
        vec![Op::TForLoop { a: 0, bx: 9 }, ret],
        vec![Op::ForPrep { a: 0, bx: 100_000 }, ret],
        vec![Op::TForPrep { a: 0, bx: 100_000 }, ret],
        vec![Op::Jmp { sj: -5 }, ret],
        vec![Op::LFalseSkip { a: 0 }, ret],
    ];
    for code in cases {
        let words = code.iter().map(|op| op.encode().0).collect();
        assert!(
            lua_vm::verify(&proto(words, 8, false, 0)).is_err(),
            "{code:?}"
        );
    }
}
