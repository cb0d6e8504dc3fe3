//! The `luadiff` command: argument parsing and exit statuses; the logic lives in the library.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::os::unix::ffi::OsStringExt;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use luadiff::commands::{self, ConformanceOptions, ExecOptions, RunOptions};
use luadiff::{DEFAULT_EXEC_ENGINE, ErrorMode};

#[derive(Parser)]
#[command(
    name = "luadiff",
    version,
    about = "Differential testing of Lua 5.4 implementations"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run one Lua file like the `lua` command (output on stdout, errors on stderr).
    Exec {
        /// The engine: native, ref, vm, vm-O0 or ext:COMMAND.
        #[arg(long, default_value = DEFAULT_EXEC_ENGINE)]
        engine: String,
        /// The script (`-` reads standard input).
        file: OsString,
        /// Arguments for the script (`arg[1]`, ... and `...`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<OsString>,
    },
    /// Run files on several engines and report where they disagree.
    Run {
        /// Comma-separated engines (default: every built-in engine that exists).
        #[arg(long)]
        engines: Option<String>,
        /// Compare errors by kind (syntax/runtime) or by message text.
        #[arg(long, value_enum, default_value = "message")]
        errors: Errors,
        /// One JSON object per file, one per line.
        #[arg(long)]
        json: bool,
        /// The Lua files to run.
        #[arg(required = true)]
        files: Vec<OsString>,
    },
    /// Compile a Lua file with lua-vm and print its bytecode listing (like `luac -l -l`).
    Disasm {
        /// Optimization level: 0, 1 or 2.
        #[arg(short = 'O', default_value = "2")]
        level: String,
        /// Passes to switch off (`-fold,-threading`) or on (`+fold`).
        #[arg(long, allow_hyphen_values = true)]
        passes: Option<String>,
        /// Also list every rewrite the optimizer made (numbered as LUAVM_OPT_FUEL counts).
        #[arg(long)]
        stats: bool,
        /// The Lua file.
        file: OsString,
    },
    /// Run a differential campaign: generated programs on every engine, findings filed.
    Fuzz(FuzzArgs),
    /// Print one generated program (the same seed always gives the same program).
    Gen {
        /// The program seed (a finding's header gives it).
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Roughly the number of statements.
        #[arg(long, default_value_t = luadiff::campaign::DEFAULT_SIZE)]
        size: usize,
        /// Features to force on or off: `floats,-goto,+coroutines`.
        #[arg(long, allow_hyphen_values = true)]
        features: Option<String>,
        /// Generate from fuzzer bytes (a `differential` or `vm_compile` crash input)
        /// instead of the seed.
        #[arg(long, value_name = "FILE")]
        from_bytes: Option<OsString>,
    },
    /// Fill fuzz/corpus/<target>/ with seed inputs from conformance/ and corpus/.
    FuzzSeed {
        /// The corpus directory to fill.
        #[arg(default_value = "fuzz/corpus")]
        dir: OsString,
    },
    /// A worker process of `luadiff fuzz` (internal).
    #[command(hide = true)]
    FuzzWorker { spec: String },
    /// Run the conformance suite (conformance/*.lua against snapshots of native Lua).
    Conformance {
        /// Comma-separated engines (default: every built-in engine that exists).
        #[arg(long)]
        engines: Option<String>,
        /// Print `{"engines": {name: {"passed", "failed", "known_gaps"}}, "programs": N}`.
        #[arg(long)]
        json: bool,
    },
    /// Shrink a program that shows a divergence to a minimal one with the same signature.
    Reduce(ReduceArgs),
    /// The corpus of findings and regressions (`check` replays it, `promote` files a fix).
    Corpus {
        #[command(subcommand)]
        action: CorpusAction,
    },
    /// Time the benchmark set (benches/lua) against native Lua, checking every run's outcome.
    Bench(BenchArgs),
}

