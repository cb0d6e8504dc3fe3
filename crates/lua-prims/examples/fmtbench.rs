//! Rough per-call cost of number formatting, one loop per run so that `perf stat -e
//! task-clock` measures CPU time: `fmtbench float|integral|integer|format`.
use lua_prims::format::{FormatParser, Piece};
use lua_prims::numfmt::{fmt_float, fmt_integer};
use std::hint::black_box;

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let n = 2_000_000;
    let xs: Vec<f64> = (0..1000)
        .map(|i| (i as f64) * 1.2345678e-3 + 1.0 / (i as f64 + 3.0))
        .collect();
    let mut total = 0;
    match which.as_str() {
        "float" => (0..n).for_each(|i| total += fmt_float(black_box(xs[i % 1000])).len()),
        "integral" => (0..n).for_each(|i| total += fmt_float(black_box((i % 1000) as f64)).len()),
        "integer" => (0..n).for_each(|i| total += fmt_integer(black_box(i as i64 * 7919)).len()),
        "format" => {
            let mut out = Vec::new();
            for i in 0..n {
                out.clear();
                for piece in FormatParser::new(b"%.14g") {
                    if let Piece::Conversion {
                        conversion: Ok(c), ..
                    } = piece
                    {
                        c.format_float(&mut out, black_box(xs[i % 1000])).unwrap();
                    }
                }
                total += out.len();
            }
        }
        "formatd" => {
            let mut out = Vec::new();
            for i in 0..n {
                out.clear();
                for piece in FormatParser::new(b"%d") {
                    if let Piece::Conversion {
                        conversion: Ok(c), ..
                    } = piece
                    {
                        c.format_integer(&mut out, black_box(i as i64)).unwrap();
                    }
                }
                total += out.len();
            }
        }
        "gsub" => {
            let text =
                b"The quick brown fox jumps over the lazy dog; key=value, x=42\n".repeat(100);
            let mut out = Vec::new();
            for _ in 0..2000 {
                out.clear();
                let r = lua_prims::pattern::gsub::<lua_prims::Error>(
                    black_box(&text),
                    b"%s+",
                    i64::MAX,
                    &mut out,
                    |st, m, out| {
                        lua_prims::pattern::add_replacement(st, m, b" ", out)?;
                        Ok(true)
                    },
                )
                .unwrap();
                total += r.count as usize;
            }
        }
        "find" => {
            let text = b"key=value";
            for _ in 0..n {
                if let Some((m, st)) =
                    lua_prims::pattern::find(black_box(text), b"(%w+)=(%w+)", 1, false, false)
                        .unwrap()
                {
                    total += m.end + st.capture_count(true);
                }
            }
        }
        _ => {}
    }
    println!("{which}: {total}");
}
