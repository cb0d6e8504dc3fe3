//! Outcomes as snapshot text: the expected results of conformance programs, corpus
//! regressions and benchmarks, stored as insta snapshot files under `snapshots/`.
//!
//! The text must be lossless (a program may print any byte) and readable in a review,
//! and it must survive insta, which trims the ends of a snapshot. So every line of
//! output gets a prefix, bytes that are not printable UTF-8 are escaped on the lines
//! that have them, and the way the run ended is the last line:
//!
//! ```text
//! | a line printed verbatim
//! : a line with escapes \xff\r and a backslash \\
//! (no newline at end of output)
//! end: returned 1, 2.0, "s"
//! ```

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use lua_engine::{End, ErrorKind, Observed, Outcome};

use crate::normalize;

/// Prefix of an output line printed as it is.
const VERBATIM: &str = "| ";
/// Prefix of an output line written with escapes.
const ESCAPED: &str = ": ";

/// The snapshot text of an outcome, after the normalisations of [`normalize`].
pub fn render(outcome: &Outcome) -> String {
    let outcome = normalize::outcome(outcome);
    let mut text = String::new();
    let output = &outcome.output;
    if !output.is_empty() {
        let body = output.strip_suffix(b"\n").unwrap_or(output);
        for line in body.split(|&b| b == b'\n') {
            match std::str::from_utf8(line) {
                Ok(line) if line.chars().all(|c| c == '\t' || !c.is_control()) => {
                    text.push_str(VERBATIM);
                    text.push_str(line);
                }
                _ => {
                    text.push_str(ESCAPED);
                    escape_into(&mut text, line);
                }
            }
            text.push('\n');
        }
        if !output.ends_with(b"\n") {
            text.push_str("(no newline at end of output)\n");
        }
    }
    text.push_str("end: ");
    render_end(&mut text, &outcome.end);
    text
}

fn render_end(text: &mut String, end: &End) {
    match end {
        End::Returned(values) => {
            text.push_str("returned");
            for (i, value) in values.iter().enumerate() {
                text.push_str(if i == 0 { " " } else { ", " });
                render_value(text, value);
            }
        }
        End::Error(error) => {
            text.push_str(match error.kind {
                ErrorKind::Syntax => "syntax error: ",
                ErrorKind::Runtime => "runtime error: ",
            });
            escape_into(text, &error.message);
            if !matches!(error.value, Observed::String(_)) {
                text.push_str(" (error value: ");
                render_value(text, &error.value);
                text.push(')');
            }
        }
        End::Exhausted(resource) => {
            let _ = write!(text, "exhausted {resource}");
        }
        End::Crashed(message) => {
            text.push_str("crashed: ");
            escape_into(text, message.as_bytes());
        }
    }
}

/// Values with their subtype visible: `1` is an integer, `1.0` a float (Rust's shortest
/// round-trip form, so every float is exact), strings quoted with escapes.
fn render_value(text: &mut String, value: &Observed) {
    match value {
        Observed::Nil => text.push_str("nil"),
        Observed::Boolean(b) => {
            let _ = write!(text, "{b}");
        }
        Observed::Integer(i) => {
            let _ = write!(text, "{i}");
        }
        Observed::Float(x) if x.is_nan() => text.push_str("nan"),
        Observed::Float(x) => {
            let _ = write!(text, "{x:?}");
        }
        Observed::String(s) => {
            text.push('"');
            escape_into(text, s);
            text.push('"');
        }
        other => text.push_str(other.type_name()),
    }
}

/// Writes bytes with `\\`, `\n`, `\r`, `\t`, `\"` and `\xHH` escapes for everything that
/// is not printable UTF-8.
fn escape_into(text: &mut String, bytes: &[u8]) {
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => text.push_str("\\\\"),
                '"' => text.push_str("\\\""),
                '\n' => text.push_str("\\n"),
                '\r' => text.push_str("\\r"),
                '\t' => text.push_str("\\t"),
                c if c.is_control() => {
                    let mut buf = [0; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        let _ = write!(text, "\\x{b:02x}");
                    }
                }
                c => text.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(text, "\\x{b:02x}");
        }
    }
}

/// The contents of an insta snapshot file (what follows its metadata header), or
/// `None` when the file does not exist.
pub fn read(path: &Path) -> io::Result<Option<String>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some(contents(&text).to_string()))
}

/// The contents of snapshot file text: everything after the `---` header, without the
/// trailing newline insta writes.
fn contents(file_text: &str) -> &str {
    let body = match file_text.strip_prefix("---\n") {
        Some(rest) => match rest.find("\n---\n") {
            Some(end) => &rest[end + "\n---\n".len()..],
            None => rest,
        },
        None => file_text,
    };
    body.trim_end_matches('\n')
}

/// Writes an insta snapshot file atomically (temporary file, then rename), in the format
/// insta reads: a metadata header naming the source and the input file, then `contents`.
pub fn write(path: &Path, source: &str, input_file: &str, contents: &str) -> io::Result<()> {
    let text = format!("---\nsource: {source}\ninput_file: {input_file}\n---\n{contents}\n");
    crate::fsutil::write_atomically(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lua_engine::{Cost, LuaError};

    fn outcome(output: &[u8], end: End) -> Outcome {
        Outcome {
            output: output.to_vec(),
            end,
            cost: Cost::default(),
        }
    }

    #[test]
    fn output_lines_are_prefixed_and_escaped_when_needed() {
        let text = render(&outcome(
            b"plain\ttab\nbad \xff\\ byte\n\nlast",
            End::Returned(vec![Observed::Integer(1), Observed::Float(2.0)]),
        ));
        assert_eq!(
            text,
            "| plain\ttab\n: bad \\xff\\\\ byte\n| \n| last\n(no newline at end of output)\nend: returned 1, 2.0"
        );
    }

    #[test]
    fn ends_show_subtypes_errors_and_values() {
        let error = End::Error(LuaError {
            kind: ErrorKind::Runtime,
            message: b"x.lua:1: boom\n".to_vec(),
            value: Observed::Table,
        });
        assert_eq!(
            render(&outcome(b"", error)),
            "end: runtime error: x.lua:1: boom\\n (error value: table)"
        );
        let values = End::Returned(vec![
            Observed::Float(-0.0),
            Observed::Float(f64::NAN),
            Observed::String(b"a\"b".to_vec()),
            Observed::Nil,
        ]);
        assert_eq!(
            render(&outcome(b"", values)),
            "end: returned -0.0, nan, \"a\\\"b\", nil"
        );
    }

    #[test]
    fn addresses_are_normalised() {
        let text = render(&outcome(b"table: 0x55d0c0ffee00\n", End::Returned(vec![])));
        assert_eq!(text, "| table: ADDR\nend: returned");
    }

    #[test]
    fn written_files_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("x.snap");
        write(
            &path,
            "src/x.rs",
            "conformance/x.lua",
            "| hi\nend: returned",
        )
        .unwrap();
        assert_eq!(read(&path).unwrap().as_deref(), Some("| hi\nend: returned"));
        assert_eq!(read(&dir.path().join("missing.snap")).unwrap(), None);
    }
}
