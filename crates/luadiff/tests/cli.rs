//! `luadiff exec` and `luadiff run` end to end, through the built binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn luadiff(args: &[&str], directory: &Path, stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_luadiff"))
        .args(args)
        .current_dir(directory)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the luadiff binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("a stdin pipe")
            .write_all(input.as_bytes())
            .expect("stdin written");
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("luadiff finishes");
    Run {
        status: status.code().expect("an exit code"),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// A temporary directory holding the given files.
fn files(contents: &[(&str, &str)]) -> tempfile::TempDir {
    let directory = tempfile::tempdir().expect("a temporary directory");
    for (name, text) in contents {
        std::fs::write(directory.path().join(name), text).expect("file written");
    }
    directory
}

#[test]
fn exec_behaves_like_the_lua_command() {
    let dir = files(&[
        (
            "ok.lua",
            "print('hi', ...)\nio.write(arg[0], ' ', #arg, ' ', 3.0, '\\n')\nreturn 1",
        ),
        ("fail.lua", "local function f()\n  error('boom')\nend\nf()"),
        ("syntax.lua", "x = = 1"),
        ("table.lua", "print('before')\nerror({})"),
    ]);
    let ok = luadiff(&["exec", "ok.lua", "a", "-b"], dir.path(), None);
    assert_eq!(
        (ok.status, ok.stdout.as_str(), ok.stderr.as_str()),
        (0, "hi\ta\t-b\nok.lua 2 3\n", "")
    );

    let fail = luadiff(&["exec", "fail.lua"], dir.path(), None);
    assert_eq!(fail.status, 1);
    assert_eq!(
        fail.stderr,
        "lua: fail.lua:2: boom\nstack traceback:\n\t[C]: in function 'error'\n\tfail.lua:2: in local 'f'\n\tfail.lua:4: in main chunk\n\t[C]: in ?\n"
    );

    let syntax = luadiff(&["exec", "syntax.lua"], dir.path(), None);
    assert_eq!(
        (syntax.status, syntax.stderr.as_str()),
        (1, "lua: syntax.lua:1: unexpected symbol near '='\n")
    );

    let table = luadiff(
        &["exec", "--engine", "native", "table.lua"],
        dir.path(),
        None,
    );
    assert_eq!(table.status, 1);
    assert_eq!(table.stdout, "before\n");
    assert!(
        table
            .stderr
            .starts_with("lua: (error object is a table value)\nstack traceback:\n"),
        "{}",
        table.stderr
    );

    let stdin = luadiff(
        &["exec", "-"],
        dir.path(),
        Some("print(1 + 1)\nerror('from stdin')"),
    );
    assert_eq!(stdin.status, 1);
    assert_eq!(stdin.stdout, "2\n");
    assert!(
        stdin.stderr.starts_with("lua: stdin:2: from stdin\n"),
        "{}",
        stdin.stderr
    );
}

#[test]
fn exec_reports_usage_errors_with_status_2() {
    let dir = files(&[("ok.lua", "print(1)")]);
    for (args, message) in [
        (
            &["exec", "missing.lua"][..],
            "luadiff: cannot read missing.lua: No such file or directory (os error 2)\n",
        ),
        (
            &["exec", "."][..],
            "luadiff: cannot read .: Is a directory (os error 21)\n",
        ),
        (
            &["exec", "--engine", "luajit", "ok.lua"][..],
            "luadiff: unknown engine 'luajit' (known: native, ref, vm, vm-O0, ext:COMMAND)\n",
        ),
    ] {
        let run = luadiff(args, dir.path(), None);
        assert_eq!((run.status, run.stderr.as_str()), (2, message), "{args:?}");
    }
    let unknown_flag = luadiff(&["exec", "--frobnicate", "ok.lua"], dir.path(), None);
    assert_eq!(unknown_flag.status, 2);
    let no_command = luadiff(&["bogus"], dir.path(), None);
    assert_eq!(no_command.status, 2);
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_are_refused() {
    use std::os::unix::ffi::OsStrExt;
    let dir = files(&[]);
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.lua");
    std::fs::write(dir.path().join(name), "print(1)").expect("file written");
    let output = Command::new(env!("CARGO_BIN_EXE_luadiff"))
        .arg("run")
        .arg(name)
        .current_dir(dir.path())
        .output()
        .expect("luadiff runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "luadiff: the path bad\u{fffd}.lua is not valid UTF-8\n"
    );
}

/// A fake Lua interpreter (a shell script) that prints the same line for every program.
fn fake_interpreter(directory: &Path, line: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = directory.join("fake-lua");
    std::fs::write(&path, format!("#!/bin/sh\necho '{line}'\n")).expect("script written");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .expect("script made executable");
    path
}

#[test]
fn run_exits_0_on_agreement_and_1_on_divergence() {
    let dir = files(&[("hello.lua", "print('hello')")]);
    let agree = luadiff(
        &["run", "--engines", "native", "hello.lua"],
        dir.path(),
        None,
    );
    assert_eq!(
        (agree.status, agree.stdout.as_str()),
        (0, "hello.lua: agree (native)\n")
    );

    let fake = fake_interpreter(dir.path(), "goodbye");
    let engines = format!("native,ext:{}", fake.display());
    let diverge = luadiff(
        &["run", "--engines", &engines, "hello.lua"],
        dir.path(),
        None,
    );
    assert_eq!(diverge.status, 1, "{}", diverge.stderr);
    assert!(
        diverge
            .stdout
            .starts_with("hello.lua: DIVERGENCE: ext engine disagrees with native\n"),
        "{}",
        diverge.stdout
    );
    assert!(
        diverge.stdout.contains("-hello\n+goodbye\n"),
        "{}",
        diverge.stdout
    );

    let both = luadiff(
        &["run", "--engines", &engines, "hello.lua", "hello.lua"],
        dir.path(),
        None,
    );
    assert_eq!(both.status, 1);
    assert!(
        both.stdout
            .ends_with("\n2 files: 0 agree, 2 diverge, 0 not compared (exhausted), 0 crashed\n"),
        "{}",
        both.stdout
    );

    let fake_same = fake_interpreter(dir.path(), "hello");
    let engines = format!("native,ext:{}", fake_same.display());
    let same = luadiff(
        &["run", "--engines", &engines, "hello.lua"],
        dir.path(),
        None,
    );
    assert_eq!(same.status, 0, "{}", same.stdout);
}

#[test]
fn run_reports_usage_errors_with_status_2() {
    let dir = files(&[("ok.lua", "print(1)")]);
    for args in [
        &["run", "ok.lua", "missing.lua"][..],
        &["run", "--engines", "native,nope", "ok.lua"][..],
        &["run", "--engines", "native,native", "ok.lua"][..],
        &["run", "--errors", "loud", "ok.lua"][..],
        &["run"][..],
        &["run", "."][..],
    ] {
        let run = luadiff(args, dir.path(), None);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: nothing runs");
        assert!(!run.stderr.contains("panicked"), "{args:?}");
    }
}

#[test]
fn run_json_prints_one_object_per_file() {
    let dir = files(&[
        ("a.lua", "print('a')\nreturn 1, 2.5, -0.0, 'x', {}"),
        ("b.lua", "error('b', 0)"),
        ("c.lua", "while true do end"),
    ]);
    let run = luadiff(
        &["run", "--json", "--engines", "native", "a.lua", "b.lua"],
        dir.path(),
        None,
    );
    assert_eq!(run.status, 0);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        serde_json::json!({
            "file": "a.lua",
            "status": "agree",
            "agree": true,
            "classes": [["native"]],
            "pattern": null,
            "outcomes": {
                "native": {
                    "output": "a\n",
                    "output_lossy": false,
                    "end": {"returned": [
                        {"type": "integer", "value": 1},
                        {"type": "float", "value": "2.5"},
                        {"type": "float", "value": "-0.0"},
                        {"type": "string", "value": "x"},
                        {"type": "table"},
                    ]},
                    "cost": lines[0]["outcomes"]["native"]["cost"].clone(),
                }
            }
        })
    );
    let cost = &lines[0]["outcomes"]["native"]["cost"];
    assert!(cost["wall_seconds"].is_f64());
    assert!(cost["instructions"].is_null());
    assert_eq!(
        lines[1]["outcomes"]["native"]["end"],
        serde_json::json!({"error": {"kind": "runtime", "message": "b", "message_lossy": false, "value": {"type": "string", "value": "b"}}})
    );
    let keys: Vec<&str> = lines[1]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["file", "status", "agree", "classes", "pattern", "outcomes"]
    );
}

