//! Front-end speed: lexing and parsing a generated 5+ MB Lua program.
//!
//! Targets (on the development machine): lexing at least 150 MB/s, parsing to an AST at
//! least 40 MB/s; native Lua's `load` on the same text is timed alongside. Run with
//! `cargo bench -p luadiff-benches --bench frontend`; criterion reports the throughput
//! in bytes per second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lua_syntax::lexer::{Lexer, Token};
use std::hint::black_box;

/// The size of the generated source.
const SOURCE_BYTES: usize = 5 << 20;

fn frontend(c: &mut Criterion) {
    let source = luadiff_benches::lua_source(SOURCE_BYTES, 54);
    let source = source.as_bytes();
    // The input must be valid, or the benchmark would measure an early error.
    lua_syntax::parse(source, "=bench").expect("the generated source parses");

    let mut group = c.benchmark_group("frontend");
    group.throughput(Throughput::Bytes(source.len() as u64));
    group.sample_size(20);

    // The parser's own interface to the lexer: one token at a time.
    group.bench_function("lex", |b| {
        b.iter(|| {
            let mut lexer = Lexer::new(black_box(source), "=bench");
            let mut n = 0usize;
            while lexer.next_token().expect("the source lexes") != Token::Eof {
                n += 1;
            }
            n
        })
    });

    // The tree is dropped outside the measurement: this is the cost of building it.
    group.bench_function("parse", |b| {
        b.iter_with_large_drop(|| lua_syntax::parse(black_box(source), "=bench").unwrap())
    });

    // Native Lua's `load` (compile only) on the same text, in the same run, so the ratio
    // is visible. PUC parses and generates bytecode in one pass: this is an upper bound
    // for a parse alone; the `compile` benchmark sets it against lua-vm's whole compiler.
    lua_native::compile_only(source, "=bench").expect("native Lua loads the source");
    group.bench_function("native_load", |b| {
        b.iter(|| lua_native::compile_only(black_box(source), "=bench"))
    });

    group.finish();
}

criterion_group!(benches, frontend);
criterion_main!(benches);
