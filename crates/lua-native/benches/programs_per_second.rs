//! Programs per second through the native engine: a fresh state, the sandbox, a 10-line program.
//!
//! `cargo bench -p lua-native --bench programs_per_second`; the throughput is the number
//! of programs per second (criterion reports it as elements/s).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lua_engine::{Engine, Limits, Program};
use lua_native::NativeEngine;

const TEN_LINES: &str = "local t = {}
for i = 1, 10 do
  t[i] = i * i
end
local sum = 0
for _, v in ipairs(t) do
  sum = sum + v
end
print('sum', sum, #t)
return sum";

fn programs_per_second(c: &mut Criterion) {
    let mut engine = NativeEngine::new();
    let program = Program::new(TEN_LINES.as_bytes(), "=bench");
    let mut group = c.benchmark_group("native");
    group.throughput(Throughput::Elements(1));
    group.bench_function("ten_line_program", |b| {
        b.iter(|| engine.run(&program, &Limits::GENERATED))
    });
    group.finish();
}

criterion_group!(benches, programs_per_second);
criterion_main!(benches);
