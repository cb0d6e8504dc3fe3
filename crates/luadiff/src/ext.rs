//! `ext:COMMAND`: any Lua interpreter with the `lua` command's interface, run as a subprocess.
//!
//! The program is written to a temporary directory as `luadiff-program.lua` and run as
//! `COMMAND luadiff-program.lua [ARGS...]` from that directory (words after the first
//! in COMMAND are passed before the file, so `ext:lua5.4 -W` works). What the command
//! prints on stdout is the output; how it ends is read from its exit status and stderr:
//!
//! * exit status 0: the program returned (the `lua` command discards the main chunk's
//!   return values, so an ext engine reports none, and the oracle does not compare
//!   them);
//! * a non-zero exit status: an error, whose message is stderr's first line without the
//!   `lua: ` prefix (the program name lua.c prints) and without the `stack traceback:`
//!   that follows. lua.c prints a traceback for runtime errors and none for syntax
//!   errors, so an error without a traceback whose message starts with the file's
//!   position (`luadiff-program.lua:N:`) is a syntax error. (A runtime error whose
//!   value has a `__tostring` metamethod also comes without a traceback; it is taken
//!   for a syntax error only if its text happens to start with that position.)
//!   Lua's resource errors ("stack overflow", "not enough memory", ...) are
//!   `Exhausted`; caught inside the program, they cannot be seen from outside;
//! * killed by a signal: `Crashed`;
//! * still running after `Limits::wall_time`: killed with its process group, `Exhausted(Time)`;
//! * more output than `Limits::output_bytes`: killed, `Exhausted(Memory)`.
//!
//! Fuel, memory and depth limits cannot be imposed on a subprocess.

use std::io::{self, Read};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::Instant;

use lua_engine::{
    Cost, End, Engine, ErrorKind, Limits, LuaError, Observed, Outcome, Program, Resource,
};
use wait_timeout::ChildExt;

use crate::normalize;
use crate::registry::EngineError;

/// The name of the program file inside the temporary directory, and so the chunk id
/// the subprocess's messages show.
pub const PROGRAM_FILE: &str = "luadiff-program.lua";

/// An external Lua interpreter.
pub struct ExtEngine {
    name: String,
    program: PathBuf,
    arguments: Vec<String>,
    last_traceback: Option<Vec<u8>>,
}

impl ExtEngine {
    /// `command` is what follows `ext:`, for example `lua5.4` or `./mylua -joff`.
    pub fn new(command: &str) -> Result<ExtEngine, EngineError> {
        let mut words = command.split_whitespace();
        let Some(program) = words.next() else {
            return Err(EngineError::BadExt(
                "ext: needs a command, as in ext:lua5.4".to_string(),
            ));
        };
        // The subprocess runs in a temporary directory, so a relative path to the
        // interpreter is resolved against the current directory first.
        let program = if program.contains('/') {
            std::path::absolute(program)
                .map_err(|e| EngineError::BadExt(format!("ext:{command}: {e}")))?
        } else {
            PathBuf::from(program)
        };
        Ok(ExtEngine {
            name: format!("ext:{command}"),
            program,
            arguments: words.map(String::from).collect(),
            last_traceback: None,
        })
    }

