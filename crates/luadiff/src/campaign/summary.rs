//! What a campaign shows: the progress bar while it runs, and the summary at the end, as
//! text and as JSON (`luadiff fuzz --json`).

use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::{Deserialize, Serialize};
use serde_json::{Value as Json, json};

use super::Options;
use super::finding::Finding;
use super::runner::{NATIVE_FACTOR, PERFORMANCE_PERCENT};
use super::tally::{Tally, split_by_bits};
use crate::registry;

/// A finding filed during the campaign, as the summary lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FiledFinding {
    pub kind: String,
    /// The signature in words (`{native,ref,vm-O0} vs {vm}: output: ...`).
    pub signature: String,
    /// The signature's id (the file name's hex part).
    pub id: String,
    pub pattern: String,
    pub file: String,
    pub reduced: bool,
}

impl FiledFinding {
    pub fn new(finding: &Finding, path: &Path) -> FiledFinding {
        FiledFinding {
            kind: finding.kind.name().to_string(),
            signature: finding.signature.to_string(),
            id: finding.signature.id(),
            pattern: finding.pattern.clone(),
            file: path.display().to_string(),
            reduced: finding.reduction.is_some(),
        }
    }
}

/// The end of a campaign.
#[derive(Clone, Debug)]
pub struct Summary {
    pub options: Options,
    pub tally: Tally,
    pub findings: Vec<FiledFinding>,
    pub elapsed: Duration,
    /// Stopped by Ctrl-C before the programs or the time ran out.
    pub interrupted: bool,
}

impl Summary {
    pub fn new(
        options: &Options,
        tally: Tally,
        findings: Vec<FiledFinding>,
        elapsed: Duration,
        interrupted: bool,
    ) -> Summary {
        Summary {
            options: options.clone(),
            tally,
            findings,
            elapsed,
            interrupted,
        }
    }

    fn fraction(&self, count: u64) -> f64 {
        if self.tally.programs == 0 {
            0.0
        } else {
            count as f64 / self.tally.programs as f64
        }
    }

    pub fn programs_per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.tally.programs as f64 / seconds
        } else {
            0.0
        }
    }

    /// The coverage figures: `{"node_kinds", "library_functions", "opcodes"}`, each
    /// `{"covered", "total", "fraction", "missing"}` (opcodes: a string saying why
    /// when the campaign did not run `vm`).
    pub fn coverage_json(&self) -> Json {
        let opcodes = if self.tally.opcodes_collected {
            bits_json(self.tally.opcodes, &registry::vm_opcode_names())
        } else {
            json!("not available: the campaign does not run the vm engine")
        };
        json!({
            "node_kinds": bits_json(self.tally.node_kinds, lua_gen::coverage::ALL_NODE_KINDS),
            "opcodes": opcodes,
            "library_functions": bits_json(self.tally.library, lua_gen::coverage::CONFORMANCE_LIBRARY),
        })
    }

    /// The JSON summary `luadiff fuzz --json` prints.
    pub fn json(&self) -> Json {
        let seconds = self.elapsed.as_secs_f64();
        let engines: serde_json::Map<String, Json> = self
            .options
            .engines
            .iter()
            .zip(&self.tally.engine_nanos)
            .map(|(name, nanos)| (name.clone(), json!(*nanos as f64 / 1e9)))
            .collect();
        json!({
            "programs": self.tally.programs,
            "seconds": seconds,
            "programs_per_second": self.programs_per_second(),
            "completed_fraction": self.fraction(self.tally.completed),
            "exhausted_fraction": self.fraction(self.tally.exhausted),
            "divergences": self.tally.divergences,
            "findings": self.findings.iter().map(|f| json!({
                "signature": f.signature,
                "id": f.id,
                "pattern": f.pattern,
                "file": f.file,
                "kind": f.kind,
                "reduced": f.reduced,
            })).collect::<Vec<_>>(),
            "coverage": self.coverage_json(),
            "seed": self.options.seed,
            "jobs": self.options.jobs,
            "programs_per_second_per_job": self.programs_per_second() / self.options.jobs.max(1) as f64,
            "engines": self.options.engines,
            "errors": self.options.errors,
            "size": self.options.size,
            "features": self.options.features,
            "interrupted": self.interrupted,
            "crashes": self.tally.crashes,
            "hangs": self.tally.hangs,
            "performance": {
                "checked": self.tally.performance_checked,
                "violations": self.tally.performance_violations,
                "vm_vs_vm_O0_limit_percent": PERFORMANCE_PERCENT,
                "native_checked": self.tally.performance_native_checked,
                "native_violations": self.tally.performance_native_violations,
                "vm_vs_native_limit_factor": NATIVE_FACTOR,
            },
            "time_seconds": {
                "generation": self.tally.generation_nanos as f64 / 1e9,
                "engines": engines,
                "oracle": self.tally.oracle_nanos as f64 / 1e9,
                "reduction": self.tally.reduction_nanos as f64 / 1e9,
            },
        })
    }

    /// The summary as text, for a person.
    pub fn text(&self) -> String {
        let t = &self.tally;
        let mut text = String::new();
        let jobs = self.options.jobs.max(1);
        text += &format!(
            "{} {} programs in {:.1} s: {:.0} programs/s ({:.0} per worker, {jobs} workers){}\n",
            if self.interrupted {
                "interrupted after"
            } else {
                "ran"
            },
            t.programs,
            self.elapsed.as_secs_f64(),
            self.programs_per_second(),
            self.programs_per_second() / jobs as f64,
            ""
        );
        text += &format!(
            "seed {}; engines {}; errors compared by {}\n",
            self.options.seed,
            self.options.engines.join(", "),
            self.options.errors
        );
        text += &format!(
            "completed {:.1}%, exhausted {:.1}%, divergences {} (crashes {}, hangs {}), findings {}\n",
            100.0 * self.fraction(t.completed),
            100.0 * self.fraction(t.exhausted),
            t.divergences,
            t.crashes,
            t.hangs,
            self.findings.len()
        );
        text += &format!(
            "performance oracle: {} programs checked, {} with vm (-O2) above {PERFORMANCE_PERCENT}% of vm-O0's instructions; {} checked against native, {} with vm above {NATIVE_FACTOR}x native's\n",
            t.performance_checked,
            t.performance_violations,
            t.performance_native_checked,
            t.performance_native_violations
        );
        text += "coverage:\n";
        text += &coverage_line(
            "AST node kinds",
            t.node_kinds,
            lua_gen::coverage::ALL_NODE_KINDS,
        );
        if t.opcodes_collected {
            text += &coverage_line("VM opcodes at -O2", t.opcodes, &registry::vm_opcode_names());
        } else {
            text += "  VM opcodes at -O2: not available (the campaign does not run vm)\n";
        }
        text += &coverage_line(
            "library functions",
            t.library,
            lua_gen::coverage::CONFORMANCE_LIBRARY,
        );
        let total_nanos = t.generation_nanos
            + t.oracle_nanos
            + t.reduction_nanos
            + t.engine_nanos.iter().sum::<u64>();
        if t.programs > 0 && total_nanos > 0 {
            let per_program = |nanos: u64| nanos as f64 / t.programs as f64 / 1000.0;
            text += "time per program (µs):";
            text += &format!(" generation {:.0}", per_program(t.generation_nanos));
            for (name, nanos) in self.options.engines.iter().zip(&t.engine_nanos) {
                text += &format!(", {name} {:.0}", per_program(*nanos));
            }
            text += &format!(
                ", oracle {:.0}, reduction {:.0}\n",
                per_program(t.oracle_nanos),
                per_program(t.reduction_nanos)
            );
        }
        if !self.findings.is_empty() {
            text += "findings:\n";
            for f in &self.findings {
                text += &format!("  {} [{}]\n    {}\n", f.file, f.pattern, f.signature);
            }
        }
        text
    }
}

