//! The `ext:` engine on scripted fake interpreters (shell scripts) and on Debian's lua5.4.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use lua_engine::{End, Engine, ErrorKind, Limits, Observed, Program, Resource};
use luadiff::ext::ExtEngine;

/// An ext engine running a shell script with the given body.
fn fake(directory: &Path, body: &str) -> ExtEngine {
    let path = directory.join("fake-lua");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("script written");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .expect("script made executable");
    ExtEngine::new(path.to_str().expect("a UTF-8 temporary path")).expect("an ext engine")
}

fn run(engine: &mut ExtEngine, limits: &Limits) -> lua_engine::Outcome {
    engine.run(&Program::new(b"print(1)", "@tests/prog.lua"), limits)
}

#[test]
fn a_runtime_error_is_read_from_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let script = "echo partial\n\
                  printf '%s: luadiff-program.lua:3: boom\\nstack traceback:\\n\\t[C]: in ?\\n' \"$0\" >&2\nexit 1";
    let mut engine = fake(dir.path(), script);
    let outcome = run(&mut engine, &Limits::FILES);
    assert_eq!(outcome.output, b"partial\n");
    let End::Error(error) = &outcome.end else {
        panic!("{}", outcome.end)
    };
    assert_eq!(error.kind, ErrorKind::Runtime);
    assert_eq!(error.message, b"tests/prog.lua:3: boom");
    assert_eq!(
        error.value,
        Observed::String(b"tests/prog.lua:3: boom".to_vec())
    );
    assert_eq!(
        engine.last_traceback(),
        Some(b"stack traceback:\n\t[C]: in ?".to_vec())
    );
}

#[test]
fn an_error_without_traceback_at_a_position_is_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut engine = fake(
        dir.path(),
        "echo \"lua: luadiff-program.lua:1: unexpected symbol near '='\" >&2\nexit 1",
    );
    let End::Error(error) = run(&mut engine, &Limits::FILES).end else {
        panic!()
    };
    assert_eq!(
        (error.kind, error.message.as_slice()),
        (
            ErrorKind::Syntax,
            &b"tests/prog.lua:1: unexpected symbol near '='"[..]
        )
    );
    // Without a position it is a runtime error (a __tostring result, for example).
    let mut engine = fake(dir.path(), "echo 'lua: custom message' >&2\nexit 1");
    let End::Error(error) = run(&mut engine, &Limits::FILES).end else {
        panic!()
    };
    assert_eq!(
        (error.kind, error.message.as_slice()),
        (ErrorKind::Runtime, &b"custom message"[..])
    );
}

#[test]
fn resource_errors_signals_timeouts_and_floods() {
    let dir = tempfile::tempdir().unwrap();
    let mut overflow = fake(
        dir.path(),
        "printf 'lua: luadiff-program.lua:1: stack overflow\\nstack traceback:\\n\\t...\\n' >&2\nexit 1",
    );
    assert_eq!(
        run(&mut overflow, &Limits::FILES).end,
        End::Exhausted(Resource::Depth)
    );

    let mut killed = fake(dir.path(), "kill -SEGV $$");
    let end = run(&mut killed, &Limits::FILES).end;
    assert!(
        matches!(&end, End::Crashed(message) if message.contains("signal")),
        "{end}"
    );

    let mut slow = fake(dir.path(), "sleep 10");
    let limits = Limits {
        wall_time: Some(Duration::from_millis(200)),
        ..Limits::FILES
    };
    assert_eq!(run(&mut slow, &limits).end, End::Exhausted(Resource::Time));

    let mut flood = fake(dir.path(), "yes luadiff");
    let limits = Limits {
        output_bytes: 10_000,
        ..Limits::FILES
    };
    let outcome = run(&mut flood, &limits);
    assert_eq!(outcome.end, End::Exhausted(Resource::Memory));
    assert_eq!(outcome.output.len(), 10_000);

    let mut fine = fake(dir.path(), "echo ok");
    assert_eq!(run(&mut fine, &Limits::FILES).end, End::Returned(vec![]));
}

#[test]
fn a_missing_interpreter_is_a_crash_not_a_panic() {
    let mut engine = ExtEngine::new("/nonexistent/lua").unwrap();
    let end = run(&mut engine, &Limits::FILES).end;
    assert!(
        matches!(&end, End::Crashed(message) if message.contains("cannot run /nonexistent/lua")),
        "{end}"
    );
}

#[test]
fn debian_lua54_sees_the_program_under_its_own_chunk_name() {
    assert!(
        Path::new("/usr/bin/lua5.4").exists(),
        "this test runs Debian's lua5.4: install lua5.4 (apt-get install lua5.4)"
    );
    let mut engine = ExtEngine::new("lua5.4").unwrap();
    let source = b"print(pcall(error, 'x'))\nprint(select(2, pcall(function() local t = nil; return t.x end)))\nerror('last')";
    let outcome = engine.run(&Program::new(source, "@dir/prog.lua"), &Limits::FILES);
    assert_eq!(
        String::from_utf8_lossy(&outcome.output),
        "false\tx\ndir/prog.lua:2: attempt to index a nil value (local 't')\n"
    );
    let End::Error(error) = &outcome.end else {
        panic!("{}", outcome.end)
    };
    assert_eq!(
        (error.kind, error.message.as_slice()),
        (ErrorKind::Runtime, &b"dir/prog.lua:3: last"[..])
    );
}
