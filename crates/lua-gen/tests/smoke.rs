//! Seeded smoke runs of the generator: programs parse back to their trees, seeds are
//! reproducible, every AST node kind and most library functions appear, the proptest
//! strategy and exhausted inputs give valid programs, and forced features are obeyed.

use std::collections::BTreeSet;

use lua_gen::{Config, Feature, FeatureSet, Program, coverage, strategy};
use proptest::prelude::*;

/// Parses the program's source and checks that it is the generated tree.
fn check_round_trip(p: &Program) {
    let mut chunk = match lua_syntax::parse(p.source().as_bytes(), "=gen") {
        Ok(c) => c,
        Err(e) => panic!("generated program does not parse: {e}\n{p:?}"),
    };
    lua_syntax::visit::clear_lines(&mut chunk);
    assert!(
        &chunk == p.ast(),
        "parse(print(ast)) differs from ast for\n{p:?}"
    );
}

#[test]
fn seeded_programs_parse_back_to_their_trees() {
    let config = Config::default();
    for seed in 0..300 {
        check_round_trip(&Program::from_seed(seed, &config));
    }
}

#[test]
fn big_programs_parse_back_to_their_trees() {
    let config = Config::with_size(200);
    for seed in 0..20 {
        check_round_trip(&Program::from_seed(seed, &config));
    }
}

#[test]
fn the_same_seed_gives_the_same_program() {
    let config = Config::default();
    for seed in [0, 1, 42, u64::MAX] {
        let a = Program::from_seed(seed, &config);
        let b = Program::from_seed(seed, &config);
        assert_eq!(a.source(), b.source());
        assert_eq!(a.ast(), b.ast());
    }
    assert_ne!(
        Program::from_seed(1, &config).source(),
        Program::from_seed(2, &config).source()
    );
}

#[test]
fn every_node_kind_appears_across_programs() {
    let config = Config::default();
    let mut kinds = BTreeSet::new();
    for seed in 0..400 {
        kinds.extend(coverage::node_kinds(
            Program::from_seed(seed, &config).ast(),
        ));
    }
    let missing: Vec<_> = coverage::ALL_NODE_KINDS
        .iter()
        .filter(|k| !kinds.contains(*k))
        .collect();
    assert!(missing.is_empty(), "never generated: {missing:?}");
}

#[test]
fn most_library_functions_appear_across_programs() {
    let config = Config::default();
    let mut functions = BTreeSet::new();
    for seed in 0..400 {
        functions.extend(coverage::library_functions(
            Program::from_seed(seed, &config).ast(),
        ));
    }
    let total = coverage::CONFORMANCE_LIBRARY.len();
    let missing: Vec<_> = coverage::CONFORMANCE_LIBRARY
        .iter()
        .filter(|f| !functions.contains(*f))
        .collect();
    assert!(
        functions.len() * 100 >= total * 90,
        "{} of {total}; never generated: {missing:?}",
        functions.len()
    );
}

#[test]
fn exhausted_inputs_give_valid_programs() {
    let config = Config::default();
    let empty = Program::from_bytes(&[], &config);
    check_round_trip(&empty);
    assert!(
        !empty.source().is_empty(),
        "even an empty input prints something"
    );
    for len in [1, 2, 7, 31, 100, 333] {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
        check_round_trip(&Program::from_bytes(&bytes, &config));
        let ones = vec![0xff; len];
        check_round_trip(&Program::from_bytes(&ones, &config));
    }
}

#[test]
fn disabled_features_stay_out() {
    let config = Config {
        disabled: [Feature::Coroutines, Feature::Goto, Feature::Metatables]
            .into_iter()
            .collect(),
        ..Config::default()
    };
    for seed in 0..100 {
        let p = Program::from_seed(seed, &config);
        let kinds = coverage::node_kinds(p.ast());
        assert!(
            !kinds.contains("stat:Goto") && !kinds.contains("stat:Label"),
            "goto in\n{p:?}"
        );
        let funcs = coverage::library_functions(p.ast());
        assert!(
            !funcs.iter().any(|f| f.starts_with("coroutine.")),
            "coroutines in\n{p:?}"
        );
        assert!(!p.features().contains(Feature::Metatables));
    }
}

#[test]
fn enabled_features_are_always_drawn() {
    let config = Config {
        enabled: FeatureSet::EMPTY.with(Feature::Load),
        ..Config::default()
    };
    for seed in 0..50 {
        assert!(
            Program::from_seed(seed, &config)
                .features()
                .contains(Feature::Load)
        );
    }
}

#[test]
fn debug_shows_the_source() {
    let p = Program::from_seed(3, &Config::default());
    assert!(format!("{p:?}").ends_with(p.source()));
}

/// Generated trees can nest as deep as PUC allows, and parsing, comparing and dropping
/// them recurses: more than a test thread's 2 MiB in a dev build (this test once
/// overflowed it with a random input). The cases run where engines run programs, on a
/// large stack.
#[test]
fn strategy_programs_parse_back() {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            proptest!(ProptestConfig { cases: 40, ..ProptestConfig::default() },
            |(p in strategy(Config::default()))| {
                check_round_trip(&p);
            });
        })
        .expect("a test thread")
        .join()
        .unwrap_or_else(|payload| std::panic::resume_unwind(payload));
}

#[test]
fn feature_specs_force_features_on_and_off() {
    let mut config = Config::default();
    config
        .apply_feature_spec("floats, -goto,+coroutines")
        .expect("known names");
    assert!(config.enabled.contains(Feature::Floats));
    assert!(config.enabled.contains(Feature::Coroutines));
    assert!(config.disabled.contains(Feature::Goto));
    let err = config
        .apply_feature_spec("floats,nope")
        .expect_err("unknown name");
    assert!(err.starts_with("unknown feature 'nope'"), "{err}");
    for f in Feature::ALL {
        assert_eq!(Feature::from_name(f.name()), Some(f));
    }
}

#[test]
fn extreme_configurations_still_give_valid_programs() {
    let configs = [
        Config {
            size: 0,
            ..Config::default()
        },
        Config {
            max_expr_depth: 0,
            max_block_depth: 0,
            ..Config::default()
        },
        Config {
            cost_budget: 0,
            ..Config::default()
        },
        Config {
            swarm: false,
            risky_percent: 0,
            unprotected_percent: 100,
            ..Config::default()
        },
        Config {
            disabled: FeatureSet::all(),
            ..Config::default()
        },
        Config {
            enabled: FeatureSet::all(),
            size: 80,
            ..Config::default()
        },
    ];
    for config in &configs {
        for seed in 0..25 {
            check_round_trip(&Program::from_seed(seed, config));
        }
    }
}
