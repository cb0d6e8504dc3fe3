//! Whole `string.format` calls against native Lua 5.4.9 (`data/format_calls.txt`, recorded
//! by `data/gen_format_calls.lua`): the engine-side driving of [`FormatParser`] in PUC's
//! order, every error message, `%q`, `%s` with modifiers, `%c` and `%p`.

mod common;

use common::{Mismatches, records, unescape};
use lua_prims::Error;
use lua_prims::format::{FormatParser, Kind, Literal, Piece};
use lua_prims::number::{Number, str_to_number};
use lua_prims::numfmt::fmt_number;

#[derive(Clone, Debug)]
enum Val {
    Nil,
    Bool(bool),
    Num(Number),
    Str(Vec<u8>),
    Table,
}

fn val(s: &str) -> Val {
    match s {
        "nil" => Val::Nil,
        "true" => Val::Bool(true),
        "false" => Val::Bool(false),
        "t" => Val::Table,
        _ => {
            let (tag, rest) = s.split_at(2);
            match tag {
                "i:" => Val::Num(Number::Integer(rest.parse().unwrap())),
                "f:" => Val::Num(Number::Float(f64::from_bits(
                    rest.parse::<i64>().unwrap() as u64
                ))),
                "s:" => Val::Str(unescape(rest)),
                _ => panic!("bad value {s}"),
            }
        }
    }
}

fn type_name(v: &Val) -> &'static str {
    match v {
        Val::Nil => "nil",
        Val::Bool(_) => "boolean",
        Val::Num(_) => "number",
        Val::Str(_) => "string",
        Val::Table => "table",
    }
}

/// `luaL_checknumber`.
fn check_number(v: &Val, arg: usize) -> Result<Number, Error> {
    match v {
        Val::Num(n) => Ok(*n),
        Val::Str(s) => {
            str_to_number(s).ok_or_else(|| Error::argument(arg, "number expected, got string"))
        }
        v => Err(Error::argument(
            arg,
            format!("number expected, got {}", type_name(v)),
        )),
    }
}

/// `luaL_checkinteger`.
fn check_integer(v: &Val, arg: usize) -> Result<i64, Error> {
    check_number(v, arg)?
        .to_integer()
        .ok_or_else(|| Error::argument(arg, "number has no integer representation"))
}

/// `luaL_tolstring` (tables are not used with `%s` in the data: their text is an address).
fn tolstring(v: &Val) -> Vec<u8> {
    match v {
        Val::Nil => b"nil".to_vec(),
        Val::Bool(b) => b.to_string().into_bytes(),
        Val::Num(n) => fmt_number(*n).to_vec(),
        Val::Str(s) => s.clone(),
        Val::Table => b"table: 0x0".to_vec(),
    }
}

/// `string.format` as an engine implements it with lua-prims.
fn format(fmt: &[u8], args: &[Val]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    for piece in FormatParser::new(fmt) {
        let (arg, conversion) = match piece {
            Piece::Literal(s) => {
                out.extend_from_slice(s);
                continue;
            }
            Piece::Conversion { arg, conversion } => (arg, conversion),
        };
        let Some(v) = args.get(arg - 2) else {
            return Err(Error::argument(arg, "no value"));
        };
        let c = conversion?;
        c.check_before_argument()?;
        match c.kind {
            Kind::Char | Kind::Integer | Kind::Unsigned => {
                c.format_integer(&mut out, check_integer(v, arg)?)?
            }
            Kind::Float | Kind::HexFloat => {
                c.format_float(&mut out, check_number(v, arg)?.to_float())?
            }
            Kind::Pointer => c.format_pointer(&mut out, None)?,
            Kind::Quoted => {
                let s;
                let literal = match v {
                    Val::Nil => Literal::Nil,
                    Val::Bool(b) => Literal::Boolean(*b),
                    Val::Num(Number::Integer(i)) => Literal::Integer(*i),
                    Val::Num(Number::Float(f)) => Literal::Float(*f),
                    Val::Str(bytes) => {
                        s = bytes.clone();
                        Literal::String(&s)
                    }
                    Val::Table => Literal::Other,
                };
                c.format_literal(&mut out, literal)?
            }
            Kind::String => c.format_string(&mut out, &tolstring(v))?,
        }
    }
    Ok(out)
}

fn esc(s: &[u8]) -> String {
    s.iter()
        .map(|&c| {
            if c <= 32 || c == b'\\' || c >= 127 {
                format!("\\x{c:02x}")
            } else {
                (c as char).to_string()
            }
        })
        .collect()
}

#[test]
fn format_calls_match_native() {
    let text = include_str!("data/format_calls.txt");
    let mut m = Mismatches::default();
    for (line, f) in records(text) {
        let fmt = unescape(f[0]);
        let args: Vec<Val> = f[1].split(' ').filter(|s| !s.is_empty()).map(val).collect();
        let got = match format(&fmt, &args) {
            Ok(s) => format!("s:{}", esc(&s)),
            Err(e) => format!("E:{}", esc(&e.to_message("?"))),
        };
        m.check(
            || format!("line {line}: {} {}", f[0], f[1]),
            got.as_bytes(),
            f[3].as_bytes(),
        );
    }
    m.finish("string.format calls");
}
