//! Peephole rewrites over a finished function, and the return fix-ups every function needs.
//!
//! - Pass `ret-special`: a RETURN of no value (B = 1) or one value (B = 2) becomes RETURN0
//!   or RETURN1, which the interpreter runs without the general return's bookkeeping.
//!   Valid only when that bookkeeping is not needed: the function has nothing to close
//!   (no captured locals, no to-be-closed variables: `needclose`) and is not vararg
//!   (a vararg function's frame must be corrected on return). lcode.c `luaK_finish`.
//! - [`finalize_returns`] (not an optimization): RETURN and TAILCALL get `k` when the
//!   function must close upvalues or to-be-closed variables, and C = numparams + 1 when
//!   it is vararg, as the interpreter expects.

use super::Optimizer;
use crate::config::Pass;
use crate::opcodes::{Op, OpCode};
use crate::proto::Proto;

/// Pass `ret-special`.
pub fn special_returns(f: &mut Proto, needclose: bool, opt: &mut Optimizer) {
    if needclose || f.is_vararg || !opt.enabled(Pass::RetSpecial) {
        return;
    }
    for pc in 0..f.code.len() {
        let i = f.code[pc];
        if i.opcode() != OpCode::Return {
            continue;
        }
        let replacement = match i.b() {
            1 => Op::Return0 {},
            2 => Op::Return1 { a: i.a() },
            _ => continue,
        };
        if opt.apply(Pass::RetSpecial, f.lineinfo[pc]) {
            f.code[pc] = replacement.encode();
        }
    }
}

/// Sets `k` and C of RETURN and TAILCALL.
pub fn finalize_returns(f: &mut Proto, needclose: bool) {
    let vararg_c = if f.is_vararg { f.numparams + 1 } else { 0 };
    for i in f.code.iter_mut() {
        if matches!(i.opcode(), OpCode::Return | OpCode::TailCall) {
            if needclose {
                i.set_k(true);
            }
            if f.is_vararg {
                i.set_c(vararg_c);
            }
        }
    }
}
