//! Findings of a campaign: what kind they are, the signature that deduplicates them, and
//! the `.lua` file each one is filed as.
//!
//! Temporary: the signature and the file format here stand in for the `signature` and
//! `corpus` modules the reducer's author is writing; the campaign switches to those when
//! they land. A signature names the kind of finding, the oracle's pattern, the classes
//! of engines and how each class ended, so that one bug found by many programs is filed
//! once, and two bugs in one engine with different symptoms are filed twice.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use lua_engine::{End, ErrorKind};

use crate::fsutil::write_atomically;
use crate::report::Report;

/// What a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// Engines ran the program to different results.
    Divergence,
    /// An engine panicked, or the worker process running it died.
    Crash,
    /// An engine ran past every limit and the watchdog stopped it.
    Hang,
    /// The performance oracle: vm at -O2 executed more than 110% of vm-O0's instructions.
    Performance,
}

impl FindingKind {
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Divergence => "divergence",
            FindingKind::Crash => "crash",
            FindingKind::Hang => "hang",
            FindingKind::Performance => "performance",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A finding, ready to be filed.
#[derive(Clone, Debug)]
pub struct Finding {
    pub kind: FindingKind,
    pub signature: String,
    /// The oracle's name for what went wrong ("VM or compiler bug").
    pub pattern: String,
    /// The program (reduced, when `reduced`).
    pub source: String,
    /// The length in bytes of the generated program before reduction.
    pub original_len: usize,
    pub reduced: bool,
    /// How the program was found and how to generate it again.
    pub provenance: String,
    /// The oracle's report on the filed program, for the file's header.
    pub details: String,
}

/// The signature of a divergence or a crash seen in `report`.
pub fn signature(kind: FindingKind, report: &Report) -> String {
    let verdict = &report.verdict;
    let pattern = verdict.pattern.as_deref().unwrap_or("agree");
    match kind {
        FindingKind::Crash => {
            let places: Vec<String> = report
                .runs
                .iter()
                .filter_map(|(engine, outcome)| match &outcome.end {
                    End::Crashed(message) => Some(format!("{engine} {}", crash_place(message))),
                    _ => None,
                })
                .collect();
            format!("crash: {}", places.join("; "))
        }
        FindingKind::Divergence => {
            let native_output = report
                .runs
                .iter()
                .find(|(engine, _)| verdict.classes[0].contains(engine))
                .map(|(_, outcome)| crate::normalize::addresses(&outcome.output).into_owned());
            let classes: Vec<String> = verdict
                .classes
                .iter()
                .map(|class| {
                    let outcome = &report
                        .runs
                        .iter()
                        .find(|(engine, _)| engine == &class[0])
                        .expect("every class member ran")
                        .1;
                    let output = crate::normalize::addresses(&outcome.output);
                    let differs = native_output.as_deref() != Some(output.as_ref());
                    format!(
                        "{{{}}} {}{}",
                        class.join(","),
                        end_category(&outcome.end),
                        if differs { " +output" } else { "" }
                    )
                })
                .collect();
            format!("divergence: {pattern}: {}", classes.join(" vs "))
        }
        FindingKind::Hang => format!("hang: {pattern}"),
        FindingKind::Performance => {
            "performance: vm at -O2 executes more than 110% of vm-O0's instructions".to_string()
        }
    }
}

/// How a run ended, as a category: no values or messages, which vary between programs
/// showing the same bug.
fn end_category(end: &End) -> &'static str {
    match end {
        End::Returned(_) => "returned",
        End::Error(e) if e.kind == ErrorKind::Syntax => "syntax-error",
        End::Error(_) => "runtime-error",
        End::Exhausted(_) => "exhausted",
        End::Crashed(_) => "crashed",
    }
}

/// Where a panic happened (`at FILE:LINE`), or its message with digits blanked.
fn crash_place(message: &str) -> String {
    if let Some(at) = message.rfind(" at ") {
        let place = &message[at + 4..];
        // Drop the column: the line names the place.
        return match place.rsplit_once(':') {
            Some((file_line, column)) if column.chars().all(|c| c.is_ascii_digit()) => {
                format!("at {file_line}")
            }
            _ => format!("at {place}"),
        };
    }
    message
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .take(80)
        .collect()
}

/// The file name a signature is filed under: kind, then a hash of the signature, so the
/// same signature always lands in the same file.
pub fn file_name(kind: FindingKind, signature: &str) -> String {
    format!("{}-{:016x}.lua", kind.name(), fnv1a(signature.as_bytes()))
}

/// FNV-1a, 64 bits: stable across Rust versions, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The text of a finding file: a header of `--` comment lines, then the program.
pub fn file_text(finding: &Finding) -> String {
    let mut text = String::new();
    text += &format!("-- luadiff finding: {}\n", finding.kind);
    text += &format!("-- signature: {}\n", one_line(&finding.signature));
    text += &format!("-- pattern: {}\n", one_line(&finding.pattern));
    text += &format!("-- found by: {}\n", one_line(&finding.provenance));
    text += &format!(
        "-- reduced: {}\n",
        if finding.reduced {
            format!(
                "yes, from {} to {} bytes",
                finding.original_len,
                finding.source.len()
            )
        } else {
            "no".to_string()
        }
    );
    for line in finding.details.lines().take(40) {
        text += &format!("-- | {line}\n");
    }
    text += &finding.source;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// Files `finding` in `dir` (atomically) and returns the path.
pub fn write(dir: &Path, finding: &Finding) -> std::io::Result<PathBuf> {
    let path = dir.join(file_name(finding.kind, &finding.signature));
    write_atomically(&path, file_text(finding).as_bytes())?;
    Ok(path)
}

/// The signatures of the findings already filed in `dir` (their `-- signature:` lines),
/// so that a campaign does not file them again.
pub fn known_signatures(dir: &Path) -> HashSet<String> {
    let mut known = HashSet::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return known;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "lua")
            && let Ok(text) = std::fs::read_to_string(&path)
            && let Some(signature) = text
                .lines()
                .take_while(|line| line.starts_with("--"))
                .find_map(|line| line.strip_prefix("-- signature: "))
        {
            known.insert(signature.to_string());
        }
    }
    known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crash_places_drop_columns_and_numbers() {
        assert_eq!(
            crash_place("panic in engine vm: index out of bounds at crates/x.rs:10:5"),
            "at crates/x.rs:10"
        );
        assert_eq!(
            crash_place("worker died: signal 11"),
            "worker died: signal ##"
        );
    }

    #[test]
    fn files_round_trip_their_signature() {
        let dir = tempfile::tempdir().unwrap();
        let finding = Finding {
            kind: FindingKind::Performance,
            signature: "performance: x".to_string(),
            pattern: "optimizer makes code slower".to_string(),
            source: "print(1)\n".to_string(),
            original_len: 100,
            reduced: true,
            provenance: "luadiff fuzz --seed 1".to_string(),
            details: "vm: 10\nvm-O0: 5".to_string(),
        };
        let path = write(dir.path(), &finding).unwrap();
        assert!(
            path.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("performance-")
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("-- | vm-O0: 5\nprint(1)\n"), "{text}");
        assert!(text.contains("-- reduced: yes, from 100 to 9 bytes\n"));
        assert_eq!(
            known_signatures(dir.path()),
            HashSet::from(["performance: x".to_string()])
        );
    }
}
