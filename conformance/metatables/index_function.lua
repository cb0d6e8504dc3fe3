-- __index as a function: receives the table and the original key, result truncated to one value (manual §2.4)
local log = {}
local t = setmetatable({present = "here"}, {__index = function(tbl, key)
  log[#log + 1] = type(tbl) .. ":" .. tostring(key) .. ":" .. tostring(math.type(key))
  return "mm " .. tostring(key), "extra"
end})
print("absent key", t.missing)
print("present key skips", t.present)
print("integer key", t[1])
print("float key passed as is", t[1.5])
print("integral float key", t[2.0])
print("boolean key", t[true])
print("only one result", select("#", t.x))
print("log", table.concat(log, " | "))
-- the table passed is the original one, even through a chain
local seen
local base = setmetatable({}, {__index = function(tbl, k) seen = tbl; return k end})
local derived = setmetatable({}, {__index = base})
print("chain key", derived.key)
print("function receives intermediate table", seen == base, seen == derived)
-- __index function returning nil and false
local nf = setmetatable({}, {__index = function(_, k) if k == "f" then return false end end})
print("nil and false", nf.n, nf.f)
-- __index function calling rawget and rawset (memoisation)
local calls = 0
local memo = setmetatable({}, {__index = function(tbl, n)
  calls = calls + 1
  local v = n * n
  rawset(tbl, n, v)
  return v
end})
local a = memo[12]
local b = memo[12]
print("memoised", a, b, calls)
-- errors inside __index carry their position
local bad = setmetatable({}, {__index = function(_, k) error("no field " .. k) end})
print("error in __index", pcall(function() return bad.zzz end))
-- __index on a non-table value through its metatable: strings
print("string __index", ("abc").len == string.len)
-- a callable table is not a function: it is indexed, not called
local callable = setmetatable({}, {__call = function() return "called" end})
local viaCallable = setmetatable({}, {__index = setmetatable({}, {__index = function() return "indexed" end, __call = callable})})
print("table __index is indexed", viaCallable.x)
