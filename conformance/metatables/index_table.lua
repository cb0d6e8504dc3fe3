-- __index as a table: lookup only for absent keys, chains of tables (manual §2.4)
local base = {a = "base a", b = "base b", shared = "base"}
local mid = setmetatable({b = "mid b", shared = false}, {__index = base})
local top = setmetatable({c = "top c"}, {__index = mid})
print("own field", top.c)
print("from mid", top.b)
print("from base", top.a)
print("false value stops lookup", top.shared)
print("absent everywhere", top.zzz)
print("rawget ignores __index", rawget(top, "a"))
top.a = "top a"
print("own field shadows", top.a, base.a)
top.a = nil
print("removed own field falls back", top.a)
-- present key with nil value is absent
local t = setmetatable({x = nil}, {__index = {x = "fallback"}})
print("nil value uses __index", t.x)
-- changing the metatable's __index at run time
local mt = {__index = {v = 1}}
local obj = setmetatable({}, mt)
print("before change", obj.v)
mt.__index = {v = 2}
print("after change", obj.v)
mt.__index = nil
print("after removal", obj.v)
-- __index on integer and other key types
local arr = setmetatable({}, {__index = {"one", "two", [true] = "yes", [2.5] = "float"}})
print("integer keys", arr[1], arr[2], arr[3])
print("float key normalised", arr[1.0], arr[2.5])
print("boolean key", arr[true])
-- __index table that itself has a function __index
local fn_base = setmetatable({}, {__index = function(_, k) return "computed " .. tostring(k) end})
local chained = setmetatable({}, {__index = fn_base})
print("table then function", chained.anything, chained[42])
-- metatable shared by several tables
local shared_mt = {__index = {kind = "shared"}}
local p, q = setmetatable({}, shared_mt), setmetatable({kind = "own"}, shared_mt)
print("shared metatable", p.kind, q.kind)
