//! Fuzz target `differential`: the bytes drive lua-gen; the program runs on native, ref,
//! vm and vm-O0; any divergence or crash panics with the program's source in the
//! message (logic: `luadiff::fuzzing::differential`). `luadiff gen --from-bytes INPUT`
//! prints the program of a crash input.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| luadiff::fuzzing::differential(data));
