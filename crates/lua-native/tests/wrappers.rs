//! The prelude's wrappers raise their own errors exactly as PUC-Rio's C functions do.
//!
//! print, io.write and the methods of the file it returns, pcall, xpcall, load,
//! coroutine.resume, coroutine.close and string.dump are Lua functions in the native
//! engine (see `prelude.lua`). Each table below runs one-line programs, chunk name
//! `@test.lua`, and expects exactly the output that `/work/tools/lua5.4.9-sandbox`
//! (PUC-Rio Lua 5.4.9 with the native engine's libraries) printed for the same line saved
//! as `test.lua`. Every call that should fail is a statement or an argument, never a
//! tail call: see `KNOWN_DIVERGENCES` and COMPATIBILITY.md for what a tail call changes.

use lua_engine::{End, Engine, Limits, Program};
use lua_native::NativeEngine;

/// A one-line program and PUC's output for it.
type Case = (&'static str, &'static str);

/// The output of `source` run as `@test.lua`, which must return normally.
fn output_of(engine: &mut NativeEngine, source: &str) -> Result<String, String> {
    let outcome = engine.run(
        &Program::new(source.as_bytes(), "@test.lua"),
        &Limits::GENERATED,
    );
    match outcome.end {
        End::Returned(_) => Ok(String::from_utf8_lossy(&outcome.output).into_owned()),
        other => Err(format!("ended with {other}")),
    }
}

/// Runs every case and reports all that differ at once.
fn check(cases: &[Case]) {
    let mut engine = NativeEngine::new();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|&(source, expected)| {
            let actual = output_of(&mut engine, source);
            (actual.as_deref() != Ok(expected))
                .then(|| format!("{source}\n    PUC:    {expected:?}\n    native: {actual:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from PUC:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn print_errors_match_puc() {
    check(PRINT);
}

#[test]
fn io_write_errors_match_puc() {
    check(IO_WRITE);
}

#[test]
fn file_methods_errors_match_puc() {
    check(FILE_METHODS);
}

#[test]
fn pcall_errors_match_puc() {
    check(PCALL);
}

#[test]
fn xpcall_errors_match_puc() {
    check(XPCALL);
}

#[test]
fn load_errors_match_puc() {
    check(LOAD);
}

#[test]
fn coroutine_resume_errors_match_puc() {
    check(COROUTINE_RESUME);
}

#[test]
fn coroutine_close_errors_match_puc() {
    check(COROUTINE_CLOSE);
}

#[test]
fn string_dump_errors_match_puc() {
    check(STRING_DUMP);
}

/// `print`.
const PRINT: &[Case] = &[
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = function() return {} end})) end))"##,
        "false\ttest.lua:1: '__tostring' must return a string\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = function() end})) end))"##,
        "false\ttest.lua:1: '__tostring' must return a string\n",
    ),
    (
        r##"print(pcall(function() local p = print; p(setmetatable({}, {__tostring = function() return true end})) end))"##,
        "false\ttest.lua:1: '__tostring' must return a string\n",
    ),
    (
        r##"print(pcall(function() local t = {p = print}; t.p(setmetatable({}, {__tostring = function() return {} end})) end))"##,
        "false\ttest.lua:1: '__tostring' must return a string\n",
    ),
    (
        r##"print(pcall(function() print(1, 2, setmetatable({}, {__tostring = function() return {} end})) end))"##,
        "1\t2false\ttest.lua:1: '__tostring' must return a string\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = setmetatable({}, {__call = function() return {} end})})) end))"##,
        "false\ttest.lua:1: '__tostring' must return a string\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = setmetatable({}, {__call = function() return "called" end})})) end))"##,
        "called\ntrue\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = function() error("'__tostring' must return a string", 0) end})) end))"##,
        "false\t'__tostring' must return a string\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = function() error("inner") end})) end))"##,
        "false\ttest.lua:1: inner\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = function() error("inner", 2) end})) end))"##,
        "false\tinner\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = function() error(setmetatable({}, {__tostring = function() return "E" end})) end})) end))"##,
        "false\tE\n",
    ),
    (
        r##"print(select("#", pcall(function() print(setmetatable({}, {__tostring = function() error() end})) end)))"##,
        "2\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = true})) end))"##,
        "false\tattempt to call a boolean value\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = false})) end))"##,
        "false\tattempt to call a boolean value\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = function() local x; return x.y end})) end))"##,
        "false\ttest.lua:1: attempt to index a nil value (local 'x')\n",
    ),
    (
        r##"print(setmetatable({}, {__tostring = function() return 42 end}), setmetatable({}, {__tostring = function() return 2.0 end}))"##,
        "42\t2.0\n",
    ),
    (
        r##"print(setmetatable({}, {__tostring = function(self, extra) return tostring(extra) end}))"##,
        "nil\n",
    ),
    (
        r##"print(pcall(print, setmetatable({}, {__tostring = function() return {} end})))"##,
        "false\t'__tostring' must return a string\n",
    ),
    (
        r##"print(pcall(coroutine.wrap(function() print(setmetatable({}, {__tostring = function() coroutine.yield(1) return "x" end})) end)))"##,
        "false\tattempt to yield across a C-call boundary\n",
    ),
    (
        r##"print(coroutine.resume(coroutine.create(function() print(setmetatable({}, {__tostring = function() return tostring(coroutine.isyieldable()) end})) end)))"##,
        "false\ntrue\n",
    ),
    (
        r##"local mt = getmetatable(""); mt.__tostring = function(s) return "<" .. #s .. ">" end; print("abc", 1); mt.__tostring = nil; print("abc")"##,
        "<3>\t1\nabc\n",
    ),
    (
        r##"print(setmetatable({}, {__name = "Named", __tostring = function() return "T" end}), (tostring(setmetatable({}, {__name = "Named"})):gsub("0x%x+", "ADDR")))"##,
        "T\tNamed: ADDR\n",
    ),
];

