//! Every malformed program of tests/data/syntax_errors.txt gives native Lua 5.4.9's message.

mod common;

use common::{escape, unescape};

#[test]
fn messages_match_lua_5_4_9() {
    let data = include_str!("data/syntax_errors.txt");
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in data
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (program, expected) = line.split_once('\t').expect("PROGRAM<TAB>MESSAGE");
        let program = unescape(program);
        let expected = String::from_utf8_lossy(&unescape(expected)).into_owned();
        let got = match lua_syntax::parse(&program, "=prog") {
            Ok(_) => "(no error)".to_string(),
            Err(e) => e.message,
        };
        if got != expected {
            failures.push(format!(
                "{}\n  expected: {}\n       got: {}",
                escape(&program),
                expected,
                got
            ));
        }
        checked += 1;
    }
    assert!(checked >= 150, "only {checked} cases");
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
