//! The native engine end to end: values, errors, output, the sandbox's libraries.
//!
//! Expected outputs were checked against /work/tools/lua5.4.9 (the same PUC build as a
//! command-line tool); addresses are masked with `mask_addresses`.

use lua_engine::{End, Engine, ErrorKind, Limits, LuaError, Observed, Outcome, Program};
use lua_native::{LUA_RELEASE, NativeEngine, compile_only};

fn run_with(source: &str, limits: &Limits) -> Outcome {
    NativeEngine::new().run(&Program::new(source.as_bytes(), "@test.lua"), limits)
}

fn run(source: &str) -> Outcome {
    run_with(source, &Limits::GENERATED)
}

/// The output as text, with `0x...` addresses replaced by `ADDR`.
fn output(outcome: &Outcome) -> String {
    mask_addresses(&String::from_utf8_lossy(&outcome.output))
}

fn mask_addresses(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("0x") {
        out.push_str(&rest[..at]);
        let hex = rest[at + 2..]
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(rest.len() - at - 2);
        out.push_str(if hex >= 4 {
            "ADDR"
        } else {
            &rest[at..at + 2 + hex]
        });
        rest = &rest[at + 2 + hex..];
    }
    out.push_str(rest);
    out
}

fn error_of(outcome: &Outcome) -> &LuaError {
    match &outcome.end {
        End::Error(error) => error,
        other => panic!(
            "expected an error, got {other}; output {:?}",
            output(outcome)
        ),
    }
}

fn message(outcome: &Outcome) -> String {
    String::from_utf8_lossy(&error_of(outcome).message).into_owned()
}

#[test]
fn release_is_5_4_9() {
    assert_eq!(LUA_RELEASE, "Lua 5.4.9");
    assert_eq!(
        NativeEngine::new().description(),
        "PUC-Rio Lua 5.4.9 through mlua 0.12.2"
    );
    // _VERSION only carries major.minor; the release must agree with it.
    let outcome = run("return _VERSION");
    assert_eq!(
        outcome.end,
        End::Returned(vec![Observed::String(b"Lua 5.4".to_vec())])
    );
}

#[test]
fn mlua_version_matches_the_workspace_pin() {
    let manifest = include_str!("../../../Cargo.toml");
    let pin = format!("mlua = {{ version = \"={}\"", lua_native::MLUA_VERSION);
    assert!(
        manifest.contains(&pin),
        "the workspace no longer pins {pin}"
    );
}

#[test]
fn return_values_of_every_type() {
    let outcome = run(
        "return 1, 2.0, -0.0, 0/0, 's', {}, print, coroutine.create(print), nil, true, io.write()",
    );
    let End::Returned(values) = &outcome.end else {
        panic!("{}", outcome.end)
    };
    assert_eq!(
        values,
        &vec![
            Observed::Integer(1),
            Observed::Float(2.0),
            Observed::Float(-0.0),
            Observed::Float(f64::NAN),
            Observed::String(b"s".to_vec()),
            Observed::Table,
            Observed::Function,
            Observed::Thread,
            Observed::Nil,
            Observed::Boolean(true),
            Observed::Userdata,
        ]
    );
    let Observed::Float(zero) = values[2] else {
        unreachable!()
    };
    assert!(zero.is_sign_negative());
}

#[test]
fn syntax_errors_and_runtime_errors_differ_in_kind() {
    let syntax = run("x = = 1");
    assert_eq!(error_of(&syntax).kind, ErrorKind::Syntax);
    assert_eq!(message(&syntax), "test.lua:1: unexpected symbol near '='");
    let runtime = run("local t = nil\nreturn t.x");
    assert_eq!(error_of(&runtime).kind, ErrorKind::Runtime);
    assert_eq!(
        message(&runtime),
        "test.lua:2: attempt to index a nil value (local 't')"
    );
    assert_eq!(
        error_of(&runtime).value,
        Observed::String(message(&runtime).into_bytes())
    );
}

