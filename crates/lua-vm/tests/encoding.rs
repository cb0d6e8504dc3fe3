//! Encoding properties of the instruction set: `decode(encode(op)) == op` for every
//! opcode and every operand value, and the decoder rejects words with stray bits.

use lua_vm::opcodes::{Format, Instruction, Op, OpCode, limits};
use proptest::prelude::*;

/// An instruction word with random values in exactly the slots `op` uses.
fn word(op: OpCode, values: [u32; 5]) -> Instruction {
    let mut i = Instruction(op as u32);
    for (n, &(slot, _)) in op.info().operands.iter().enumerate() {
        let v = values[n];
        match slot {
            "a" => i.set_a(v as u8),
            "b" | "sb" => i.set_b(v as u8),
            "c" | "sc" => i.set_c(v as u8),
            "k" => i.set_k(v & 1 != 0),
            "bx" | "sbx" => i.set_bx(v % (limits::MAXARG_BX + 1)),
            "ax" => i.set_ax(v % (limits::MAXARG_AX + 1)),
            "sj" => i.0 = (i.0 & 0x7f) | ((v % (limits::MAXARG_SJ + 1)) << 7),
            other => panic!("unknown slot {other}"),
        }
    }
    i
}

proptest! {
    #[test]
    fn decode_encode_round_trip(op in 0..lua_vm::opcodes::NUM_OPCODES, values in any::<[u32; 5]>()) {
        let opcode = OpCode::ALL[op];
        let i = word(opcode, values);
        let decoded = Op::decode(i).expect("a word with only used slots decodes");
        prop_assert_eq!(decoded.opcode(), opcode);
        prop_assert_eq!(decoded.encode(), i);
        prop_assert_eq!(Op::decode(decoded.encode()), Ok(decoded));
    }

    #[test]
    fn stray_bits_are_rejected(op in 0..lua_vm::opcodes::NUM_OPCODES, values in any::<[u32; 5]>(), bit in 7u32..32) {
        let opcode = OpCode::ALL[op];
        let i = word(opcode, values);
        let flipped = Instruction(i.0 ^ (1 << bit));
        // Flipping a bit either changes a used operand (still decodes, to a different
        // instruction) or sets an unused one (rejected).
        if let Ok(other) = Op::decode(flipped) {
            prop_assert_ne!(Some(other), Op::decode(i).ok());
        }
    }
}

#[test]
fn formats_have_their_slots() {
    for &op in OpCode::ALL {
        let info = op.info();
        for &(slot, _) in info.operands {
            let ok = match info.format {
                Format::ABC => matches!(slot, "a" | "b" | "c" | "k" | "sb" | "sc"),
                Format::ABx | Format::AsBx => matches!(slot, "a" | "bx" | "sbx"),
                Format::Ax => slot == "ax",
                Format::SJ => slot == "sj",
            };
            assert!(ok, "{op}: slot {slot} is not in format {:?}", info.format);
        }
    }
}
