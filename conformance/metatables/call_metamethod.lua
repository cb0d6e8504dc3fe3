-- __call: callable tables receive themselves first, work as iterators and in chains (manual §2.4)
local callable = setmetatable({name = "obj"}, {__call = function(self, ...)
  return self.name, select("#", ...), ...
end})
print("call with no args", callable())
print("call with args", callable(1, nil, 3))
print("method style", pcall(function() return callable:method() end))
-- a callable table as a generic-for iterator
local counter = setmetatable({}, {__call = function(self, state, control)
  control = control + 1
  if control <= state then return control end
end})
local out = {}
for i in counter, 3, 0 do out[#out + 1] = i end
print("callable iterator", table.concat(out, " "))
-- __call that is itself a callable table
local inner = setmetatable({}, {__call = function(self, a, b) return "inner", a == nil and "nil" or type(a), b end})
local outer = setmetatable({}, {__call = inner})
print("nested __call", outer("x"))
-- calling a table without __call
print("no __call", pcall(function() local t = {}; t() end))
print("no __call field", pcall(function() local t = {f = {}}; t.f() end))
print("__call not callable", pcall(function() local t = setmetatable({}, {__call = 42}); t() end))
-- __call with pcall, select, table.sort comparator
print("pcall on callable", pcall(callable, "p"))
local cmp = setmetatable({}, {__call = function(_, a, b) return a > b end})
print("callable comparator is rejected by table.sort", pcall(table.sort, {3, 1, 2}, cmp))
print("callable in string.gsub", (string.gsub("abc", "%w", setmetatable({}, {__index = function(_, k) return k:upper() end}))))
local up = setmetatable({}, {__call = function(_, s) return s:upper() end})
print("callable gsub replacement is not allowed", pcall(string.gsub, "abc", "%w", up))
-- coroutine.wrap of a callable table
print("coroutine.create with callable", pcall(coroutine.create, callable))
-- __call receives the table even when called via a field
local holder = {fn = callable}
print("via field", holder.fn("f"))
