//! Fuzz target `raw_source`: the bytes are a Lua program, run on every engine; the
//! engines must agree on whether it is a syntax error, and on its outcome unless the
//! program is poisoned (logic: `luadiff::fuzzing::raw_source`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| luadiff::fuzzing::raw_source(data));
