//! Known-gaps files: what an engine is known to get wrong, one `ENGINE NAME REASON...`
//! line per (engine, program), `#` comment lines. The conformance suite
//! (`conformance/KNOWN_GAPS`) and the benchmark set (`benches/lua/KNOWN_GAPS`) each keep
//! one; a listed case that starts passing is a failure, and so is a line that could never
//! be checked ([`KnownGaps::stale`]), so the lists stay true.

use std::io;
use std::path::Path;

/// Which known-gaps file, for reading it and for messages.
#[derive(Debug)]
pub struct GapFile {
    /// The path relative to the repository root.
    pub path: &'static str,
    /// What the second field names: `program` or `benchmark`.
    pub subject: &'static str,
    /// Why native Lua cannot be listed.
    pub why_not_native: &'static str,
}

/// One line of a known-gaps file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub engine: String,
    /// The program or benchmark.
    pub name: String,
    pub reason: String,
    /// The line in the file, for messages.
    pub line: usize,
}

/// A parsed known-gaps file.
#[derive(Clone, Debug)]
pub struct KnownGaps {
    file: &'static GapFile,
    pub gaps: Vec<Gap>,
}

impl KnownGaps {
    /// No gaps.
    pub fn empty(file: &'static GapFile) -> KnownGaps {
        KnownGaps {
            file,
            gaps: Vec::new(),
        }
    }

    /// Reads the file under `root`; a missing file means no gaps.
    pub fn load(root: &Path, file: &'static GapFile) -> Result<KnownGaps, String> {
        match std::fs::read_to_string(root.join(file.path)) {
            Ok(text) => KnownGaps::parse(&text, file),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(KnownGaps::empty(file)),
            Err(e) => Err(format!("cannot read {}: {e}", file.path)),
        }
    }

    /// Parses lines `ENGINE NAME REASON...` (fields separated by any whitespace; the
    /// reason is the rest of the line); blank lines and `#` comment lines are skipped.
    pub fn parse(text: &str, file: &'static GapFile) -> Result<KnownGaps, String> {
        let mut gaps: Vec<Gap> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (engine, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let rest = rest.trim_start();
            let (name, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let reason = reason.trim();
            if name.is_empty() || reason.is_empty() {
                return Err(format!(
                    "{}:{line_number}: expected `ENGINE {} REASON`",
                    file.path,
                    file.subject.to_uppercase()
                ));
            }
            if let Some(earlier) = gaps.iter().find(|g| g.engine == engine && g.name == name) {
                return Err(format!(
                    "{}:{line_number}: ({engine}, {name}) is already listed at line {}",
                    file.path, earlier.line
                ));
            }
            gaps.push(Gap {
                engine: engine.to_string(),
                name: name.to_string(),
                reason: reason.to_string(),
                line: line_number,
            });
        }
        Ok(KnownGaps { file, gaps })
    }

    /// The reason listed for (engine, name), if the pair is a known gap.
    pub fn reason(&self, engine: &str, name: &str) -> Option<&str> {
        self.gaps
            .iter()
            .find(|g| g.engine == engine && g.name == name)
            .map(|g| g.reason.as_str())
    }

    /// Lines that could never be checked: a name that does not exist, an engine that is
    /// not ours, or native.
    pub fn stale(&self, names: &[&str], engines: &[&str]) -> Vec<String> {
        let mut problems = Vec::new();
        for gap in &self.gaps {
            let at = format!("{}:{}", self.file.path, gap.line);
            if !names.contains(&gap.name.as_str()) {
                problems.push(format!("{at}: no {} {}", self.file.subject, gap.name));
            }
            if !engines.contains(&gap.engine.as_str()) {
                problems.push(format!("{at}: no engine {}", gap.engine));
            }
            if gap.engine == "native" {
                problems.push(format!(
                    "{at}: native cannot have gaps: {}",
                    self.file.why_not_native
                ));
            }
        }
        problems
    }
}
