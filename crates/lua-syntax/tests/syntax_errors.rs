//! Every malformed program of tests/data/syntax_errors.txt gives native Lua 5.4.9's message.

mod common;

use common::{escape, unescape};

#[test]
fn messages_match_lua_5_4_9() {
    let data = include_str!("data/syntax_errors.txt");
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut gaps = 0;
    for line in data
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut fields = line.split('\t');
        let program = unescape(fields.next().expect("PROGRAM"));
        let expected =
            String::from_utf8_lossy(&unescape(fields.next().expect("MESSAGE"))).into_owned();
        let gap = fields.next();
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
