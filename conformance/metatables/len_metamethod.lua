-- __len: used by # on tables (not strings), result returned unchanged (manual §2.4, §3.4.7)
local args
local t = setmetatable({1, 2, 3}, {__len = function(...) args = table.pack(...); return 42 end})
print("#t with __len", #t)
print("__len args", args.n, args[1] == t, args[2] == t)
print("rawlen ignores __len", rawlen(t))
local any = setmetatable({}, {__len = function() return "not a number", "extra" end})
print("any result type", #any, select("#", #any))
local neg = setmetatable({}, {__len = function() return -1.5 end})
print("float result", #neg)
print("ipairs ignores __len", (function() local n = 0 for _ in ipairs(t) do n = n + 1 end return n end)())
-- table library functions use __len
local fake = setmetatable({}, {__len = function() return 3 end, __index = function(_, i) return "v" .. i end})
print("table.concat uses __len and __index", table.concat(fake, ","))
print("table.unpack uses __len", table.unpack(fake))
local log = {}
local proxy = setmetatable({}, {
  __len = function() return 2 end,
  __index = function(_, i) return ({"a", "b"})[i] end,
  __newindex = function(_, k, v) log[#log + 1] = tostring(k) .. "=" .. tostring(v) end,
})
table.insert(proxy, "c")
print("table.insert uses __len and __newindex", table.concat(log, " "))
print("__len error", pcall(function() return #setmetatable({}, {__len = function() error("len failed", 0) end}) end))
print("__len on a string is not used", #"abc")
print("__len must be callable", pcall(function() return #setmetatable({}, {__len = 1}) end))