#[test]
fn error_values_of_every_type() {
    let cases: &[(&str, &str, Observed)] = &[
        (
            "error('boom')",
            "test.lua:1: boom",
            Observed::String(b"test.lua:1: boom".to_vec()),
        ),
        (
            "error('boom', 0)",
            "boom",
            Observed::String(b"boom".to_vec()),
        ),
        ("error(42)", "42", Observed::Integer(42)),
        ("error(3.0)", "3.0", Observed::Float(3.0)),
        (
            "error({})",
            "(error object is a table value)",
            Observed::Table,
        ),
        ("error(nil)", "(error object is a nil value)", Observed::Nil),
        ("error()", "(error object is a nil value)", Observed::Nil),
        (
            "error(true)",
            "(error object is a boolean value)",
            Observed::Boolean(true),
        ),
        (
            "error(print)",
            "(error object is a function value)",
            Observed::Function,
        ),
        (
            "error(setmetatable({}, {__tostring = function() return 'custom' end}))",
            "custom",
            Observed::Table,
        ),
        // __tostring must return a string (a number does not count) for lua.c to use it.
        (
            "error(setmetatable({}, {__tostring = function() return 42 end}))",
            "(error object is a table value)",
            Observed::Table,
        ),
        // An error inside __tostring re-enters the handler with that error.
        (
            "error(setmetatable({}, {__tostring = function() error('inner') end}))",
            "test.lua:1: inner",
            Observed::String(b"test.lua:1: inner".to_vec()),
        ),
        (
            "error(setmetatable({}, {__tostring = true}))",
            "attempt to call a boolean value",
            Observed::String(b"attempt to call a boolean value".to_vec()),
        ),
    ];
    for (source, expected_message, expected_value) in cases {
        let outcome = run(source);
        let error = error_of(&outcome);
        assert_eq!(error.kind, ErrorKind::Runtime, "{source}");
        assert_eq!(
            String::from_utf8_lossy(&error.message),
            *expected_message,
            "{source}"
        );
        assert_eq!(&error.value, expected_value, "{source}");
    }
}

#[test]
fn print_uses_tostring_metamethods_and_names() {
    let outcome = run(
        "print(1, 2.5, 3.0, -0.0, 1e15, 2^53, 1/0, -1/0, nil, true, 'x')\n\
         print(setmetatable({}, {__tostring = function() return 'T!' end}))\n\
         print(setmetatable({}, {__name = 'MyType'}))\n\
         print(setmetatable({}, {__tostring = function() return 7 end}))\n\
         print()\n\
         print({}, print)",
    );
    assert_eq!(outcome.end, End::Returned(vec![]));
    assert_eq!(
        output(&outcome),
        "1\t2.5\t3.0\t-0.0\t1e+15\t9.007199254741e+15\tinf\t-inf\tnil\ttrue\tx\n\
         T!\n\
         MyType: ADDR\n\
         7\n\
         \n\
         table: ADDR\tfunction: ADDR\n"
    );
}

#[test]
fn print_errors_are_positioned_like_puc() {
    let cases = [
        (
            "print(pcall(print, setmetatable({}, {__tostring = function() return {} end})))",
            "false\t'__tostring' must return a string\n",
        ),
        (
            "print(pcall(function() print(setmetatable({}, {__tostring = function() return {} end})) end))",
            "false\ttest.lua:1: '__tostring' must return a string\n",
        ),
        (
            "print(pcall(function() print(setmetatable({}, {__tostring = true})) end))",
            "false\tattempt to call a boolean value\n",
        ),
        (
            "print(pcall(print, nil, setmetatable({}, {__tostring = function() error('inner') end})))",
            "nilfalse\ttest.lua:1: inner\n",
        ),
    ];
    for (source, expected) in cases {
        assert_eq!(output(&run(source)), expected, "{source}");
    }
}

