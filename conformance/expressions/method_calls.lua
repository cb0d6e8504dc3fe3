-- method calls: a:m(...) passes a as self and evaluates a only once (manual §3.4.10)
local evals = 0
local obj = {name = "obj"}
function obj:greet(x) return self.name .. " " .. tostring(x) end
local function get() evals = evals + 1; return obj end
print("basic", obj:greet(1))
print("equivalent dot call", obj.greet(obj, 2))
local r = get():greet(3)
print("receiver evaluated once", r, evals)
evals = 0
get():greet(4); get()["greet"](get(), 5)
print("dot form evaluates twice", evals)
-- method lookup goes through __index
local Class = {}
Class.__index = Class
function Class.new(v) return setmetatable({v = v}, Class) end
function Class:get() return self.v end
function Class:add(n) self.v = self.v + n; return self end
local inst = Class.new(10)
print("inherited method", inst:get())
print("chained mutation", inst:add(5):add(1):get())
-- methods on strings via the string metatable
local s = "Hello"
print("string methods", s:upper(), s:len(), s:sub(2, 3), ("%5.1f"):format(3.14159))
print("method on a number", pcall(function() local n = 5; return n:foo() end))
print("method on nil field", pcall(function() return obj:missing() end))
print("method on nil", pcall(function() local none; return none:m() end))
print("method name without call", load("return obj:greet", "=m"))
-- self is an ordinary parameter
local t = {}
function t.explicit(self, a) return self == t, a end
function t:implicit(a) return self == t, a end
print("explicit self", t:explicit("x"))
print("implicit self", t.implicit(t, "y"))
print("self can be anything", t.implicit("other", "z"))
-- method call on a call result and on indexing chains
local outer = {inner = {val = 7, get = function(self) return self.val end}}
print("chain", outer.inner:get(), outer["inner"]:get())
-- methods receive extra arguments including multiple results
local function multi() return 1, 2, 3 end
function t:count(...) return select("#", ...) end
print("varargs to method", t:count(multi()), t:count(multi(), 4))
