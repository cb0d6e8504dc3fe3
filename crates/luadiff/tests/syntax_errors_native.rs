//! The syntax-error table of lua-syntax (crates/lua-syntax/tests/data/syntax_errors.txt)
//! checked live against native Lua: every malformed program must give, in native Lua's
//! `load`, exactly the message the table expects. lua-syntax's own test checks the parser
//! against the same table, so together they pin the parser to native Lua, and a table
//! entry copied wrongly (or a native Lua upgrade that changes a message) fails here.

#[path = "../../lua-syntax/tests/common/mod.rs"]
mod common;

use common::{escape, unescape};

#[test]
fn every_expected_message_is_native_luas() {
    let data = include_str!("../../lua-syntax/tests/data/syntax_errors.txt");
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in data
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut fields = line.split('\t');
        let program = unescape(fields.next().expect("PROGRAM"));
        let expected =
            String::from_utf8_lossy(&unescape(fields.next().expect("MESSAGE"))).into_owned();
        // A `gap:` third field marks where lua-syntax differs; the message is still
        // native's, so it is checked like every other.
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