#[test]
fn io_write_formats_numbers_with_14_digits_and_no_float_suffix() {
    let outcome = run(
        "io.write(1, ' ', 2.5, ' ', 3.0, ' ', -0.0, ' ', 1/0, ' ', -1/0, ' ', math.mininteger, ' ', 2^63, ' ', 0.1, '\\n')\n\
         io.write('a'):write('b', 1, '\\n')\n\
         print(io.write() == io.write(''), type(io.write()), tostring(io.write()))",
    );
    assert_eq!(outcome.end, End::Returned(vec![]));
    assert_eq!(
        output(&outcome),
        "1 2.5 3 -0 inf -inf -9223372036854775808 9.2233720368548e+18 0.1\nab1\ntrue\tuserdata\tfile (ADDR)\n"
    );
}

#[test]
fn io_write_rejects_other_values_like_puc() {
    let cases = [
        (
            "print(pcall(io.write, {}))",
            "false\tbad argument #1 to 'io.write' (string expected, got table)\n",
        ),
        (
            "local w = io.write\nprint(pcall(function() w('x', nil) end))",
            "xfalse\ttest.lua:2: bad argument #2 to 'w' (string expected, got nil)\n",
        ),
        (
            "print(pcall(function() io.write({}) end))",
            "false\ttest.lua:1: bad argument #1 to 'write' (string expected, got table)\n",
        ),
        (
            "print(pcall(function() io.write('a'):write({}) end))",
            "afalse\ttest.lua:1: bad argument #1 to 'write' (string expected, got table)\n",
        ),
        (
            "print(pcall(function() io.write(setmetatable({}, {__name = 'Thing'})) end))",
            "false\ttest.lua:1: bad argument #1 to 'write' (string expected, got Thing)\n",
        ),
        (
            "local f = io.write()\nprint(pcall(function() f.write(1) end))",
            "false\ttest.lua:2: bad argument #1 to 'write' (FILE* expected, got number)\n",
        ),
    ];
    for (source, expected) in cases {
        assert_eq!(output(&run(source)), expected, "{source}");
    }
}

#[test]
fn the_sandbox_has_exactly_the_expected_globals() {
    let outcome = run("local names = {}\n\
         for k in pairs(_G) do names[#names + 1] = k end\n\
         table.sort(names)\n\
         print(table.concat(names, ' '))\n\
         local io_names = {}\n\
         for k in pairs(io) do io_names[#io_names + 1] = k end\n\
         print(table.concat(io_names, ' '))");
    assert_eq!(
        output(&outcome),
        "_G _VERSION assert collectgarbage coroutine error getmetatable io ipairs load math next pairs pcall print \
         rawequal rawget rawlen rawset select setmetatable string table tonumber tostring type utf8 warn xpcall\n\
         write\n"
    );
}

#[test]
fn compat_5_3_functions_exist() {
    let outcome = run("return math.pow(2, 10), math.ldexp(1, 3), math.log10(100)");
    assert_eq!(
        outcome.end,
        End::Returned(vec![
            Observed::Float(1024.0),
            Observed::Float(8.0),
            Observed::Float(2.0)
        ])
    );
}

#[test]
fn load_refuses_binary_chunks_and_checks_modes_like_puc() {
    let outcome = run("local dump = string.dump(function() return 1 end)\n\
         print(load(dump))\n\
         print(load(dump, 'x', 'b'))\n\
         print(load(dump, 'x', 't'))\n\
         print(load('return 1', 'x', 'b'))\n\
         print(load('return 1', 'x', 't')())\n\
         local pieces = {dump}\n\
         print(load(function() return table.remove(pieces) end))\n\
         print(pcall(load, function() return {} end))\n\
         print(pcall(load, nil))\n\
         print(pcall(load, 'x', {}))\n\
         print(load('x = ', '=name'))\n\
         print(load('return ...', 'c', 't', nil))");
    assert_eq!(
        output(&outcome),
        "nil\tattempt to load a binary chunk (mode is 't')\n\
         nil\tattempt to load a binary chunk (mode is '')\n\
         nil\tattempt to load a binary chunk (mode is 't')\n\
         nil\tattempt to load a text chunk (mode is 'b')\n\
         1\n\
         nil\tattempt to load a binary chunk (mode is 't')\n\
         true\tnil\treader function must return a string\n\
         false\tbad argument #1 to 'load' (function expected, got nil)\n\
         false\tbad argument #2 to 'load' (string expected, got table)\n\
         nil\tname:1: unexpected symbol near <eof>\n\
         function: ADDR\n"
    );
}