#[derive(clap::Args)]
struct FuzzArgs {
    /// Stop after this many seconds (default: run until Ctrl-C).
    #[arg(long, value_name = "SECS", conflicts_with = "programs")]
    time: Option<f64>,
    /// Stop after this many programs.
    #[arg(long, value_name = "N")]
    programs: Option<u64>,
    /// The campaign seed (default: a fresh one, printed).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker processes (default: one per core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Comma-separated engines.
    #[arg(long, default_value = "native,ref,vm,vm-O0")]
    engines: String,
    /// Where findings are filed.
    #[arg(long, default_value = "corpus/findings")]
    out: OsString,
    /// Compare errors by message text (the default: the engines reproduce native Lua's
    /// messages on generated programs) or only by kind (syntax/runtime).
    #[arg(long, value_enum, default_value = "message")]
    errors: Errors,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Features to force on or off: `floats,-goto,+coroutines`.
    #[arg(long, allow_hyphen_values = true)]
    features: Option<String>,
    /// Roughly the number of statements per program.
    #[arg(long, default_value_t = luadiff::campaign::DEFAULT_SIZE)]
    size: usize,
    /// File findings as generated, without reducing them.
    #[arg(long)]
    no_reduce: bool,
    /// Seconds one engine run may take before the watchdog files it as a hang.
    #[arg(long, value_name = "SECS", default_value_t = luadiff::campaign::pool::HANG_LIMIT.as_secs_f64())]
    hang_limit: f64,
}

#[derive(Clone, Copy, ValueEnum)]
enum Errors {
    Kind,
    Message,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    if let Command::FuzzWorker { spec } = &cli.command {
        // A worker's watchdog thread writes to standard output too: no lock is held here.
        return ExitCode::from(luadiff::campaign::pool::worker_main(spec) as u8);
    }
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let status = match cli.command {
        Command::Exec { engine, file, args } => match utf8_path(file) {
            Ok(file) => {
                let args = args.into_iter().map(OsString::into_vec).collect();
                commands::exec(
                    &ExecOptions { engine, file, args },
                    &mut stdout,
                    &mut stderr,
                )
            }
            Err(message) => usage(&message),
        },
        Command::Run {
            engines,
            errors,
            json,
            files,
        } => {
            let files: Result<Vec<String>, String> = files.into_iter().map(utf8_path).collect();
            let engines = match engines
                .as_deref()
                .map(luadiff::registry::parse_list)
                .transpose()
            {
                Ok(engines) => engines,
                Err(error) => return ExitCode::from(usage(&error.to_string()) as u8),
            };
            match files {
                Ok(files) => {
                    let errors = match errors {
                        Errors::Kind => ErrorMode::Kind,
                        Errors::Message => ErrorMode::Message,
                    };
                    let color =
                        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                    let options = RunOptions {
                        engines,
                        errors,
                        json,
                        files,
                        color,
                    };
                    commands::run(&options, &mut stdout, &mut stderr)
                }
                Err(message) => usage(&message),
            }
        }
        Command::Disasm {
            level,
            passes,
            stats,
            file,
        } => match utf8_path(file) {
            Ok(file) => lua_vm::disasm::command(
                &file,
                &level,
                passes.as_deref(),
                stats,
                &mut stdout,
                &mut stderr,
            ),
            Err(message) => usage(&message),
        },
        Command::Fuzz(args) => fuzz(args, &mut stdout, &mut stderr),
        Command::Gen {
            seed,
            size,
            features,
            from_bytes,
        } => luadiff::campaign::gen_command(
            &luadiff::campaign::GenOptions {
                seed,
                size,
                features,
                from_bytes: from_bytes.map(Into::into),
            },
            &mut stdout,
            &mut stderr,
        ),
        Command::FuzzSeed { dir } => luadiff::campaign::seed_corpus::command(
            std::path::Path::new(&dir),
            &mut stdout,
            &mut stderr,
        ),
        // Handled before standard output is locked, above.
        Command::FuzzWorker { .. } => 2,
        Command::Conformance { engines, json } => {
            match engines
                .as_deref()
                .map(luadiff::registry::parse_list)
                .transpose()
            {
                Ok(engines) => commands::conformance(
                    &ConformanceOptions { engines, json },
                    &mut stdout,
                    &mut stderr,
                ),
                Err(error) => usage(&error.to_string()),
            }
        }
        Command::Reduce(args) => reduce(args, &mut stdout, &mut stderr),
        Command::Corpus { action } => corpus(action, &mut stdout, &mut stderr),
        Command::Bench(args) => bench(args, &mut stdout, &mut stderr),
    };
    ExitCode::from(status as u8)
}

