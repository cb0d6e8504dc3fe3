//! Criterion benchmarks of the hot shared primitives: `tostring` of numbers, `string.format`
//! conversions and pattern matching (`cargo bench -p lua-prims`).

use criterion::{Criterion, criterion_group, criterion_main};
use lua_prims::Error;
use lua_prims::format::{FormatParser, Piece};
use lua_prims::numfmt::{fmt_float, fmt_integer};
use lua_prims::pattern::{add_replacement, find, gsub};
use std::hint::black_box;

fn floats() -> Vec<f64> {
    (0..1000)
        .map(|i| (i as f64) * 1.2345678e-3 + 1.0 / (i as f64 + 3.0))
        .collect()
}

fn tostring(c: &mut Criterion) {
    let xs = floats();
    c.bench_function("tostring float x1000", |b| {
        b.iter(|| {
            xs.iter()
                .map(|&x| fmt_float(black_box(x)).len())
                .sum::<usize>()
        })
    });
    c.bench_function("tostring integral float x1000", |b| {
        b.iter(|| {
            (0..1000)
                .map(|i| fmt_float(black_box(i as f64)).len())
                .sum::<usize>()
        })
    });
    c.bench_function("tostring integer x1000", |b| {
        b.iter(|| {
            (0..1000i64)
                .map(|i| fmt_integer(black_box(i * 7919)).len())
                .sum::<usize>()
        })
    });
}

fn format(c: &mut Criterion) {
    let xs = floats();
    for spec in ["%.14g", "%5.2f", "%e", "%a", "%d"] {
        c.bench_function(&format!("string.format('{spec}') x1000"), |b| {
            let mut out = Vec::new();
            b.iter(|| {
                out.clear();
                for (i, &x) in xs.iter().enumerate() {
                    for piece in FormatParser::new(spec.as_bytes()) {
                        if let Piece::Conversion {
                            conversion: Ok(c), ..
                        } = piece
                        {
                            if spec == "%d" {
                                c.format_integer(&mut out, i as i64).unwrap();
                            } else {
                                c.format_float(&mut out, black_box(x)).unwrap();
                            }
                        }
                    }
                }
                out.len()
            })
        });
    }
}

fn patterns(c: &mut Criterion) {
    let text: Vec<u8> =
        b"The quick brown fox jumps over the lazy dog; key=value, x=42\n".repeat(100);
    c.bench_function("find '(%w+)=(%w+)' in 6 KB", |b| {
        b.iter(|| {
            find(black_box(&text), b"(%w+)=(%w+)", 3000, false, false)
                .unwrap()
                .map(|m| m.0)
        })
    });
    c.bench_function("gsub '%s+' -> ' ' on 6 KB", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            gsub::<Error>(
                black_box(&text),
                b"%s+",
                i64::MAX,
                &mut out,
                |st, m, out| {
                    add_replacement(st, m, b" ", out)?;
                    Ok(true)
                },
            )
            .unwrap()
            .count
        })
    });
    let aaa = vec![b'a'; 1000];
    c.bench_function("find '.-b' in 1000 a's (quadratic)", |b| {
        b.iter(|| {
            find(black_box(&aaa), b".-b", 1, false, true)
                .unwrap()
                .is_none()
        })
    });
}

criterion_group!(benches, tostring, format, patterns);
criterion_main!(benches);
