//! Pass `threading`: a JMP whose target is another JMP goes straight to the final target
//! (lcode.c `finaltarget` in `luaK_finish`).
//!
//! Valid because a JMP is unconditional: reaching it always continues at its target, so
//! jumping to it or to its target is the same. (The JMP after a test is itself a plain
//! JMP; only the test decides whether it is reached.) Chains are followed for at most
//! 100 steps, which also stops on loops of jumps.

use super::Optimizer;
use crate::config::Pass;
use crate::opcodes::{OpCode, fits_sj};
use crate::proto::Proto;

/// The final target of the JMP at `pc`, skipping jumps to jumps.
fn final_target(f: &Proto, pc: usize) -> usize {
    let mut target = jump_target(f, pc);
    for _ in 0..100 {
        match f.code.get(target) {
            Some(i) if i.opcode() == OpCode::Jmp => target = jump_target(f, target),
            _ => break,
        }
    }
    target
}

fn jump_target(f: &Proto, pc: usize) -> usize {
    (pc as i64 + 1 + f.code[pc].sj() as i64) as usize
}

/// Pass `threading` over one function.
pub fn thread_jumps(f: &mut Proto, opt: &mut Optimizer) {
    if !opt.enabled(Pass::Threading) {
        return;
    }
    for pc in 0..f.code.len() {
        if f.code[pc].opcode() != OpCode::Jmp {
            continue;
        }
        let target = final_target(f, pc);
        let offset = target as i64 - (pc as i64 + 1);
        if target != jump_target(f, pc)
            && fits_sj(offset)
            && opt.apply(Pass::Threading, f.lineinfo[pc])
        {
            f.code[pc].set_sj(offset as i32);
        }
    }
}
