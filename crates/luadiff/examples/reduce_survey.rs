//! Measures the reducer on planted bugs: for each bug, the first N generated programs
//! that show it are reduced, and the sizes, times and signatures are summarised.
//!
//! `cargo run --release -p luadiff --example reduce_survey -- [N] [SIZE]` (default 10
//! programs of lua-gen size 40 per bug). Prints one line per reduction, then per bug
//! the median and worst lines and seconds and the number of distinct signatures.

use std::time::Duration;

use lua_engine::{Engine, Limits, Program};
use luadiff::oracle::{ErrorMode, compare};
use luadiff::reduce::planted::{PlantedBug, PlantedEngine};
use luadiff::reduce::{ReduceOptions, reduce};
use luadiff::{registry, run_isolated};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let wanted: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10);
    let size: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(40);
    let config = lua_gen::Config::with_size(size);
    luadiff::isolate::quiet_worker_panics();
    for bug in PlantedBug::ALL {
        let mut engines: Vec<Box<dyn Engine>> = vec![
            registry::engine("native").expect("native"),
            registry::engine("ref").expect("ref"),
            Box::new(PlantedEngine::new(bug, "vm").expect("ref")),
        ];
        let mut results = Vec::new();
        let mut signatures = std::collections::BTreeSet::new();
        let mut seed = 0u64;
        while results.len() < wanted && seed < 20_000 {
            let program = lua_gen::Program::from_seed(seed, &config);
            seed += 1;
            let source = program.source().as_bytes();
            let runs: Vec<_> = engines
                .iter_mut()
                .map(|e| {
                    let outcome = run_isolated(
                        e.as_mut(),
                        &Program::new(source, "=program"),
                        &Limits::GENERATED,
                    );
                    (e.name().to_string(), outcome)
                })
                .collect();
            if !compare(&runs, ErrorMode::Message).status.is_finding() {
                continue;
            }
            let options = ReduceOptions {
                chunkname: "=program".to_string(),
                time_budget: Some(Duration::from_secs(60)),
                ..ReduceOptions::default()
            };
            match reduce(source, &mut engines, &options) {
                Ok(reduced) => {
                    let text = String::from_utf8_lossy(&reduced.source);
                    println!(
                        "{} seed {}: {} | keeps {}: {} | {}",
                        bug.name(),
                        seed - 1,
                        reduced.summary(),
                        bug.operator(),
                        text.contains(bug.operator()),
                        reduced.signature
                    );
                    signatures.insert(reduced.signature.id());
                    results.push((reduced.lines(), reduced.elapsed.as_secs_f64()));
                }
                Err(e) => println!("{} seed {}: not reduced: {e}", bug.name(), seed - 1),
            }
        }
        if results.is_empty() {
            println!("{}: no program shows it", bug.name());
            continue;
        }
        let mut lines: Vec<usize> = results.iter().map(|r| r.0).collect();
        let mut seconds: Vec<f64> = results.iter().map(|r| r.1).collect();
        lines.sort_unstable();
        seconds.sort_by(f64::total_cmp);
        println!(
            "== {}: {} programs (of {} seeds): lines median {} max {}; seconds median {:.2} max {:.2}; {} signatures",
            bug.name(),
            results.len(),
            seed,
            lines[lines.len() / 2],
            lines[lines.len() - 1],
            seconds[seconds.len() / 2],
            seconds[seconds.len() - 1],
            signatures.len()
        );
    }
}
