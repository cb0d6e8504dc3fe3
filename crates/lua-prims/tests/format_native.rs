//! `string.format` against native Lua 5.4.9: every case in `data/format.txt` (recorded by
//! `data/gen_format.lua`) must produce exactly native's bytes.

mod common;

use common::{Mismatches, records, unescape};
use lua_prims::format::{FormatParser, Kind, Piece};

/// Formats one value with a one-conversion format, as an engine would.
fn format_one(spec: &[u8], value: Value<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in FormatParser::new(spec) {
        match piece {
            Piece::Literal(s) => out.extend_from_slice(s),
            Piece::Conversion { conversion, .. } => {
                let c = conversion.expect("valid conversion");
                c.check_before_argument().expect("valid specification");
                match (c.kind, value) {
                    (Kind::Float | Kind::HexFloat, Value::Float(x)) => {
                        c.format_float(&mut out, x).unwrap()
                    }
                    (Kind::Integer | Kind::Unsigned | Kind::Char, Value::Int(n)) => {
                        c.format_integer(&mut out, n).unwrap()
                    }
                    (Kind::String, Value::Str(s)) => c.format_string(&mut out, s).unwrap(),
                    (kind, _) => panic!("unexpected kind {kind:?}"),
                }
            }
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Value<'a> {
    Float(f64),
    Int(i64),
    Str(&'a [u8]),
}

#[test]
fn format_matches_native() {
    let text = include_str!("data/format.txt");
    let mut m = Mismatches::default();
    for (line, f) in records(text) {
        let spec = unescape(f[1]);
        let expected = unescape(f[3]);
        let arg = unescape(f[2]);
        let value = match f[0] {
            "F" => Value::Float(f64::from_bits(f[2].parse::<i64>().unwrap() as u64)),
            "I" => Value::Int(f[2].parse().unwrap()),
            _ => Value::Str(&arg),
        };
        let got = format_one(&spec, value);
        m.check(
            || format!("line {line}: {} {}", f[1], f[2]),
            &got,
            &expected,
        );
    }
    m.finish("string.format");
}