/// `io.write`.
const IO_WRITE: &[Case] = &[
    (
        r##"print(pcall(function() io.write({}) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'write' (string expected, got table)\n",
    ),
    (
        r##"print(pcall(function() local w = io.write; w(true) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'w' (string expected, got boolean)\n",
    ),
    (
        r##"print(pcall(function() io.write("a", nil) end))"##,
        "afalse\ttest.lua:1: bad argument #2 to 'write' (string expected, got nil)\n",
    ),
    (
        r##"print(pcall(function() io.write(setmetatable({}, {__name = "Named"})) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'write' (string expected, got Named)\n",
    ),
    (
        r##"print(pcall(function() io.write(setmetatable({}, {__name = 1})) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'write' (string expected, got table)\n",
    ),
    (
        r##"print(pcall(function() io.write():write({}) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'write' (string expected, got table)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f.write(f, "b", print) end))"##,
        "bfalse\ttest.lua:1: bad argument #3 to 'write' (string expected, got function)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f.write(1) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'write' (FILE* expected, got number)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f.write() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'write' (FILE* expected, got no value)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); local t = {write = f.write}; t:write("x") end))"##,
        "false\ttest.lua:1: calling 'write' on bad self (FILE* expected, got table)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f:write() io.write(1, 2.5, -0.0, "\n") end))"##,
        "12.5-0\ntrue\n",
    ),
];

