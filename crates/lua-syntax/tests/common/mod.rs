//! Helpers shared by the integration tests: the escaping of the data files.

#![allow(dead_code)]

/// Undoes the data files' escaping: `\\`, `\n`, `\r`, `\t` and `\xHH`.
pub fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            match b[i + 1] {
                b'\\' => out.push(b'\\'),
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'x' => {
                    out.push(u8::from_str_radix(&s[i + 2..i + 4], 16).expect("hex escape"));
                    i += 2;
                }
                c => panic!("bad escape \\{}", c as char),
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The data files' escaping, for messages (long programs are cut).
pub fn escape(b: &[u8]) -> String {
    let mut s = String::new();
    for &c in b.iter().take(300) {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    if b.len() > 300 {
        s.push_str("...");
    }
    s
}

/// One case of tests/data/syntax_errors.txt: the malformed program, native Lua's message
/// for it, and the reason lua-syntax's message differs, for a known gap.
pub struct SyntaxErrorCase<'a> {
    pub program: Vec<u8>,
    pub message: String,
    pub gap: Option<&'a str>,
}

/// The cases of a syntax-error table (`PROGRAM<TAB>MESSAGE[<TAB>gap: REASON]` lines;
/// blank lines and `#` comments skipped).
pub fn syntax_error_cases(data: &str) -> Vec<SyntaxErrorCase<'_>> {
    data.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut fields = line.split('\t');
            let program = unescape(fields.next().expect("PROGRAM"));
            let message =
                String::from_utf8_lossy(&unescape(fields.next().expect("MESSAGE"))).into_owned();
            SyntaxErrorCase {
                program,
                message,
                gap: fields.next(),
            }
        })
        .collect()
}
