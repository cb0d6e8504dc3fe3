//! Compiling speed on the front-end benchmark's generated 5+ MB source: lua-vm's compiler
//! (from a syntax tree, at -O0 and -O2, and from source text including the parse) and
//! native Lua's `load` (PUC's one-pass parser and code generator) on the same text, so
//! that the figures of one run can be compared.
//!
//! `cargo bench -p luadiff-benches --bench compile`; criterion reports bytes per second.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lua_vm::{CompileConfig, OptLevel};

/// The size of the generated source, as in the `frontend` benchmark.
const SOURCE_BYTES: usize = 5 << 20;

fn compile(c: &mut Criterion) {
    let source = luadiff_benches::lua_source(SOURCE_BYTES, 54);
    let source = source.as_bytes();
    let chunk = lua_syntax::parse(source, "=bench").expect("the generated source parses");
    // Every function must compile everywhere, or the benchmark would time an early error.
    lua_native::compile_only(source, "=bench").expect("native Lua loads the source");
    let o0 = CompileConfig::new(OptLevel::O0);
    let o2 = CompileConfig::new(OptLevel::O2);
    lua_vm::compile(&chunk, "=bench", &o2).expect("lua-vm compiles the source");

    let mut group = c.benchmark_group("compile");
    group.throughput(Throughput::Bytes(source.len() as u64));
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(12));

    group.bench_function("vm_O0_from_ast", |b| {
        b.iter_with_large_drop(|| lua_vm::compile(black_box(&chunk), "=bench", &o0).unwrap())
    });
    group.bench_function("vm_O2_from_ast", |b| {
        b.iter_with_large_drop(|| lua_vm::compile(black_box(&chunk), "=bench", &o2).unwrap())
    });
    // What `load` costs the VM engine: parse, then compile.
    group.bench_function("vm_O2_from_source", |b| {
        b.iter_with_large_drop(|| {
            let chunk = lua_syntax::parse(black_box(source), "=bench").unwrap();
            lua_vm::compile(&chunk, "=bench", &o2).unwrap()
        })
    });
    group.bench_function("native_load", |b| {
        b.iter(|| lua_native::compile_only(black_box(source), "=bench").unwrap())
    });
    group.finish();
}

criterion_group!(benches, compile);
criterion_main!(benches);