/// `file methods`.
const FILE_METHODS: &[Case] = &[
    (
        r##"local f = io.write(); print(f:close()); print(f:close()); f:write("still open\n")"##,
        "nil\tcannot close standard file\nnil\tcannot close standard file\nstill open\n",
    ),
    (
        r##"local f = io.write(); print(f:flush(), f:setvbuf("no"), f:setvbuf("full", 1024), f:setvbuf("line", "64"), f:setvbuf("no", 2.0))"##,
        "true\ttrue\ttrue\ttrue\ttrue\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f.close(1) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'close' (FILE* expected, got number)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f.flush() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'flush' (FILE* expected, got no value)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f.setvbuf({}) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'setvbuf' (FILE* expected, got table)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f:setvbuf() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'setvbuf' (string expected, got no value)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f:setvbuf("none") end))"##,
        "false\ttest.lua:1: bad argument #1 to 'setvbuf' (invalid option 'none')\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f:setvbuf(1) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'setvbuf' (invalid option '1')\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f.setvbuf(f, "no", {}) end))"##,
        "false\ttest.lua:1: bad argument #3 to 'setvbuf' (number expected, got table)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f:setvbuf("no", 1.5) end))"##,
        "false\ttest.lua:1: bad argument #2 to 'setvbuf' (number has no integer representation)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); f:setvbuf("no", "x") end))"##,
        "false\ttest.lua:1: bad argument #2 to 'setvbuf' (number expected, got string)\n",
    ),
    (
        r##"print(pcall(function() local f = io.write(); local t = {c = f.close}; t:c() end))"##,
        "false\ttest.lua:1: calling 'c' on bad self (FILE* expected, got table)\n",
    ),
    (
        r##"do local f <close> = io.write() end print("after <close>")"##,
        "after <close>\n",
    ),
    (
        r##"print(pcall(string.dump, io.write().flush))"##,
        "false\tunable to dump given function\n",
    ),
];

/// `pcall`.
const PCALL: &[Case] = &[
    (
        r##"print(pcall(function() pcall() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'pcall' (value expected)\n",
    ),
    (
        r##"print(pcall(function() local p = pcall; p() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'p' (value expected)\n",
    ),
    (
        r##"print(pcall(function() local t = {p = pcall}; t.p() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'p' (value expected)\n",
    ),
    (
        r##"print(pcall(function() local t = {p = pcall}; return (t:p()) end))"##,
        "true\tfalse\n",
    ),
    (
        r##"print(pcall(pcall))"##,
        "false\tbad argument #1 to 'pcall' (value expected)\n",
    ),
];

/// `xpcall`.
const XPCALL: &[Case] = &[
    (
        r##"print(pcall(function() xpcall() end))"##,
        "false\ttest.lua:1: bad argument #2 to 'xpcall' (function expected, got no value)\n",
    ),
    (
        r##"print(pcall(function() xpcall(print) end))"##,
        "false\ttest.lua:1: bad argument #2 to 'xpcall' (function expected, got no value)\n",
    ),
    (
        r##"print(pcall(function() xpcall(print, 1) end))"##,
        "false\ttest.lua:1: bad argument #2 to 'xpcall' (function expected, got number)\n",
    ),
    (
        r##"print(pcall(function() xpcall(print, setmetatable({}, {__name = "Named"})) end))"##,
        "false\ttest.lua:1: bad argument #2 to 'xpcall' (function expected, got Named)\n",
    ),
    (
        r##"print(pcall(function() local x = xpcall; x(print, {}) end))"##,
        "false\ttest.lua:1: bad argument #2 to 'x' (function expected, got table)\n",
    ),
    (
        r##"print(pcall(function() local t = {x = xpcall}; t:x() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'x' (function expected, got no value)\n",
    ),
    (
        r##"print(pcall(xpcall, print))"##,
        "false\tbad argument #2 to 'xpcall' (function expected, got no value)\n",
    ),
];

