-- function statements: global, local, fields, methods, recursion (manual §3.4.11)
function gf(x) return "global " .. x end
print("global function", gf(1), type(_G.gf))
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print("local recursive", fact(10))
-- "local function" can recurse by name; "local f = function" refers to a global f inside
local rec = function() return rec end
print("local f = function sees the global name", rec())
local a = {b = {}}
function a.b.c(x) return "field " .. x end
print("nested field function", a.b.c(2))
function a.b:m(x) return self == a.b, x end
print("method definition", a.b:m(3))
print("method called as function", a.b.m(a.b, 4))
function a.b.d(self, x) return self, x end
print("dot function called with colon", a.b:d(5) == a.b)
local obj = {n = 0}
function obj:inc(k) self.n = self.n + (k or 1); return self end
obj:inc():inc(5):inc()
print("chained methods", obj.n)
-- function statements assign: redefinition replaces
function gf() return "redefined" end
print("redefined", gf())
-- a local function shadows the global only after its declaration
local function shadow() return "local" end
print("local shadow", shadow())
-- function definitions evaluate to new closures each time
local list = {}
for i = 1, 2 do list[i] = function() return i end end
print("distinct closures", list[1] ~= list[2], rawequal(list[1], list[1]))
-- method on a string field key with unusual names
local t = {}
function t.with_underscore_1() return "ok" end
print("underscore name", t.with_underscore_1())
-- mutual recursion with forward-declared locals
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print("mutual recursion", is_even(10), is_odd(7), is_even(7))
-- parameters: extra args dropped, missing are nil
local function params(a, b, c) return a, b, c end
print("params", params(1), params(1, 2, 3, 4))
-- varargs functions
local function va(a, ...) return a, select("#", ...), ... end
print("vararg", va(1, 2, nil))
