//! Speed of the ref engine on benchmark-like programs (recursive calls, table loops,
//! string building, method calls) and on a small generated-style program, through the
//! `Engine` trait as campaigns use it. Compare with native Lua on the same programs
//! (`luadiff bench`, or `lua5.4.9 FILE`): the target is within 30x.

use criterion::{Criterion, criterion_group, criterion_main};
use lua_engine::{Engine, Limits, Program};

const FIB: &str = "local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end
return fib(20)";

const TABLES: &str = "local t = {} for i = 1, 20000 do t[i] = i * 2 end
local s = 0 for i = 1, #t do s = s + t[i] end
local h = {} for i = 1, 5000 do h['k' .. i] = i end
local c = 0 for k, v in pairs(h) do c = c + v end
return s, c";

const STRINGS: &str =
    "local parts = {} for i = 1, 5000 do parts[#parts + 1] = tostring(i) .. ',' end
local s = table.concat(parts) local n = 0 for w in s:gmatch('%d+') do n = n + 1 end
local acc = '' for i = 1, 2000 do acc = acc .. 'x' end
return #s, n, #acc, string.format('%5.2f', 3.14159)";

const METHODS: &str = "local Point = {} Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
function Point:add(o) return Point.new(self.x + o.x, self.y + o.y) end
function Point:len2() return self.x * self.x + self.y * self.y end
local p, d, total = Point.new(0, 0), Point.new(1, 2), 0
for i = 1, 20000 do p = p:add(d) total = total + p:len2() % 7 end
return p.x, p.y, total";

const SMALL: &str = "local t = {3, 1, 2}
table.sort(t)
local function f(a, ...) return a + select('#', ...) end
local s = 0
for i = 1, 10 do s = s + f(i, 1, 2) end
local co = coroutine.wrap(function(x) local y = coroutine.yield(x + 1) return y * 2 end)
local a, b = co(1), co(5)
print(t[1], t[2], t[3], s, a, b, ('x'):rep(3), string.format('%q', 1 / 3))
return s";

fn bench(c: &mut Criterion) {
    let mut engine = lua_ref::RefEngine::new();
    for (name, source) in [
        ("fib20", FIB),
        ("tables", TABLES),
        ("strings", STRINGS),
        ("methods", METHODS),
        ("small_program", SMALL),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| engine.run(&Program::new(source.as_bytes(), "=bench"), &Limits::FILES))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