/// `load`.
const LOAD: &[Case] = &[
    (
        r##"print(pcall(function() load() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'load' (function expected, got no value)\n",
    ),
    (
        r##"print(pcall(function() load(true) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'load' (function expected, got boolean)\n",
    ),
    (
        r##"print(pcall(function() load("x", true) end))"##,
        "false\ttest.lua:1: bad argument #2 to 'load' (string expected, got boolean)\n",
    ),
    (
        r##"print(pcall(function() load(function() end, {}) end))"##,
        "false\ttest.lua:1: bad argument #2 to 'load' (string expected, got table)\n",
    ),
    (
        r##"print(pcall(function() load("x", "n", true) end))"##,
        "false\ttest.lua:1: bad argument #3 to 'load' (string expected, got boolean)\n",
    ),
    (
        r##"print(pcall(function() load(function() end, "n", {}) end))"##,
        "false\ttest.lua:1: bad argument #3 to 'load' (string expected, got table)\n",
    ),
    (
        r##"print(pcall(function() local l = load; l(nil) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'l' (function expected, got nil)\n",
    ),
    (
        r##"print(pcall(function() local t = {l = load}; t:l() end))"##,
        "false\ttest.lua:1: calling 'l' on bad self (function expected, got table)\n",
    ),
    (
        r##"print(pcall(function() return (load(function() return {} end)) end))"##,
        "true\tnil\n",
    ),
    (
        r##"print(pcall(function() local f, e = load(function() return {} end); return f, e end))"##,
        "true\tnil\ttest.lua:1: reader function must return a string\n",
    ),
    (
        r##"print(pcall(function() local i = 0; local f, e = load(function() i = i + 1; if i == 1 then return "return " end return true end); return f, e end))"##,
        "true\tnil\ttest.lua:1: reader function must return a string\n",
    ),
    (
        r##"print(pcall(function() local f, e = load(function() error("rd") end); return f, e end))"##,
        "true\tnil\ttest.lua:1: rd\n",
    ),
    (
        r##"print(pcall(function() local f, e = load(function() error("rd", 2) end); return f, e end))"##,
        "true\tnil\trd\n",
    ),
    (
        r##"print(pcall(function() local f, e = load(function() error({}) end); return f, type(e) end))"##,
        "true\tnil\ttable\n",
    ),
    (
        r##"print(pcall(function() local f, e = load(function() local t; return t.x end); return f, e end))"##,
        "true\tnil\ttest.lua:1: attempt to index a nil value (local 't')\n",
    ),
    (
        r##"print(pcall(load))"##,
        "false\tbad argument #1 to 'load' (function expected, got no value)\n",
    ),
    (
        r##"print(load("x = ", "=name"))"##,
        "nil\tname:1: unexpected symbol near <eof>\n",
    ),
    (
        r##"print(load("return 1", "c", "b"))"##,
        "nil\tattempt to load a text chunk (mode is 'b')\n",
    ),
    (
        r##"print(load("return 1", "c", "x"))"##,
        "nil\tattempt to load a text chunk (mode is 'x')\n",
    ),
    (
        r##"print(load(42))"##,
        "nil\t[string \"42\"]:1: unexpected symbol near '42'\n",
    ),
    (
        r##"print(load("x =", 42))"##,
        "nil\t[string \"42\"]:1: unexpected symbol near <eof>\n",
    ),
    (
        r##"print(load("return 1", "c", 5))"##,
        "nil\tattempt to load a text chunk (mode is '5')\n",
    ),
    (r##"print(load("return x", "c", "t", {x = 7})())"##, "7\n"),
    (
        r##"print(pcall(load("return x", "c", "t", nil)))"##,
        "false\t[string \"c\"]:1: attempt to index a nil value (upvalue '_ENV')\n",
    ),
    (
        r##"print(type(load(function() return nil end)))"##,
        "function\n",
    ),
];

/// `coroutine.resume`.
const COROUTINE_RESUME: &[Case] = &[
    (
        r##"print(pcall(function() coroutine.resume() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'resume' (thread expected, got no value)\n",
    ),
    (
        r##"print(pcall(function() coroutine.resume(1) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'resume' (thread expected, got number)\n",
    ),
    (
        r##"print(pcall(function() local r = coroutine.resume; r({}) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'r' (thread expected, got table)\n",
    ),
    (
        r##"print(pcall(function() local c = coroutine.create(print); coroutine.resume(c); return coroutine.resume(c) end))"##,
        "\ntrue\tfalse\tcannot resume dead coroutine\n",
    ),
    (
        r##"print(pcall(function() local r = {coroutine.resume(coroutine.running())}; return r[1], r[2] end))"##,
        "true\tfalse\tcannot resume non-suspended coroutine\n",
    ),
    (
        r##"print(pcall(coroutine.resume, 1))"##,
        "false\tbad argument #1 to 'coroutine.resume' (thread expected, got number)\n",
    ),
];

/// `coroutine.close`.
const COROUTINE_CLOSE: &[Case] = &[
    (
        r##"print(pcall(function() coroutine.close() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'close' (thread expected, got no value)\n",
    ),
    (
        r##"print(pcall(function() coroutine.close(1) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'close' (thread expected, got number)\n",
    ),
    (
        r##"print(pcall(function() coroutine.close(coroutine.running()) end))"##,
        "false\ttest.lua:1: cannot close a running coroutine\n",
    ),
    (
        r##"print(pcall(function() local c = coroutine.close; c(coroutine.running()) end))"##,
        "false\ttest.lua:1: cannot close a running coroutine\n",
    ),
    (
        r##"print(coroutine.resume(coroutine.create(function() coroutine.close(coroutine.running()) end)))"##,
        "false\ttest.lua:1: cannot close a running coroutine\n",
    ),
    (
        r##"local outer; outer = coroutine.create(function() local inner = coroutine.create(function() coroutine.close(outer) end); return coroutine.resume(inner) end); print(coroutine.resume(outer))"##,
        "true\tfalse\ttest.lua:1: cannot close a normal coroutine\n",
    ),
    (
        r##"print(pcall(function() local c = coroutine.create(function() error("x") end); coroutine.resume(c); return coroutine.close(c) end))"##,
        "true\tfalse\ttest.lua:1: x\n",
    ),
    (
        r##"print(pcall(function() local c = coroutine.create(function() error({}) end); coroutine.resume(c); local ok, e = coroutine.close(c); return ok, type(e) end))"##,
        "true\tfalse\ttable\n",
    ),
    (
        r##"print(pcall(coroutine.close, coroutine.running()))"##,
        "false\tcannot close a running coroutine\n",
    ),
];

/// `string.dump`.
const STRING_DUMP: &[Case] = &[
    (
        r##"print(pcall(function() string.dump() end))"##,
        "false\ttest.lua:1: bad argument #1 to 'dump' (function expected, got no value)\n",
    ),
    (
        r##"print(pcall(function() string.dump(1) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'dump' (function expected, got number)\n",
    ),
    (
        r##"print(pcall(function() string.dump(print) end))"##,
        "false\ttest.lua:1: unable to dump given function\n",
    ),
    (
        r##"print(pcall(function() string.dump(pcall) end))"##,
        "false\ttest.lua:1: unable to dump given function\n",
    ),
    (
        r##"print(pcall(function() string.dump(string.rep) end))"##,
        "false\ttest.lua:1: unable to dump given function\n",
    ),
    (
        r##"print(pcall(function() string.dump(io.write().write) end))"##,
        "false\ttest.lua:1: unable to dump given function\n",
    ),
    (
        r##"print(pcall(function() local s = "x"; s:dump() end))"##,
        "false\ttest.lua:1: calling 'dump' on bad self (function expected, got string)\n",
    ),
    (
        r##"print(pcall(function() local d = string.dump; d({}) end))"##,
        "false\ttest.lua:1: bad argument #1 to 'd' (function expected, got table)\n",
    ),
    (
        r##"print(pcall(function() local d = string.dump; d(d) end))"##,
        "false\ttest.lua:1: unable to dump given function\n",
    ),
    (
        r##"print(pcall(string.dump, print))"##,
        "false\tunable to dump given function\n",
    ),
    (
        r##"print(pcall(string.dump, string.rep))"##,
        "false\tunable to dump given function\n",
    ),
    (
        r##"print(type(string.dump(function() end)), type(string.dump(function() end, true)))"##,
        "string\tstring\n",
    ),
];

/// The divergences from PUC that remain (COMPATIBILITY.md): a program, the native engine's
/// output and PUC's. Each stays listed only while it still diverges: a case whose native
/// output changes fails, so that this table and COMPATIBILITY.md are updated with it.
const KNOWN_DIVERGENCES: &[(&str, &str, &str)] = &[
    // A tail-called wrapper's own errors: the caller's frame is gone (PUC keeps it for a
    // C function), so there is no position, and the name is the global one.
    (
        r##"print(pcall(function() return pcall() end))"##,
        "false\tbad argument #1 to 'pcall' (value expected)\n",
        "false\ttest.lua:1: bad argument #1 to 'pcall' (value expected)\n",
    ),
    (
        r##"print(pcall(function() local p = pcall; return p() end))"##,
        "false\tbad argument #1 to 'pcall' (value expected)\n",
        "false\ttest.lua:1: bad argument #1 to 'p' (value expected)\n",
    ),
    (
        r##"print(pcall(function() return xpcall(print) end))"##,
        "false\tbad argument #2 to 'xpcall' (function expected, got no value)\n",
        "false\ttest.lua:1: bad argument #2 to 'xpcall' (function expected, got no value)\n",
    ),
    (
        r##"print(pcall(function() return print(setmetatable({}, {__tostring = function() return {} end})) end))"##,
        "false\t'__tostring' must return a string\n",
        "false\ttest.lua:1: '__tostring' must return a string\n",
    ),
    (
        r##"print(pcall(function() return io.write({}) end))"##,
        "false\tbad argument #1 to 'io.write' (string expected, got table)\n",
        "false\ttest.lua:1: bad argument #1 to 'write' (string expected, got table)\n",
    ),
    (
        r##"print(pcall(function() return load(true) end))"##,
        "false\tbad argument #1 to 'load' (function expected, got boolean)\n",
        "false\ttest.lua:1: bad argument #1 to 'load' (function expected, got boolean)\n",
    ),
    (
        r##"print(pcall(function() return load(function() return {} end) end))"##,
        "true\tnil\treader function must return a string\n",
        "true\tnil\ttest.lua:1: reader function must return a string\n",
    ),
    (
        r##"print(pcall(function() return coroutine.resume(1) end))"##,
        "false\tbad argument #1 to 'coroutine.resume' (thread expected, got number)\n",
        "false\ttest.lua:1: bad argument #1 to 'resume' (thread expected, got number)\n",
    ),
    (
        r##"print(pcall(function() return coroutine.close(coroutine.running()) end))"##,
        "false\tcannot close a running coroutine\n",
        "false\ttest.lua:1: cannot close a running coroutine\n",
    ),
    (
        r##"print(pcall(function() return string.dump(string.rep) end))"##,
        "false\tunable to dump given function\n",
        "false\ttest.lua:1: unable to dump given function\n",
    ),
    // error levels that cross a wrapper's frame (pcall, xpcall, print's __tostring, load's
    // reader): one frame more than PUC, so the level lands on the wrapper.
    (
        r##"local function f() error("level 3", 3) end print(pcall(f))"##,
        "false\tlevel 3\n",
        "false\ttest.lua:1: level 3\n",
    ),
    (
        r##"local function f() error("level 3", 3) end print(xpcall(f, function(m) return m end))"##,
        "false\tlevel 3\n",
        "false\ttest.lua:1: level 3\n",
    ),
    (
        r##"print(pcall(function() print(setmetatable({}, {__tostring = function() error("level 3", 3) end})) end))"##,
        "false\tlevel 3\n",
        "false\ttest.lua:1: level 3\n",
    ),
    (
        r##"print(pcall(function() local f, e = load(function() error("level 3", 3) end) return f, e end))"##,
        "true\tnil\tlevel 3\n",
        "true\tnil\ttest.lua:1: level 3\n",
    ),
    // The sandbox itself: binary chunks are refused, the FILE* metatable is mlua's
    // (protected), and the file methods that depend on the process's stdout are absent.
    (
        r##"print(type(load(string.dump(function() return 1 end))))"##,
        "nil\n",
        "function\n",
    ),
    (
        r##"print(type(getmetatable(io.write())))"##,
        "boolean\n",
        "table\n",
    ),
    (
        r##"print(type(io.write().seek), type(io.write().read), type(io.write().lines))"##,
        "nil\tnil\tnil\n",
        "function\tfunction\tfunction\n",
    ),
];

#[test]
fn known_divergences_are_still_there() {
    let mut engine = NativeEngine::new();
    let mut failures = Vec::new();
    for &(source, native, puc) in KNOWN_DIVERGENCES {
        assert_ne!(native, puc, "{source}: not a divergence");
        let actual = output_of(&mut engine, source);
        if actual.as_deref() != Ok(native) {
            failures.push(format!(
                "{source}\n    listed: {native:?}\n    PUC:    {puc:?}\n    native: {actual:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "known divergences changed (update this table and COMPATIBILITY.md):\n{}",
        failures.join("\n")
    );
}
