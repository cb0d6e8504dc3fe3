//! `luadiff bench`: times the benchmark set on several engines against native Lua in the
//! same run, and checks every run's outcome.
//!
//! # How a run is measured
//!
//! Each run of a benchmark on an engine happens in its own child process (`luadiff bench
//! --child-engine E --child-benchmark B`, hidden), one at a time. The child builds the
//! engine, runs a one-line warm-up program on it (so that code pages, worker threads and
//! the allocator's first arenas are not charged to the benchmark), then times one run of
//! the benchmark and reports:
//!
//! * the time: CPU time of the whole child by default (every thread's, from
//!   `/proc/self/task/*/schedstat`, in nanoseconds, plus the reaped subprocesses of an
//!   `ext:` engine in clock ticks), or elapsed time with `--clock wall`. CPU time is the
//!   default because it is what the engine costs, and it changes much less than elapsed
//!   time when other processes share the machine;
//! * the peak memory: how much the resident set grew at its peak during the run (the
//!   high-water mark is reset through `/proc/self/clear_refs` just before it, and read
//!   from `VmHWM` after). This is the same measure for every engine, whatever its
//!   allocator; engines' own heap counters (`Cost::peak_memory`) are reported beside it
//!   in JSON where they exist. For an `ext:` engine the interpreter is another process,
//!   so its memory is not reported;
//! * the outcome, rendered as a snapshot (`snapshot::render`).
//!
//! A fresh process per run means no run inherits another's heap, caches or garbage, and
//! a crash or abort of an engine ends one measurement, not the command. The start-up of
//! the process and the warm-up are outside the measured interval.
//!
//! Engines take turns run by run (run `r` starts with the `r`-th engine), so slow drifts
//! in the machine's load hit every engine alike. Native always runs: every ratio is
//! against native measured in the same command.
//!
//! # Correctness
//!
//! Every run's outcome is compared with native's outcome in the same round. An engine that
//! differs is reported at once, loudly (with the diff), takes no further runs on that
//! benchmark, and is excluded from the ratios and geometric means; the command then
//! exits 1. If native itself fails (an error, or output that changes between runs), the
//! benchmark has no reference and nothing is compared or timed on it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use lua_engine::Program;
use regex::Regex;
use serde_json::{Value as Json, json};

use crate::bench::{self, Benchmark, Size, TIMING_LIMITS};
use crate::bench_report::{BenchResult, Clock, EngineResult, Problem, Results};
use crate::isolate::{quiet_worker_panics, run_isolated};
use crate::known_gaps::KnownGaps;
use crate::{registry, snapshot};

/// The engines `luadiff bench` times when `--engines` is not given, in table order.
pub const DEFAULT_ENGINES: &[&str] = &["native", "vm", "vm-O0", "ref"];

/// The default tolerance of `--check`: a ratio may drop by this fraction.
pub const DEFAULT_TOLERANCE: f64 = 0.15;

/// `luadiff bench [--filter REGEX] [--engines LIST] [--runs N] [--size full|small]
/// [--clock cpu|wall] [--json | --markdown] [--check FILE [--tolerance PCT]] [--save FILE]
/// [--dir DIR] [--report FILE]`.
pub struct BenchOptions {
    /// A regular expression; only benchmarks whose name matches run.
    pub filter: Option<String>,
    /// The engines; native is added in front when missing. `None`: [`DEFAULT_ENGINES`].
    pub engines: Option<Vec<String>>,
    pub runs: usize,
    pub size: Size,
    pub clock: Clock,
    pub json: bool,
    pub markdown: bool,
    /// A baseline (JSON from `--json` or `--save`) to compare today's ratios with.
    pub check: Option<String>,
    /// How far (a fraction) a ratio may drop below the baseline's.
    pub tolerance: f64,
    /// Where to write the results as JSON (atomically), for example a new baseline.
    pub save: Option<String>,
    /// Another directory of benchmarks (same header convention) instead of `benches/lua`.
    pub dir: Option<String>,
    /// Show (and `--check`) the results saved in this file instead of running anything.
    pub report: Option<String>,
}

