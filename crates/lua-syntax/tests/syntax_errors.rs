//! Every malformed program of tests/data/syntax_errors.txt gives native Lua 5.4.9's message.

mod common;

use common::{escape, syntax_error_cases};

#[test]
fn messages_match_lua_5_4_9() {
    let data = include_str!("data/syntax_errors.txt");
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut gaps = 0;
    for case in syntax_error_cases(data) {
        let (program, expected, gap) = (case.program, case.message, case.gap);
        let got = match lua_syntax::parse(&program, "=prog") {
            Ok(_) => "(no error)".to_string(),
            Err(e) => e.message,
        };
        match gap {
            None if got != expected => failures.push(format!(
                "{}\n  expected: {}\n       got: {}",
                escape(&program),
                expected,
                got
            )),
            // A known gap must stay a gap, or its mark must go.
            Some(reason) if got == expected => failures.push(format!(
                "{}\n  now gives native Lua's message; remove '{reason}'",
                escape(&program)
            )),
            Some(_) => gaps += 1,
            None => {}
        }
        checked += 1;
    }
    assert!(checked >= 150, "only {checked} cases");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{checked} cases, {gaps} known gaps");
}
