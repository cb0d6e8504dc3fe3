//! The workers of a campaign, and the campaign loop.
//!
//! Worker `k` of `J` runs the programs `k`, `k + J`, `k + 2J`, ... so the set of programs
//! depends on the seed and the count, never on timing. Two ways to run workers:
//!
//! * [`run_with_processes`] (the `luadiff fuzz` command): each worker is a child process
//!   (`luadiff fuzz-worker SPEC`). Nothing an engine does can take the campaign down: a
//!   panic is caught in the child (`run_isolated`); an engine that ignores its limits is
//!   stopped by the child's watchdog thread, which files a `hang` finding and exits; a
//!   child that dies (abort, stack overflow, signal) is noticed by the parent, which files
//!   the program it was running as a `crash` finding; either way the parent starts a new
//!   child at the next program. The parent also kills a child that goes silent.
//! * [`run_in_process`] (tests, the library): workers are threads of this process. A
//!   panic is still caught, but a hang or an abort is not survived.
//!
//! Children talk to the parent in JSON lines on their standard output ([`Event`]); the
//! parent closes a child's standard input to ask it to stop.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::finding::{self, Finding, FindingKind};
use super::runner::{Candidate, Runner, Watch};
use super::summary::{FiledFinding, Progress, Summary};
use super::tally::Tally;
use super::{Options, program_seed};
use crate::registry;

/// How long one engine run may take before the watchdog calls it a hang. Engines stop
/// themselves at `Limits::GENERATED.wall_time` (10 s) at the latest; this is far past it.
pub const HANG_LIMIT: Duration = Duration::from_secs(30);

/// How long a child may stay silent (no event at all) past its own hang limit before
/// the parent kills it.
const SILENCE_MARGIN: Duration = Duration::from_secs(90);

/// How long the parent waits between reads of a child's events (see the reader thread).
const READ_PAUSE: Duration = Duration::from_millis(20);

/// How often a worker reports its tally.
const TALLY_EVERY: Duration = Duration::from_millis(250);

/// The exit status of a child whose watchdog caught a hang.
const HANG_EXIT: i32 = 3;

/// What a worker process is told to do (`luadiff fuzz-worker SPEC`, SPEC in JSON).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WorkerSpec {
    pub options: Options,
    /// This worker's number `k` (of `options.jobs`).
    pub worker: u64,
    /// The first round `m` (program `k + J*m`) to run: after a restart, the one after
    /// the program that hung or crashed.
    pub first_round: u64,
    /// Seconds left in the campaign when the worker starts.
    pub seconds_left: Option<f64>,
}

/// One line from a worker process.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Event {
    /// Program `index` starts.
    Start(u64),
    /// The worker's tally so far (cumulative over its life).
    Tally(Tally),
    /// A new finding was filed.
    Filed(FiledFinding),
    /// The watchdog stopped an engine that ignored its limits on program `index`; the
    /// worker exits right after this event.
    Hang {
        index: u64,
        filed: Option<FiledFinding>,
    },
    /// The worker ran out of programs or time, or was asked to stop.
    Done,
}

/// The program indices of worker `worker` from round `first_round` on.
fn rounds(options: &Options, worker: u64, first_round: u64) -> impl Iterator<Item = u64> {
    let jobs = options.jobs.max(1) as u64;
    let limit = options.programs.unwrap_or(u64::MAX);
    (first_round..)
        .map(move |round| worker + jobs * round)
        .take_while(move |&index| index < limit)
}

/// Where a worker sends what it found.
trait Sink {
    fn started(&mut self, index: u64);
    fn tally(&mut self, tally: &Tally);
    /// Whether a finding with this signature should be filed (nobody filed it yet).
    fn claim(&mut self, signature: &str) -> bool;
    fn filed(&mut self, filed: FiledFinding);
}

/// The loop every worker runs.
fn work(
    runner: &mut Runner,
    worker: u64,
    first_round: u64,
    deadline: Option<Instant>,
    stop: &AtomicBool,
    sink: &mut dyn Sink,
) {
    let options = runner.options().clone();
    let mut last_report = Instant::now();
    for index in rounds(&options, worker, first_round) {
        if stop.load(Ordering::Relaxed) || deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        sink.started(index);
        if let Some(candidate) = runner.run_program(index)
            && sink.claim(&candidate.signature.id())
        {
            match file(runner, &candidate, &options.out) {
                Ok(filed) => sink.filed(filed),
                Err(e) => eprintln!(
                    "luadiff: cannot file a finding in {}: {e}",
                    options.out.display()
                ),
            }
        }
        if last_report.elapsed() >= TALLY_EVERY {
            sink.tally(&runner.tally);
            last_report = Instant::now();
        }
    }
    sink.tally(&runner.tally);
}

