//! The corpus: findings as portable Lua files, and the fixed ones kept as regression tests.
//!
//! * `corpus/findings/` receives what campaigns and `luadiff reduce` find: one `.lua`
//!   file per [`Signature`], named `BLAME-ID.lua`, starting with a header of `--`
//!   comment lines ([`Header`]) followed by the (reduced) program. Written atomically;
//!   a signature already filed is not written again ([`write_finding`]).
//! * `corpus/regressions/` holds findings whose bug was fixed, each with the same header
//!   plus a `-- bug:` line saying what the bug was. `cargo test` (tests/corpus.rs) and
//!   `luadiff corpus check` replay every regression on every engine against its
//!   snapshot in `snapshots/corpus/` (native Lua's outcome, [`snapshot::render`]).
//! * `luadiff corpus promote FILE --why TEXT` moves a finding to the regressions
//!   ([`promote`]) and records its snapshot.
//!
//! The corpus stores Lua source, never only fuzzer bytes (Architecture Invariant 6), so
//! it survives changes to the generator.

pub mod command;

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use lua_engine::{Engine, Limits, Outcome, Program};

use crate::oracle::{ErrorMode, compare};
use crate::signature::Signature;
use crate::{fsutil, run_isolated, snapshot};

/// The findings directory, relative to the repository root.
pub const FINDINGS_DIR: &str = "corpus/findings";
/// The regressions directory, relative to the repository root.
pub const REGRESSIONS_DIR: &str = "corpus/regressions";
/// The snapshots of the regressions, relative to the repository root.
pub const SNAPSHOTS_DIR: &str = "snapshots/corpus";

/// Limits for replaying corpus files: generous (the files are small and terminate), but
/// finite, so that a bug that loops forever fails one file instead of hanging CI.
pub const LIMITS: Limits = Limits {
    fuel: 2_000_000_000,
    memory_bytes: 1 << 30,
    depth: 200_000,
    output_bytes: 16 << 20,
    wall_time: Some(Duration::from_secs(60)),
};

/// Everything a finding file records. Built by campaigns (for each new signature) and
/// by `luadiff reduce`.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub signature: Signature,
    /// The program, reduced when [`Finding::reduction`] says so. Lua source text.
    pub source: Vec<u8>,
    /// How it was found, enough to find it again: `luadiff fuzz --seed 7, program 1234`,
    /// `luadiff reduce bug.lua`.
    pub found_by: String,
    /// The lua-gen seed of the generated program (`Program::from_seed`), if it was one.
    pub seed: Option<u64>,
    /// Every engine that ran, with its description (`Engine::description`, which for
    /// native names the exact Lua release).
    pub engines: Vec<(String, String)>,
    /// For an optimizer bug: the first rewrite that breaks the program (see
    /// [`crate::bisect`]).
    pub bisection: Option<String>,
    /// How the program was reduced: `212 -> 6 lines in 3.1 s (1234 tries)`.
    pub reduction: Option<String>,
    /// Free text for the header (the oracle's one-line pattern, for instance). Each line
    /// becomes a `-- note:` line.
    pub notes: Vec<String>,
}

impl Finding {
    /// A finding with only what every finding has; fill in the rest field by field.
    pub fn new(signature: Signature, source: Vec<u8>, found_by: impl Into<String>) -> Finding {
        Finding {
            signature,
            source,
            found_by: found_by.into(),
            seed: None,
            engines: Vec::new(),
            bisection: None,
            reduction: None,
            notes: Vec::new(),
        }
    }

    /// The file text: the header, then the program.
    pub fn file_text(&self, date: &str) -> Vec<u8> {
        let header = Header {
            signature_id: self.signature.id(),
            divergence: self.signature.to_string(),
            blame: self.signature.blame.to_string(),
            bisection: self.bisection.clone(),
            found_by: self.found_by.clone(),
            seed: self.seed,
            engines: self
                .engines
                .iter()
                .map(|(name, description)| format!("{name} ({description})"))
                .collect::<Vec<_>>()
                .join(", "),
            date: date.to_string(),
            reduction: self.reduction.clone(),
            notes: self.notes.clone(),
            bug: None,
        };
        let mut text = header.render().into_bytes();
        text.extend_from_slice(&self.source);
        if !text.ends_with(b"\n") {
            text.push(b'\n');
        }
        text
    }
}

