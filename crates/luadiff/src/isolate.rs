//! Running an engine so that nothing it does can take the harness down.
//!
//! A panic inside an engine is caught and becomes `End::Crashed` with the panic's
//! message and location. Decision on the panic hook: the harness installs one hook for
//! the whole process that remembers the last panic's message and location for the
//! thread; it prints nothing for a panic caught by [`run_isolated`] (the report carries
//! the message), nor, once [`quiet_worker_panics`] was called, for panics on threads
//! other than `main` (engines' worker threads, which report their own crashes). Any
//! other panic, a bug in the harness itself, is printed by the default hook as usual.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use lua_engine::worker::panic_text;
use lua_engine::{Engine, Limits, Outcome, Program};

thread_local! {
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static QUIET_WORKERS: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();

/// Silences panic messages on threads other than `main` (campaigns and `luadiff run`
/// report crashes themselves).
pub fn quiet_worker_panics() {
    install_hook();
    QUIET_WORKERS.store(true, Ordering::Relaxed);
}

fn install_hook() {
    INSTALL.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let location = info
                .location()
                .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()));
            let message = panic_text(info.payload());
            LAST_PANIC.with(|last| {
                *last.borrow_mut() = Some(format!("{message}{}", location.unwrap_or_default()))
            });
            let quiet = ISOLATED.with(Cell::get)
                || (QUIET_WORKERS.load(Ordering::Relaxed)
                    && std::thread::current().name() != Some("main"));
            if !quiet {
                default(info);
            }
        }));
    });
}

/// Runs `program` on `engine`; a panic becomes a `Crashed` outcome.
pub fn run_isolated(engine: &mut dyn Engine, program: &Program<'_>, limits: &Limits) -> Outcome {
    install_hook();
    let was_isolated = ISOLATED.with(|flag| flag.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| engine.run(program, limits)));
    ISOLATED.with(|flag| flag.set(was_isolated));
    match result {
        Ok(outcome) => outcome,
        Err(payload) => {
            let message = LAST_PANIC
                .with(|last| last.borrow_mut().take())
                .unwrap_or_else(|| panic_text(&*payload));
            Outcome::crashed(format!("panic in engine {}: {message}", engine.name()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lua_engine::End;

    struct Panicking;

    impl Engine for Panicking {
        fn name(&self) -> &str {
            "panicking"
        }

        fn run(&mut self, _: &Program<'_>, _: &Limits) -> Outcome {
            panic!("engine bug")
        }
    }

    #[test]
    fn a_panic_becomes_a_crash_with_its_location() {
        let outcome = run_isolated(&mut Panicking, &Program::new(b"", "=x"), &Limits::GENERATED);
        let End::Crashed(message) = outcome.end else {
            panic!("{}", outcome.end)
        };
        assert!(
            message.starts_with("panic in engine panicking: engine bug at "),
            "{message}"
        );
        assert!(message.contains("isolate.rs"), "{message}");
    }
}
