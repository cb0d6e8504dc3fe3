//! The benchmark set (`benches/lua`) through criterion: one group per benchmark, one
//! function per engine that exists (native, ref, vm, vm-O0), engines run in this process
//! through the registry.
//!
//! `luadiff bench` is the tool for ratios against native (a fresh process per run, CPU
//! time, peak memory, baselines); this is criterion's view of the same programs, with its
//! statistics and HTML report (target/criterion/report/index.html). By default each
//! benchmark runs at its small size (milliseconds), so that the whole set finishes in
//! minutes; `LUADIFF_BENCH_SIZE=full` runs the full size with ten samples.
//!
//! Before an engine is timed on a benchmark, its outcome is compared with native's: an
//! engine that diverges is reported and not timed, since a wrong result says nothing about
//! speed.
//!
//! `cargo bench -p luadiff-benches --bench engines -- fib/` runs one group.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use luadiff::bench::{self, Size, TIMING_LIMITS};
use luadiff::{registry, snapshot};

fn size() -> Size {
    match std::env::var("LUADIFF_BENCH_SIZE").as_deref() {
        Ok("full") => Size::Full,
        _ => Size::Small,
    }
}

fn engines(c: &mut Criterion) {
    let root = bench::find_root(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("the repository root above benches/");
    let set = bench::load(&root).expect("the benchmark set loads");
    let size = size();
    let engines = registry::available();
    for benchmark in &set {
        let mut group = c.benchmark_group(&benchmark.name);
        match size {
            Size::Full => {
                group.sample_size(10);
                group.warm_up_time(Duration::from_secs(1));
            }
            Size::Small => {
                group.sample_size(20);
                group.warm_up_time(Duration::from_millis(500));
                group.measurement_time(Duration::from_secs(2));
            }
        }
        let mut native = registry::engine("native").expect("the native engine");
        let expected = snapshot::render(&benchmark.run(native.as_mut(), size, &TIMING_LIMITS));
        for &name in &engines {
            let mut engine = registry::engine(name).expect("an available engine");
            let actual = snapshot::render(&benchmark.run(engine.as_mut(), size, &TIMING_LIMITS));
            if actual != expected {
                eprintln!(
                    "DIVERGENCE: {name} on {} differs from native; not timed:\n{}",
                    benchmark.name,
                    luadiff::report::unified_diff(
                        expected.as_bytes(),
                        actual.as_bytes(),
                        "native",
                        name,
                        false
                    )
                );
                continue;
            }
            group.bench_function(name, |b| {
                b.iter(|| benchmark.run(engine.as_mut(), black_box(size), &TIMING_LIMITS))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, engines);
criterion_main!(benches);
