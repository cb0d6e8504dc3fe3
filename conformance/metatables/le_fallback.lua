-- with LUA_COMPAT_5_3 (as the native build has), a <= b without __le falls back to not (b < a) via __lt (manual §8.1)
local calls
local function lt(a, b) calls[#calls + 1] = a.name .. "<" .. b.name; return a.v < b.v end
local mt = {__lt = lt}
local one = setmetatable({name = "one", v = 1}, mt)
local two = setmetatable({name = "two", v = 2}, mt)
local function check(label, f)
  calls = {}
  local ok, r = pcall(f)
  print(label, ok, r, table.concat(calls, " "))
end
check("one <= two", function() return one <= two end)
check("two <= one", function() return two <= one end)
check("one <= one", function() return one <= one end)
check("one >= two", function() return one >= two end)
check("two >= one", function() return two >= one end)
-- the fallback also works with a number on one side
local num = setmetatable({name = "num", v = 5}, {__lt = function(a, b)
  local x = type(a) == "table" and a.v or a
  local y = type(b) == "table" and b.v or b
  calls[#calls + 1] = tostring(x) .. "<" .. tostring(y)
  return x < y
end})
check("num <= 7", function() return num <= 7 end)
check("7 <= num", function() return 7 <= num end)
check("num <= 5", function() return num <= 5 end)
-- when __le exists it is used instead
local both = setmetatable({name = "both", v = 0}, {__lt = lt, __le = function() calls[#calls + 1] = "le"; return "le result" end})
check("both <= both", function() return both <= both end)
-- without __lt nor __le: error
check("no metamethods", function() return setmetatable({name = "x"}, {}) <= setmetatable({name = "y"}, {}) end)
-- sorting with __lt-only objects
local items = {}
for _, v in ipairs({5, 3, 9, 1, 7}) do items[#items + 1] = setmetatable({name = tostring(v), v = v}, mt) end
calls = {}
table.sort(items)
local out = {}
for i, it in ipairs(items) do out[i] = it.v end
print("sorted by __lt", table.concat(out, " "))
