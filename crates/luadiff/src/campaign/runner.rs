//! One program of a campaign: generated from its seed, run on every engine, judged by the
//! differential oracle and the performance oracle, with coverage and timings counted in
//! the runner's [`Tally`].
//!
//! The performance oracle compares deterministic cost counters of runs that agree: vm
//! (-O2) must not execute more than 110% of the instructions vm-O0 executes on the same
//! program, and not more than 50 times the instructions native Lua executes. Native
//! counts in periods of its count hook (`lua_native::INSTRUCTION_COUNT_PERIOD`), a lower
//! bound within one period, so the second rule compares with the count plus one period,
//! an upper bound: it never fires wrongly, and on a program shorter than a period it
//! fires only when vm executes more than fifty periods.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lua_engine::{End, Engine, Limits, Outcome, Program};

use super::Options;
use super::finding::{Finding, FindingKind, native_performance_signature, performance_signature};
use super::shrink::shrink_lines;
use super::tally::Tally;
use crate::isolate::run_isolated;
use crate::oracle::{ErrorMode, Status, compare};
use crate::registry;
use crate::report::Report;
use crate::signature::{Blame, Signature};

/// The chunk name generated programs run under (error messages say `program:LINE:`).
pub const CHUNKNAME: &str = "=program";

/// How long the reduction of one finding may take.
pub const REDUCTION_BUDGET: Duration = Duration::from_secs(20);

/// -O2 may execute at most this many percent of -O0's instructions.
pub const PERFORMANCE_PERCENT: u64 = 110;

/// vm may execute at most this many times native Lua's instructions.
pub const NATIVE_FACTOR: u64 = 50;

/// A program whose verdict is a finding, before it is reduced and filed.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub kind: FindingKind,
    pub signature: Signature,
    pub pattern: String,
    pub index: u64,
    pub program_seed: u64,
    pub source: String,
    pub report: Report,
}

/// The program a worker is running: campaign index, program seed and source.
pub type Current = (u64, u64, Arc<str>);

/// What the engines are doing right now, for a watchdog on another thread.
#[derive(Debug, Default)]
pub struct Watch {
    /// Milliseconds since `epoch` when the current engine run started; 0 when idle.
    started_ms: AtomicU64,
    /// The engine running (an index into the campaign's engines).
    engine: AtomicUsize,
    /// The program being run: campaign index, program seed and source.
    current: Mutex<Option<Current>>,
    epoch: std::sync::OnceLock<Instant>,
}

impl Watch {
    fn now_ms(&self) -> u64 {
        let epoch = self.epoch.get_or_init(Instant::now);
        epoch.elapsed().as_millis() as u64 + 1
    }

    fn set_program(&self, index: u64, seed: u64, source: Arc<str>) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = Some((index, seed, source));
    }

    fn begin(&self, engine: usize) {
        self.engine.store(engine, Ordering::Relaxed);
        self.started_ms.store(self.now_ms(), Ordering::Release);
    }

    fn end(&self) {
        self.started_ms.store(0, Ordering::Release);
    }

    /// How long the current engine run has been going, the engine, and the program.
    pub fn running(&self) -> Option<(Duration, usize, Option<Current>)> {
        let started = self.started_ms.load(Ordering::Acquire);
        if started == 0 {
            return None;
        }
        let elapsed = Duration::from_millis(self.now_ms().saturating_sub(started));
        let current = self
            .current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        Some((elapsed, self.engine.load(Ordering::Relaxed), current))
    }
}

/// Runs the programs of one worker.
pub struct Runner {
    options: Options,
    names: Vec<String>,
    engines: Vec<Box<dyn Engine>>,
    config: lua_gen::Config,
    errors: ErrorMode,
    limits: Limits,
    native: Option<usize>,
    vm: Option<usize>,
    vm_o0: Option<usize>,
    node_kind_bits: HashMap<&'static str, u32>,
    library_bits: HashMap<&'static str, u32>,
    opcode_bits: HashMap<String, u32>,
    /// Counts, times and coverage so far.
    pub tally: Tally,
    watch: Option<Arc<Watch>>,
}

