//! Pass `dead-code`: removes instructions that no path from the function's entry reaches
//! (code after `return`, `break` or `goto`, the body of `while false`, jumps that
//! threading bypassed...).
//!
//! Reachability follows every way control can move: falling through, the skip over the
//! JMP after a test, the skip over the MM instruction after an arithmetic instruction,
//! LFALSESKIP's skip, jumps, and the loop instructions' jumps. An unreachable instruction
//! is never executed, so removing it changes nothing but the code's layout; jump
//! offsets, loop offsets, line information and local variable ranges are remapped.
//! The last instruction (the function's final return) is always kept, so that the code
//! never ends with an instruction that can fall off its end. Each maximal run of
//! removed instructions counts as one application.

use super::Optimizer;
use crate::config::Pass;
use crate::opcodes::OpCode;
use crate::proto::Proto;

/// Up to three positions control can go to after an instruction.
struct Successors {
    pcs: [usize; 3],
    len: usize,
}

impl Successors {
    fn push(&mut self, pc: usize) {
        self.pcs[self.len] = pc;
        self.len += 1;
    }
}

/// The positions control can go to after executing the instruction at `pc`.
fn successors(f: &Proto, pc: usize, out: &mut Successors) {
    let i = f.code[pc];
    let next = pc + 1;
    let op = i.opcode();
    let jump = |offset: i64| (pc as i64 + 1 + offset) as usize;
    match op {
        OpCode::Jmp => out.push(jump(i.sj() as i64)),
        OpCode::Return | OpCode::Return0 | OpCode::Return1 => {}
        // LFALSESKIP skips the next instruction whatever it is, so that instruction
        // must stay even when nothing else reaches it.
        OpCode::LFalseSkip => {
            out.push(next);
            out.push(pc + 2);
        }
        // FORPREP skips past its FORLOOP; the FORLOOP stays with its FORPREP even when
        // the body never reaches it (the offsets pair them).
        OpCode::ForPrep => {
            out.push(next);
            out.push(jump(i.bx() as i64));
            out.push(jump(i.bx() as i64 + 1));
        }
        OpCode::TForPrep => out.push(jump(i.bx() as i64)),
        OpCode::ForLoop | OpCode::TForLoop => {
            out.push(next);
            out.push(jump(-(i.bx() as i64)));
        }
        _ if op.is_test() || op.is_arith() => {
            out.push(next);
            out.push(pc + 2);
        }
        _ => out.push(next),
    }
}

/// Pass `dead-code` over one function.
pub fn remove_dead_code(f: &mut Proto, opt: &mut Optimizer) {
    let n = f.code.len();
    if n == 0 || !opt.enabled(Pass::DeadCode) {
        return;
    }
    // The work buffers are kept by the optimizer from one function to the next.
    let mut reachable = std::mem::take(&mut opt.scratch_flags);
    let mut stack = std::mem::take(&mut opt.scratch_stack);
    reachable.clear();
    reachable.resize(n, false);
    stack.clear();
    stack.push(0);
    while let Some(pc) = stack.pop() {
        if pc >= n || reachable[pc] {
            continue;
        }
        reachable[pc] = true;
        let mut succ = Successors {
            pcs: [0; 3],
            len: 0,
        };
        successors(f, pc, &mut succ);
        stack.extend_from_slice(&succ.pcs[..succ.len]);
    }
    reachable[n - 1] = true;
    if reachable.iter().all(|&r| r) {
        opt.scratch_flags = reachable;
        opt.scratch_stack = stack;
        return;
    }
    // Decide run by run, so that the fuel can stop in the middle.
    let mut keep = vec![true; n];
    let mut pc = 0;
    let mut removed_any = false;
    while pc < n {
        if reachable[pc] {
            pc += 1;
            continue;
        }
        let start = pc;
        while pc < n && !reachable[pc] {
            pc += 1;
        }
        if opt.apply(Pass::DeadCode, f.lineinfo[start]) {
            keep[start..pc].iter_mut().for_each(|k| *k = false);
            removed_any = true;
        }
    }
    if removed_any {
        compact(f, &keep);
    }
    opt.scratch_flags = reachable;
    opt.scratch_stack = stack;
}

/// Removes the instructions not kept and remaps everything that refers to positions.
fn compact(f: &mut Proto, keep: &[bool]) {
    let n = keep.len();
    // new_index[pc] = position of pc (or of the next kept instruction) after removal.
    let mut new_index = Vec::with_capacity(n + 1);
    let mut count = 0u32;
    for &k in keep {
        new_index.push(count);
        count += k as u32;
    }
    new_index.push(count);
    let map = |pc: i64| new_index[pc as usize] as i64;
    for (pc, _) in keep.iter().enumerate().filter(|(_, k)| **k) {
        let i = f.code[pc];
        let here = map(pc as i64);
        match i.opcode() {
            OpCode::Jmp => {
                let target = pc as i64 + 1 + i.sj() as i64;
                f.code[pc].set_sj((map(target) - (here + 1)) as i32);
            }
            OpCode::ForPrep | OpCode::TForPrep => {
                let target = pc as i64 + 1 + i.bx() as i64;
                f.code[pc].set_bx((map(target) - (here + 1)) as u32);
            }
            OpCode::ForLoop | OpCode::TForLoop => {
                let target = pc as i64 + 1 - i.bx() as i64;
                f.code[pc].set_bx((here + 1 - map(target)) as u32);
            }
            _ => {}
        }
    }
    let mut w = 0;
    for (pc, _) in keep.iter().enumerate().filter(|(_, k)| **k) {
        {
            f.code[w] = f.code[pc];
            f.lineinfo[w] = f.lineinfo[pc];
            w += 1;
        }
    }
    f.code.truncate(w);
    f.lineinfo.truncate(w);
    for var in f.locvars.iter_mut() {
        var.startpc = new_index[var.startpc as usize];
        var.endpc = new_index[var.endpc as usize];
    }
}
