//! The reducer, signatures and the corpus end to end, on a planted bug: the reference
//! interpreter with `//` truncating (`luadiff::reduce::planted`), named `vm`. A generated
//! program that shows it is found, reduced to a few lines, deduplicated by its
//! signature, filed as a finding, promoted once "fixed", and replayed as a regression.

use std::collections::BTreeMap;

use lua_engine::{Engine, Limits, Outcome, Program};
use luadiff::corpus::{self, Finding};
use luadiff::oracle::{ErrorMode, compare};
use luadiff::reduce::planted::{PlantedBug, PlantedEngine};
use luadiff::reduce::{ReduceError, ReduceOptions, reduce};
use luadiff::signature::{Blame, Difference, Signature};
use luadiff::{registry, run_isolated};

/// native, ref and the planted `vm`.
fn planted_engines() -> Vec<Box<dyn Engine>> {
    vec![
        registry::engine("native").expect("native is built"),
        registry::engine("ref").expect("ref is built"),
        Box::new(PlantedEngine::new(PlantedBug::FloorDivisionTruncates, "vm").unwrap()),
    ]
}

fn run_all(engines: &mut [Box<dyn Engine>], source: &[u8]) -> Vec<(String, Outcome)> {
    let program = Program::new(source, "=program");
    engines
        .iter_mut()
        .map(|e| {
            (
                e.name().to_string(),
                run_isolated(e.as_mut(), &program, &Limits::GENERATED),
            )
        })
        .collect()
}

/// The first `count` generated programs (seeds from 0) on which the planted bug shows.
fn divergent_programs(engines: &mut [Box<dyn Engine>], count: usize) -> Vec<(u64, String)> {
    let config = lua_gen::Config::with_size(40);
    let mut found = Vec::new();
    for seed in 0..2_000u64 {
        let program = lua_gen::Program::from_seed(seed, &config);
        let runs = run_all(engines, program.source().as_bytes());
        if compare(&runs, ErrorMode::Message).status.is_finding() {
            found.push((seed, program.source().to_string()));
            if found.len() == count {
                break;
            }
        }
    }
    found
}

fn options() -> ReduceOptions<'static> {
    ReduceOptions {
        chunkname: "=program".to_string(),
        ..ReduceOptions::default()
    }
}

