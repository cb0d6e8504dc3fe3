-- local <const> variables: read-only, compile-time errors on assignment (manual §3.3.7)
local a <const> = 10
local b <const>, c = 20, 30
local s <const> = "text"
local n <const> = nil
local f <const> = function(x) return x * a end
print("values", a, b, c, s, n, f(2))
c = 31
print("non-const in same list assignable", c)
local function uses() return a + b end
print("const upvalue", uses())
local t <const> = {}
t.x = 1
print("const table contents mutable", t.x)
local function try(src)
  local fn, msg = load(src, "=const")
  if fn then print("ok", pcall(fn)) else print("error", msg) end
end
try("local x <const> = 1; x = 2")
try("local x <const> = 1; local function f() x = 2 end")
try("local x <const> = 1; x, y = 2, 3")
try("local x <const> = 1; for i = 1, 2 do x = i end")
try("local x <const> = 1; local x = 2; x = 3; return x")
try("local x <const> = 1; do local x = 5; x = 6 end return x")
try("local x <const> = {}; x.field = 1; return x.field")
try("local x <const> = 1 + 2 * 3; return x, math.type(x)")
try("local x <const> = 1.0; return x, math.type(x)")
try("local x <const> = 'a' .. 'b'; return x")
try("local x <const> = 2^53; return x")
try("local x <const> = 1 // 0")
try("local x <const> = 1 % 0")
try("local x <const> = 1; local y <const> = x + 1; return y")
try("local x <CONST> = 1")
try("local x < const > = 1; return x")
try("local x <const>, y <const> = 1; return x, y")
try("local function f() local k <const> = 3; return function() return k end end; return f()()")
-- constant folding must not change -0.0 or fold division by zero
local z <const> = 0.0
print("const negative zero", -z, 1 / -z)
local zero <const> = 0
print("const int zero division", pcall(function() return 1 // zero end))
print("const float division", 1 / zero, -1 / zero)
