-- function definitions as expressions: parameters, varargs, nesting, results (manual §3.4.11)
local f0 = function() end
local f1 = function(a) return a end
local f2 = function(a, b) return b, a end
local fv = function(...) return select("#", ...) end
local fav = function(a, ...) return a, ... end
print("no params", f0(1, 2))
print("one param", f1(1, 2))
print("swap", f2(1, 2))
print("vararg count", fv(), fv(nil), fv(1, 2, 3))
print("param and vararg", fav(1, 2, 3))
print("immediately invoked", (function(x) return x * 2 end)(21))
print("function type", type(function() end), type(f0))
print("functions in table", ({function() return "in table" end})[1]())
print("functions as arguments", (function(g) return g(3) end)(function(x) return x * x end))
print("returning functions", (function() return function() return "inner" end end)()())
print("deeply nested definitions", (function() return (function() return (function() return "deep" end)() end)() end)())
-- closures with different upvalues are different values (equal-looking ones may or may not be)
local list = {}
for i = 1, 3 do list[i] = function() return i end end
print("distinct per evaluation", list[1] ~= list[2], list[2] ~= list[3])
-- parameters shadow upvalues and globals
local x = "upvalue"
local shadow = function(x) return x end
print("parameter shadows", shadow("param"), x)
-- duplicate parameter names: the last one wins
local dup = load("return function(a, a) return a end")()
print("duplicate parameter names", dup(1, 2))
-- many parameters
local many = load("return function(" .. ("p,"):rep(99) .. "p100) return p100 end")()
print("100 parameters", many(table.unpack((function() local t = {} for i = 1, 100 do t[i] = i end return t end)())))
-- self parameter via colon syntax in a table constructor is not allowed, but field functions are
local obj = {value = 3, get = function(self) return self.value end}
print("field function with self", obj:get())