/// Reduces and files a candidate.
fn file(runner: &mut Runner, candidate: &Candidate, out: &Path) -> std::io::Result<FiledFinding> {
    let finding = runner.finding(candidate);
    let path = finding::write(out, &finding)?;
    Ok(FiledFinding::new(&finding, &path))
}

// ---------------------------------------------------------------------------------------
// Threads.

struct ThreadSink {
    claimed: Arc<Mutex<HashSet<String>>>,
    events: mpsc::Sender<(usize, Event)>,
    id: usize,
}

impl Sink for ThreadSink {
    fn started(&mut self, _: u64) {}

    fn tally(&mut self, tally: &Tally) {
        let _ = self.events.send((self.id, Event::Tally(tally.clone())));
    }

    fn claim(&mut self, signature: &str) -> bool {
        self.claimed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(signature.to_string())
    }

    fn filed(&mut self, filed: FiledFinding) {
        let _ = self.events.send((self.id, Event::Filed(filed)));
    }
}

/// Runs a campaign on `options.jobs` threads of this process, until the programs or the
/// time run out or `stop` is set. `progress` sees the tally as it grows.
pub fn run_in_process(
    options: &Options,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(&Tally, &[FiledFinding]),
) -> Result<Summary, String> {
    let started = Instant::now();
    let deadline = options.duration().map(|d| started + d);
    // A bad option is an error before anything runs. Engines are not `Send`: each
    // thread builds its own runner.
    Runner::new(options)?;
    let jobs = options.jobs.max(1);
    let claimed = Arc::new(Mutex::new(finding::known_signatures(&options.out)));
    let (events, received) = mpsc::channel();
    let mut tallies = vec![Tally::new(options.engines.len()); jobs];
    let mut filed = Vec::new();
    std::thread::scope(|scope| {
        for id in 0..jobs {
            let mut sink = ThreadSink {
                claimed: claimed.clone(),
                events: events.clone(),
                id,
            };
            std::thread::Builder::new()
                .name(format!("campaign-worker-{id}"))
                .spawn_scoped(scope, move || {
                    let mut runner = Runner::new(options).expect("checked above");
                    work(&mut runner, id as u64, 0, deadline, stop, &mut sink);
                    let _ = sink.events.send((id, Event::Done));
                })
                .expect("a worker thread starts");
        }
        drop(events);
        let mut done = 0;
        while done < tallies.len() {
            match received.recv_timeout(Duration::from_millis(200)) {
                Ok((id, Event::Tally(tally))) => tallies[id] = tally,
                Ok((_, Event::Filed(f))) => filed.push(f),
                Ok((_, Event::Done)) => done += 1,
                Ok(_) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            progress(&sum(&tallies, options), &filed);
        }
    });
    Ok(Summary::new(
        options,
        sum(&tallies, options),
        filed,
        started.elapsed(),
        stop.load(Ordering::Relaxed),
    ))
}

fn sum(tallies: &[Tally], options: &Options) -> Tally {
    let mut total = Tally::new(options.engines.len());
    for tally in tallies {
        total.merge(tally);
    }
    total
}

// ---------------------------------------------------------------------------------------
// Processes: the child side.

struct ProcessSink {
    out: std::io::Stdout,
    claimed: HashSet<String>,
    dir: PathBuf,
}

impl ProcessSink {
    fn send(&mut self, event: &Event) {
        let mut line = serde_json::to_string(event).expect("events serialize");
        line.push('\n');
        let mut out = self.out.lock();
        // The parent reads every line; if it is gone, there is nobody to report to.
        if out
            .write_all(line.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            std::process::exit(0);
        }
    }
}

impl Sink for ProcessSink {
    fn started(&mut self, index: u64) {
        self.send(&Event::Start(index));
    }

    fn tally(&mut self, tally: &Tally) {
        self.send(&Event::Tally(tally.clone()));
    }

    fn claim(&mut self, signature: &str) -> bool {
        // Another worker may have filed the same signature since this one started.
        self.claimed.insert(signature.to_string()) && !finding::is_filed(&self.dir, signature)
    }

    fn filed(&mut self, filed: FiledFinding) {
        self.send(&Event::Filed(filed));
    }
}

/// The `luadiff fuzz-worker SPEC` process: runs its share of the campaign and reports on
/// standard output. Stops when its standard input closes (the parent's request) or on
/// Ctrl-C (which reaches the whole process group), after the program in flight.
pub fn worker_main(spec_json: &str) -> i32 {
    let spec: WorkerSpec = match serde_json::from_str(spec_json) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("luadiff fuzz-worker: bad worker spec: {e}");
            return 2;
        }
    };
    crate::isolate::quiet_worker_panics();
    let stop: &'static AtomicBool = interrupt_flag();
    std::thread::spawn(move || {
        let mut sink = [0u8; 64];
        let mut stdin = std::io::stdin();
        while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
        stop.store(true, Ordering::Relaxed);
    });
    let watch = Arc::new(Watch::default());
    let watched = watch.clone();
    let options = spec.options.clone();
    std::thread::Builder::new()
        .name("campaign-watchdog".to_string())
        .spawn(move || watchdog(&watched, &options))
        .expect("the watchdog thread starts");
    let mut sink = ProcessSink {
        out: std::io::stdout(),
        claimed: finding::known_signatures(&spec.options.out),
        dir: spec.options.out.clone(),
    };
    let deadline = spec
        .seconds_left
        .map(|s| Instant::now() + Duration::from_secs_f64(s.max(0.0)));
    // The engines run on this process's campaign thread rather than on a thread each:
    // four hand-offs per program cost more than generating the program. The engines'
    // own watchdogs go with their threads; the watchdog above stands in for them.
    let ran = lua_engine::worker::run_with_stack(
        "campaign-worker",
        registry::engine_stack_bytes(),
        || {
            let mut runner = Runner::new(&spec.options)?;
            runner.set_watch(watch);
            work(
                &mut runner,
                spec.worker,
                spec.first_round,
                deadline,
                stop,
                &mut sink,
            );
            Ok::<(), String>(())
        },
    );
    let message = match ran {
        Ok(Ok(())) => {
            sink.send(&Event::Done);
            return 0;
        }
        Ok(Err(message)) => message,
        Err(error) => format!("cannot start the campaign thread: {error}"),
    };
    eprintln!("luadiff fuzz-worker: {message}");
    2
}

