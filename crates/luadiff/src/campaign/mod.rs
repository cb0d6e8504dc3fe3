//! Differential campaigns: `luadiff fuzz` generates programs, runs every engine on each,
//! asks the oracles and files every new finding; `luadiff gen` prints one program.
//!
//! * [`runner`]: one program: generated from its seed, run on every engine, judged by the
//!   differential oracle and the performance oracle, with coverage and timings;
//! * [`tally`]: what a campaign counts (mergeable, and sent from worker processes);
//! * [`finding`]: finding kinds, signatures and finding files;
//! * [`pool`]: the workers: child processes with a watchdog (the CLI) or threads (tests);
//! * [`summary`]: the end-of-campaign summary, as text and as JSON;
//! * [`shrink`]: a line-based reducer for findings (performance ones especially);
//! * [`seed_corpus`]: the libFuzzer seed corpora, made from `conformance/` and `corpus/`.
//!
//! Reproducibility: program `index` of the campaign with seed `S` is
//! `lua_gen::Program::from_seed(program_seed(S, index), config)`, whichever worker ran it,
//! so `luadiff gen --seed P` prints any program again from the seed in its finding header.

pub mod finding;
pub mod pool;
pub mod runner;
pub mod seed_corpus;
pub mod shrink;
pub mod summary;
pub mod tally;

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::oracle::ErrorMode;

pub use pool::{run_in_process, run_with_processes};
pub use runner::Runner;
pub use summary::Summary;
pub use tally::Tally;

/// The default program size (`Config::size`), the one the throughput target is for.
pub const DEFAULT_SIZE: usize = 40;

/// The default engines of a campaign.
pub const DEFAULT_ENGINES: &[&str] = &["native", "ref", "vm", "vm-O0"];

/// Everything that defines a campaign. Workers get a copy (as JSON for processes).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Options {
    /// The campaign seed: program `i` has the seed `program_seed(seed, i)`.
    pub seed: u64,
    /// Stop after this many programs.
    pub programs: Option<u64>,
    /// Stop after this long (seconds).
    pub seconds: Option<f64>,
    /// Worker processes (or threads).
    pub jobs: usize,
    pub engines: Vec<String>,
    /// Where findings go (`corpus/findings/` by default).
    pub out: PathBuf,
    /// `message` (the default) or `kind`: how errors are compared.
    pub errors: String,
    /// `Config::size` of the generator.
    pub size: usize,
    /// A feature spec for `Config::apply_feature_spec` (`floats,-goto`).
    pub features: Option<String>,
    /// Shrink each new finding before filing it.
    pub reduce: bool,
    /// How long one engine run may take before the watchdog of a worker process calls
    /// it a hang (seconds; see [`pool::HANG_LIMIT`]).
    pub hang_seconds: f64,
}

impl Options {
    /// A campaign of `programs` programs with everything else default (for tests).
    pub fn new(seed: u64, programs: u64, out: PathBuf) -> Options {
        Options {
            seed,
            programs: Some(programs),
            seconds: None,
            jobs: 1,
            engines: DEFAULT_ENGINES.iter().map(|e| e.to_string()).collect(),
            out,
            // Messages, not only kinds: in 32 500 programs (four campaigns, default and
            // focused feature sets, sizes 10 to 150) every engine matched native Lua's
            // error messages.
            errors: ErrorMode::Message.name().to_string(),
            size: DEFAULT_SIZE,
            features: None,
            reduce: true,
            hang_seconds: pool::HANG_LIMIT.as_secs_f64(),
        }
    }

    /// The generator configuration these options ask for.
    pub fn generator_config(&self) -> Result<lua_gen::Config, String> {
        generator_config(self.size, self.features.as_deref())
    }

    pub fn error_mode(&self) -> ErrorMode {
        if self.errors == "message" {
            ErrorMode::Message
        } else {
            ErrorMode::Kind
        }
    }

    pub fn duration(&self) -> Option<Duration> {
        self.seconds.map(Duration::from_secs_f64)
    }

    /// The command line that runs this campaign again (for finding headers).
    pub fn command_line(&self) -> String {
        let mut line = format!("luadiff fuzz --seed {}", self.seed);
        if self.size != DEFAULT_SIZE {
            line += &format!(" --size {}", self.size);
        }
        if let Some(features) = &self.features {
            line += &format!(" --features={features}");
        }
        if self.engines != DEFAULT_ENGINES {
            line += &format!(" --engines {}", self.engines.join(","));
        }
        line
    }

    /// The command line that prints the program with this program seed.
    pub fn gen_command_line(&self, program_seed: u64) -> String {
        let mut line = format!("luadiff gen --seed {program_seed}");
        if self.size != DEFAULT_SIZE {
            line += &format!(" --size {}", self.size);
        }
        if let Some(features) = &self.features {
            line += &format!(" --features={features}");
        }
        line
    }
}