fn bits_json(bits: u128, names: &[&str]) -> Json {
    let (covered, missing) = split_by_bits(bits, names);
    json!({
        "covered": covered.len(),
        "total": names.len(),
        "fraction": if names.is_empty() { 0.0 } else { covered.len() as f64 / names.len() as f64 },
        "missing": missing,
    })
}

fn coverage_line(what: &str, bits: u128, names: &[&str]) -> String {
    let (covered, missing) = split_by_bits(bits, names);
    let mut line = format!(
        "  {what}: {}/{} ({:.1}%)",
        covered.len(),
        names.len(),
        100.0 * covered.len() as f64 / names.len().max(1) as f64
    );
    if !missing.is_empty() && missing.len() <= 20 {
        line += &format!("; missing: {}", missing.join(", "));
    } else if !missing.is_empty() {
        line += &format!("; {} missing", missing.len());
    }
    line.push('\n');
    line
}

/// The progress bar (on standard error, drawn only on a terminal).
pub struct Progress {
    bar: Option<ProgressBar>,
    last: Instant,
}

impl Progress {
    pub fn new(options: &Options, show: bool) -> Progress {
        if !show {
            return Progress {
                bar: None,
                last: Instant::now(),
            };
        }
        let bar = match options.programs {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
        };
        let template = match options.programs {
            Some(_) => "{elapsed_precise} [{bar:30}] {pos}/{len} {msg}",
            None => "{elapsed_precise} {spinner} {pos} programs {msg}",
        };
        bar.set_style(
            ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Progress {
            bar: Some(bar),
            last: Instant::now(),
        }
    }

    /// Redraws (at most five times a second).
    pub fn update(
        &mut self,
        tally: &Tally,
        findings: &[super::summary::FiledFinding],
        elapsed: Duration,
    ) {
        let Some(bar) = &self.bar else { return };
        if self.last.elapsed() < Duration::from_millis(200) {
            return;
        }
        self.last = Instant::now();
        let programs = tally.programs.max(1) as f64;
        bar.set_position(tally.programs);
        bar.set_message(format!(
            "| {:.0}/s | completed {:.0}% | exhausted {:.1}% | divergences {} | findings {}",
            tally.programs as f64 / elapsed.as_secs_f64().max(1e-3),
            100.0 * tally.completed as f64 / programs,
            100.0 * tally.exhausted as f64 / programs,
            tally.divergences,
            findings.len()
        ));
    }

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