#[test]
fn the_wrappers_cannot_be_dumped_like_c_functions() {
    let outcome = run("print(pcall(string.dump, print))\n\
         print(pcall(string.dump, io.write))\n\
         print(pcall(string.dump))\n\
         print(type(string.dump(function() end)))");
    assert_eq!(
        output(&outcome),
        "false\tunable to dump given function\n\
         false\tunable to dump given function\n\
         false\tbad argument #1 to 'string.dump' (function expected, got no value)\n\
         string\n"
    );
}

#[test]
fn dofile_and_loadfile_are_gone() {
    assert_eq!(
        output(&run("print(dofile, loadfile, os, debug, package, require)")),
        "nil\tnil\tnil\tnil\tnil\tnil\n"
    );
}

#[test]
fn catch_points_check_their_arguments_like_puc() {
    let outcome = run("print(pcall(pcall))\n\
         print(pcall(xpcall, print))\n\
         print(pcall(coroutine.resume, 1))\n\
         print(pcall(coroutine.close, coroutine.running()))\n\
         print(xpcall(error, function(m) return 'handled ' .. m end, 'x'))\n\
         print(coroutine.resume(coroutine.create(function() error('in co') end)))");
    assert_eq!(
        output(&outcome),
        "false\tbad argument #1 to 'pcall' (value expected)\n\
         false\tbad argument #2 to 'xpcall' (function expected, got no value)\n\
         false\tbad argument #1 to 'coroutine.resume' (thread expected, got number)\n\
         false\tcannot close a running coroutine\n\
         false\thandled x\n\
         false\ttest.lua:6: in co\n"
    );
}

#[test]
fn coroutines_yield_across_the_pcall_wrapper() {
    let outcome = run(
        "local co = coroutine.wrap(function() print(pcall(function() coroutine.yield(1) error('after') end)) return 'done' end)\n\
         print(co())\n\
         print(co())",
    );
    assert_eq!(output(&outcome), "1\nfalse\ttest.lua:1: after\ndone\n");
}

#[test]
fn script_mode_installs_arg_and_varargs() {
    let script = vec![b"prog.lua".to_vec(), b"a".to_vec(), b"b c".to_vec()];
    let program = Program {
        source: b"print(arg[0], arg[1], arg[2], #arg, ...)",
        chunkname: "@prog.lua",
        script: Some(&script),
    };
    let outcome = NativeEngine::new().run(&program, &Limits::FILES);
    assert_eq!(
        String::from_utf8_lossy(&outcome.output),
        "prog.lua\ta\tb c\t2\ta\tb c\n"
    );
    let outcome = run("return arg, ...");
    assert_eq!(outcome.end, End::Returned(vec![Observed::Nil]));
}

#[test]
fn exec_mode_keeps_a_traceback_of_the_uncaught_error() {
    let script = vec![b"prog.lua".to_vec()];
    let program = Program {
        source: b"local function f()\n  error('deep')\nend\nf()\n",
        chunkname: "@prog.lua",
        script: Some(&script),
    };
    let mut engine = NativeEngine::new();
    let outcome = engine.run(&program, &Limits::FILES);
    assert_eq!(message(&outcome), "prog.lua:2: deep");
    let traceback = String::from_utf8(engine.last_traceback().expect("a traceback")).unwrap();
    assert_eq!(
        traceback,
        "stack traceback:\n\t[C]: in function 'error'\n\tprog.lua:2: in local 'f'\n\tprog.lua:4: in main chunk\n\t[C]: in ?"
    );
}