impl Runner {
    /// Builds the engines and the generator configuration the options ask for.
    pub fn new(options: &Options) -> Result<Runner, String> {
        let config = options.generator_config()?;
        let mut engines = Vec::new();
        for name in &options.engines {
            engines.push(registry::engine_counting_ops(name).map_err(|e| e.to_string())?);
        }
        let position = |wanted: &str| options.engines.iter().position(|e| e == wanted);
        let mut tally = Tally::new(engines.len());
        tally.opcodes_collected = position("vm").is_some();
        Ok(Runner {
            options: options.clone(),
            names: options.engines.clone(),
            engines,
            config,
            errors: options.error_mode(),
            limits: Limits::GENERATED,
            native: position("native"),
            vm: position("vm"),
            vm_o0: position("vm-O0"),
            node_kind_bits: bit_map(lua_gen::coverage::ALL_NODE_KINDS),
            library_bits: bit_map(lua_gen::coverage::CONFORMANCE_LIBRARY),
            opcode_bits: registry::vm_opcode_names()
                .into_iter()
                .enumerate()
                .map(|(i, name)| (format!("op:{name}"), i as u32))
                .collect(),
            tally,
            watch: None,
        })
    }

    /// Lets a watchdog see what the engines are doing.
    pub fn set_watch(&mut self, watch: Arc<Watch>) {
        self.watch = Some(watch);
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn engine_names(&self) -> &[String] {
        &self.names
    }

    /// Generates program `index` of the campaign, runs it, and returns it as a candidate
    /// finding if the oracles say so.
    pub fn run_program(&mut self, index: u64) -> Option<Candidate> {
        let program_seed = super::program_seed(self.options.seed, index);
        let started = Instant::now();
        let program = lua_gen::Program::from_seed(program_seed, &self.config);
        self.tally.generation_nanos += started.elapsed().as_nanos() as u64;

        let started = Instant::now();
        self.note_generated_coverage(program.ast());
        self.tally.oracle_nanos += started.elapsed().as_nanos() as u64;

        let source: Arc<str> = Arc::from(program.source());
        if let Some(watch) = &self.watch {
            watch.set_program(index, program_seed, source.clone());
        }
        let (report, verdict) = self.judge(source.as_bytes(), true);
        self.tally.programs += 1;
        let completed_by = self.native.unwrap_or(0);
        if matches!(report.runs[completed_by].1.end, End::Returned(_)) {
            self.tally.completed += 1;
        }
        if report.verdict.status == Status::Exhausted {
            self.tally.exhausted += 1;
        }
        let (kind, signature) = verdict?;
        self.tally.divergences += 1;
        if kind == FindingKind::Crash {
            self.tally.crashes += 1;
        }
        Some(Candidate {
            kind,
            pattern: pattern_of(kind, &signature, &report),
            signature,
            index,
            program_seed,
            source: source.to_string(),
            report,
        })
    }

    /// Runs `source` on every engine and asks the oracles. With `count`, the runs are
    /// counted in the tally (campaign programs); reduction candidates are not.
    pub fn judge(
        &mut self,
        source: &[u8],
        count: bool,
    ) -> (Report, Option<(FindingKind, Signature)>) {
        let program = Program::new(source, CHUNKNAME);
        let mut runs: Vec<(String, Outcome)> = Vec::with_capacity(self.engines.len());
        for (i, engine) in self.engines.iter_mut().enumerate() {
            if let Some(watch) = &self.watch {
                watch.begin(i);
            }
            let outcome = run_isolated(engine.as_mut(), &program, &self.limits);
            if let Some(watch) = &self.watch {
                watch.end();
            }
            if count {
                self.tally.engine_nanos[i] += outcome.cost.wall.as_nanos() as u64;
            }
            runs.push((self.names[i].clone(), outcome));
        }
        let started = Instant::now();
        let verdict = compare(&runs, self.errors);
        let report = Report {
            program: String::from_utf8_lossy(source).into_owned(),
            runs,
            verdict,
        };
        let verdict = match report.verdict.status {
            Status::Crashed => Some(FindingKind::Crash),
            Status::Diverge => Some(FindingKind::Divergence),
            Status::Agree | Status::Exhausted => None,
        }
        .map(|kind| (kind, Signature::of(&report.verdict, &report.runs)))
        .or_else(|| {
            (report.verdict.status == Status::Agree)
                .then(|| self.performance_violation(&report, count))
                .flatten()
                .map(|signature| (FindingKind::Performance, signature))
        });
        if count {
            self.note_executed_opcodes(&report);
            self.tally.oracle_nanos += started.elapsed().as_nanos() as u64;
        }
        (report, verdict)
    }

    /// The performance oracle on runs that agree: the signature of the first rule broken.
    fn performance_violation(&mut self, report: &Report, count: bool) -> Option<Signature> {
        let instructions = |i: Option<usize>| i.and_then(|i| report.runs[i].1.cost.instructions);
        let vm = instructions(self.vm)?;
        let mut broken = None;
        if let Some(o0) = instructions(self.vm_o0) {
            let violated = vm.saturating_mul(100) > o0.saturating_mul(PERFORMANCE_PERCENT);
            if count {
                self.tally.performance_checked += 1;
                self.tally.performance_violations += u64::from(violated);
            }
            if violated {
                broken = Some(performance_signature(PERFORMANCE_PERCENT));
            }
        }
        if let Some(native) = instructions(self.native) {
            // The true count is below the counted one plus a period.
            let at_most = native + lua_native::INSTRUCTION_COUNT_PERIOD;
            let violated = vm > at_most.saturating_mul(NATIVE_FACTOR);
            if count {
                self.tally.performance_native_checked += 1;
                self.tally.performance_native_violations += u64::from(violated);
            }
            if violated && broken.is_none() {
                broken = Some(native_performance_signature(NATIVE_FACTOR));
            }
        }
        broken
    }

    fn note_generated_coverage(&mut self, chunk: &lua_syntax::ast::Chunk) {
        // Once every node kind and library function has been seen, the census stops:
        // it costs about a tenth of the generation time.
        let all_kinds = full_bits(lua_gen::coverage::ALL_NODE_KINDS.len());
        let all_library = full_bits(lua_gen::coverage::CONFORMANCE_LIBRARY.len());
        if self.tally.node_kinds != all_kinds {
            for kind in lua_gen::coverage::node_kinds(chunk) {
                if let Some(bit) = self.node_kind_bits.get(kind) {
                    self.tally.node_kinds |= 1 << bit;
                }
            }
        }
        if self.tally.library != all_library {
            for function in lua_gen::coverage::library_functions(chunk) {
                if let Some(bit) = self.library_bits.get(function) {
                    self.tally.library |= 1 << bit;
                }
            }
        }
    }

    fn note_executed_opcodes(&mut self, report: &Report) {
        let Some(vm) = self.vm else { return };
        for (name, count) in &report.runs[vm].1.cost.counters {
            if *count > 0
                && let Some(bit) = self.opcode_bits.get(name)
            {
                self.tally.opcodes |= 1 << bit;
            }
        }
    }

    /// Whether `source` still shows the finding with `signature` (the reducer's test).
    pub fn still_shows(&mut self, source: &[u8], signature: &Signature) -> bool {
        matches!(self.judge(source, false).1, Some((_, s)) if s == *signature)
    }

    /// Reduces `candidate` (when the options say so), bisects an optimizer bug, and
    /// turns it into a [`Finding`].
    ///
    /// Divergences and crashes go through the AST reducer (`crate::reduce`), which keeps
    /// the signature, then through the line reducer ([`shrink_lines`]) for what is left;
    /// performance findings, whose test is a cost ratio, through the line reducer only.
    pub fn finding(&mut self, candidate: &Candidate) -> Finding {
        let started = Instant::now();
        let provenance = format!(
            "{} (program {}, program seed {}); regenerate: {}",
            self.options.command_line(),
            candidate.index,
            candidate.program_seed,
            self.options.gen_command_line(candidate.program_seed)
        );
        let mut source = candidate.source.clone();
        if self.options.reduce {
            if candidate.kind != FindingKind::Performance {
                let options = crate::reduce::ReduceOptions {
                    time_budget: Some(REDUCTION_BUDGET),
                    limits: self.limits,
                    error_mode: self.errors,
                    chunkname: CHUNKNAME.to_string(),
                    rename: true,
                    progress: None,
                };
                if let Ok(reduced) =
                    crate::reduce::reduce(source.as_bytes(), &mut self.engines, &options)
                    && reduced.signature == candidate.signature
                    && let Ok(text) = String::from_utf8(reduced.source)
                {
                    source = text;
                }
            }
            let signature = candidate.signature.clone();
            source = shrink_lines(&source, REDUCTION_BUDGET, |text| {
                self.still_shows(text.as_bytes(), &signature)
            });
        }
        let reduction = (source != candidate.source).then(|| {
            format!(
                "{} -> {} lines, {} -> {} bytes in {:.1} s",
                crate::reduce::count_lines(candidate.source.as_bytes()),
                crate::reduce::count_lines(source.as_bytes()),
                candidate.source.len(),
                source.len(),
                started.elapsed().as_secs_f64()
            )
        });
        let bisection = (candidate.signature.blame == Blame::Optimizer
            && candidate.kind == FindingKind::Divergence)
            .then(|| {
                crate::bisect::bisect(source.as_bytes(), CHUNKNAME, &self.limits, self.errors)
                    .ok()
                    .map(|b| b.to_string())
            })
            .flatten();
        let (report, _) = self.judge(source.as_bytes(), false);
        let finding = Finding {
            kind: candidate.kind,
            signature: candidate.signature.clone(),
            pattern: candidate.pattern.clone(),
            seed: (source == candidate.source).then_some(candidate.program_seed),
            reduction,
            bisection,
            provenance,
            engines: self
                .engines
                .iter()
                .map(|e| (e.name().to_string(), e.description()))
                .collect(),
            notes: details(candidate.kind, &report, [self.vm, self.vm_o0, self.native])
                .lines()
                .map(String::from)
                .collect(),
            source,
        };
        self.tally.reduction_nanos += started.elapsed().as_nanos() as u64;
        finding
    }
}

/// The one-line pattern of a finding, for summaries.
fn pattern_of(kind: FindingKind, signature: &Signature, report: &Report) -> String {
    match kind {
        FindingKind::Performance if signature.blame == Blame::Optimizer => {
            "optimizer makes code slower".to_string()
        }
        FindingKind::Performance => format!("vm over {NATIVE_FACTOR}x native's instructions"),
        _ => report
            .verdict
            .pattern
            .clone()
            .unwrap_or_else(|| kind.name().to_string()),
    }
}

/// What a finding file's header shows about the filed program.
/// `engines`: the positions of vm, vm-O0 and native in the runs.
fn details(kind: FindingKind, report: &Report, engines: [Option<usize>; 3]) -> String {
    match kind {
        FindingKind::Performance => {
            let count = |i: Option<usize>| {
                i.and_then(|i| report.runs[i].1.cost.instructions)
                    .map_or("not counted".to_string(), |n| n.to_string())
            };
            let [vm, vm_o0, native] = engines;
            format!(
                "instructions executed: vm (-O2) {}, vm-O0 {}, native {} (counted in periods of {}) (limits: {PERFORMANCE_PERCENT}% of vm-O0's, {NATIVE_FACTOR}x native's)",
                count(vm),
                count(vm_o0),
                count(native),
                lua_native::INSTRUCTION_COUNT_PERIOD
            )
        }
        _ => {
            let mut text = format!("classes: {}\n", report.verdict.classes_text());
            for class in &report.verdict.classes {
                let outcome = &report
                    .runs
                    .iter()
                    .find(|(engine, _)| engine == &class[0])
                    .expect("every class member ran")
                    .1;
                text += &format!("{{{}}}: {}\n", class.join(","), one_line(&outcome.end));
            }
            text
        }
    }
}

fn one_line(end: &End) -> String {
    let text = end.to_string().replace('\n', "\\n");
    if text.len() > 200 {
        let mut cut = 200;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}...", &text[..cut])
    } else {
        text
    }
}

fn bit_map(names: &[&'static str]) -> HashMap<&'static str, u32> {
    names
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 128)
        .map(|(i, name)| (*name, i as u32))
        .collect()
}

fn full_bits(n: usize) -> u128 {
    if n >= 128 {
        u128::MAX
    } else {
        (1u128 << n) - 1
    }
}
