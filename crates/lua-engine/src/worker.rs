//! Where an engine runs its programs: on a thread with a large stack.
//!
//! Every in-process engine recurses on the native stack (PUC on the C stack, lua-ref and
//! lua-vm on the Rust stack) and needs far more of it than a default thread has. The
//! simple answer is a worker thread per engine, and [`Worker`] is that thread. But a
//! hand-off costs two context switches per program, and a campaign runs four engines per
//! program at a thousand programs a second: the switches cost more than the generator.
//!
//! So a harness that runs many programs can give its own thread a large stack with
//! [`run_with_stack`]; while it runs, [`Worker::run`] calls the job on the calling thread
//! when the stack is big enough. The price is the engines' watchdogs: a worker thread
//! that overruns its time can be abandoned, the calling thread cannot, so a harness that
//! does this needs its own watchdog (the campaign's worker processes have one).

use std::cell::Cell;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use crate::{Limits, Program};

thread_local! {
    /// The stack size of this thread, when [`run_with_stack`] started it; zero otherwise.
    static KNOWN_STACK: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` on a new thread with a `bytes`-byte stack and waits for it. Engines that need
/// at most `bytes` of stack run their programs directly on that thread (see the module
/// comment for what that gives up). A panic in `f` is resumed on the calling thread.
pub fn run_with_stack<T: Send>(
    name: &str,
    bytes: usize,
    f: impl FnOnce() -> T + Send,
) -> io::Result<T> {
    thread::scope(|scope| {
        let handle = thread::Builder::new()
            .name(name.to_string())
            .stack_size(bytes)
            .spawn_scoped(scope, move || {
                KNOWN_STACK.with(|known| known.set(bytes));
                f()
            })?;
        Ok(handle
            .join()
            .unwrap_or_else(|payload| std::panic::resume_unwind(payload)))
    })
}

/// The stack size of the current thread if [`run_with_stack`] started it, else zero.
pub fn known_stack_bytes() -> usize {
    KNOWN_STACK.with(Cell::get)
}

/// Why a job did not come back.
#[derive(Debug)]
pub enum WorkerError {
    /// The worker thread could not be started.
    Spawn(io::Error),
    /// The job panicked; the panic's message.
    Panicked(String),
    /// The job overran its time limit; its thread was abandoned.
    TimedOut,
    /// The worker thread is gone.
    Died,
}

/// Runs programs with `run`, giving results of type `R`, on a thread with a
/// `stack_bytes`-byte stack: the calling thread when [`run_with_stack`] gave it at least
/// that much (the program is then passed as it is), else a worker thread of its own,
/// started on first use and kept for the next programs (which then get owned copies of
/// the program and of the engine's context `C`).
pub struct Worker<C, R> {
    name: &'static str,
    stack_bytes: usize,
    run: RunFn<C, R>,
    thread: Option<Channels<C, R>>,
}

/// What a worker calls: the engine's context, the program, its limits.
pub type RunFn<C, R> = fn(&C, &Program<'_>, &Limits) -> R;

/// A program in transit to a worker thread.
struct Job<C> {
    context: C,
    source: Vec<u8>,
    chunkname: String,
    script: Option<Vec<Vec<u8>>>,
    limits: Limits,
}

struct Channels<C, R> {
    jobs: Sender<Job<C>>,
    results: Receiver<Result<R, String>>,
}

impl<C: Clone + Send + 'static, R: Send + 'static> Worker<C, R> {
    /// A worker named `name` (the thread's name) that needs `stack_bytes` of stack.
    pub fn new(name: &'static str, stack_bytes: usize, run: RunFn<C, R>) -> Worker<C, R> {
        Worker {
            name,
            stack_bytes,
            run,
            thread: None,
        }
    }

    /// Runs `program`. With a `timeout`, a run on a worker thread that takes longer is
    /// abandoned ([`WorkerError::TimedOut`]) and the next run gets a new thread; a run on
    /// the calling thread cannot be abandoned, so there the timeout is not applied.
    pub fn run(
        &mut self,
        context: &C,
        program: &Program<'_>,
        limits: &Limits,
        timeout: Option<Duration>,
    ) -> Result<R, WorkerError> {
        let run = self.run;
        if known_stack_bytes() >= self.stack_bytes {
            return catch_unwind(AssertUnwindSafe(|| run(context, program, limits)))
                .map_err(|payload| WorkerError::Panicked(panic_text(&*payload)));
        }
        let channels = match &mut self.thread {
            Some(channels) => channels,
            None => {
                let channels = self.spawn().map_err(WorkerError::Spawn)?;
                self.thread.insert(channels)
            }
        };
        let job = Job {
            context: context.clone(),
            source: program.source.to_vec(),
            chunkname: program.chunkname.to_string(),
            script: program.script.map(<[Vec<u8>]>::to_vec),
            limits: *limits,
        };
        if channels.jobs.send(job).is_err() {
            self.thread = None;
            return Err(WorkerError::Died);
        }
        let reply = match timeout {
            Some(timeout) => channels.results.recv_timeout(timeout),
            None => channels
                .results
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
        };
        match reply {
            Ok(result) => result.map_err(WorkerError::Panicked),
            Err(RecvTimeoutError::Timeout) => {
                // The thread ends by itself when its job does: its channel is gone.
                self.thread = None;
                Err(WorkerError::TimedOut)
            }
            Err(RecvTimeoutError::Disconnected) => {
                self.thread = None;
                Err(WorkerError::Died)
            }
        }
    }

    fn spawn(&self) -> io::Result<Channels<C, R>> {
        let (jobs, job_receiver) = mpsc::channel::<Job<C>>();
        let (result_sender, results) = mpsc::channel();
        let run = self.run;
        thread::Builder::new()
            .name(self.name.to_string())
            .stack_size(self.stack_bytes)
            .spawn(move || {
                for job in job_receiver {
                    let program = Program {
                        source: &job.source,
                        chunkname: &job.chunkname,
                        script: job.script.as_deref(),
                    };
                    let result = catch_unwind(AssertUnwindSafe(|| {
                        run(&job.context, &program, &job.limits)
                    }))
                    .map_err(|payload| panic_text(&*payload));
                    if result_sender.send(result).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Channels { jobs, results })
    }
}

/// The message of a panic payload.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(a non-string panic payload)".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(n: u32) -> u32 {
        // Enough stack per level that a default 2 MiB stack would not hold 4096 levels.
        let pad = std::hint::black_box([n as u8; 1024]);
        if n == 0 {
            u32::from(pad[0])
        } else {
            depth(n - 1) + 1
        }
    }

    /// The program's source is a number: recurses that deep, says whether it ran on a
    /// thread that `run_with_stack` started, and what the context was.
    fn deep(context: &u32, program: &Program<'_>, _: &Limits) -> (u32, bool, u32) {
        let n: u32 = std::str::from_utf8(program.source)
            .unwrap()
            .parse()
            .unwrap();
        (depth(n), known_stack_bytes() > 0, *context)
    }

    fn run<C: Clone + Send + 'static, R: Send + 'static>(
        worker: &mut Worker<C, R>,
        context: C,
        source: &str,
        timeout: Option<Duration>,
    ) -> Result<R, WorkerError> {
        let program = Program::new(source.as_bytes(), "=test");
        worker.run(&context, &program, &Limits::default(), timeout)
    }

    #[test]
    fn programs_run_on_a_worker_thread_by_default() {
        let mut worker = Worker::new("test-worker", 64 << 20, deep);
        assert_eq!(run(&mut worker, 7, "4096", None).unwrap(), (4096, false, 7));
        assert_eq!(run(&mut worker, 8, "10", None).unwrap(), (10, false, 8));
    }

    #[test]
    fn programs_run_on_the_calling_thread_when_its_stack_is_known_to_be_large() {
        let (inside, outside) = run_with_stack("test-large", 64 << 20, || {
            let mut worker = Worker::new("test-worker", 64 << 20, deep);
            let inside = run(&mut worker, 1, "4096", None).unwrap();
            let mut greedy = Worker::new("test-greedy", 128 << 20, deep);
            let outside = run(&mut greedy, 2, "4096", None).unwrap();
            (inside, outside)
        })
        .unwrap();
        assert_eq!(inside, (4096, true, 1), "ran on the large-stack thread");
        assert_eq!(
            outside,
            (4096, false, 2),
            "needed more: ran on its own thread"
        );
        assert_eq!(known_stack_bytes(), 0);
    }

    fn explode(_: &(), program: &Program<'_>, _: &Limits) -> u32 {
        panic!("{}", String::from_utf8_lossy(program.source))
    }

    #[test]
    fn a_panicking_program_reports_its_message_in_either_place() {
        let mut worker = Worker::new("test-panic", 1 << 20, explode);
        let result = run(&mut worker, (), "boom", None);
        assert!(matches!(result, Err(WorkerError::Panicked(m)) if m == "boom"));
        let inline = run_with_stack("test-large", 4 << 20, || {
            run(
                &mut Worker::new("test-panic", 1 << 20, explode),
                (),
                "bang",
                None,
            )
        })
        .unwrap();
        assert!(matches!(inline, Err(WorkerError::Panicked(m)) if m == "bang"));
    }

    fn sleepy(_: &(), program: &Program<'_>, _: &Limits) -> u64 {
        let millis = std::str::from_utf8(program.source)
            .unwrap()
            .parse()
            .unwrap();
        thread::sleep(Duration::from_millis(millis));
        millis
    }

    #[test]
    fn a_run_past_its_timeout_is_abandoned_and_the_next_gets_a_new_thread() {
        let mut worker = Worker::new("test-sleepy", 1 << 20, sleepy);
        let timeout = Some(Duration::from_millis(50));
        let result = run(&mut worker, (), "2000", timeout);
        assert!(matches!(result, Err(WorkerError::TimedOut)));
        assert_eq!(run(&mut worker, (), "1", timeout).unwrap(), 1);
    }
}