/// What the parent asks a child process to measure.
pub struct ChildRequest {
    pub engine: String,
    pub benchmark: String,
    pub size: Size,
    pub dir: Option<String>,
}

/// One measured run, as a child reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    pub wall_s: f64,
    pub cpu_s: Option<f64>,
    pub peak_rss: Option<u64>,
    pub heap_peak: Option<u64>,
    /// The outcome as snapshot text.
    pub outcome: String,
}

impl Measurement {
    fn json(&self) -> Json {
        json!({
            "wall_s": self.wall_s,
            "cpu_s": self.cpu_s,
            "peak_rss_bytes": self.peak_rss,
            "heap_peak_bytes": self.heap_peak,
            "outcome": self.outcome,
        })
    }

    fn from_json(value: &Json) -> Option<Measurement> {
        Some(Measurement {
            wall_s: value.get("wall_s")?.as_f64()?,
            cpu_s: value.get("cpu_s")?.as_f64(),
            peak_rss: value.get("peak_rss_bytes")?.as_u64(),
            heap_peak: value.get("heap_peak_bytes")?.as_u64(),
            outcome: value.get("outcome")?.as_str()?.to_string(),
        })
    }

    fn time(&self, clock: Clock) -> Option<f64> {
        match clock {
            Clock::Cpu => self.cpu_s,
            Clock::Wall => Some(self.wall_s),
        }
    }
}

/// The benchmark set of `--dir`, or of the repository holding the current directory.
pub fn benchmark_set(dir: Option<&str>) -> Result<Vec<Benchmark>, String> {
    if let Some(dir) = dir {
        return bench::load_dir(Path::new(dir), dir);
    }
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let root = bench::find_root(&cwd).ok_or(
        "no benches/lua directory here or above: run luadiff bench inside the luadiff repository, or pass --dir",
    )?;
    bench::load(&root)
}

/// Measures one run in this process: what a child does.
pub fn measure(
    engine_name: &str,
    benchmark: &Benchmark,
    size: Size,
) -> Result<Measurement, String> {
    let mut engine = registry::engine(engine_name).map_err(|e| e.to_string())?;
    // The warm-up: a trivial program, so that the measured run does not pay for loading
    // the engine's code, starting its worker thread or the first heap growth.
    let _ = run_isolated(
        engine.as_mut(),
        &Program::new(b"local x = 1 return x", "=warmup"),
        &TIMING_LIMITS,
    );
    let external = engine_name.starts_with("ext:");
    let reset = reset_peak_rss();
    let rss_before = status_kib("VmRSS:");
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let outcome = benchmark.run(engine.as_mut(), size, &TIMING_LIMITS);
    let wall_s = started.elapsed().as_secs_f64();
    let cpu_after = cpu_seconds();
    let peak = status_kib("VmHWM:");
    let peak_rss = match (reset && !external, rss_before, peak) {
        (true, Some(before), Some(peak)) => Some(peak.saturating_sub(before) * 1024),
        _ => None,
    };
    Ok(Measurement {
        wall_s,
        cpu_s: cpu_before.zip(cpu_after).map(|(b, a)| (a - b).max(0.0)),
        peak_rss,
        heap_peak: outcome.cost.peak_memory,
        outcome: snapshot::render(&outcome),
    })
}

/// The child side: measures one run and prints it as one JSON object. Exit 0 when the
/// measurement was made (whatever the outcome), 2 when it could not be.
pub fn child(request: &ChildRequest, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    quiet_worker_panics();
    let set = match benchmark_set(request.dir.as_deref()) {
        Ok(set) => set,
        Err(message) => return usage_error(stderr, &message),
    };
    let Some(benchmark) = set.iter().find(|b| b.name == request.benchmark) else {
        return usage_error(stderr, &format!("no benchmark {}", request.benchmark));
    };
    match measure(&request.engine, benchmark, request.size) {
        Ok(measurement) => {
            let _ = writeln!(stdout, "{}", measurement.json());
            0
        }
        Err(message) => usage_error(stderr, &message),
    }
}

