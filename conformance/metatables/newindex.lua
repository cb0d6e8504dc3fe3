-- __newindex as a function or a table, only for absent keys, with chains (manual §2.4)
local log = {}
local t = setmetatable({existing = 1}, {__newindex = function(tbl, k, v)
  log[#log + 1] = tostring(k) .. "=" .. tostring(v) .. ":" .. tostring(math.type(k))
  rawset(tbl, k, v)
end})
t.existing = 2
t.new = "n"
t.new = "n2"
t[1.0] = "float key"
t[3.5] = "x"
print("log", table.concat(log, " | "))
print("values", t.existing, t.new, t[1], t[3.5])
-- an existing key with a nil value is absent
t.existing = nil
t.existing = "again"
print("after nil, metamethod called again", log[#log])
-- __newindex table: assignment goes to that table (raw if it has no metatable)
local store = {}
local proxy = setmetatable({}, {__newindex = store, __index = store})
proxy.a = 1
print("stored in other table", rawget(proxy, "a"), store.a, proxy.a)
-- chain: __newindex table that itself has __newindex
local final = {}
local middle = setmetatable({}, {__newindex = final})
local front = setmetatable({}, {__newindex = middle})
front.k = "v"
print("chain", rawget(front, "k"), rawget(middle, "k"), final.k)
-- __newindex function that ignores the write (read-only table)
local ro = setmetatable({}, {__newindex = function() error("read-only table", 2) end, __index = {x = 1}})
print("read-only write", pcall(function() ro.x = 2 end))
print("read-only read", ro.x)
-- rawset bypasses __newindex
rawset(ro, "y", 5)
print("rawset bypass", ro.y)
-- __newindex with multiple assignment
local calls = 0
local counted = setmetatable({}, {__newindex = function(tbl, k, v) calls = calls + 1; rawset(tbl, k, v) end})
counted.a, counted.b, counted.c = 1, 2, 3
print("multiple assignment calls", calls, counted.a + counted.b + counted.c)
-- table constructors write raw, but table.insert goes through __newindex
local raw = setmetatable({}, {__newindex = function() error("should not be called") end})
local built = setmetatable({}, {__newindex = function() error("not called") end})
print("table.insert respects __newindex", pcall(table.insert, raw, "v"))
print("rawlen", rawlen(raw))
-- global assignment through _ENV's __newindex
local env = setmetatable({}, {__newindex = function(tbl, k, v) rawset(tbl, k, "wrapped:" .. tostring(v)) end})
local f = load("g = 10; return g", "=env", "t", env)
print("global via __newindex", f())
