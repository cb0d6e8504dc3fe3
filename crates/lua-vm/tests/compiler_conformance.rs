//! The compiler over every conformance program at every optimization level: the code
//! verifies, `-O2` with no fuel (or with every pass disabled) is exactly `-O0`, every
//! amount of fuel gives verified code, and the application log matches the count.

use lua_vm::{
    CompileConfig, OptLevel, OptStats, Pass, Proto, compile_with_stats, disassemble, verify,
};
use std::path::{Path, PathBuf};

fn conformance_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("conformance directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "lua") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() > 100, "conformance programs not found");
    files
}

/// The chunk name the test runner uses: `@conformance/<chapter>/<file>`.
fn chunkname(path: &Path) -> String {
    let s = path.to_string_lossy();
    let i = s.find("conformance/").expect("under conformance/");
    format!("@{}", &s[i..])
}

fn compile(source: &[u8], name: &str, config: &CompileConfig) -> (Proto, OptStats) {
    let chunk = lua_syntax::parse(source, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    compile_with_stats(&chunk, name, config).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn config(level: OptLevel) -> CompileConfig {
    CompileConfig::new(level)
}

#[test]
fn every_conformance_program_compiles_and_verifies_at_every_level() {
    for path in conformance_files() {
        let source = std::fs::read(&path).expect("readable");
        let name = chunkname(&path);
        for level in [OptLevel::O0, OptLevel::O1, OptLevel::O2] {
            let (proto, _) = compile(&source, &name, &config(level));
            if let Err(e) = verify(&proto) {
                panic!("{name} at {level}: {e}\n{}", disassemble(&proto));
            }
        }
    }
}

#[test]
fn no_fuel_and_no_passes_give_the_o0_code() {
    for path in conformance_files() {
        let source = std::fs::read(&path).expect("readable");
        let name = chunkname(&path);
        let o0 = disassemble(&compile(&source, &name, &config(OptLevel::O0)).0);
        let no_fuel = CompileConfig {
            opt_fuel: Some(0),
            ..config(OptLevel::O2)
        };
        assert_eq!(
            disassemble(&compile(&source, &name, &no_fuel).0),
            o0,
            "{name}: -O2 with fuel 0 differs from -O0"
        );
        let mut no_passes = config(OptLevel::O2);
        for &pass in Pass::ALL {
            no_passes.disabled_passes.insert(pass);
        }
        let (proto, stats) = compile(&source, &name, &no_passes);
        assert_eq!(stats.applications, 0);
        assert_eq!(
            disassemble(&proto),
            o0,
            "{name}: -O2 without passes differs from -O0"
        );
    }
}

/// Every prefix of the rewrites must give valid code, or fuel bisection would blame the
/// wrong rewrite. All fuel values for small programs, a stride for large ones.
#[test]
fn every_fuel_value_gives_verified_code() {
    for path in conformance_files().iter().step_by(7) {
        let source = std::fs::read(path).expect("readable");
        let name = chunkname(path);
        let (_, full) = compile(&source, &name, &config(OptLevel::O2));
        let total = full.applications;
        let stride = (total / 40).max(1);
        let mut fuel = 0;
        while fuel <= total {
            let cfg = CompileConfig {
                opt_fuel: Some(fuel),
                ..config(OptLevel::O2)
            };
            let (proto, stats) = compile(&source, &name, &cfg);
            assert_eq!(stats.applications, fuel, "{name}: fuel {fuel}");
            if let Err(e) = verify(&proto) {
                panic!("{name} with fuel {fuel}: {e}\n{}", disassemble(&proto));
            }
            fuel += stride;
        }
    }
}

#[test]
fn the_application_log_names_every_rewrite() {
    let path = conformance_files()
        .into_iter()
        .find(|p| p.ends_with("statements/goto_continue.lua"))
        .expect("goto_continue.lua");
    let source = std::fs::read(&path).expect("readable");
    let name = chunkname(&path);
    let cfg = CompileConfig {
        record_applications: true,
        ..config(OptLevel::O2)
    };
    let (_, stats) = compile(&source, &name, &cfg);
    assert_eq!(stats.log.len() as u64, stats.applications);
    for (i, app) in stats.log.iter().enumerate() {
        assert_eq!(app.number, i as u64 + 1);
    }
    let per_pass: u64 = stats.per_pass.iter().map(|(_, n)| n).sum();
    assert_eq!(per_pass, stats.applications);
    // With fuel N, the first N applications are the same as without a limit.
    let n = stats.applications / 2;
    let limited = CompileConfig {
        opt_fuel: Some(n),
        ..cfg
    };
    let (_, half) = compile(&source, &name, &limited);
    assert_eq!(half.log[..], stats.log[..n as usize]);
    assert!(half.out_of_fuel);
}
