//! Hostile programs: each must end (as `Exhausted`, whatever the program does to catch the
//! abort) and leave the engine able to run the next program normally.

use std::time::Duration;

use lua_engine::{End, Engine, ErrorKind, Limits, Observed, Program, Resource};
use lua_native::NativeEngine;

/// Fuel unlimited, so that memory and depth are what runs out (the memory limit is
/// raised to the engine's floor, `MIN_MEMORY_LIMIT`).
const NO_FUEL_LIMIT: Limits = Limits {
    fuel: u64::MAX,
    memory_bytes: 64 << 20,
    ..Limits::GENERATED
};

/// Runs `source`, checks how it ended, then checks that the same engine still runs a
/// normal program.
fn check(engine: &mut NativeEngine, source: &str, limits: &Limits, expected: End) {
    let outcome = engine.run(&Program::new(source.as_bytes(), "=hostile"), limits);
    assert_eq!(
        outcome.end,
        expected,
        "{source}\noutput: {:?}",
        String::from_utf8_lossy(&outcome.output)
    );
    let next = engine.run(
        &Program::new(b"print('next') return 1", "=next"),
        &Limits::GENERATED,
    );
    assert_eq!(
        next.end,
        End::Returned(vec![Observed::Integer(1)]),
        "after {source}"
    );
    assert_eq!(next.output, b"next\n");
}

fn exhausted(resource: Resource) -> End {
    End::Exhausted(resource)
}

#[test]
fn endless_loops_run_out_of_fuel() {
    let mut engine = NativeEngine::new();
    let fuel = exhausted(Resource::Fuel);
    for source in [
        "while true do end",
        "while true do pcall(function() while true do end end) end",
        "while true do pcall(pcall, function() while true do end end) end",
        "while true do xpcall(function() while true do end end, function(m) return m end) end",
        "coroutine.wrap(function() while true do end end)()",
        "local co = coroutine.create(function() while true do end end)\nwhile true do coroutine.resume(co) end",
        "while true do print(coroutine.resume(coroutine.create(function() while true do end end))) end",
        "do local x <close> = setmetatable({}, {__close = function() while true do end end}) error('e') end",
        "local t = setmetatable({}, {__index = function(t, k) while true do end end})\nwhile true do pcall(function() return t.x end) end",
        "while true do load(function() while true do end end) end",
    ] {
        check(&mut engine, source, &Limits::GENERATED, fuel.clone());
    }
}

#[test]
fn infinite_recursion_runs_out_of_depth() {
    let mut engine = NativeEngine::new();
    let depth = exhausted(Resource::Depth);
    for source in [
        "local function f() return 1 + f() end\nf()",
        "local function f() return 1 + f() end\nprint(pcall(f))\nprint('after')",
        "local function f() return 1 + f() end\nprint(xpcall(f, function(m) return m end))",
        "local function f() return 1 + f() end\nwhile true do pcall(f) end",
        "local function f() return 1 + f() end\nprint(coroutine.resume(coroutine.create(f)))",
        // C stack overflow through metamethods, caught or not.
        "local t = setmetatable({}, {})\ngetmetatable(t).__index = function(t, k) return t[k] end\nreturn t.x",
        "local t = setmetatable({}, {})\ngetmetatable(t).__index = function(t, k) return t[k] end\nprint(pcall(function() return t.x end))\nprint('after')",
        "local function f() return coroutine.wrap(f)() end\nf()",
        "local function f() return coroutine.wrap(f)() end\nprint(pcall(f))",
        // An error handler that fails ends in "error in error handling".
        "print(xpcall(error, function() error('again') end))",
        "local function f() return pcall(f) end\nprint(f())",
        "local function f() return tostring(setmetatable({}, {__tostring = f})) end\nprint(pcall(f))",
    ] {
        check(&mut engine, source, &NO_FUEL_LIMIT, depth.clone());
    }
}

