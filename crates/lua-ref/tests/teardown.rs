//! Nothing leaks: programs that build reference cycles (tables, closures, coroutines,
//! metatables) leave no live object behind once their run is torn down.

use std::thread;

use lua_engine::{End, Limits, Program};

const CYCLES: &[&str] = &[
    "local t = {} t.self = t",
    "local a, b = {}, {} a.b = b b.a = a",
    "local t = {} t.f = function() return t end",
    "local function f() return f end",
    "local t = setmetatable({}, {}) getmetatable(t).__index = t",
    "local co co = coroutine.create(function() coroutine.yield(co) end) coroutine.resume(co)",
    "local gen = coroutine.wrap(function() local t = {} t.t = t while true do coroutine.yield(t) end end) gen() gen()",
    "local co = coroutine.create(function() local x <close> = setmetatable({}, {__close = function() end}) error('x') end) coroutine.resume(co)",
    "local t = {} for i = 1, 100 do t[i] = function() return t, i end end",
    "local env = {} env._G = env local f = load('x = 1', 'c', 't', env) f()",
    "local t = {} t[t] = t setmetatable(t, {__mode = 'k', __gc = function() end})",
    "error(setmetatable({}, {__tostring = function(e) return 'boom' end}))",
];

#[test]
fn cycles_are_freed_when_a_run_ends() {
    let worker = thread::Builder::new()
        .stack_size(lua_ref::MAIN_STACK_BYTES)
        .spawn(|| {
            for source in CYCLES {
                for _ in 0..50 {
                    let program = Program::new(source.as_bytes(), "=cycle");
                    let (outcome, _) = lua_ref::run_program(&program, &Limits::GENERATED);
                    assert!(
                        !matches!(outcome.end, End::Crashed(_) | End::Exhausted(_)),
                        "{source}: {:?}",
                        outcome.end
                    );
                    assert_eq!(lua_ref::live_objects(), 0, "leak after: {source}");
                }
            }
        })
        .expect("a worker thread");
    worker.join().expect("no panic");
}

#[test]
fn aborted_runs_are_torn_down_too() {
    let worker = thread::Builder::new()
        .stack_size(lua_ref::MAIN_STACK_BYTES)
        .spawn(|| {
            let sources = [
                "local t = {} t.t = t while true do end",
                "local function f() local t = {} t.t = t return 1 + f() end f()",
                "local co = coroutine.wrap(function() local t = {} t.t = t while true do end end) co()",
            ];
            for source in sources {
                let program = Program::new(source.as_bytes(), "=abort");
                let (outcome, _) = lua_ref::run_program(&program, &Limits::GENERATED);
                assert!(matches!(outcome.end, End::Exhausted(_)), "{source}");
                assert_eq!(lua_ref::live_objects(), 0, "leak after: {source}");
            }
        })
        .expect("a worker thread");
    worker.join().expect("no panic");
}
