//! Seed corpora for the libFuzzer targets (`luadiff fuzz-seed`, `just fuzz-seed`).
//!
//! The record is Lua source (Architecture Invariant 6): the targets that take source
//! (`parse`, `parse_native`, `raw_source`) are seeded with every `.lua` file under
//! `conformance/` and `corpus/`. The targets that take generator bytes (`differential`,
//! `vm_compile`) cannot be seeded with source, since the generator's decisions cannot be
//! recovered from a program; they get seeded byte strings instead, so that libFuzzer
//! starts from whole programs rather than from the empty input. Either way the seed
//! corpus is derived data (`fuzz/corpus/` is ignored by git) and can be rebuilt at will.

use std::path::{Path, PathBuf};

use crate::fsutil::write_atomically;

/// Targets seeded with Lua source.
pub const SOURCE_TARGETS: &[&str] = &["parse", "parse_native", "raw_source"];

/// Targets seeded with generator bytes.
pub const GENERATOR_TARGETS: &[&str] = &["differential", "vm_compile"];

/// How many generator byte strings each generator target gets.
pub const GENERATOR_SEEDS: u64 = 64;

/// How long each generator byte string is: a default-size program takes fewer bytes.
const GENERATOR_SEED_BYTES: usize = 2048;

/// Fills `fuzz_corpus/<target>/` for every target from the Lua files under
/// `repository/conformance` and `repository/corpus`. Returns, per target, how many
/// inputs it now has from this seeding.
pub fn fill(repository: &Path, fuzz_corpus: &Path) -> Result<Vec<(String, usize)>, String> {
    let mut sources = Vec::new();
    for dir in ["conformance", "corpus"] {
        collect_lua_files(&repository.join(dir), &mut sources)?;
    }
    if sources.is_empty() {
        return Err(format!(
            "no .lua files under {}/conformance or {}/corpus",
            repository.display(),
            repository.display()
        ));
    }
    sources.sort();
    let mut counts = Vec::new();
    for target in SOURCE_TARGETS {
        let dir = fuzz_corpus.join(target);
        for path in &sources {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            write_input(&dir, &bytes)?;
        }
        counts.push((target.to_string(), sources.len()));
    }
    for target in GENERATOR_TARGETS {
        let dir = fuzz_corpus.join(target);
        for seed in 0..GENERATOR_SEEDS {
            write_input(&dir, &seeded_bytes(seed, GENERATOR_SEED_BYTES))?;
        }
        counts.push((target.to_string(), GENERATOR_SEEDS as usize));
    }
    Ok(counts)
}

/// `luadiff fuzz-seed DIR`: fills the seed corpora from the repository that holds the
/// current directory.
pub fn command(
    dir: &Path,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> i32 {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => {
            let _ = writeln!(stderr, "luadiff: cannot read the current directory: {e}");
            return 2;
        }
    };
    let Some(repository) = crate::conformance::find_root(&cwd) else {
        let _ = writeln!(
            stderr,
            "luadiff: no conformance/ directory here or above: run luadiff fuzz-seed inside the luadiff repository"
        );
        return 2;
    };
    match fill(&repository, dir) {
        Ok(counts) => {
            for (target, count) in counts {
                let _ = writeln!(stdout, "{}/{target}: {count} seed inputs", dir.display());
            }
            0
        }
        Err(message) => {
            let _ = writeln!(stderr, "luadiff: {message}");
            2
        }
    }
}

/// Writes one input under a name made from its content (as libFuzzer names inputs), so
/// seeding twice adds nothing.
fn write_input(dir: &Path, bytes: &[u8]) -> Result<(), String> {
    let path = dir.join(format!("seed-{:016x}", content_hash(bytes)));
    if path.exists() {
        return Ok(());
    }
    write_atomically(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn collect_lua_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            collect_lua_files(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "lua") {
            found.push(path);
        }
    }
    Ok(())
}

/// A deterministic byte string for `seed` (SplitMix64 output).
pub fn seeded_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(len + 8);
    let mut state = super::splitmix64(seed);
    while bytes.len() < len {
        state = super::splitmix64(state);
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(len);
    bytes
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_every_target_once() {
        let repository = tempfile::tempdir().unwrap();
        let conformance = repository.path().join("conformance/basics");
        std::fs::create_dir_all(&conformance).unwrap();
        std::fs::write(conformance.join("a.lua"), "print(1)\n").unwrap();
        std::fs::write(conformance.join("notes.md"), "not Lua\n").unwrap();
        let out = tempfile::tempdir().unwrap();
        let counts = fill(repository.path(), out.path()).unwrap();
        assert_eq!(counts.len(), SOURCE_TARGETS.len() + GENERATOR_TARGETS.len());
        let parse: Vec<_> = std::fs::read_dir(out.path().join("parse"))
            .unwrap()
            .collect();
        assert_eq!(parse.len(), 1);
        let differential = std::fs::read_dir(out.path().join("differential"))
            .unwrap()
            .count();
        assert_eq!(differential, GENERATOR_SEEDS as usize);
        // Seeding again adds nothing.
        fill(repository.path(), out.path()).unwrap();
        assert_eq!(
            std::fs::read_dir(out.path().join("parse")).unwrap().count(),
            1
        );
        assert!(fill(out.path(), out.path()).is_err());
    }
}
