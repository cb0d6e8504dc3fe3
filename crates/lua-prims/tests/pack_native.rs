//! `string.pack`, `string.unpack` and `string.packsize` against native Lua 5.4.9 on every
//! case of `data/pack.txt` (recorded by `data/gen_pack.lua`).

mod common;

use common::{Mismatches, records, unescape};
use lua_prims::Error;
use lua_prims::number::{Number, str_to_number};
use lua_prims::numfmt::fmt_number;
use lua_prims::pack::{PackArg, PackValue, Unpacked, pack, packsize, unpack};
use std::borrow::Cow;

#[derive(Clone, Debug)]
enum Value {
    Num(Number),
    Str(Vec<u8>),
}

fn value(s: &str) -> Value {
    let (tag, rest) = s.split_at(2);
    match tag {
        "i:" => Value::Num(Number::Integer(rest.parse().unwrap())),
        "f:" => Value::Num(Number::Float(f64::from_bits(
            rest.parse::<i64>().unwrap() as u64
        ))),
        "s:" => Value::Str(unescape(rest)),
        _ => panic!("bad value {s}"),
    }
}

fn esc(s: &[u8]) -> String {
    s.iter()
        .map(|&c| {
            if c < 32 || c == b'\\' || c >= 127 {
                format!("\\x{c:02x}")
            } else {
                (c as char).to_string()
            }
        })
        .collect()
}

fn enc(v: Unpacked<'_>) -> String {
    match v {
        Unpacked::Integer(i) => format!("i:{i}"),
        Unpacked::Float(f) => format!("f:{}", f.to_bits() as i64),
        Unpacked::String(s) => format!("s:{}", esc(s)),
    }
}

fn err(e: &Error) -> String {
    format!("E:{}", esc(&e.to_message("?")))
}

/// Converts an argument as `luaL_checkinteger`/`checknumber`/`checklstring` would.
fn convert<'a>(args: &'a [Value], i: usize, kind: PackArg) -> Result<PackValue<'a>, Error> {
    let Some(v) = args.get(i - 2) else {
        let expected = if kind == PackArg::String {
            "string"
        } else {
            "number"
        };
        return Err(Error::argument(i, format!("{expected} expected, got nil")));
    };
    match (kind, v) {
        (PackArg::Integer, Value::Num(n)) => n
            .to_integer()
            .map(PackValue::Integer)
            .ok_or_else(|| Error::argument(i, "number has no integer representation")),
        (PackArg::Integer, Value::Str(s)) => match str_to_number(s) {
            Some(n) => n
                .to_integer()
                .map(PackValue::Integer)
                .ok_or_else(|| Error::argument(i, "number has no integer representation")),
            None => Err(Error::argument(i, "number expected, got string")),
        },
        (PackArg::Number, Value::Num(n)) => Ok(PackValue::Number(n.to_float())),
        (PackArg::Number, Value::Str(s)) => str_to_number(s)
            .map(|n| PackValue::Number(n.to_float()))
            .ok_or_else(|| Error::argument(i, "number expected, got string")),
        (PackArg::String, Value::Str(s)) => Ok(PackValue::String(Cow::Borrowed(s))),
        // luaL_checklstring converts numbers to strings.
        (PackArg::String, Value::Num(n)) => {
            Ok(PackValue::String(Cow::Owned(fmt_number(*n).to_vec())))
        }
    }
}

#[test]
fn pack_matches_native() {
    let text = include_str!("data/pack.txt");
    let mut m = Mismatches::default();
    for (line, f) in records(text) {
        let arrow = f.iter().position(|&x| x == "->").unwrap();
        let expected = f[arrow + 1..].join("\t");
        let fmt = unescape(f[1]);
        let got = match f[0] {
            "P" => {
                let args: Vec<Value> = f[2]
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .map(value)
                    .collect();
                let mut out = Vec::new();
                let r = pack::<Error>(&fmt, &mut out, |i, kind| convert(&args, i, kind));
                match r {
                    Ok(()) => format!("s:{}", esc(&out)),
                    Err(e) => err(&e),
                }
            }
            "Z" => match packsize(&fmt) {
                Ok(n) => format!("i:{n}"),
                Err(e) => err(&e),
            },
            "U" => {
                let data = unescape(f[2]);
                let mut values = Vec::new();
                match unpack::<Error>(&fmt, &data, f[3].parse().unwrap(), |v| {
                    values.push(enc(v));
                    Ok(())
                }) {
                    Ok(next) => {
                        values.push(format!("i:{next}"));
                        values.join("\t")
                    }
                    Err(e) => err(&e),
                }
            }
            t => panic!("unknown record {t}"),
        };
        m.check(
            || format!("line {line}: {}", f.join(" ")),
            got.as_bytes(),
            expected.as_bytes(),
        );
    }
    m.finish("pack");
}
