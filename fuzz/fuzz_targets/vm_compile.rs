//! Fuzz target `vm_compile`: the bytes drive lua-gen; the program compiles at -O0, -O1,
//! -O2 and at -O2 with passes and optimization fuel drawn from the bytes, and lua-vm's
//! verifier accepts every result (logic: `luadiff::fuzzing::vm_compile`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| luadiff::fuzzing::vm_compile(data));
