//! Numbers against native Lua 5.4.9: tostring, arithmetic, comparisons, the math functions
//! with integer/float rules, `tonumber` with and without a base, and numeric `for` loops,
//! for every case in `data/numbers.txt` (recorded by `data/gen_numbers.lua`).

mod common;

use common::{Mismatches, records, unescape};
use lua_prims::forloop::{ForPrep, ForValue, float_for_next, for_prep};
use lua_prims::number::{
    ArithError, ArithOp, Number, arith, num_eq, num_le, num_lt, str_to_number, tonumber_base,
};
use lua_prims::{math, numfmt};

/// A decoded cell: a number, a string, or an error message.
#[derive(Clone, Debug)]
enum Cell {
    Num(Number),
    Str(Vec<u8>),
    Err(Vec<u8>),
}

fn cell(s: &str) -> Cell {
    let (tag, rest) = s.split_at(2);
    match tag {
        "i:" => Cell::Num(Number::Integer(rest.parse().unwrap())),
        "f:" => Cell::Num(Number::Float(f64::from_bits(
            rest.parse::<i64>().unwrap() as u64
        ))),
        "s:" => Cell::Str(unescape(rest)),
        "E:" => Cell::Err(unescape(rest)),
        _ => panic!("bad cell {s}"),
    }
}

fn num(s: &str) -> Number {
    match cell(s) {
        Cell::Num(n) => n,
        c => panic!("not a number: {c:?}"),
    }
}

/// An exact rendering that tells integers from floats and keeps NaN signs.
fn show(n: Number) -> Vec<u8> {
    match n {
        Number::Integer(i) => format!("i:{i}").into_bytes(),
        Number::Float(f) => format!("f:{}", f.to_bits() as i64).into_bytes(),
    }
}

fn op_of(s: &str) -> ArithOp {
    match s {
        "+" => ArithOp::Add,
        "-" => ArithOp::Sub,
        "*" => ArithOp::Mul,
        "/" => ArithOp::Div,
        "//" => ArithOp::IDiv,
        "%" => ArithOp::Mod,
        "^" => ArithOp::Pow,
        "&" => ArithOp::BAnd,
        "|" => ArithOp::BOr,
        "~" => ArithOp::BXor,
        "<<" => ArithOp::Shl,
        ">>" => ArithOp::Shr,
        "u-" => ArithOp::Unm,
        "u~" => ArithOp::BNot,
        _ => panic!("bad op {s}"),
    }
}

/// The message an engine builds from an arithmetic error in `local a, b = ...; return a op b`.
fn arith_message(e: ArithError, unary: bool) -> Vec<u8> {
    match e {
        ArithError::NoIntegerRepresentation { operand } => {
            let var = if operand == 0 || unary { "a" } else { "b" };
            lua_prims::number::no_integer_representation_message(&format!(" (local '{var}')"))
                .into_bytes()
        }
        e => e.message().as_bytes().to_vec(),
    }
}

fn expected_bytes(s: &str) -> Vec<u8> {
    match cell(s) {
        Cell::Num(n) => show(n),
        Cell::Str(s) | Cell::Err(s) => s,
    }
}

#[test]
fn numbers_match_native() {
    let text = include_str!("data/numbers.txt");
    let mut m = Mismatches::default();
    for (line, f) in records(text) {
        let what = || format!("line {line}: {}", f.join(" "));
        match f[0] {
            "T" => {
                let n = num(f[1]);
                m.check(what, &numfmt::fmt_number(n), &unescape(f[2]));
                m.check(what, &numfmt::fmt_number_io(n), &unescape(f[3]));
            }
            "A" => {
                let op = op_of(f[1]);
                let (x, y) = (num(f[2]), num(f[3]));
                let got = match arith(op, x, y) {
                    Ok(r) => show(r),
                    Err(e) => arith_message(e, op.is_unary()),
                };
                let mut expected = expected_bytes(f[4]);
                if let (ArithOp::Mul, Number::Float(a), Number::Float(b)) = (op, x, y)
                    && a.is_nan()
                    && b.is_nan()
                {
                    // Which NaN a product of two NaNs is depends on how PUC was compiled:
                    // lua5.4.9's CLI, which recorded this file, gives the first operand's;
                    // the native engine (PUC at -O3, Cargo.toml) the second's, which is
                    // the truth here (`float_mul`). The record must still be one of them.
                    assert!(
                        expected == show(x) || expected == show(y),
                        "{}: not one of the operands",
                        what()
                    );
                    expected = show(y);
                }
                m.check(what, &got, &expected);
            }
            "C" => {
                let (a, b) = (num(f[1]), num(f[2]));
                let got = format!(
                    "{}{}{}",
                    num_lt(a, b) as u8,
                    num_le(a, b) as u8,
                    num_eq(a, b) as u8
                );
                m.check(
                    what,
                    got.as_bytes(),
                    format!("{}{}{}", f[3], f[4], f[5]).as_bytes(),
                );
            }
            "M" => check_math(&mut m, what, &f),
            "B" => {
                let got = match tonumber_base(&unescape(f[1]), f[2].parse().unwrap()) {
                    Ok(Some(i)) => show(Number::Integer(i)),
                    Ok(None) => b"s:nil".to_vec(),
                    Err(e) => e.to_message("tonumber"),
                };
                let expected = match cell(f[3]) {
                    Cell::Str(s) => [b"s:".as_slice(), &s].concat(),
                    _ => expected_bytes(f[3]),
                };
                m.check(what, &got, &expected);
            }
            "S" => {
                let got = match str_to_number(&unescape(f[1])) {
                    Some(n) => show(n),
                    None => b"s:nil".to_vec(),
                };
                let expected = match cell(f[2]) {
                    Cell::Str(s) => [b"s:".as_slice(), &s].concat(),
                    _ => expected_bytes(f[2]),
                };
                m.check(what, &got, &expected);
            }
            "L" => check_loop(&mut m, what, &f),
            t => panic!("unknown record {t}"),
        }
    }
    m.finish("numbers");
}

