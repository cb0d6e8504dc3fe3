//! `str2number` against answers recorded from Lua 5.4.9's `tonumber` (tests/data/str2number.txt).

use lua_syntax::number::{Numeral, str2number};

/// Undoes the data file's escaping: `\xHH` stands for one byte, everything else is literal.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            out.push(u8::from_str_radix(&s[i + 2..i + 4], 16).unwrap());
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn str2number_matches_lua_5_4_9() {
    let data = include_str!("data/str2number.txt");
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        let (input, expected) = line.split_once('\t').expect("tab-separated line");
        let got = match str2number(&unescape(input)) {
            None => "nil".to_string(),
            Some(Numeral::Integer(i)) => format!("int {i}"),
            Some(Numeral::Float(f)) => format!("float {:016x}", f.to_bits()),
        };
        if got != expected {
            failures.push(format!("{input:?}: expected {expected}, got {got}"));
        }
        checked += 1;
    }
    assert!(checked > 5000, "data file too small: {checked}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
