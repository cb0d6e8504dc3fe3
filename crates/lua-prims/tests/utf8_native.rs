//! The `utf8` library against native Lua 5.4.9 on every case of `data/utf8.txt` (recorded
//! by `data/gen_utf8.lua`): `char`, `len`, `codepoint`, `offset` and `codes`.

mod common;

use common::{Mismatches, records, unescape};
use lua_prims::{Error, utf8};

#[derive(Clone, Debug)]
enum Arg {
    Int(i64),
    Str(Vec<u8>),
    Bool(bool),
    Nil,
}

fn arg(s: &str) -> Arg {
    match s {
        "nil" => Arg::Nil,
        "true" => Arg::Bool(true),
        "false" => Arg::Bool(false),
        _ => {
            let (tag, rest) = s.split_at(2);
            match tag {
                "i:" => Arg::Int(rest.parse().unwrap()),
                "s:" => Arg::Str(unescape(rest)),
                _ => panic!("bad arg {s}"),
            }
        }
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

fn err(e: &Error) -> String {
    format!("E:{}", esc(&e.to_message("?")))
}

fn int(a: Option<&Arg>, default: i64) -> i64 {
    match a {
        Some(Arg::Int(i)) => *i,
        _ => default,
    }
}

fn truthy(a: Option<&Arg>) -> bool {
    matches!(a, Some(Arg::Bool(true)))
}

#[test]
fn utf8_matches_native() {
    let text = include_str!("data/utf8.txt");
    let mut m = Mismatches::default();
    for (line, f) in records(text) {
        let args: Vec<Arg> = f[1].split(' ').filter(|s| !s.is_empty()).map(arg).collect();
        let expected = f[3..].join("\t");
        let s = match args.first() {
            Some(Arg::Str(s)) => s.clone(),
            _ => Vec::new(),
        };
        let got = match f[0] {
            "char" => {
                let mut out = Vec::new();
                match utf8::char(int(args.first(), 0), 1, &mut out) {
                    Ok(()) => format!("s:{}", esc(&out)),
                    Err(e) => err(&e),
                }
            }
            "len" => match utf8::len(
                &s,
                int(args.get(1), 1),
                int(args.get(2), -1),
                truthy(args.get(3)),
            ) {
                Ok(Ok(n)) => format!("i:{n}"),
                Ok(Err(p)) => format!("nil\ti:{p}"),
                Err(e) => err(&e),
            },
            "codepoint" => {
                let i = int(args.get(1), 1);
                let mut codes = Vec::new();
                match utf8::codepoint::<Error>(
                    &s,
                    i,
                    int(args.get(2), i),
                    truthy(args.get(3)),
                    |c| {
                        codes.push(format!("i:{c}"));
                        Ok(())
                    },
                ) {
                    Ok(()) if codes.is_empty() => "none".into(),
                    Ok(()) => codes.join("\t"),
                    Err(e) => err(&e),
                }
            }
            "offset" => {
                let i = match args.get(2) {
                    Some(Arg::Int(i)) => Some(*i),
                    _ => None,
                };
                match utf8::offset(&s, int(args.get(1), 0), i) {
                    Ok(Some(p)) => format!("i:{p}"),
                    Ok(None) => "nil".into(),
                    Err(e) => err(&e),
                }
            }
            "codes" => {
                let (sarg, lax) = f[1].rsplit_once(' ').unwrap();
                let Arg::Str(s) = arg(sarg) else { panic!() };
                let mut out = Vec::new();
                let result = utf8::codes_check(&s).and_then(|()| {
                    let mut control = 0;
                    while let Some((p, c)) = utf8::codes_next(&s, control, lax != "true")? {
                        out.push(format!("i:{p} i:{c}"));
                        control = p;
                    }
                    Ok(())
                });
                if let Err(e) = result {
                    out.push(err(&e));
                }
                out.join(";")
            }
            t => panic!("unknown function {t}"),
        };
        m.check(
            || format!("line {line}: {} {}", f[0], f[1]),
            got.as_bytes(),
            expected.as_bytes(),
        );
    }
    m.finish("utf8");
}
