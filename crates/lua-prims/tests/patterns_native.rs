//! Lua patterns against native Lua 5.4.9: `string.find`, `match`, `gmatch` and `gsub` (with
//! string replacements) on every case of `data/patterns.txt` (recorded by
//! `data/gen_patterns.lua`): hand-written cases, every malformed-pattern error, the
//! recursion and capture limits, and 1500 random patterns.

mod common;

use common::{Mismatches, records, unescape};
use lua_prims::Error;
use lua_prims::pattern::{Capture, Found, Gmatch, MatchState, add_replacement, find, gsub};

fn esc(s: &[u8]) -> String {
    let mut out = String::new();
    for &c in s {
        if c < 32 || c == b'\\' || c >= 127 || c == b';' {
            out.push_str(&format!("\\x{c:02x}"));
        } else {
            out.push(c as char);
        }
    }
    out
}

fn enc_capture(c: Capture<'_>) -> String {
    match c {
        Capture::Str(s) => format!("s:{}", esc(s)),
        Capture::Position(p) => format!("i:{p}"),
    }
}

fn enc_error(e: &Error) -> String {
    format!("E:{}", esc(&e.to_message("?")))
}

/// The values an engine returns for a match: captures `0..count`.
fn captures(state: &MatchState<'_>, m: Found, whole: bool) -> Result<Vec<String>, Error> {
    (0..state.capture_count(whole))
        .map(|i| state.capture(i, m).map(enc_capture))
        .collect()
}

fn run_find(s: &[u8], p: &[u8], init: i64, plain: bool, is_find: bool) -> String {
    let result = (|| -> Result<Vec<String>, Error> {
        match find(s, p, init, plain, is_find)? {
            None => Ok(vec!["nil".into()]),
            Some((m, state)) => {
                let mut out = Vec::new();
                if is_find {
                    out.push(format!("i:{}", m.start + 1));
                    out.push(format!("i:{}", m.end));
                }
                out.extend(captures(&state, m, !is_find)?);
                Ok(out)
            }
        }
    })();
    match result {
        Ok(v) if v.is_empty() => "none".into(),
        Ok(v) => v.join("\t"),
        Err(e) => enc_error(&e),
    }
}

fn run_gmatch(s: &[u8], p: &[u8], init: i64) -> String {
    let mut g = Gmatch::new(s.len(), init);
    let mut results = Vec::new();
    for _ in 0..60 {
        match g.next(s, p) {
            Err(e) => {
                results.push(enc_error(&e));
                break;
            }
            Ok(None) => break,
            Ok(Some((m, state))) => match captures(&state, m, true) {
                Ok(v) => results.push(v.join("\t")),
                Err(e) => {
                    results.push(enc_error(&e));
                    break;
                }
            },
        }
    }
    results.join(";")
}

fn run_gsub(s: &[u8], p: &[u8], repl: &[u8], max: Option<i64>) -> String {
    let mut out = Vec::new();
    let max = max.unwrap_or(s.len() as i64 + 1);
    let result = gsub::<Error>(s, p, max, &mut out, |state, m, out| {
        add_replacement(state, m, repl, out)?;
        Ok(true)
    });
    match result {
        Ok(r) => {
            let text = if r.changed { out.as_slice() } else { s };
            format!("s:{}\ti:{}", esc(text), r.count)
        }
        Err(e) => enc_error(&e),
    }
}

#[test]
fn patterns_match_native() {
    let text = include_str!("data/patterns.txt");
    let mut m = Mismatches::default();
    for (line, f) in records(text) {
        let s = unescape(f[1]);
        let p = unescape(f[2]);
        let (got, expected) = match f[0] {
            "F" => (
                run_find(&s, &p, f[3].parse().unwrap(), f[4] == "1", true),
                f[5..].join("\t"),
            ),
            "M" => (
                run_find(&s, &p, f[3].parse().unwrap(), false, false),
                f[4..].join("\t"),
            ),
            "G" => (run_gmatch(&s, &p, f[3].parse().unwrap()), f[4..].join("\t")),
            "S" => {
                let max = if f[4] == "nil" {
                    None
                } else {
                    Some(f[4].parse().unwrap())
                };
                (run_gsub(&s, &p, &unescape(f[3]), max), f[5..].join("\t"))
            }
            t => panic!("unknown record {t}"),
        };
        m.check(
            || format!("line {line}: {} {:?} {:?}", f[0], f[1], f[2]),
            got.as_bytes(),
            expected.as_bytes(),
        );
    }
    m.finish("patterns");
}
