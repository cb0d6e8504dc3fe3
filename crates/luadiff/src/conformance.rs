//! The conformance suite: every `conformance/**/*.lua` program, run on every engine and
//! compared with its snapshot in `snapshots/conformance/` (native Lua's outcome).
//!
//! Gaps of an engine are listed in one file, `conformance/KNOWN_GAPS`, one line per
//! (engine, program) with the reason. A listed case that starts passing is a failure, so
//! the list stays true. `cargo test` (crates/luadiff/tests/conformance.rs) and
//! `luadiff conformance` both use this module.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lua_engine::{Engine, Limits, Outcome, Program};

use crate::known_gaps::{GapFile, KnownGaps};
use crate::{run_isolated, snapshot};

/// The directory of the programs, relative to the repository root.
pub const PROGRAMS_DIR: &str = "conformance";
/// The known-gaps file, relative to the repository root.
pub const KNOWN_GAPS_FILE: &str = "conformance/KNOWN_GAPS";

/// The conformance suite's known gaps.
pub static KNOWN_GAPS: GapFile = GapFile {
    path: KNOWN_GAPS_FILE,
    subject: "program",
    why_not_native: "the snapshots are its outcomes",
};
/// The directory of the snapshots, relative to the repository root.
pub const SNAPSHOTS_DIR: &str = "snapshots/conformance";

/// Limits for conformance programs: generous (the programs are small and terminate),
/// but finite, so that an engine bug that loops forever fails one program instead of
/// hanging the suite.
pub const LIMITS: Limits = Limits {
    fuel: 20_000_000_000,
    memory_bytes: 2 << 30,
    depth: 200_000,
    output_bytes: 64 << 20,
    wall_time: Some(Duration::from_secs(300)),
};

/// The repository root: the nearest ancestor of `start` holding `conformance/` and a
/// `Cargo.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(PROGRAMS_DIR).is_dir() && dir.join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
}

/// Every conformance program, as paths relative to the root with `/` separators,
/// sorted. Helper scripts under `conformance/tools/` are not programs.
pub fn programs(root: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    collect_lua_files(&root.join(PROGRAMS_DIR), PROGRAMS_DIR, &mut found)?;
    found.retain(|path| !path.starts_with("conformance/tools/"));
    found.sort();
    Ok(found)
}

fn collect_lua_files(dir: &Path, relative: &str, found: &mut Vec<String>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{relative}/{name}");
        if entry.file_type()?.is_dir() {
            collect_lua_files(&entry.path(), &path, found)?;
        } else if name.ends_with(".lua") {
            found.push(path);
        }
    }
    Ok(())
}

/// The chapter of a program: the directory under `conformance/` (`statements` for
/// `conformance/statements/numeric_for.lua`).
pub fn chapter(program: &str) -> &str {
    let rest = program.strip_prefix("conformance/").unwrap_or(program);
    rest.split('/').next().unwrap_or(rest)
}

/// Where a program's snapshot lives: `snapshots/conformance/<chapter>/<topic>.snap`.
pub fn snapshot_path(root: &Path, program: &str) -> PathBuf {
    let rest = program.strip_prefix("conformance/").unwrap_or(program);
    let rest = rest.strip_suffix(".lua").unwrap_or(rest);
    root.join(SNAPSHOTS_DIR).join(format!("{rest}.snap"))
}

/// Runs a program on an engine, with the chunk name `@conformance/...` that the
/// snapshots' error messages show. A panic in the engine becomes `Crashed`.
pub fn run(engine: &mut dyn Engine, root: &Path, program: &str) -> io::Result<Outcome> {
    let source = std::fs::read(root.join(program))?;
    let chunkname = format!("@{program}");
    Ok(run_isolated(
        engine,
        &Program::new(&source, &chunkname),
        &LIMITS,
    ))
}

/// The result of checking one engine on one program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// The outcome equals the snapshot.
    Pass,
    /// The outcome differs from the snapshot.
    Fail { expected: String, actual: String },
    /// The outcome differs, as `KNOWN_GAPS` says it does.
    KnownGap { reason: String },
    /// Listed in `KNOWN_GAPS` but the outcome now equals the snapshot: the line must go.
    GapNowPasses { reason: String },
    /// There is no snapshot to compare with.
    NoSnapshot { actual: String },
}

impl Check {
    /// Whether this result fails the suite.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            Check::Fail { .. } | Check::GapNowPasses { .. } | Check::NoSnapshot { .. }
        )
    }
}