#[test]
fn a_planted_bug_goes_from_generated_program_to_regression() {
    let mut engines = planted_engines();
    let found = divergent_programs(&mut engines, 6);
    assert_eq!(
        found.len(),
        6,
        "the planted bug shows in generated programs"
    );

    // Reduce each program; the reductions are small (at most 10 lines, the evaluation's
    // target for the median; a `//` reached only through a metamethod keeps its
    // metatable), blame the VM, and keep `//`.
    let mut by_signature: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut reductions = Vec::new();
    let mut sizes = Vec::new();
    for (seed, source) in &found {
        let reduced = reduce(source.as_bytes(), &mut engines, &options())
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        let text = String::from_utf8_lossy(&reduced.source).into_owned();
        assert!(reduced.complete, "seed {seed}: {}", reduced.summary());
        assert!(
            reduced.lines() <= 10,
            "seed {seed}: {}\n{text}",
            reduced.summary()
        );
        sizes.push(reduced.lines());
        assert!(text.contains("//"), "seed {seed}:\n{text}");
        assert_eq!(reduced.signature.blame, Blame::VmCompilerOrRuntime);
        // The reduced program shows exactly the original's signature.
        let runs = run_all(&mut engines, &reduced.source);
        let verdict = compare(&runs, ErrorMode::Message);
        assert_eq!(Signature::of(&verdict, &runs), reduced.signature);
        by_signature
            .entry(reduced.signature.id())
            .or_default()
            .push(*seed);
        reductions.push((*seed, reduced));
    }
    sizes.sort_unstable();
    assert!(sizes[sizes.len() / 2] <= 6, "reduced sizes {sizes:?}");
    // One bug, a few symptoms (a wrong integer, a wrong float, a sign): repeats of a
    // symptom share a signature.
    assert!(
        by_signature.len() < found.len(),
        "signatures do not deduplicate: {by_signature:?}"
    );

    // File the findings: one file per signature, whatever the number of repeats.
    let dir = tempfile::tempdir().unwrap();
    let findings = dir.path().join("corpus/findings");
    let descriptions: Vec<(String, String)> = engines
        .iter()
        .map(|e| (e.name().to_string(), e.description()))
        .collect();
    let mut paths = Vec::new();
    for (seed, reduced) in &reductions {
        let mut finding = Finding::new(
            reduced.signature.clone(),
            reduced.source.clone(),
            "tests/reduce.rs",
        );
        finding.seed = Some(*seed);
        finding.engines = descriptions.clone();
        finding.reduction = Some(reduced.summary());
        let path = corpus::write_finding(&findings, &finding).unwrap();
        paths.push(path);
    }
    let files = corpus::lua_files(&findings).unwrap();
    assert_eq!(files.len(), by_signature.len());
    let first = std::fs::read(&paths[0]).unwrap();
    let (header, offset) = corpus::Header::parse(&first).expect("a finding header");
    assert_eq!(header.signature_id, reductions[0].1.signature.id());
    assert_eq!(header.seed, Some(found[0].0));
    assert!(
        header.engines.contains("PUC-Rio Lua 5.4"),
        "{}",
        header.engines
    );
    assert!(header.blame.contains("VM"), "{}", header.blame);
    assert_eq!(&first[offset..], &reductions[0].1.source[..]);

    // The file still shows the bug as it is, header and all.
    let runs = run_all(&mut engines, &first);
    assert!(compare(&runs, ErrorMode::Message).status.is_finding());

    // Promotion refuses while the bug is there, then works once it is "fixed" (the
    // real engines have no such bug).
    let root = dir.path();
    std::fs::write(root.join("Cargo.toml"), "").unwrap();
    let refused = corpus::promote(root, &paths[0], Some("// truncated"), &mut engines, false);
    assert!(
        matches!(refused, Err(corpus::PromoteError::StillDiverges(_))),
        "{refused:?}"
    );
    let mut fixed: Vec<Box<dyn Engine>> = ["native", "ref", "vm", "vm-O0"]
        .iter()
        .map(|name| registry::engine(name).unwrap())
        .collect();
    let promoted = corpus::promote(
        root,
        &paths[0],
        Some("// truncated toward zero"),
        &mut fixed,
        false,
    )
    .unwrap();
    assert!(!paths[0].exists());
    let text = std::fs::read(&promoted).unwrap();
    let (header, _) = corpus::Header::parse(&text).unwrap();
    assert_eq!(header.bug.as_deref(), Some("// truncated toward zero"));
    assert_eq!(corpus::regressions(root).unwrap().len(), 1);

    // The regression replays on every engine against its snapshot; the planted bug
    // fails it.
    let summary = corpus::check_all(root, &mut fixed, |_, _, _| {}).unwrap();
    assert!(summary.failures.is_empty(), "{:?}", summary.failures);
    assert_eq!(summary.engines.len(), 4);
    assert!(summary.engines.iter().all(|(_, t)| t.passed == 1));
    let summary = corpus::check_all(root, &mut engines, |_, _, _| {}).unwrap();
    assert_eq!(summary.failures.len(), 1);
    assert_eq!(summary.failures[0].0, "vm");
}

#[test]
fn inputs_that_cannot_be_reduced_are_refused() {
    let mut engines = planted_engines();
    assert!(matches!(
        reduce(b"print(1 +", &mut engines, &options()),
        Err(ReduceError::Syntax(_))
    ));
    assert!(matches!(
        reduce(b"print(7 // 2)", &mut engines, &options()),
        Err(ReduceError::NotInteresting(_))
    ));
    assert!(matches!(
        reduce(b"while true do end", &mut engines, &options()),
        Err(ReduceError::NotInteresting(_))
    ));
    let mut one = vec![registry::engine("native").unwrap()];
    assert_eq!(
        reduce(b"print(1)", &mut one, &options()).err(),
        Some(ReduceError::TooFewEngines)
    );
}

#[test]
fn a_hand_written_divergence_reduces_to_its_core() {
    let source = b"local t = {}\n\
        for i = 1, 10 do t[i] = i * 3 end\n\
        local function f(a, b)\n  local unused = a + b\n  return a // b\nend\n\
        print('start')\n\
        print(#t, f(t[3], 2))\n\
        print(f(-t[7], 4))\n\
        print('end')\n";
    let mut engines = planted_engines();
    let reduced = reduce(source, &mut engines, &options()).unwrap();
    let text = String::from_utf8_lossy(&reduced.source).into_owned();
    assert_eq!(reduced.signature.difference, Difference::Output);
    assert_eq!(
        reduced.signature.location, r#""-0" (numbers differ)"#,
        "{}",
        reduced.signature
    );
    assert_eq!(text, "print(-7 // 4)\n", "{}", reduced.summary());
    assert!(text.contains("//"), "{text}");
}
