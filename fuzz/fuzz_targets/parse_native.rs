//! Fuzz target `parse_native`: lua-syntax must accept exactly the chunks native Lua's
//! `load` accepts (logic: `luadiff::fuzzing::parse_native`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| luadiff::fuzzing::parse_native(data));