/// Runs one measurement in a child process of `exe` (the `luadiff` binary).
pub fn measure_in_child(
    exe: &Path,
    engine: &str,
    benchmark: &str,
    size: Size,
    dir: Option<&str>,
) -> Result<Measurement, String> {
    let mut command = Command::new(exe);
    command
        .args([
            "bench",
            "--child-engine",
            engine,
            "--child-benchmark",
            benchmark,
        ])
        .args(["--size", size.name()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        command.args(["--dir", dir]);
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last_line = stderr.lines().last().unwrap_or("").to_string();
    if !output.status.success() {
        return Err(format!(
            "the measuring process ended with {}: {last_line}",
            output.status
        ));
    }
    serde_json::from_slice::<Json>(&output.stdout)
        .ok()
        .as_ref()
        .and_then(Measurement::from_json)
        .ok_or_else(|| format!("the measuring process reported nothing usable: {last_line}"))
}

/// The engines of a run: native first, then the others in the order given.
pub fn engine_list(requested: Option<&[String]>) -> Vec<String> {
    let mut engines = vec!["native".to_string()];
    match requested {
        Some(names) => engines.extend(names.iter().filter(|n| *n != "native").cloned()),
        None => {
            let available = registry::available();
            engines.extend(
                DEFAULT_ENGINES
                    .iter()
                    .filter(|e| **e != "native" && available.contains(e))
                    .map(|e| e.to_string()),
            );
        }
    }
    engines
}

/// Engine order for run `run`: the list rotated by `run`.
fn turn_order(count: usize, run: usize) -> Vec<usize> {
    (0..count).map(|i| (i + run) % count).collect()
}

/// `luadiff bench`. Exit 0 when every engine agreed with native everywhere (and no ratio
/// regressed, with `--check`), 1 when something diverged, failed or regressed, 2 for a
/// usage error.
pub fn command(options: &BenchOptions, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    if options.runs == 0 {
        return usage_error(stderr, "--runs must be at least 1");
    }
    if !(0.0..1.0).contains(&options.tolerance) {
        return usage_error(stderr, "--tolerance must be a percentage from 0 to 100");
    }
    if options.json && options.markdown {
        return usage_error(stderr, "--json and --markdown cannot be combined");
    }
    let baseline = match options.check.as_deref().map(read_json).transpose() {
        Ok(baseline) => baseline,
        Err(message) => return usage_error(stderr, &message),
    };
    let results = match &options.report {
        Some(file) => {
            match read_json(file)
                .and_then(|j| Results::from_json(&j).map_err(|e| format!("{file}: {e}")))
            {
                Ok(results) => results,
                Err(message) => return usage_error(stderr, &message),
            }
        }
        None => match measure_set(options, stderr) {
            Ok(results) => results,
            Err(status) => return status,
        },
    };
    report(options, &results, baseline.as_ref(), stdout, stderr)
}

/// Runs the selected benchmarks; `Err` holds the exit status of a usage error.
fn measure_set(options: &BenchOptions, stderr: &mut dyn Write) -> Result<Results, i32> {
    let set = match benchmark_set(options.dir.as_deref()) {
        Ok(set) => set,
        Err(message) => return Err(usage_error(stderr, &message)),
    };
    let filter = match options.filter.as_deref().map(Regex::new).transpose() {
        Ok(filter) => filter,
        Err(e) => return Err(usage_error(stderr, &format!("bad --filter: {e}"))),
    };
    let selected: Vec<&Benchmark> = set
        .iter()
        .filter(|b| filter.as_ref().is_none_or(|f| f.is_match(&b.name)))
        .collect();
    if selected.is_empty() {
        return Err(usage_error(stderr, "no benchmark matches the filter"));
    }
    let engines = engine_list(options.engines.as_deref());
    for engine in &engines {
        if let Err(e) = registry::engine(engine) {
            return Err(usage_error(stderr, &e.to_string()));
        }
    }
    if options.clock == Clock::Cpu && cpu_seconds().is_none() {
        return Err(usage_error(
            stderr,
            "the cpu clock needs Linux's /proc/self/task/*/schedstat; use --clock wall",
        ));
    }
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            return Err(usage_error(
                stderr,
                &format!("cannot find the luadiff binary: {e}"),
            ));
        }
    };
    let gaps = if options.dir.is_none() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| bench::find_root(&cwd))
            .and_then(|root| KnownGaps::load(&root, &bench::KNOWN_GAPS).ok())
            .unwrap_or_else(|| KnownGaps::empty(&bench::KNOWN_GAPS))
    } else {
        KnownGaps::empty(&bench::KNOWN_GAPS)
    };

    let mut context = vec![
        ("date".to_string(), today_utc()),
        ("machine".to_string(), machine()),
        ("native".to_string(), lua_native::description()),
    ];
    let load_before = load_average();
    let _ = writeln!(
        stderr,
        "luadiff bench: {} benchmark{} x {} engines x {} runs, size {}, {} clock",
        selected.len(),
        if selected.len() == 1 { "" } else { "s" },
        engines.len(),
        options.runs,
        options.size.name(),
        options.clock.name()
    );
    let mut results = Vec::new();
    for (index, benchmark) in selected.iter().enumerate() {
        let run = Runner {
            exe: &exe,
            engines: &engines,
            options,
            gaps: &gaps,
        };
        let result = run.benchmark(benchmark, stderr);
        let _ = writeln!(
            stderr,
            "[{}/{}] {}",
            index + 1,
            selected.len(),
            progress_line(&result)
        );
        results.push(result);
    }
    if let (Some(before), Some(after)) = (load_before, load_average()) {
        context.push((
            "load average".to_string(),
            format!("{before} at the start, {after} at the end (1 minute)"),
        ));
    }
    Ok(Results {
        size: options.size,
        runs: options.runs,
        clock: options.clock,
        engines,
        benchmarks: results,
        context,
    })
}