/// The header of a corpus file, as parsed back from its `-- key: value` lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// [`Signature::id`].
    pub signature_id: String,
    /// The signature in full (`{native,ref,vm-O0} vs {vm}: output: "0.0" vs "0"`).
    pub divergence: String,
    /// The layer at fault, in words.
    pub blame: String,
    pub bisection: Option<String>,
    pub found_by: String,
    pub seed: Option<u64>,
    /// `native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (...), ...`.
    pub engines: String,
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
    pub reduction: Option<String>,
    pub notes: Vec<String>,
    /// For a regression: what the bug was.
    pub bug: Option<String>,
}

/// The first line of every corpus file.
const MAGIC: &str = "-- luadiff finding";

impl Header {
    /// The header as `--` comment lines, each ending with a newline.
    pub fn render(&self) -> String {
        let mut text = format!("{MAGIC}\n");
        let mut line = |key: &str, value: &str| {
            let _ = writeln!(text, "-- {key}: {}", one_line(value));
        };
        line("signature", &self.signature_id);
        line("divergence", &self.divergence);
        line("blame", &self.blame);
        if let Some(bisection) = &self.bisection {
            line("bisection", bisection);
        }
        if let Some(bug) = &self.bug {
            line("bug", bug);
        }
        line("found by", &self.found_by);
        if let Some(seed) = self.seed {
            line("seed", &seed.to_string());
        }
        line("engines", &self.engines);
        line("date", &self.date);
        if let Some(reduction) = &self.reduction {
            line("reduced", reduction);
        }
        for note in &self.notes {
            line("note", note);
        }
        text
    }

