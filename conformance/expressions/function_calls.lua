-- function calls: result adjustment, truncation by parentheses, argument syntax sugar (manual §3.4.10)
local function three() return 1, 2, 3 end
local function count(...) return select("#", ...) end
local function id(...) return ... end
print("all results at end", count(three()))
print("one result in middle", count(three(), 10))
print("parens truncate", count((three())))
print("nested at end", count(0, three()))
print("id passes", id(three()))
print("id in middle", id(three(), "x"))
print("no results", count(id()))
print("no results in middle", count(id(), 1))
print("parens on empty gives nil", count((id())), (id()))
print("string arg sugar", count"abc", type"x")
print("table arg sugar", count{1, 2}, #{1, 2})
print("long string arg", count[[long]], string.upper[[long]])
print("method string sugar", ("x"):rep(3), ("%d"):format(42))
local t = {f = function(self, a) return self.v, a end, v = "v"}
print("method call sugar", t:f"arg", t:f{}.x)
print("chained calls", string.rep("ab", 2):upper():lower():len())
print("call result indexed", ({three()})[3], (function() return {k = "k"} end)().k)
local function curry(a) return function(b) return function(c) return a + b + c end end end
print("curried calls", curry(1)(2)(3))
print("call expression as statement", pcall(function() (print)("call in parens statement") end))
print("calling non-function", pcall(function() local x = 1; x() end))
print("too many args are ignored", (function(a) return a end)(1, 2, 3))
print("missing args are nil", (function(a, b, c) return c end)(1))
print("many arguments", count(table.unpack({}, 1, 250)))
local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end
print("recursion depth 5000", deep(5000))
print("select with call at end", select(2, three()))
print("table.unpack at end", count(table.unpack({1, 2, 3})), count(table.unpack({1, 2, 3}), 4))
