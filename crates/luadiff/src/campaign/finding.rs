//! Findings of a campaign: their kinds, their signatures (`crate::signature`) and how
//! they are filed (`crate::corpus`, one `BLAME-ID.lua` file per signature).
//!
//! Divergences and crashes get the signature the oracle's verdict gives
//! ([`Signature::of`]). The campaign's own findings get theirs here: a performance
//! finding ([`performance_signature`]), an engine stopped by the watchdog
//! ([`hang_signature`]) and a worker process that died ([`process_signature`]).

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::corpus;
use crate::signature::{Blame, Difference, Signature};

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

/// The signature of every performance finding: one bug class, one file, until someone
/// splits it by cause.
pub fn performance_signature(percent: u64) -> Signature {
    Signature {
        classes: "{vm} vs {vm-O0}".to_string(),
        difference: Difference::Performance,
        location: format!("vm (-O2) executes more than {percent}% of vm-O0's instructions"),
        blame: Blame::Optimizer,
    }
}

/// The signature of a program on which vm executes more than `factor` times native
/// Lua's instructions: code generation far worse than PUC's, at any level.
pub fn native_performance_signature(factor: u64) -> Signature {
    Signature {
        classes: "{vm} vs {native}".to_string(),
        difference: Difference::Performance,
        location: format!("vm executes more than {factor}x native Lua's instructions"),
        blame: Blame::VmCompilerOrRuntime,
    }
}

/// The signature of an engine that the watchdog had to stop.
pub fn hang_signature(engine: &str) -> Signature {
    Signature {
        classes: format!("hung: {engine}"),
        difference: Difference::Hang,
        location: format!("{engine} ran past its limits"),
        blame: Blame::Crash(vec![engine.to_string()]),
    }
}

/// The signature of a worker process that died (or went silent) running a program: the
/// engine is unknown, `why` is the exit status or signal.
pub fn process_signature(kind: FindingKind, why: &str) -> Signature {
    Signature {
        classes: "worker process".to_string(),
        difference: if kind == FindingKind::Hang {
            Difference::Hang
        } else {
            Difference::Crash
        },
        location: why.to_string(),
        blame: Blame::Crash(vec!["process".to_string()]),
    }
}

/// A finding, ready to be filed.
#[derive(Clone, Debug)]
pub struct Finding {
    pub kind: FindingKind,
    pub signature: Signature,
    /// The oracle's name for what went wrong ("VM or compiler bug").
    pub pattern: String,
    /// The program (reduced, when `reduction` says so).
    pub source: String,
    /// The program seed, when the program is a generated one as generated.
    pub seed: Option<u64>,
    /// How the program was reduced: `212 -> 6 lines in 3.1 s`.
    pub reduction: Option<String>,
    /// For an optimizer bug: the first rewrite that breaks the program.
    pub bisection: Option<String>,
    /// How the program was found and how to generate it again.
    pub provenance: String,
    /// The engines, with their descriptions.
    pub engines: Vec<(String, String)>,
    /// Lines for the file's header (`-- note:` lines): the oracle's report on the filed
    /// program.
    pub notes: Vec<String>,
}

impl Finding {
    /// The corpus record of this finding.
    pub fn to_corpus(&self) -> corpus::Finding {
        let mut record = corpus::Finding::new(
            self.signature.clone(),
            self.source.clone().into_bytes(),
            self.provenance.clone(),
        );
        record.seed = self.seed;
        record.engines = self.engines.clone();
        record.reduction = self.reduction.clone();
        record.bisection = self.bisection.clone();
        record.notes = std::iter::once(format!("{}: {}", self.kind, self.pattern))
            .chain(self.notes.iter().cloned())
            .collect();
        record
    }
}

/// Files `finding` in `dir` (atomically, unless its signature is already there) and
/// returns the file that holds its signature.
pub fn write(dir: &Path, finding: &Finding) -> std::io::Result<PathBuf> {
    corpus::write_finding(dir, &finding.to_corpus())
}

/// Whether a finding with this signature id is filed in `dir`.
pub fn is_filed(dir: &Path, id: &str) -> bool {
    matches!(corpus::find_signature(dir, id), Ok(Some(_)))
}

/// The signature ids of the findings already filed in `dir`, so that a campaign does
/// not file them again.
pub fn known_signatures(dir: &Path) -> HashSet<String> {
    corpus::known_signatures(dir)
        .map(|ids| ids.into_iter().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn campaign_findings_are_filed_by_signature() {
        let dir = tempfile::tempdir().unwrap();
        let finding = Finding {
            kind: FindingKind::Performance,
            signature: performance_signature(110),
            pattern: "optimizer makes code slower".to_string(),
            source: "print(1)\n".to_string(),
            seed: Some(5),
            reduction: Some("9 -> 1 lines".to_string()),
            bisection: None,
            provenance: "luadiff fuzz --seed 1".to_string(),
            engines: vec![("vm".to_string(), "lua-vm".to_string())],
            notes: vec!["instructions executed: vm (-O2) 20, vm-O0 10".to_string()],
        };
        let path = write(dir.path(), &finding).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        assert_eq!(name, format!("optimizer-{}.lua", finding.signature.id()));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("print(1)\n"), "{text}");
        assert!(text.contains("-- note: performance: optimizer makes code slower\n"));
        assert!(text.contains("-- seed: 5\n"), "{text}");
        assert!(is_filed(dir.path(), &finding.signature.id()));
        assert_eq!(
            known_signatures(dir.path()),
            HashSet::from([finding.signature.id()])
        );
        // Hangs and dead processes have signatures of their own.
        assert_ne!(hang_signature("vm").id(), hang_signature("ref").id());
        assert_eq!(
            process_signature(FindingKind::Crash, "signal 11").file_name(),
            format!(
                "crash-process-{}.lua",
                process_signature(FindingKind::Crash, "signal 11").id()
            )
        );
    }
}
