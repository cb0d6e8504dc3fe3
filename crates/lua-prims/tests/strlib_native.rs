//! The small library rules of `strlib` against native Lua 5.4.9 (`data/strlib.txt`,
//! recorded by `data/gen_strlib.lua`): `string.sub`/`byte` index normalisation,
//! `string.rep` and `string.char` limits, `select`, and the argument checks of
//! `table.insert`, `remove`, `move` and `unpack`.

mod common;

use common::{Mismatches, records};
use lua_prims::Error;
use lua_prims::strlib;

fn err(e: &Error) -> String {
    format!("E:{}", String::from_utf8_lossy(&e.to_message("?")))
}

#[test]
fn strlib_matches_native() {
    let text = include_str!("data/strlib.txt");
    let s = b"hello";
    let mut m = Mismatches::default();
    for (line, f) in records(text) {
        let a: Vec<i64> = f[1].split(',').map(|x| x.parse().unwrap()).collect();
        let expected = f.get(3).copied().unwrap_or("");
        let got = match f[0] {
            "sub" => {
                String::from_utf8_lossy(&s[strlib::sub_range(a[0], a[1], s.len())]).into_owned()
            }
            "byte" | "byte1" => {
                let j = if f[0] == "byte1" { a[0] } else { a[1] };
                match strlib::byte_range(a[0], j, s.len()) {
                    Ok(r) => s[r]
                        .iter()
                        .map(|b| b.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                    Err(e) => err(&e),
                }
            }
            "rep" => {
                let (n, len, seplen) = (a[0], a[1] as usize, a[2] as usize);
                match strlib::rep_len(len, n, seplen) {
                    Ok(total) if total < 100 => {
                        let r = strlib::rep(&b"x".repeat(len), n, &b",".repeat(seplen)).unwrap();
                        String::from_utf8(r).unwrap()
                    }
                    Ok(total) => format!("#{total}"),
                    Err(e) => err(&e),
                }
            }
            "char" => match strlib::char_code(a[0], 1) {
                Ok(c) => c.to_string(),
                Err(e) => err(&e),
            },
            "select" => {
                let (n, nargs) = (a[0], a[1] as usize);
                match strlib::select_start(n, nargs) {
                    Ok(k) => (k..nargs)
                        .map(|i| ((i + 1) * 10).to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                    Err(e) => err(&e),
                }
            }
            "insert" => match strlib::insert_position_check(a[0], a[1] + 1) {
                Ok(()) => "ok".into(),
                Err(e) => err(&e),
            },
            "remove" => {
                // PUC reads t[pos] and shifts only after the check; every checked case works.
                match strlib::remove_position_check(a[0], a[1]) {
                    Ok(()) => "ok".into(),
                    Err(e) => err(&e),
                }
            }
            "move" => {
                let (f_, e, t) = (a[0], a[1], a[2]);
                if e < f_ {
                    "ok".into()
                } else {
                    match strlib::move_check(f_, e, t, true) {
                        Ok(_) => "copy".into(),
                        Err(e) => err(&e),
                    }
                }
            }
            "unpack" => match strlib::unpack_count(a[0], a[1]) {
                // Native also fails when its stack cannot hold the values (about 10^6).
                Ok(n) if n >= 1_000_000 => "E:too many results to unpack".into(),
                Ok(n) => n.to_string(),
                Err(e) => err(&e),
            },
            t => panic!("unknown record {t}"),
        };
        m.check(
            || format!("line {line}: {} {}", f[0], f[1]),
            got.as_bytes(),
            expected.as_bytes(),
        );
    }
    m.finish("strlib");
}