    fn run_subprocess(&mut self, program: &Program<'_>, limits: &Limits) -> io::Result<Outcome> {
        let started = Instant::now();
        let directory = tempfile::Builder::new().prefix("luadiff-ext").tempdir()?;
        std::fs::write(directory.path().join(PROGRAM_FILE), program.source)?;
        let mut command = Command::new(&self.program);
        command
            .args(&self.arguments)
            .arg(PROGRAM_FILE)
            .current_dir(directory.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if limits.wall_time.is_some() {
            // Its own process group, so that a timeout also kills what it started.
            command.process_group(0);
        }
        if let Some(script) = program.script {
            command.args(
                script
                    .iter()
                    .skip(1)
                    .map(|a| std::ffi::OsStr::from_bytes(a)),
            );
        }
        let mut child = command.spawn().map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot run {}: {e}", self.program.display()),
            )
        })?;
        let stdout = read_in_background(child.stdout.take(), limits.output_bytes);
        let stderr = read_in_background(child.stderr.take(), 1 << 20);
        let waited = wait(&mut child, limits)?;
        let cost = Cost {
            wall: started.elapsed(),
            ..Cost::default()
        };
        let status = match waited {
            Waited::Exited(status) => status,
            Waited::TimedOut => {
                // The readers are left to finish on their own: something the child
                // started may still hold the pipes open.
                let end = End::Exhausted(Resource::Time);
                return Ok(Outcome {
                    output: Vec::new(),
                    end,
                    cost,
                });
            }
        };
        let (output, output_overflowed) = stdout.join().unwrap_or_default();
        let (errors, _) = stderr.join().unwrap_or_default();
        let chunkname = program.chunkname;
        let output = normalize::ext_chunkname(&output, PROGRAM_FILE, chunkname);
        let end = if output_overflowed {
            End::Exhausted(Resource::Memory)
        } else {
            self.end_of(status, &errors, chunkname)
        };
        Ok(Outcome { output, end, cost })
    }

    fn end_of(&mut self, status: ExitStatus, stderr: &[u8], chunkname: &str) -> End {
        if status.success() {
            return End::Returned(Vec::new());
        }
        if status.code().is_none() {
            return End::Crashed(format!("{} was killed: {status}", self.name));
        }
        let stderr = normalize::ext_chunkname(stderr, PROGRAM_FILE, chunkname);
        let stderr = stderr.strip_suffix(b"\n").unwrap_or(&stderr);
        let (message, traceback) = match find(stderr, b"\nstack traceback:\n") {
            Some(at) => (&stderr[..at], Some(stderr[at + 1..].to_vec())),
            None => (stderr, None),
        };
        let message = self.strip_program_name(message).to_vec();
        if let Some(resource) = lua_native::resource_of_error(&message) {
            return End::Exhausted(resource);
        }
        let position = normalize::chunkid(chunkname.as_bytes());
        let kind = if traceback.is_none() && starts_with_position(&message, &position) {
            ErrorKind::Syntax
        } else {
            ErrorKind::Runtime
        };
        self.last_traceback = traceback;
        let value = Observed::String(message.clone());
        End::Error(LuaError {
            kind,
            message,
            value,
        })
    }

    /// lua.c prefixes messages with its `argv[0]` and ": ".
    fn strip_program_name<'a>(&self, message: &'a [u8]) -> &'a [u8] {
        let full = self.program.to_string_lossy().into_owned();
        let base = self
            .program
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for name in [full.as_str(), base.as_str(), "lua"] {
            let prefix = format!("{name}: ");
            if let Some(rest) = message.strip_prefix(prefix.as_bytes()) {
                return rest;
            }
        }
        message
    }
}

impl Engine for ExtEngine {
    fn name(&self) -> &str {
        &self.name
    }

    fn description(&self) -> String {
        format!(
            "external interpreter {}",
            Path::new(&self.program).display()
        )
    }

    fn run(&mut self, program: &Program<'_>, limits: &Limits) -> Outcome {
        self.last_traceback = None;
        match self.run_subprocess(program, limits) {
            Ok(outcome) => outcome,
            Err(error) => Outcome::crashed(format!("{}: {error}", self.name)),
        }
    }

    fn last_traceback(&self) -> Option<Vec<u8>> {
        self.last_traceback.clone()
    }
}

enum Waited {
    Exited(ExitStatus),
    TimedOut,
}

fn wait(child: &mut Child, limits: &Limits) -> io::Result<Waited> {
    match limits.wall_time {
        Some(wall) => match child.wait_timeout(wall)? {
            Some(status) => Ok(Waited::Exited(status)),
            None => {
                // The whole process group (see run_subprocess), then the child itself.
                let group = format!("-{}", child.id());
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &group])
                    .stderr(Stdio::null())
                    .status();
                let _ = child.kill();
                child.wait()?;
                Ok(Waited::TimedOut)
            }
        },
        None => Ok(Waited::Exited(child.wait()?)),
    }
}

/// A pipe drained on its own thread (so that a full stderr never blocks the child while
/// we read stdout), keeping at most `limit` bytes; the flag says whether there was more.
/// Past the limit the pipe is closed, so a child that keeps writing dies of SIGPIPE.
type Reader = thread::JoinHandle<(Vec<u8>, bool)>;

fn read_in_background(pipe: Option<impl Read + Send + 'static>, limit: usize) -> Reader {
    thread::spawn(move || {
        let Some(mut pipe) = pipe else {
            return (Vec::new(), false);
        };
        let mut kept = Vec::new();
        let mut overflowed = false;
        let mut buffer = [0u8; 64 * 1024];
        loop {
            match pipe.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = limit.saturating_sub(kept.len());
                    kept.extend_from_slice(&buffer[..n.min(room)]);
                    if n > room {
                        overflowed = true;
                        break;
                    }
                }
            }
        }
        (kept, overflowed)
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Whether `message` starts with `position:LINE:`.
fn starts_with_position(message: &[u8], position: &[u8]) -> bool {
    let Some(rest) = message
        .strip_prefix(position)
        .and_then(|r| r.strip_prefix(b":"))
    else {
        return false;
    };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && rest[digits..].starts_with(b":")
}
