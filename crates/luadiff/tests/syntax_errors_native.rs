//! The syntax-error table of lua-syntax (crates/lua-syntax/tests/data/syntax_errors.txt)
//! checked live against native Lua: every malformed program must give, in native Lua's
//! `load`, exactly the message the table expects. lua-syntax's own test checks the parser
//! against the same table, so together they pin the parser to native Lua, and a table
//! entry copied wrongly (or a native Lua upgrade that changes a message) fails here.

#[path = "../../lua-syntax/tests/common/mod.rs"]
mod common;

use common::{escape, syntax_error_cases};

#[test]
fn every_expected_message_is_native_luas() {
    let data = include_str!("../../lua-syntax/tests/data/syntax_errors.txt");
    let mut failures = Vec::new();
    let mut checked = 0;
    // A case marked as a gap is one where lua-syntax differs; its message is still
    // native's, so it is checked like every other.
    for case in syntax_error_cases(data) {
        let (program, expected) = (case.program, case.message);
        let native = match lua_native::compile_only(&program, "=prog") {
            Ok(()) => "(no error)".to_string(),
            Err(message) => message,
        };
        if native != expected {
            failures.push(format!(
                "{}\n  table:  {expected}\n  native: {native}",
                escape(&program)
            ));
        }
        checked += 1;
    }
    assert!(checked >= 150, "only {checked} cases");
    assert!(
        failures.is_empty(),
        "{} of {checked} expected messages are not native Lua's:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
