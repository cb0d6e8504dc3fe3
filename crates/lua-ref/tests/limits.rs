//! Hostile programs end as `Exhausted` (never a crash, never a Rust stack overflow), and
//! proper tail calls run in constant stack. How fast they end is measured, not asserted
//! (see the crate report): tests here only check outcomes.

use lua_engine::{End, Engine, Limits, Outcome, Program, Resource};
use lua_ref::RefEngine;

fn run(source: &str, limits: &Limits) -> Outcome {
    let mut engine = RefEngine::new();
    engine.run(&Program::new(source.as_bytes(), "=test"), limits)
}

fn assert_exhausted(source: &str, limits: &Limits, expected: Resource) {
    let outcome = run(source, limits);
    assert_eq!(
        outcome.end,
        End::Exhausted(expected),
        "program: {source}\noutput: {}",
        String::from_utf8_lossy(&outcome.output)
    );
}

const GENERATED: Limits = Limits::GENERATED;

#[test]
fn endless_loops_run_out_of_fuel() {
    assert_exhausted("while true do end", &GENERATED, Resource::Fuel);
    assert_exhausted("repeat until false", &GENERATED, Resource::Fuel);
    assert_exhausted("::top:: goto top", &GENERATED, Resource::Fuel);
    assert_exhausted("for i = 1, math.huge do end", &GENERATED, Resource::Fuel);
}

#[test]
fn pcall_cannot_catch_exhaustion() {
    assert_exhausted(
        "while true do pcall(function() while true do end end) end",
        &GENERATED,
        Resource::Fuel,
    );
    assert_exhausted(
        "local ok = pcall(function() while true do end end) print('caught', ok)",
        &GENERATED,
        Resource::Fuel,
    );
}

#[test]
fn a_loop_inside_a_coroutine_runs_out_of_fuel() {
    assert_exhausted(
        "local co = coroutine.wrap(function() while true do end end) co()",
        &GENERATED,
        Resource::Fuel,
    );
    assert_exhausted(
        "local co = coroutine.create(function() while true do coroutine.yield() end end)
         while true do coroutine.resume(co) end",
        &GENERATED,
        Resource::Fuel,
    );
}

#[test]
fn infinite_recursion_exhausts_the_depth() {
    let files = Limits::FILES;
    assert_exhausted(
        "local function f() return 1 + f() end f()",
        &files,
        Resource::Depth,
    );
    assert_exhausted(
        "local function f() return 1 + f() end print(pcall(f))",
        &files,
        Resource::Depth,
    );
    assert_exhausted(
        "local function f() f() end f()",
        &GENERATED,
        Resource::Depth,
    );
    // Inside a coroutine, whose native stack is smaller than the main thread's.
    assert_exhausted(
        "local function f() return 1 + f() end coroutine.wrap(f)()",
        &files,
        Resource::Depth,
    );
}

#[test]
fn deep_metamethod_and_pcall_recursion_exhausts_the_depth() {
    let files = Limits::FILES;
    assert_exhausted(
        "local t = setmetatable({}, {__index = function(t, k) return t[k .. 'x'] end}) return t.a",
        &files,
        Resource::Depth,
    );
    assert_exhausted(
        "local function f() return pcall(f) end f()",
        &files,
        Resource::Depth,
    );
    assert_exhausted(
        "local mt = {} mt.__add = function(a, b) return a + b end
         local x = setmetatable({}, mt) return x + 1",
        &files,
        Resource::Depth,
    );
    assert_exhausted(
        "local t = setmetatable({}, {__tostring = function(t) return tostring(t) end}) print(t)",
        &files,
        Resource::Depth,
    );
    assert_exhausted(
        "local function f() return coroutine.wrap(f)() end f()",
        &files,
        Resource::Depth,
    );
}

#[test]
fn growing_forever_exhausts_the_memory() {
    assert_exhausted(
        "local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end",
        &Limits {
            fuel: u64::MAX,
            ..GENERATED
        },
        Resource::Memory,
    );
    assert_exhausted(
        "local t = {} while true do t[#t + 1] = 'x' end",
        &Limits {
            fuel: u64::MAX,
            ..GENERATED
        },
        Resource::Memory,
    );
    assert_exhausted(
        "local s = 'x' while true do s = s .. s end",
        &GENERATED,
        Resource::Memory,
    );
    assert_exhausted(
        "return string.rep('x', 1 << 30)",
        &GENERATED,
        Resource::Memory,
    );
    assert_exhausted(
        "return ('x'):rep(1 << 20):rep(1 << 10)",
        &GENERATED,
        Resource::Memory,
    );
    assert_exhausted(
        "while true do io.write(string.rep('x', 1000)) end",
        &Limits {
            fuel: u64::MAX,
            ..GENERATED
        },
        Resource::Memory,
    );
}

#[test]
fn an_impossible_repetition_is_an_ordinary_error() {
    // PUC refuses results longer than INT_MAX before allocating anything.
    let outcome = run("return string.rep('x', 1 << 40)", &GENERATED);
    match outcome.end {
        End::Error(e) => assert_eq!(e.message, b"test:1: resulting string too large"),
        other => panic!("unexpected end {other:?}"),
    }
}

#[test]
fn deep_nesting_is_a_syntax_limit_not_a_crash() {
    let source = format!("return {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let outcome = run(&source, &GENERATED);
    assert_eq!(outcome.end, End::Exhausted(Resource::Depth));
    let source = format!(
        "return load('return {}1{}')",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let outcome = run(&source, &GENERATED);
    assert_eq!(outcome.end, End::Exhausted(Resource::Depth));
}

#[test]
fn tail_calls_run_in_constant_stack() {
    // Far deeper than the depth limit: only proper tail calls get there.
    let limits = Limits {
        depth: 200,
        ..Limits::FILES
    };
    let outcome = run(
        "local function f(n) if n == 0 then return 'done' end return f(n - 1) end
         return f(300000)",
        &limits,
    );
    assert_eq!(
        outcome.end,
        End::Returned(vec![lua_engine::Observed::String(b"done".to_vec())])
    );
    // Mutual recursion, method calls and __call metamethods in tail position.
    let outcome = run(
        "local even, odd
         function even(n) if n == 0 then return true end return odd(n - 1) end
         function odd(n) if n == 0 then return false end return even(n - 1) end
         local obj = {} function obj:count(n) if n == 0 then return 'm' end return self:count(n - 1) end
         local c = setmetatable({}, {__call = function(self, n) if n == 0 then return 'c' end return self(n - 1) end})
         return even(100001), obj:count(100000), c(100000)",
        &limits,
    );
    assert_eq!(
        outcome.end,
        End::Returned(vec![
            lua_engine::Observed::Boolean(false),
            lua_engine::Observed::String(b"m".to_vec()),
            lua_engine::Observed::String(b"c".to_vec()),
        ])
    );
    // A return inside the scope of a to-be-closed variable is not a tail call.
    let outcome = run(
        "local function f(n)
           local x <close> = nil
           if n == 0 then return 0 end
           return f(n - 1)
         end
         return f(1000)",
        &limits,
    );
    assert_eq!(outcome.end, End::Exhausted(Resource::Depth));
}

#[test]
fn cost_counts_steps() {
    let outcome = run(
        "local x = 0 for i = 1, 100 do x = x + i end return x",
        &GENERATED,
    );
    assert_eq!(
        outcome.end,
        End::Returned(vec![lua_engine::Observed::Integer(5050)])
    );
    let steps = outcome.cost.instructions.unwrap_or(0);
    assert!((100..10_000).contains(&steps), "steps: {steps}");
}