    /// Parses the header at the top of a corpus file and returns it with the offset of
    /// the program that follows. `None` if the text does not start with a header.
    pub fn parse(text: &[u8]) -> Option<(Header, usize)> {
        let mut header = Header::default();
        let mut offset = 0;
        let mut first = true;
        for line in text.split_inclusive(|&b| b == b'\n') {
            let Ok(line_text) = std::str::from_utf8(line) else {
                break;
            };
            let trimmed = line_text.trim_end_matches(['\n', '\r']);
            if first {
                if trimmed != MAGIC {
                    return None;
                }
                first = false;
                offset += line.len();
                continue;
            }
            let Some((key, value)) = trimmed
                .strip_prefix("-- ")
                .and_then(|rest| rest.split_once(": "))
            else {
                break;
            };
            let value = value.to_string();
            match key {
                "signature" => header.signature_id = value,
                "divergence" => header.divergence = value,
                "blame" => header.blame = value,
                "bisection" => header.bisection = Some(value),
                "bug" => header.bug = Some(value),
                "found by" => header.found_by = value,
                "seed" => header.seed = value.parse().ok(),
                "engines" => header.engines = value,
                "date" => header.date = value,
                "reduced" => header.reduction = Some(value),
                "note" => header.notes.push(value),
                _ => break,
            }
            offset += line.len();
        }
        if first { None } else { Some((header, offset)) }
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// Writes `finding` into `dir` as `BLAME-ID.lua` (atomically; creating `dir`), unless a
/// file with that signature is already there: then nothing is written and the existing
/// path is returned. Either way the result is the file that holds the signature.
pub fn write_finding(dir: &Path, finding: &Finding) -> io::Result<PathBuf> {
    if let Some(existing) = find_signature(dir, &finding.signature.id())? {
        return Ok(existing);
    }
    let path = dir.join(finding.signature.file_name());
    fsutil::write_atomically(&path, &finding.file_text(&today()))?;
    Ok(path)
}

/// The file in `dir` whose name or header carries the signature id, if any (a missing
/// directory holds none).
pub fn find_signature(dir: &Path, id: &str) -> io::Result<Option<PathBuf>> {
    let suffix = format!("-{id}.lua");
    for path in lua_files(dir)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.is_some_and(|n| n.ends_with(&suffix)) {
            return Ok(Some(path));
        }
    }
    // A file renamed by hand still counts by its header.
    for path in lua_files(dir)? {
        let text = std::fs::read(&path)?;
        if Header::parse(&text).is_some_and(|(header, _)| header.signature_id == id) {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// The signature ids of every file in `dir` (campaigns load them to skip known bugs).
pub fn known_signatures(dir: &Path) -> io::Result<Vec<String>> {
    let mut ids = Vec::new();
    for path in lua_files(dir)? {
        if let Some((header, _)) = Header::parse(&std::fs::read(&path)?) {
            ids.push(header.signature_id);
        }
    }
    Ok(ids)
}

/// The `.lua` files directly in `dir`, sorted; none if `dir` does not exist.
pub fn lua_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "lua") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Today's date in UTC as `YYYY-MM-DD`.
pub fn today() -> String {
    let days = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day number counted from 1970-01-01 (Howard
/// Hinnant's `civil_from_days` algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The repository root: the nearest ancestor of `start` holding `corpus/` and a
/// `Cargo.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("corpus").is_dir() && dir.join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
}

/// Every regression, as paths relative to the root with `/` separators, sorted.
pub fn regressions(root: &Path) -> io::Result<Vec<String>> {
    Ok(lua_files(&root.join(REGRESSIONS_DIR))?
        .iter()
        .filter_map(|p| p.file_name())
        .map(|name| format!("{REGRESSIONS_DIR}/{}", name.to_string_lossy()))
        .collect())
}

/// Every finding, as paths relative to the root, sorted.
pub fn findings(root: &Path) -> io::Result<Vec<String>> {
    Ok(lua_files(&root.join(FINDINGS_DIR))?
        .iter()
        .filter_map(|p| p.file_name())
        .map(|name| format!("{FINDINGS_DIR}/{}", name.to_string_lossy()))
        .collect())
}

/// Where a regression's snapshot lives: `snapshots/corpus/<name>.snap`.
pub fn snapshot_path(root: &Path, regression: &str) -> PathBuf {
    let name = Path::new(regression)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    root.join(SNAPSHOTS_DIR).join(format!("{name}.snap"))
}

/// Runs a corpus file (relative to `root`) on an engine, with the chunk name `@PATH`.
pub fn run(engine: &mut dyn Engine, root: &Path, file: &str) -> io::Result<Outcome> {
    let source = std::fs::read(root.join(file))?;
    let chunkname = format!("@{file}");
    Ok(run_isolated(
        engine,
        &Program::new(&source, &chunkname),
        &LIMITS,
    ))
}

/// The result of replaying one regression on one engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// The outcome equals the snapshot.
    Pass,
    /// The outcome differs from the snapshot: the bug is back (or a new one).
    Fail { expected: String, actual: String },
    /// There is no snapshot: promote the file with `luadiff corpus promote`.
    NoSnapshot { actual: String },
}

impl Check {
    pub fn is_failure(&self) -> bool {
        !matches!(self, Check::Pass)
    }
}

/// Replays a regression on an engine against its stored snapshot.
pub fn check_regression(engine: &mut dyn Engine, root: &Path, file: &str) -> io::Result<Check> {
    let outcome = run(engine, root, file)?;
    let actual = snapshot::render(&outcome);
    Ok(match snapshot::read(&snapshot_path(root, file))? {
        None => Check::NoSnapshot { actual },
        Some(expected) if expected == actual => Check::Pass,
        Some(expected) => Check::Fail { expected, actual },
    })
}

/// Pass and fail counts of one engine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
}

/// What `luadiff corpus check` found.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub regressions: usize,
    /// Per engine, in the order the engines were given.
    pub engines: Vec<(String, Tally)>,
    /// Every failing (engine, regression, check).
    pub failures: Vec<(String, String, Check)>,
    /// Findings on which every engine now agrees: fixed, ready to promote.
    pub fixed_findings: Vec<String>,
    /// Findings that still show a divergence or a crash.
    pub open_findings: usize,
}

/// Replays every regression on every engine, then re-runs every finding to tell which
/// ones are fixed. `progress` sees each regression result as it comes.
pub fn check_all(
    root: &Path,
    engines: &mut [Box<dyn Engine>],
    mut progress: impl FnMut(&str, &str, &Check),
) -> Result<Summary, String> {
    let regressions =
        regressions(root).map_err(|e| format!("cannot list {REGRESSIONS_DIR}/: {e}"))?;
    let mut summary = Summary {
        regressions: regressions.len(),
        engines: engines
            .iter()
            .map(|e| (e.name().to_string(), Tally::default()))
            .collect(),
        ..Summary::default()
    };
    for file in &regressions {
        for (index, engine) in engines.iter_mut().enumerate() {
            let name = engine.name().to_string();
            let check = check_regression(engine.as_mut(), root, file)
                .map_err(|e| format!("{file}: {e}"))?;
            progress(&name, file, &check);
            let tally = &mut summary.engines[index].1;
            if check.is_failure() {
                tally.failed += 1;
                summary.failures.push((name, file.clone(), check));
            } else {
                tally.passed += 1;
            }
        }
    }
    for file in findings(root).map_err(|e| format!("cannot list {FINDINGS_DIR}/: {e}"))? {
        let mut runs = Vec::new();
        for engine in engines.iter_mut() {
            let outcome = run(engine.as_mut(), root, &file).map_err(|e| format!("{file}: {e}"))?;
            runs.push((engine.name().to_string(), outcome));
        }
        if compare(&runs, ErrorMode::Message).status.is_finding() {
            summary.open_findings += 1;
        } else {
            summary.fixed_findings.push(file);
        }
    }
    Ok(summary)
}

/// Why a promotion did not happen.
#[derive(Debug)]
pub enum PromoteError {
    /// The file is not a corpus finding (no header), or cannot be read.
    BadFile(String),
    /// The engines still disagree on it: the bug is not fixed.
    StillDiverges(String),
    Io(String),
}

impl std::fmt::Display for PromoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PromoteError::BadFile(m) | PromoteError::StillDiverges(m) | PromoteError::Io(m) => {
                f.write_str(m)
            }
        }
    }
}