#[test]
fn ext_lua54_agrees_with_native_on_a_simple_program() {
    assert!(
        Path::new("/usr/bin/lua5.4").exists(),
        "this test runs Debian's lua5.4 as an ext: engine: install lua5.4 (apt-get install lua5.4)"
    );
    let dir = files(&[
        (
            "simple.lua",
            "local t = {}\nfor i = 1, 5 do t[i] = i * i end\nprint(table.concat(t, ' '), 7 // 2, 7 / 2, math.maxinteger)\n\
             print(pcall(error, 'caught'))\nprint(select('#', 1, nil, 3), string.format('%5.2f|%q', 3.14159, 'a\\n'))",
        ),
        (
            "boom.lua",
            "print('partial')\nlocal x = nil\nprint(x.field)",
        ),
        ("syntax.lua", "print('never'\n"),
    ]);
    let run = luadiff(
        &[
            "run",
            "--engines",
            "native,ext:lua5.4",
            "simple.lua",
            "boom.lua",
            "syntax.lua",
        ],
        dir.path(),
        None,
    );
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "simple.lua: agree (native, ext:lua5.4)\nboom.lua: agree (native, ext:lua5.4)\nsyntax.lua: agree (native, ext:lua5.4)\n\
         3 files: 3 agree, 0 diverge, 0 not compared (exhausted), 0 crashed\n"
    );
    // The ext engine classifies errors too: kind mode agrees as well.
    let kinds = luadiff(
        &[
            "run",
            "--errors",
            "kind",
            "--engines",
            "native,ext:lua5.4",
            "boom.lua",
            "syntax.lua",
        ],
        dir.path(),
        None,
    );
    assert_eq!(kinds.status, 0, "{}", kinds.stdout);
}