/// Prints the results (and the comparison with a baseline), saves them, and gives the
/// exit status.
fn report(
    options: &BenchOptions,
    results: &Results,
    baseline: Option<&Json>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let comparison = match baseline {
        Some(baseline) => {
            match crate::bench_report::compare_with_baseline(results, baseline, options.tolerance) {
                Ok(comparison) => Some(comparison),
                Err(message) => return usage_error(stderr, &message),
            }
        }
        None => None,
    };
    let mut json = results.json();
    if let Some(comparison) = &comparison {
        json["check"] = comparison.json(options.tolerance);
    }
    let text = if options.json {
        format!("{json}\n")
    } else if options.markdown {
        results.markdown()
    } else {
        let mut text = results.text();
        if let (Some(comparison), Some(file)) = (&comparison, &options.check) {
            text.push_str(&comparison.text(options.tolerance, file));
        }
        text
    };
    if stdout.write_all(text.as_bytes()).is_err() {
        return 2;
    }
    let _ = stdout.flush();
    if let Some(path) = &options.save {
        let pretty = serde_json::to_string_pretty(&json).unwrap_or_default() + "\n";
        if let Err(e) = crate::fsutil::write_atomically(Path::new(path), pretty.as_bytes()) {
            return usage_error(stderr, &format!("cannot write {path}: {e}"));
        }
    }
    let problems = !results.problems().is_empty();
    let regressed = comparison.is_some_and(|c| !c.regressions.is_empty());
    if problems || regressed { 1 } else { 0 }
}

/// What one benchmark needs from the command.
struct Runner<'a> {
    exe: &'a PathBuf,
    engines: &'a [String],
    options: &'a BenchOptions,
    gaps: &'a KnownGaps,
}