/// `luadiff fuzz`: checks the arguments and hands over to the campaign.
fn fuzz(args: FuzzArgs, stdout: &mut dyn std::io::Write, stderr: &mut dyn std::io::Write) -> i32 {
    let engines = match luadiff::registry::parse_list(&args.engines) {
        Ok(engines) => engines,
        Err(error) => return usage(&error.to_string()),
    };
    if args.time.is_some_and(|t| !(t > 0.0 && t.is_finite())) {
        return usage("--time must be a positive number of seconds");
    }
    if !(args.hang_limit > 0.0 && args.hang_limit.is_finite()) {
        return usage("--hang-limit must be a positive number of seconds");
    }
    if args.jobs == Some(0) {
        return usage("--jobs must be at least 1");
    }
    let options = luadiff::campaign::Options {
        seed: args.seed.unwrap_or_else(luadiff::campaign::fresh_seed),
        programs: args.programs,
        seconds: args.time,
        jobs: args.jobs.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        }),
        engines,
        out: args.out.into(),
        errors: match args.errors {
            Errors::Kind => ErrorMode::Kind,
            Errors::Message => ErrorMode::Message,
        }
        .name()
        .to_string(),
        size: args.size,
        features: args.features,
        reduce: !args.no_reduce,
        hang_seconds: args.hang_limit,
    };
    if let Err(message) = options.generator_config() {
        return usage(&message);
    }
    let progress = !args.json && std::io::stderr().is_terminal();
    luadiff::campaign::fuzz_command(&options, args.json, progress, stdout, stderr)
}

/// Paths become chunk names (`@path`), which are text.
fn utf8_path(path: OsString) -> Result<String, String> {
    path.into_string()
        .map_err(|path| format!("the path {} is not valid UTF-8", path.to_string_lossy()))
}

fn usage(message: &str) -> i32 {
    eprintln!("luadiff: {message}");
    2
}

#[derive(clap::Args)]
struct ReduceArgs {
    /// The Lua file that shows the divergence.
    file: OsString,
    /// Write the reduced program here (default: standard output).
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    out: Option<OsString>,
    /// Comma-separated engines (default: every built-in engine that exists).
    #[arg(long)]
    engines: Option<String>,
    /// Stop after this many seconds with the smallest program so far.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    time: f64,
    /// Compare errors by kind (syntax/runtime) or by message text.
    #[arg(long, value_enum, default_value = "message")]
    errors: Errors,
    /// Also file the result as a finding in this directory (corpus/findings).
    #[arg(long, value_name = "DIR")]
    findings: Option<OsString>,
}

#[derive(Subcommand)]
enum CorpusAction {
    /// Replay every regression on every engine against its snapshot; list fixed findings.
    Check {
        /// Comma-separated engines (default: every built-in engine that exists).
        #[arg(long)]
        engines: Option<String>,
        /// Print `{"regressions", "engines": {name: {"passed", "failed"}}, ...}`.
        #[arg(long)]
        json: bool,
    },
    /// Move a fixed finding to corpus/regressions and record its snapshot.
    Promote {
        /// The finding (a file in corpus/findings).
        file: OsString,
        /// What the bug was (one line for the header).
        #[arg(long)]
        why: Option<String>,
        /// Promote even if the engines still disagree on it.
        #[arg(long)]
        force: bool,
    },
}

