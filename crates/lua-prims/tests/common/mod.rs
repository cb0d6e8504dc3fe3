//! Helpers shared by the data-driven tests: reading the expected-output files recorded
//! from native Lua 5.4.9 (tab-separated fields, bytes escaped as `\xHH`).

#![allow(dead_code)]

/// Undoes the generators' escaping: `\xHH` is the byte 0xHH, everything else is itself.
pub fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() + 1 && b.get(i + 1) == Some(&b'x') {
            let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The lines of a data file, split into tab-separated fields.
pub fn records(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

/// Collects mismatches and fails with the first few of them.
#[derive(Default)]
pub struct Mismatches {
    pub checked: usize,
    pub failed: Vec<String>,
}

impl Mismatches {
    pub fn check(&mut self, what: impl FnOnce() -> String, got: &[u8], expected: &[u8]) {
        self.checked += 1;
        if got != expected {
            self.failed.push(format!(
                "{}: got {:?}, expected {:?}",
                what(),
                String::from_utf8_lossy(got),
                String::from_utf8_lossy(expected)
            ));
        }
    }

    pub fn finish(self, name: &str) {
        assert!(self.checked > 0, "{name}: no cases checked");
        if !self.failed.is_empty() {
            let shown: Vec<&String> = self.failed.iter().take(30).collect();
            panic!(
                "{name}: {} of {} cases differ from lua5.4.9:\n{:#?}",
                self.failed.len(),
                self.checked,
                shown
            );
        }
    }
}
