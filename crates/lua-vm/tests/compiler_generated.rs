//! The compiler over generated programs (lua-gen, seeded): every program compiles and
//! verifies at every level and under pseudo-random pass configurations and fuel, and
//! `-O2` without fuel is `-O0`. (Running them is the differential campaigns' job; here
//! the verifier is the oracle.)

use lua_gen::{Config, Program};
use lua_vm::{CompileConfig, OptLevel, Pass, compile_with_stats, disassemble, verify};

/// xorshift, for reproducible configurations.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn generated_programs_verify_under_random_configurations() {
    let mut rng = 0x2545f4914f6cdd1du64;
    for seed in 0..150u64 {
        let size = [10, 40, 120][seed as usize % 3];
        let program = Program::from_seed(seed, &Config::with_size(size));
        let chunk = program.ast();
        let mut configs = vec![
            CompileConfig::new(OptLevel::O0),
            CompileConfig::new(OptLevel::O1),
            CompileConfig::new(OptLevel::O2),
        ];
        for _ in 0..4 {
            let mut c = CompileConfig::new(OptLevel::O2);
            for &pass in Pass::ALL {
                if next(&mut rng).is_multiple_of(3) {
                    c.disabled_passes.insert(pass);
                }
            }
            if next(&mut rng).is_multiple_of(2) {
                c.opt_fuel = Some(next(&mut rng) % 300);
            }
            configs.push(c);
        }
        let mut o0 = String::new();
        for config in &configs {
            let (proto, stats) = compile_with_stats(chunk, "=gen", config)
                .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{program:?}"));
            if let Err(e) = verify(&proto) {
                panic!(
                    "seed {seed} with {config:?}: {e}\n{program:?}\n{}",
                    disassemble(&proto)
                );
            }
            if config.opt_level == OptLevel::O0 {
                o0 = disassemble(&proto);
            }
            if let Some(fuel) = config.opt_fuel {
                assert!(stats.applications <= fuel);
            }
        }
        let no_fuel = CompileConfig {
            opt_fuel: Some(0),
            ..CompileConfig::new(OptLevel::O2)
        };
        let (proto, _) = compile_with_stats(chunk, "=gen", &no_fuel).expect("compiles");
        assert_eq!(
            disassemble(&proto),
            o0,
            "seed {seed}: fuel 0 differs from -O0"
        );
    }
}