/// The generator configuration for a size and an optional feature spec.
pub fn generator_config(size: usize, features: Option<&str>) -> Result<lua_gen::Config, String> {
    if size == 0 {
        return Err("--size must be at least 1".to_string());
    }
    let mut config = lua_gen::Config::with_size(size);
    if let Some(spec) = features {
        config.apply_feature_spec(spec)?;
    }
    Ok(config)
}

/// The seed of program `index` in the campaign with seed `campaign_seed`: a bijection of
/// `index` for a fixed campaign seed (SplitMix64 of an odd multiple), so no two programs
/// of a campaign share a seed.
pub fn program_seed(campaign_seed: u64, index: u64) -> u64 {
    splitmix64(campaign_seed.wrapping_add(index.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
}

/// SplitMix64's output function (a bijection on `u64`).
pub(crate) fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seed for a campaign started without `--seed`: the clock and the process id.
pub fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    splitmix64(nanos ^ u64::from(std::process::id()).rotate_left(32)) >> 1
}

/// `luadiff fuzz`: runs the campaign on worker processes (this executable's
/// `fuzz-worker` subcommand) and prints the summary, as text or JSON, on `stdout`.
///
/// Exit statuses: 0 when every program agreed, 1 when some program showed a divergence,
/// a crash, a hang or a performance violation (filed or already known), 2 for a usage
/// or I/O error.
pub fn fuzz_command(
    options: &Options,
    json: bool,
    show_progress: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    crate::isolate::quiet_worker_panics();
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            let _ = writeln!(stderr, "luadiff: cannot find the luadiff executable: {e}");
            return 2;
        }
    };
    if !json {
        let _ = writeln!(
            stderr,
            "luadiff fuzz: seed {}, {} workers, engines {}, findings in {}",
            options.seed,
            options.jobs,
            options.engines.join(","),
            options.out.display()
        );
    }
    let summary = match run_with_processes(options, &exe, show_progress) {
        Ok(summary) => summary,
        Err(message) => {
            let _ = writeln!(stderr, "luadiff: {message}");
            return 2;
        }
    };
    let text = if json {
        format!("{}\n", summary.json())
    } else {
        summary.text()
    };
    if stdout.write_all(text.as_bytes()).is_err() || stdout.flush().is_err() {
        return 2;
    }
    if summary.tally.divergences > 0 { 1 } else { 0 }
}

/// `luadiff gen`: what to print.
#[derive(Clone, Debug)]
pub struct GenOptions {
    pub seed: u64,
    pub size: usize,
    pub features: Option<String>,
    /// Fuzzer bytes (a libFuzzer input of the `differential` or `vm_compile` target)
    /// to generate from, instead of the seed.
    pub from_bytes: Option<PathBuf>,
}

/// `luadiff gen`: prints one program. The first line is a comment with the command that
/// prints it again; the same seed, size and features always give the same program.
pub fn gen_command(options: &GenOptions, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let config = match generator_config(options.size, options.features.as_deref()) {
        Ok(config) => config,
        Err(message) => {
            let _ = writeln!(stderr, "luadiff: {message}");
            return 2;
        }
    };
    let (program, header) = match &options.from_bytes {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => (
                lua_gen::Program::from_bytes(&bytes, &config),
                format!(
                    "-- luadiff gen --from-bytes {}{}",
                    path.display(),
                    flags(options)
                ),
            ),
            Err(e) => {
                let _ = writeln!(stderr, "luadiff: cannot read {}: {e}", path.display());
                return 2;
            }
        },
        None => (
            lua_gen::Program::from_seed(options.seed, &config),
            format!("-- luadiff gen --seed {}{}", options.seed, flags(options)),
        ),
    };
    let text = format!("{header}\n{}", program.source());
    if stdout.write_all(text.as_bytes()).is_err() || stdout.flush().is_err() {
        return 2;
    }
    0
}

fn flags(options: &GenOptions) -> String {
    let mut text = String::new();
    if options.size != DEFAULT_SIZE {
        text += &format!(" --size {}", options.size);
    }
    if let Some(features) = &options.features {
        text += &format!(" --features={features}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_seeds_differ_within_a_campaign_and_between_campaigns() {
        let mut seen = std::collections::HashSet::new();
        for campaign in 0..4 {
            for index in 0..1000 {
                assert!(seen.insert(program_seed(campaign, index)));
            }
        }
    }

    #[test]
    fn command_lines_reproduce_the_configuration() {
        let mut options = Options::new(7, 10, PathBuf::from("out"));
        assert_eq!(options.command_line(), "luadiff fuzz --seed 7");
        options.size = 20;
        options.features = Some("-goto".to_string());
        assert_eq!(
            options.gen_command_line(99),
            "luadiff gen --seed 99 --size 20 --features=-goto"
        );
    }
}