#[test]
fn deep_nesting_in_the_parser_runs_out_of_depth() {
    // PUC 5.4.9 says "C stack overflow" (from its C-call counter) when the parser nests
    // too deeply, at the top level and inside load.
    let mut engine = NativeEngine::new();
    let nested = format!("return {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    check(
        &mut engine,
        &nested,
        &Limits::GENERATED,
        exhausted(Resource::Depth),
    );
    let inside_load = format!("print(load({nested:?}))\nprint('after')");
    check(
        &mut engine,
        &inside_load,
        &Limits::GENERATED,
        exhausted(Resource::Depth),
    );
}

#[test]
fn memory_hogs_run_out_of_memory() {
    let mut engine = NativeEngine::new();
    let memory = exhausted(Resource::Memory);
    for source in [
        "local t = {}\nlocal i = 0\nwhile true do i = i + 1\nt[i] = i end",
        "local s = string.rep('x', 1 << 30)",
        "print(pcall(string.rep, 'x', 1 << 30))\nprint('after')",
        "local t = {}\nwhile true do t[#t + 1] = {} end",
        "local s = 'x'\nwhile true do s = s .. s end",
        "print(coroutine.wrap(function() return pcall(string.rep, 'x', 1 << 30) end)())",
    ] {
        check(&mut engine, source, &NO_FUEL_LIMIT, memory.clone());
    }
}

#[test]
fn a_string_too_large_to_represent_is_an_ordinary_error() {
    // string.rep checks the size against INT_MAX before allocating anything: PUC raises
    // an ordinary error rather than running out of memory.
    let mut engine = NativeEngine::new();
    let outcome = engine.run(
        &Program::new(b"return string.rep('x', 1 << 40)", "=big"),
        &Limits::GENERATED,
    );
    let End::Error(error) = outcome.end else {
        panic!("{}", outcome.end)
    };
    assert_eq!(error.kind, ErrorKind::Runtime);
    assert_eq!(error.message, b"big:1: resulting string too large");
}

#[test]
fn output_beyond_the_limit_is_exhausted_memory() {
    let mut engine = NativeEngine::new();
    let limits = Limits {
        fuel: u64::MAX,
        output_bytes: 1000,
        ..Limits::GENERATED
    };
    check(
        &mut engine,
        "while true do io.write('xxxxxxxx') end",
        &limits,
        exhausted(Resource::Memory),
    );
    check(
        &mut engine,
        "while true do pcall(print, 'xxxxxxxx') end",
        &limits,
        exhausted(Resource::Memory),
    );
}

#[test]
fn wall_time_ends_a_run_without_fuel_limit() {
    let mut engine = NativeEngine::new();
    let limits = Limits {
        fuel: u64::MAX,
        wall_time: Some(Duration::from_millis(200)),
        ..Limits::GENERATED
    };
    check(
        &mut engine,
        "while true do end",
        &limits,
        exhausted(Resource::Time),
    );
}

#[test]
fn resource_errors_in_finalizers_count() {
    let mut engine = NativeEngine::new();
    let source = "setmetatable({}, {__gc = function() local function f() return 1 + f() end f() end})\n\
                  collectgarbage()\nprint('after')";
    check(
        &mut engine,
        source,
        &NO_FUEL_LIMIT,
        exhausted(Resource::Depth),
    );
}

#[test]
fn odd_numbers_do_not_upset_the_engine() {
    let mut engine = NativeEngine::new();
    let outcome = engine.run(
        &Program::new(b"print(0/0, -(0/0), math.huge - math.huge, math.mininteger // -1, math.mininteger % -1)\nreturn 0/0, -(0/0), math.tointeger(2^63)", "=odd"),
        &Limits::GENERATED,
    );
    assert_eq!(
        String::from_utf8_lossy(&outcome.output),
        "-nan\tnan\t-nan\t-9223372036854775808\t0\n"
    );
    assert_eq!(
        outcome.end,
        End::Returned(vec![
            Observed::Float(f64::NAN),
            Observed::Float(f64::NAN),
            Observed::Nil
        ])
    );
}