/// `luadiff reduce`: checks the arguments and hands over to the reducer.
fn reduce(
    args: ReduceArgs,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> i32 {
    let engines = match args
        .engines
        .as_deref()
        .map(luadiff::registry::parse_list)
        .transpose()
    {
        Ok(engines) => engines,
        Err(error) => return usage(&error.to_string()),
    };
    let file = match utf8_path(args.file) {
        Ok(file) => file,
        Err(message) => return usage(&message),
    };
    let (out, findings) = match (
        args.out.map(utf8_path).transpose(),
        args.findings.map(utf8_path).transpose(),
    ) {
        (Ok(out), Ok(findings)) => (out, findings),
        (Err(message), _) | (_, Err(message)) => return usage(&message),
    };
    if !(args.time > 0.0 && args.time.is_finite()) {
        return usage("--time must be a positive number of seconds");
    }
    let command = luadiff::reduce::command::ReduceCommand {
        file,
        out,
        engines,
        time: Some(args.time),
        errors: match args.errors {
            Errors::Kind => ErrorMode::Kind,
            Errors::Message => ErrorMode::Message,
        },
        findings,
        progress: std::io::stderr().is_terminal(),
    };
    luadiff::reduce::command::run(&command, stdout, stderr)
}

/// `luadiff corpus check|promote`.
fn corpus(
    action: CorpusAction,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> i32 {
    match action {
        CorpusAction::Check { engines, json } => match engines
            .as_deref()
            .map(luadiff::registry::parse_list)
            .transpose()
        {
            Ok(engines) => {
                luadiff::corpus::command::check(engines.as_deref(), json, stdout, stderr)
            }
            Err(error) => usage(&error.to_string()),
        },
        CorpusAction::Promote { file, why, force } => match utf8_path(file) {
            Ok(file) => {
                luadiff::corpus::command::promote(&file, why.as_deref(), force, stdout, stderr)
            }
            Err(message) => usage(&message),
        },
    }
}

#[derive(clap::Args)]
struct BenchArgs {
    /// Only the benchmarks whose name matches this regular expression.
    #[arg(long, value_name = "REGEX")]
    filter: Option<String>,
    /// Comma-separated engines (default: native,vm,vm-O0,ref); native always runs.
    #[arg(long)]
    engines: Option<String>,
    /// Runs per benchmark and engine; the median counts.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// `full` to time (0.2-2 s per run on native), `small` for a quick check.
    #[arg(long, default_value = "full", value_parser = ["full", "small"])]
    size: String,
    /// `cpu`: CPU time of the measuring process; `wall`: elapsed time.
    #[arg(long, default_value = "cpu", value_parser = ["cpu", "wall"])]
    clock: String,
    /// Print the results as JSON (the format of benches/baseline.json).
    #[arg(long)]
    json: bool,
    /// Print the results as Markdown tables.
    #[arg(long, conflicts_with = "json")]
    markdown: bool,
    /// Compare the ratios with a baseline; exit 1 when one dropped beyond the tolerance.
    #[arg(long, value_name = "FILE")]
    check: Option<String>,
    /// How far, in percent, a ratio may drop below the baseline's.
    #[arg(long, value_name = "PCT", default_value_t = 15.0)]
    tolerance: f64,
    /// Also write the results as JSON to FILE (for example a new baseline).
    #[arg(long, value_name = "FILE")]
    save: Option<String>,
    /// A directory of benchmarks to run instead of benches/lua.
    #[arg(long)]
    dir: Option<String>,
    /// Show (and --check) results saved with --save or --json instead of running.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["filter", "engines", "dir", "save"])]
    report: Option<String>,
    /// Measure one run in this process (how `luadiff bench` measures; internal).
    #[arg(long, hide = true, requires = "child_benchmark")]
    child_engine: Option<String>,
    #[arg(long, hide = true)]
    child_benchmark: Option<String>,
}

/// `luadiff bench`: checks the arguments and hands over to the library.
fn bench(args: BenchArgs, stdout: &mut dyn std::io::Write, stderr: &mut dyn std::io::Write) -> i32 {
    use luadiff::bench::Size;
    use luadiff::bench_report::Clock;
    use luadiff::bench_run::{self, BenchOptions, ChildRequest};
    let size = Size::parse(&args.size).unwrap_or(Size::Full);
    if let Some(engine) = args.child_engine {
        let request = ChildRequest {
            engine,
            benchmark: args.child_benchmark.unwrap_or_default(),
            size,
            dir: args.dir,
        };
        return bench_run::child(&request, stdout, stderr);
    }
    let engines = match args
        .engines
        .as_deref()
        .map(luadiff::registry::parse_list)
        .transpose()
    {
        Ok(engines) => engines,
        Err(error) => return usage(&error.to_string()),
    };
    if !(0.0..100.0).contains(&args.tolerance) {
        return usage("--tolerance must be a percentage from 0 to 100");
    }
    let options = BenchOptions {
        filter: args.filter,
        engines,
        runs: args.runs,
        size,
        clock: if args.clock == "wall" {
            Clock::Wall
        } else {
            Clock::Cpu
        },
        json: args.json,
        markdown: args.markdown,
        check: args.check,
        tolerance: args.tolerance / 100.0,
        save: args.save,
        dir: args.dir,
        report: args.report,
    };
    bench_run::command(&options, stdout, stderr)
}