fn check_math(m: &mut Mismatches, what: impl Fn() -> String, f: &[&str]) {
    let a = num(f[2]);
    let (got, expected): (Vec<u8>, Vec<u8>) = match f[1] {
        "tointeger" => {
            let got = math::tointeger(a).map_or(b"s:nil".to_vec(), |i| show(Number::Integer(i)));
            (
                got,
                if f[3] == "s:nil" {
                    b"s:nil".to_vec()
                } else {
                    expected_bytes(f[3])
                },
            )
        }
        "floor" => (show(math::floor(a)), expected_bytes(f[3])),
        "ceil" => (show(math::ceil(a)), expected_bytes(f[3])),
        "abs" => (show(math::abs(a)), expected_bytes(f[3])),
        "modf" => {
            let (ip, frac) = math::modf(a);
            (
                [show(ip), show(Number::Float(frac))].join(&b'\t'),
                [expected_bytes(f[3]), expected_bytes(f[4])].join(&b'\t'),
            )
        }
        "fmod" => {
            let got = match math::fmod(a, num(f[3])) {
                Ok(r) => show(r),
                Err(e) => e.to_message("math.fmod"),
            };
            (got, expected_bytes(f[4]))
        }
        "ult" => {
            let (Number::Integer(x), Number::Integer(y)) = (a, num(f[3])) else {
                panic!()
            };
            (
                show(Number::Integer(math::ult(x, y) as i64)),
                expected_bytes(f[4]),
            )
        }
        "frexp" => {
            let (mm, e) = math::frexp(a.to_float());
            (
                [show(Number::Float(mm)), show(Number::Integer(e))].join(&b'\t'),
                [expected_bytes(f[3]), expected_bytes(f[4])].join(&b'\t'),
            )
        }
        "ldexp" => {
            let Number::Integer(k) = num(f[3]) else {
                panic!()
            };
            (
                show(Number::Float(math::ldexp(a.to_float(), k as i32))),
                expected_bytes(f[4]),
            )
        }
        other => panic!("unknown math function {other}"),
    };
    m.check(what, &got, &expected);
}

fn for_value(s: &str) -> (ForValue, Option<String>) {
    match cell(s) {
        Cell::Num(n) => (ForValue::Number(n), None),
        Cell::Str(text) => match str_to_number(&text) {
            Some(n) => (ForValue::NumericString(n), None),
            None => (ForValue::Other, Some("string".into())),
        },
        Cell::Err(_) => panic!(),
    }
}

fn check_loop(m: &mut Mismatches, what: impl Fn() -> String, f: &[&str]) {
    let (init, _) = for_value(f[1]);
    let (limit, _) = for_value(f[2]);
    let (step, _) = for_value(f[3]);
    let got = match for_prep(init, limit, step) {
        Err(e) => format!("E:{}", e.message("string")).into_bytes(),
        Ok(prep) => {
            let mut values = Vec::new();
            match prep {
                ForPrep::Skip => {}
                ForPrep::Integer {
                    init,
                    step,
                    mut count,
                } => {
                    let mut i = init;
                    values.push(Number::Integer(i));
                    while values.len() < 5 && count > 0 {
                        count -= 1;
                        i = i.wrapping_add(step);
                        values.push(Number::Integer(i));
                    }
                }
                ForPrep::Float { init, limit, step } => {
                    let mut i = init;
                    values.push(Number::Float(i));
                    while values.len() < 5 {
                        match float_for_next(i, limit, step) {
                            Some(next) => {
                                i = next;
                                values.push(Number::Float(i));
                            }
                            None => break,
                        }
                    }
                }
            }
            let show_opt = |n: Option<&Number>| n.map_or(b"-".to_vec(), |n| show(*n));
            [
                format!("{}", values.len()).into_bytes(),
                show_opt(values.first()),
                show_opt(values.last()),
            ]
            .join(&b'\t')
        }
    };
    let expected = if f[4].starts_with("E:") {
        unescape(f[4])
    } else {
        f[4..].join("\t").into_bytes()
    };
    m.check(what, &got, &expected);
}