/// Compares a rendered outcome with the snapshot, taking a known gap into account.
pub fn check(expected: Option<&str>, actual: String, gap: Option<&str>) -> Check {
    let Some(expected) = expected else {
        return Check::NoSnapshot { actual };
    };
    match (expected == actual, gap) {
        (true, None) => Check::Pass,
        (true, Some(reason)) => Check::GapNowPasses {
            reason: reason.to_string(),
        },
        (false, Some(reason)) => Check::KnownGap {
            reason: reason.to_string(),
        },
        (false, None) => Check::Fail {
            expected: expected.to_string(),
            actual,
        },
    }
}

/// Runs one engine on one program and checks it against the stored snapshot.
pub fn check_program(
    engine: &mut dyn Engine,
    root: &Path,
    program: &str,
    gaps: &KnownGaps,
) -> io::Result<Check> {
    let outcome = run(engine, root, program)?;
    let expected = snapshot::read(&snapshot_path(root, program))?;
    Ok(check(
        expected.as_deref(),
        snapshot::render(&outcome),
        gaps.reason(engine.name(), program),
    ))
}

/// Pass / fail / known-gap counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    pub known_gaps: usize,
}

impl Tally {
    pub fn add(&mut self, check: &Check) {
        match check {
            Check::Pass => self.passed += 1,
            Check::KnownGap { .. } => self.known_gaps += 1,
            Check::Fail { .. } | Check::GapNowPasses { .. } | Check::NoSnapshot { .. } => {
                self.failed += 1
            }
        }
    }
}

/// The results of a whole run: per engine, and per engine and chapter.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub programs: usize,
    pub engines: BTreeMap<String, Tally>,
    pub chapters: BTreeMap<(String, String), Tally>,
    /// Every failing (engine, program, check), in the order they ran.
    pub failures: Vec<(String, String, Check)>,
}

/// Runs every program on every engine; `progress` sees each result as it comes.
pub fn run_suite(
    root: &Path,
    engines: &mut [Box<dyn Engine>],
    mut progress: impl FnMut(&str, &str, &Check),
) -> Result<Summary, String> {
    let programs = programs(root).map_err(|e| format!("cannot list {PROGRAMS_DIR}/: {e}"))?;
    let gaps = KnownGaps::load(root, &KNOWN_GAPS)?;
    let mut summary = Summary {
        programs: programs.len(),
        ..Summary::default()
    };
    for program in &programs {
        for engine in engines.iter_mut() {
            let name = engine.name().to_string();
            let check = check_program(engine.as_mut(), root, program, &gaps)
                .map_err(|e| format!("{program}: {e}"))?;
            progress(&name, program, &check);
            summary.engines.entry(name.clone()).or_default().add(&check);
            summary
                .chapters
                .entry((name.clone(), chapter(program).to_string()))
                .or_default()
                .add(&check);
            if check.is_failure() {
                summary.failures.push((name, program.clone(), check));
            }
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_gaps_parse_and_reject_malformed_lines() {
        let gaps = KnownGaps::parse(
            "# comment\n\nvm conformance/a/b.lua   yields across sort are not supported\n",
            &KNOWN_GAPS,
        )
        .unwrap();
        assert_eq!(
            gaps.reason("vm", "conformance/a/b.lua"),
            Some("yields across sort are not supported")
        );
        assert_eq!(gaps.reason("ref", "conformance/a/b.lua"), None);
        assert!(KnownGaps::parse("vm conformance/a/b.lua\n", &KNOWN_GAPS).is_err());
        assert!(KnownGaps::parse("vm x.lua why\nvm x.lua again\n", &KNOWN_GAPS).is_err());
    }

    #[test]
    fn stale_lines_are_reported() {
        let gaps = KnownGaps::parse(
            "vm conformance/gone.lua why\nnative conformance/a.lua why\n",
            &KNOWN_GAPS,
        )
        .unwrap();
        let problems = gaps.stale(&["conformance/a.lua"], &["native", "vm"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn checks_cover_every_combination() {
        assert_eq!(check(Some("a"), "a".into(), None), Check::Pass);
        assert!(matches!(
            check(Some("a"), "b".into(), None),
            Check::Fail { .. }
        ));
        assert!(matches!(
            check(Some("a"), "b".into(), Some("why")),
            Check::KnownGap { .. }
        ));
        assert!(check(Some("a"), "a".into(), Some("why")).is_failure());
        assert!(check(None, "a".into(), None).is_failure());
    }

    #[test]
    fn snapshot_paths_follow_program_paths() {
        let root = Path::new("/r");
        assert_eq!(
            snapshot_path(root, "conformance/statements/numeric_for.lua"),
            Path::new("/r/snapshots/conformance/statements/numeric_for.snap")
        );
        assert_eq!(
            chapter("conformance/statements/numeric_for.lua"),
            "statements"
        );
    }
}