impl std::error::Error for PromoteError {}

/// Moves the finding `file` to `corpus/regressions/` under `root`, adding a `-- bug:`
/// line (`why`, or the signature's description when `None`), and records its snapshot
/// (native's outcome, from the new path). Refuses a file on which `engines` still
/// disagree unless `force`. Returns the new path.
pub fn promote(
    root: &Path,
    file: &Path,
    why: Option<&str>,
    engines: &mut [Box<dyn Engine>],
    force: bool,
) -> Result<PathBuf, PromoteError> {
    let text = std::fs::read(file)
        .map_err(|e| PromoteError::BadFile(format!("cannot read {}: {e}", file.display())))?;
    let Some((mut header, offset)) = Header::parse(&text) else {
        return Err(PromoteError::BadFile(format!(
            "{} is not a corpus finding (it has no `{MAGIC}` header)",
            file.display()
        )));
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| PromoteError::BadFile(format!("{} names no file", file.display())))?;
    header.bug = Some(
        why.map(str::to_string)
            .unwrap_or_else(|| format!("{} ({})", header.blame, header.divergence)),
    );
    let mut new_text = header.render().into_bytes();
    new_text.extend_from_slice(&text[offset..]);

    let relative = format!("{REGRESSIONS_DIR}/{name}");
    let destination = root.join(&relative);
    let chunkname = format!("@{relative}");
    let program = Program::new(&new_text, &chunkname);
    let mut runs = Vec::new();
    for engine in engines.iter_mut() {
        runs.push((
            engine.name().to_string(),
            run_isolated(engine.as_mut(), &program, &LIMITS),
        ));
    }
    let verdict = compare(&runs, ErrorMode::Message);
    if verdict.status.is_finding() && !force {
        return Err(PromoteError::StillDiverges(format!(
            "the engines still disagree on {}: {}; promote a finding once its bug is fixed (or pass --force)",
            file.display(),
            verdict.classes_text()
        )));
    }
    let Some((_, native)) = runs.iter().find(|(name, _)| name == "native") else {
        return Err(PromoteError::BadFile(
            "promotion needs the native engine: its outcome is the snapshot".to_string(),
        ));
    };
    let io = |e: io::Error| PromoteError::Io(e.to_string());
    snapshot::write(
        &snapshot_path(root, &relative),
        "crates/luadiff/tests/corpus.rs",
        &relative,
        &snapshot::render(native),
    )
    .map_err(io)?;
    fsutil::write_atomically(&destination, &new_text).map_err(io)?;
    if file.canonicalize().ok() != destination.canonicalize().ok() {
        std::fs::remove_file(file).map_err(io)?;
    }
    Ok(destination)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(today().len(), 10);
    }

    #[test]
    fn headers_round_trip() {
        let header = Header {
            signature_id: "0123456789abcdef".to_string(),
            divergence: "{native,ref} vs {vm}: output: \"0\" vs \"0.0\"".to_string(),
            blame: "VM compiler or runtime".to_string(),
            bisection: Some("pass `fold`, application 3, main chunk".to_string()),
            found_by: "luadiff fuzz --seed 1".to_string(),
            seed: Some(42),
            engines: "native (PUC-Rio Lua 5.4.9), vm (lua-vm)".to_string(),
            date: "2024-01-01".to_string(),
            reduction: Some("200 -> 3 lines".to_string()),
            notes: vec!["one".to_string(), "two".to_string()],
            bug: Some("fold truncated".to_string()),
        };
        let mut text = header.render().into_bytes();
        text.extend_from_slice(b"-- a comment of the program\nprint(1)\n");
        let (parsed, offset) = Header::parse(&text).unwrap();
        assert_eq!(parsed, header);
        assert_eq!(&text[offset..], b"-- a comment of the program\nprint(1)\n");
        assert_eq!(Header::parse(b"print(1)\n"), None);
    }
}