impl Runner<'_> {
    /// Every run of one benchmark, engines taking turns, each outcome checked.
    fn benchmark(&self, benchmark: &Benchmark, stderr: &mut dyn Write) -> BenchResult {
        let mut results: Vec<EngineResult> =
            self.engines.iter().map(|e| EngineResult::new(e)).collect();
        let mut reference: Option<String> = None;
        'runs: for run in 0..self.options.runs {
            let mut round: Vec<(usize, Result<Measurement, String>)> = Vec::new();
            for index in turn_order(self.engines.len(), run) {
                if results[index].problem.is_some() {
                    continue;
                }
                let measured = measure_in_child(
                    self.exe,
                    &self.engines[index],
                    &benchmark.name,
                    self.options.size,
                    self.options.dir.as_deref(),
                );
                round.push((index, measured));
            }
            // Native (index 0) first: it is the reference for the round.
            round.sort_by_key(|(index, _)| *index);
            for (index, measured) in round {
                let engine = &self.engines[index];
                let measurement = match measured {
                    Ok(measurement) => measurement,
                    Err(why) => {
                        let _ = writeln!(
                            stderr,
                            "luadiff bench: FAILED: {engine} on {}: {why}",
                            benchmark.name
                        );
                        if index == 0 {
                            no_reference(&mut results, &why);
                            break 'runs;
                        }
                        results[index].problem = Some(Problem::Failed(why));
                        continue;
                    }
                };
                if index == 0 {
                    if let Some(why) = unusable_reference(&measurement, reference.as_deref()) {
                        let _ = writeln!(
                            stderr,
                            "luadiff bench: NO REFERENCE: native on {}: {why}",
                            benchmark.name
                        );
                        no_reference(&mut results, &why);
                        break 'runs;
                    }
                    reference = Some(measurement.outcome.clone());
                } else if Some(&measurement.outcome) != reference.as_ref() {
                    let diff = crate::report::unified_diff(
                        reference.as_deref().unwrap_or_default().as_bytes(),
                        measurement.outcome.as_bytes(),
                        "native",
                        engine,
                        false,
                    );
                    let known = self
                        .gaps
                        .reason(engine, &benchmark.name)
                        .map(|reason| format!(" (listed in {}: {reason})", bench::KNOWN_GAPS_FILE))
                        .unwrap_or_default();
                    let _ = writeln!(
                        stderr,
                        "luadiff bench: DIVERGENCE: {engine} on {} (size {}) differs from native{known}; \
                         excluded from the ratios\n{diff}",
                        benchmark.name,
                        self.options.size.name()
                    );
                    results[index].problem = Some(Problem::Diverged(diff));
                    continue;
                }
                let result = &mut results[index];
                match measurement.time(self.options.clock) {
                    Some(time) => result.times.push(time),
                    None => {
                        result.problem =
                            Some(Problem::Failed("the cpu clock was not readable".into()))
                    }
                }
                result.peak_rss = result.peak_rss.max(measurement.peak_rss);
                result.heap_peak = result.heap_peak.max(measurement.heap_peak);
            }
        }
        BenchResult {
            name: benchmark.name.clone(),
            engines: results,
        }
    }
}

/// Why native's measurement cannot be the reference: it did not return normally, or its
/// outcome differs from an earlier run's.
fn unusable_reference(native: &Measurement, earlier: Option<&str>) -> Option<String> {
    let last = native.outcome.lines().last().unwrap_or_default();
    if !last.starts_with("end: returned") {
        return Some(format!("the benchmark did not run to completion ({last})"));
    }
    match earlier {
        Some(earlier) if earlier != native.outcome => Some(
            "its outcome changed from one run to the next (the benchmark is not deterministic)"
                .into(),
        ),
        _ => None,
    }
}

fn no_reference(results: &mut [EngineResult], why: &str) {
    for (index, result) in results.iter_mut().enumerate() {
        result.times.clear();
        result.problem = Some(if index == 0 {
            Problem::Failed(why.to_string())
        } else {
            Problem::NoReference(why.to_string())
        });
    }
}

