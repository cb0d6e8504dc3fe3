//! Campaign throughput: programs per second for generating programs with lua-gen, running
//! them on every engine through the registry, and asking the oracle, as `luadiff fuzz`
//! does for each program (single-threaded here; a campaign runs one worker per core).
//!
//! Each iteration handles the same 32 seeds, so criterion's elements per second are
//! programs per second. `cargo bench -p luadiff-benches --bench campaign`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lua_engine::Limits;
use lua_gen::{Config, Program};
use luadiff::{ErrorMode, registry};

/// Programs per iteration.
const BATCH: u64 = 32;

fn campaign(c: &mut Criterion) {
    let config = Config::with_size(luadiff::campaign::DEFAULT_SIZE);
    let seeds = 0..BATCH;
    let programs: Vec<Program> = seeds
        .clone()
        .map(|seed| Program::from_seed(seed, &config))
        .collect();
    let mut engines: Vec<_> = registry::available()
        .into_iter()
        .map(|name| registry::engine(name).expect("an available engine"))
        .collect();

    let mut group = c.benchmark_group("campaign");
    group.throughput(Throughput::Elements(BATCH));
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(10));

    group.bench_function("generate", |b| {
        b.iter(|| {
            seeds
                .clone()
                .map(|seed| Program::from_seed(black_box(seed), &config).source().len())
                .sum::<usize>()
        })
    });
    // Every engine runs every program, then the oracle compares them.
    group.bench_function("run_all_engines_and_compare", |b| {
        b.iter(|| {
            for program in &programs {
                let source = program.source().as_bytes();
                let report = luadiff::commands::compare_program(
                    "bench",
                    &mut engines,
                    &lua_engine::Program::new(source, "=bench"),
                    &Limits::GENERATED,
                    ErrorMode::Kind,
                );
                black_box(report.verdict.status);
            }
        })
    });
    group.bench_function("generate_run_and_compare", |b| {
        b.iter(|| {
            for seed in seeds.clone() {
                let program = Program::from_seed(seed, &config);
                let report = luadiff::commands::compare_program(
                    "bench",
                    &mut engines,
                    &lua_engine::Program::new(program.source().as_bytes(), "=bench"),
                    &Limits::GENERATED,
                    ErrorMode::Kind,
                );
                black_box(report.verdict.status);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, campaign);
criterion_main!(benches);