#[test]
fn tracebacks_through_a_wrapper_show_it_as_one_c_function() {
    // lua.c prints the same, for a script run from the command line.
    let script = vec![b"prog.lua".to_vec()];
    let program = Program {
        source: b"local t = setmetatable({}, {__tostring = function() error('x') end})\nprint(t)\n",
        chunkname: "@prog.lua",
        script: Some(&script),
    };
    let mut engine = NativeEngine::new();
    let outcome = engine.run(&program, &Limits::FILES);
    assert_eq!(message(&outcome), "prog.lua:1: x");
    let traceback = String::from_utf8(engine.last_traceback().expect("a traceback")).unwrap();
    assert_eq!(
        traceback,
        "stack traceback:\n\t[C]: in function 'error'\n\tprog.lua:1: in function <prog.lua:1>\n\
         \t[C]: in function 'print'\n\tprog.lua:2: in main chunk\n\t[C]: in ?"
    );
}

#[test]
fn a_first_line_starting_with_hash_is_skipped() {
    let outcome = run("#!/usr/bin/env lua\nerror('line two')");
    assert_eq!(message(&outcome), "test.lua:2: line two");
}

#[test]
fn finalizers_run_when_the_state_closes() {
    let outcome = run("setmetatable({}, {__gc = function() print('collected') end})\nprint('end')");
    assert_eq!(output(&outcome), "end\ncollected\n");
}

#[test]
fn compile_only_reports_syntax_errors() {
    assert_eq!(compile_only(b"return 1", "=x"), Ok(()));
    assert_eq!(
        compile_only(b"x = = 1", "@f.lua"),
        Err("f.lua:1: unexpected symbol near '='".to_string())
    );
    assert!(
        compile_only(b"\x1bLua", "=x").is_err(),
        "binary chunks are refused"
    );
}

#[test]
fn the_engine_runs_many_programs_from_fresh_states() {
    let mut engine = NativeEngine::new();
    for i in 0..50 {
        let source = format!("x = (x or 0) + {i}\nreturn x");
        let outcome = engine.run(
            &Program::new(source.as_bytes(), "=loop"),
            &Limits::GENERATED,
        );
        assert_eq!(outcome.end, End::Returned(vec![Observed::Integer(i)]));
    }
}

#[test]
fn instructions_are_counted_in_periods_of_the_hook() {
    use lua_native::INSTRUCTION_COUNT_PERIOD;
    // Two instructions per iteration (ADD, whose fast path skips its MMBIN, and FORLOOP).
    let counted = |n: u64| {
        let source = format!("local s = 0 for i = 1, {n} do s = s + i end return s");
        run_with(&source, &Limits::GENERATED)
            .cost
            .instructions
            .expect("a run with fuel is counted")
    };
    let small = counted(100_000);
    let large = counted(200_000);
    assert_eq!(small % INSTRUCTION_COUNT_PERIOD, 0, "{small}");
    assert!((199_000..=210_000).contains(&small), "{small}");
    // The count is deterministic and grows with the work done.
    assert_eq!(counted(100_000), small);
    assert!(
        large - small >= 199_000 && large - small <= 201_000,
        "{small} {large}"
    );
    // Without a limit there is no hook, and nothing is counted.
    let unlimited = Limits {
        fuel: u64::MAX,
        wall_time: None,
        ..Limits::GENERATED
    };
    assert_eq!(run_with("return 1", &unlimited).cost.instructions, None);
    // A run stopped by its fuel reports no count (the hook then fires on every instruction).
    let starved = Limits {
        fuel: 10_000,
        ..Limits::GENERATED
    };
    assert_eq!(
        run_with("while true do end", &starved).cost.instructions,
        None
    );
}