/// Watches the engine runs of a worker process: one that runs past [`HANG_LIMIT`] is
/// filed as a hang, and the process exits (the parent starts a new one).
fn watchdog(watch: &Watch, options: &Options) {
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let Some((elapsed, engine, current)) = watch.running() else {
            continue;
        };
        if elapsed.as_secs_f64() < options.hang_seconds {
            continue;
        }
        let engine = options
            .engines
            .get(engine)
            .cloned()
            .unwrap_or_else(|| "?".to_string());
        let (index, seed, source) = current.unwrap_or((0, 0, Arc::from("")));
        let finding = Finding {
            kind: FindingKind::Hang,
            signature: finding::hang_signature(&engine),
            pattern: format!("engine {engine} hangs"),
            source: source.to_string(),
            seed: Some(seed),
            reduction: None,
            bisection: None,
            provenance: format!(
                "{} (program {index}, program seed {seed}); regenerate: {}",
                options.command_line(),
                options.gen_command_line(seed)
            ),
            engines: Vec::new(),
            notes: vec![format!(
                "engine {engine} was still running after {:.1} s (limits: {:?})",
                elapsed.as_secs_f64(),
                lua_engine::Limits::GENERATED
            )],
        };
        // Not reduced: every candidate would take the hang limit.
        let filed = if finding::is_filed(&options.out, &finding.signature.id()) {
            None
        } else {
            finding::write(&options.out, &finding)
                .ok()
                .map(|path| FiledFinding::new(&finding, &path))
        };
        let line = serde_json::to_string(&Event::Hang { index, filed }).expect("events serialize");
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
        std::process::exit(HANG_EXIT);
    }
}

// ---------------------------------------------------------------------------------------
// Processes: the parent side.

/// The flag Ctrl-C sets (the handler is installed once per process).
pub fn interrupt_flag() -> &'static AtomicBool {
    static FLAG: OnceLock<&'static AtomicBool> = OnceLock::new();
    FLAG.get_or_init(|| {
        let flag: &'static AtomicBool = Box::leak(Box::new(AtomicBool::new(false)));
        // Without a handler (another one is installed), Ctrl-C ends the process as usual.
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed));
        flag
    })
}

