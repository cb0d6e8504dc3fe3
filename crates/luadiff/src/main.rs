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
    /// Run the conformance suite (conformance/*.lua against snapshots of native Lua).
    Conformance {
        /// Comma-separated engines (default: every built-in engine that exists).
        #[arg(long)]
        engines: Option<String>,
        /// Print `{"engines": {name: {"passed", "failed", "known_gaps"}}, "programs": N}`.
        #[arg(long)]
        json: bool,
    },
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
    };
    ExitCode::from(status as u8)
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
