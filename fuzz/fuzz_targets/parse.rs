//! Fuzz target `parse`: any bytes go through `lua_syntax::parse`, which must never panic;
//! when they parse, the printed tree must parse back to the same tree (lines aside) and
//! print identically.
//!
//! Run: `cargo +nightly fuzz run parse -- -dict=fuzz/lua.dict`. Crashes it finds belong in
//! crates/lua-syntax/tests/data/fuzz_regressions/ (see tests/fuzz_regressions.rs there).

#![no_main]

use libfuzzer_sys::fuzz_target;
use lua_syntax::visit::clear_lines;
use lua_syntax::{parse, print};

fuzz_target!(|data: &[u8]| {
    let Ok(mut chunk) = parse(data, "=fuzz") else {
        return;
    };
    let printed = print(&chunk);
    let mut again = match parse(printed.as_bytes(), "=printed") {
        Ok(again) => again,
        Err(e) => panic!("printed program does not parse: {}\n{printed}", e.message),
    };
    assert_eq!(print(&again), printed, "printing is not idempotent");
    clear_lines(&mut chunk);
    clear_lines(&mut again);
    assert!(chunk == again, "printing changed the tree:\n{printed}");
});