/// One running child and what the parent knows about it.
struct Slot {
    worker: u64,
    child: Child,
    stdin: Option<ChildStdin>,
    /// The tally of this incarnation so far.
    tally: Tally,
    /// The program the child is running (its last `Start`).
    running: Option<u64>,
    last_heard: Instant,
    finished: bool,
    hung: Option<u64>,
    /// Killed by the parent for going silent.
    silenced: bool,
}

/// Runs a campaign on `options.jobs` worker processes started from `exe` (the luadiff
/// binary), with a progress bar on standard error when it is a terminal.
pub fn run_with_processes(
    options: &Options,
    exe: &Path,
    show_progress: bool,
) -> Result<Summary, String> {
    // A bad option is an error here, before any process starts.
    Runner::new(options)?;
    std::fs::create_dir_all(&options.out)
        .map_err(|e| format!("cannot create {}: {e}", options.out.display()))?;
    let stop = interrupt_flag();
    let started = Instant::now();
    let deadline = options.duration().map(|d| started + d);
    let (events, received) = mpsc::channel::<(usize, Option<Event>)>();
    let mut slots: Vec<Option<Slot>> = Vec::new();
    let mut done_tally = Tally::new(options.engines.len());
    let mut filed: Vec<FiledFinding> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut progress = Progress::new(options, show_progress);
    let mut generation = 0usize;

    let spawn = |worker: u64, first_round: u64, id: usize| -> Result<Slot, String> {
        let seconds_left =
            deadline.map(|d| d.saturating_duration_since(Instant::now()).as_secs_f64());
        let spec = WorkerSpec {
            options: options.clone(),
            worker,
            first_round,
            seconds_left,
        };
        let mut child = Command::new(exe)
            .arg("fuzz-worker")
            .arg(serde_json::to_string(&spec).expect("specs serialize"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start a worker process ({}): {e}", exe.display()))?;
        let stdout = child.stdout.take().expect("piped stdout");
        let stdin = child.stdin.take();
        let events = events.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            loop {
                line.clear();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
                if let Ok(event) = serde_json::from_str::<Event>(&line)
                    && events.send((id, Some(event))).is_err()
                {
                    return;
                }
                // A child writes a line per program, a thousand a second: waking up for
                // each would take a core's time from the workers. Reading in batches
                // loses nothing, as the pipe holds the lines (a child that dies leaves
                // its last `Start` in the pipe), and delays events by at most a pause.
                if reader.buffer().is_empty() {
                    std::thread::sleep(READ_PAUSE);
                }
            }
            let _ = events.send((id, None));
        });
        Ok(Slot {
            worker,
            child,
            stdin,
            tally: Tally::new(options.engines.len()),
            running: None,
            last_heard: Instant::now(),
            finished: false,
            hung: None,
            silenced: false,
        })
    };

    for worker in 0..options.jobs.max(1) as u64 {
        slots.push(Some(spawn(worker, 0, generation)?));
        generation += 1;
    }
    // Slot ids grow as children are replaced: `ids[id]` is the index in `slots`.
    let mut ids: Vec<usize> = (0..slots.len()).collect();
    let mut asked_to_stop = false;
    let silence_limit = Duration::from_secs_f64(options.hang_seconds) + SILENCE_MARGIN;

    while slots.iter().any(Option::is_some) {
        let interrupted = stop.load(Ordering::Relaxed);
        let timed_out = deadline.is_some_and(|d| Instant::now() >= d + Duration::from_secs(60));
        if (interrupted || timed_out) && !asked_to_stop {
            // Closing standard input asks each child to stop after its current program.
            for slot in slots.iter_mut().flatten() {
                slot.stdin = None;
            }
            asked_to_stop = true;
        }
        match received.recv_timeout(Duration::from_millis(100)) {
            Ok((id, event)) => {
                let at = ids[id];
                let Some(slot) = slots[at].as_mut() else {
                    continue;
                };
                slot.last_heard = Instant::now();
                match event {
                    Some(Event::Start(index)) => slot.running = Some(index),
                    Some(Event::Tally(tally)) => slot.tally = tally,
                    Some(Event::Filed(f)) => {
                        if seen.insert(f.id.clone()) {
                            filed.push(f);
                        }
                    }
                    Some(Event::Hang { index, filed: f }) => {
                        slot.hung = Some(index);
                        if let Some(f) = f
                            && seen.insert(f.id.clone())
                        {
                            filed.push(f);
                        }
                    }
                    Some(Event::Done) => slot.finished = true,
                    None => {
                        // The child closed its output: it has exited or is about to.
                        let mut slot = slots[at].take().expect("a live slot");
                        let status = slot.child.wait().ok();
                        done_tally.merge(&slot.tally);
                        let culprit = if slot.finished {
                            None
                        } else if let Some(index) = slot.hung {
                            done_tally.programs += 1;
                            done_tally.divergences += 1;
                            done_tally.hangs += 1;
                            Some(index)
                        } else if slot.silenced {
                            let index = slot.running.unwrap_or(0);
                            done_tally.programs += 1;
                            done_tally.divergences += 1;
                            done_tally.hangs += 1;
                            let why = format!("went silent for {} s", silence_limit.as_secs());
                            if let Some(f) =
                                file_process_death(options, index, FindingKind::Hang, &why)
                                && seen.insert(f.id.clone())
                            {
                                filed.push(f);
                            }
                            Some(index)
                        } else if asked_to_stop && interrupted {
                            // Ctrl-C reached the child too; it may have died of it.
                            None
                        } else {
                            let index = slot.running.unwrap_or(0);
                            done_tally.programs += 1;
                            done_tally.divergences += 1;
                            done_tally.crashes += 1;
                            let why = match status {
                                Some(status) => describe_exit(status),
                                None => "ended with an unknown status".to_string(),
                            };
                            if let Some(f) =
                                file_process_death(options, index, FindingKind::Crash, &why)
                                && seen.insert(f.id.clone())
                            {
                                filed.push(f);
                            }
                            Some(index)
                        };
                        if let Some(index) = culprit
                            && !asked_to_stop
                        {
                            let jobs = options.jobs.max(1) as u64;
                            let next_round = (index - slot.worker) / jobs + 1;
                            let replacement = spawn(slot.worker, next_round, generation)?;
                            ids.push(at);
                            generation += 1;
                            slots[at] = Some(replacement);
                        }
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        for slot in slots.iter_mut().flatten() {
            if slot.last_heard.elapsed() > silence_limit {
                // The child's own watchdog should have caught this; kill it, and the
                // end of its output files the program it was running.
                let _ = slot.child.kill();
                slot.silenced = true;
                slot.last_heard = Instant::now();
            }
        }
        let mut total = done_tally.clone();
        for slot in slots.iter().flatten() {
            total.merge(&slot.tally);
        }
        progress.update(&total, &filed, started.elapsed());
    }
    let mut total = done_tally;
    total.engine_nanos.resize(options.engines.len(), 0);
    progress.finish();
    Ok(Summary::new(
        options,
        total,
        filed,
        started.elapsed(),
        stop.load(Ordering::Relaxed),
    ))
}

/// Files the program a worker process was running when it died (a crash) or had to be
/// killed (a hang).
fn file_process_death(
    options: &Options,
    index: u64,
    kind: FindingKind,
    why: &str,
) -> Option<FiledFinding> {
    let seed = program_seed(options.seed, index);
    let config = options.generator_config().ok()?;
    let program = lua_gen::Program::from_seed(seed, &config);
    let signature = finding::process_signature(kind, why);
    if finding::is_filed(&options.out, &signature.id()) {
        return None;
    }
    let finding = Finding {
        kind,
        pattern: match kind {
            FindingKind::Hang => "an engine hangs its process".to_string(),
            _ => "an engine killed its process".to_string(),
        },
        source: program.source().to_string(),
        seed: Some(seed),
        reduction: None,
        bisection: None,
        provenance: format!(
            "{} (program {index}, program seed {seed}); regenerate: {}",
            options.command_line(),
            options.gen_command_line(seed)
        ),
        engines: Vec::new(),
        notes: vec![format!(
            "the worker process running this program {why}; `luadiff run` on it shows which engine"
        )],
        signature,
    };
    let path = finding::write(&options.out, &finding).ok()?;
    Some(FiledFinding::new(&finding, &path))
}

fn describe_exit(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("died with exit status {code}"),
        (None, Some(signal)) => format!("was killed by signal {signal}"),
        _ => "ended with an unknown status".to_string(),
    }
}