fn progress_line(result: &BenchResult) -> String {
    let cells: Vec<String> = result
        .engines
        .iter()
        .map(|e| match (&e.problem, e.median()) {
            (Some(problem), _) => format!("{} {}", e.engine, problem.summary()),
            (None, Some(time)) => match result.ratio(&e.engine) {
                Some(ratio) if e.engine != "native" => {
                    format!("{} {time:.3}s ({:.0}%)", e.engine, ratio * 100.0)
                }
                _ => format!("{} {time:.3}s", e.engine),
            },
            (None, None) => format!("{} -", e.engine),
        })
        .collect();
    format!("{}: {}", result.name, cells.join(", "))
}

fn read_json(path: &str) -> Result<Json, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    serde_json::from_slice(&text).map_err(|e| format!("{path} is not JSON: {e}"))
}

/// CPU seconds used so far by this process (every live thread, from schedstat, in
/// nanoseconds) and by its reaped children (clock ticks of 1/100 s, Linux's USER_HZ).
/// `None` where /proc does not have them.
fn cpu_seconds() -> Option<f64> {
    let mut nanoseconds: u64 = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let Ok(task) = task else { continue };
        // A thread that ended since the directory was listed has no file any more; its
        // time is lost, which only ever concerns short-lived helper threads.
        if let Ok(text) = std::fs::read_to_string(task.path().join("schedstat")) {
            nanoseconds += text.split_whitespace().next()?.parse::<u64>().ok()?;
        }
    }
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces), from field 3 (state) on:
    // cutime and cstime are fields 16 and 17.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    let ticks = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(nanoseconds as f64 / 1e9 + ticks as f64 / 100.0)
}

/// Resets this process's resident-set high-water mark (`VmHWM`) to the current size.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// A `kB` field of /proc/self/status.
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..]
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()
}

fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next().map(String::from)
}

/// The processor model and the number of CPUs, from /proc/cpuinfo.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string());
    format!("{model}, {cpus} CPUs available")
}

/// Today's date in UTC, `YYYY-MM-DD`.
fn today_utc() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_date((seconds / 86_400) as i64);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date of a day counted from 1970-01-01: days are shifted to
/// start on 0000-03-01, so that leap days end each 400-, 100- and 4-year cycle.
fn civil_date(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn usage_error(stderr: &mut dyn Write, message: &str) -> i32 {
    let _ = writeln!(stderr, "luadiff: {message}");
    2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_gregorian() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(59), (1970, 3, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(19_782), (2024, 2, 29));
        assert_eq!(civil_date(-1), (1969, 12, 31));
    }

    #[test]
    fn engines_take_turns_and_native_leads_the_list() {
        assert_eq!(turn_order(3, 0), vec![0, 1, 2]);
        assert_eq!(turn_order(3, 1), vec![1, 2, 0]);
        assert_eq!(turn_order(3, 5), vec![2, 0, 1]);
        let listed = engine_list(Some(&["vm".to_string(), "native".to_string()]));
        assert_eq!(listed, vec!["native".to_string(), "vm".to_string()]);
        assert_eq!(engine_list(None)[0], "native");
    }

    #[test]
    fn measurements_round_trip_through_json() {
        let m = Measurement {
            wall_s: 0.5,
            cpu_s: Some(0.25),
            peak_rss: Some(4096),
            heap_peak: None,
            outcome: "| 1\nend: returned".into(),
        };
        assert_eq!(Measurement::from_json(&m.json()), Some(m));
    }

    #[test]
    fn native_must_return_and_repeat_itself() {
        let m = |outcome: &str| Measurement {
            wall_s: 0.0,
            cpu_s: None,
            peak_rss: None,
            heap_peak: None,
            outcome: outcome.into(),
        };
        assert_eq!(unusable_reference(&m("| 1\nend: returned"), None), None);
        assert!(unusable_reference(&m("end: runtime error: x"), None).is_some());
        assert!(unusable_reference(&m("| 2\nend: returned"), Some("| 1\nend: returned")).is_some());
    }

    #[test]
    fn this_process_has_a_cpu_clock_and_memory_figures_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(cpu_seconds().is_some());
            assert!(status_kib("VmRSS:").is_some());
        }
    }
}
