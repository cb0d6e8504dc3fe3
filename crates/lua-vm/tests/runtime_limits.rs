//! Hostile programs end as `Exhausted` (fuel, memory, depth), never hang or crash, and
//! `pcall` cannot catch the exhaustion; long programs that make cyclic garbage stay within
//! a small memory limit because the collector frees it.

use std::time::Duration;

use lua_engine::{End, Engine, Limits, Program, Resource};
use lua_vm::{CompileConfig, OptLevel, VmEngine};

/// Limits for these tests: fuel enough for a few hundred milliseconds of work.
const LIMITS: Limits = Limits {
    fuel: 50_000_000,
    memory_bytes: 64 << 20,
    depth: 200_000,
    output_bytes: 1 << 20,
    wall_time: Some(Duration::from_secs(10)),
};

fn run(level: OptLevel, source: &str) -> End {
    let mut engine = VmEngine::new(CompileConfig::new(level));
    let outcome = engine.run(&Program::new(source.as_bytes(), "=hostile"), &LIMITS);
    outcome.end
}

fn check(source: &str, expected: Resource) {
    for level in [OptLevel::O0, OptLevel::O2] {
        let end = run(level, source);
        assert_eq!(end, End::Exhausted(expected), "at {level}, for:\n{source}");
    }
}

#[test]
fn endless_loops_run_out_of_fuel() {
    check("while true do end", Resource::Fuel);
    check(
        "while true do pcall(function() while true do end end) end",
        Resource::Fuel,
    );
    check(
        "local co = coroutine.wrap(function() while true do end end) co()",
        Resource::Fuel,
    );
    check("::top:: goto top", Resource::Fuel);
}

#[test]
fn endless_recursion_runs_out_of_depth() {
    check("local function f() return 1 + f() end f()", Resource::Depth);
    check(
        "local function f() return 1 + f() end print(pcall(f))",
        Resource::Depth,
    );
    check(
        "local t = setmetatable({}, {}) getmetatable(t).__index = function(t, k) return t[k] end return t.x",
        Resource::Depth,
    );
    check(
        "local function f() return pcall(f) end f()",
        Resource::Depth,
    );
    check(
        "local function f() coroutine.wrap(f)() end f()",
        Resource::Depth,
    );
    check(
        "local t = setmetatable({}, {__index = function(t, k) return table.unpack(t, 1, 1) end}) return t[1]",
        Resource::Depth,
    );
}

#[test]
fn unbounded_memory_runs_out_of_memory() {
    check(
        "local t = {} local i = 0 while true do i = i + 1 t[i] = {} end",
        Resource::Memory,
    );
    check(
        "local s = string.rep('x', 1 << 30) print(#s)",
        Resource::Memory,
    );
    check(
        "local t = {} while true do t[#t + 1] = string.rep('y', 1000) .. #t end",
        Resource::Memory,
    );
    check(
        "local s = 'x' while true do s = s .. s end",
        Resource::Memory,
    );
}

#[test]
fn huge_repetitions_are_errors_as_in_puc() {
    // PUC checks the size first: "resulting string too large" is an ordinary error.
    let end = run(OptLevel::O2, "return pcall(string.rep, 'x', 1 << 40)");
    assert_eq!(
        end.to_string(),
        r#"returned false, "resulting string too large""#
    );
}

#[test]
fn deep_nesting_is_a_syntax_error() {
    let source = format!("return {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let end = run(OptLevel::O2, &source);
    assert!(
        matches!(&end, End::Error(e) if e.kind == lua_engine::ErrorKind::Syntax),
        "{end}"
    );
}

#[test]
fn cyclic_garbage_is_collected() {
    // Each iteration leaves a cycle (a table that refers to itself and to a closure that
    // captures it) and a string; together far more than the memory limit.
    let source = "
        for i = 1, 400000 do
            local t = {}
            t.self = t
            t.f = function() return t end
            t.s = 'item' .. i
        end
        return collectgarbage('count') < 64 * 1024";
    for level in [OptLevel::O0, OptLevel::O2] {
        let end = run(level, source);
        assert_eq!(end.to_string(), "returned true", "at {level}");
    }
}

#[test]
fn output_is_limited() {
    check("while true do io.write('xxxxxxxxxx') end", Resource::Memory);
}
