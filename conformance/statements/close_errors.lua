-- errors around <close>: non-closable values, errors inside __close replacing the error (manual §3.3.8)
local function try(label, f) print(label, pcall(f)) end
try("number", function() local x <close> = 42 end)
try("string", function() local x <close> = "s" end)
try("table without __close", function() local x <close> = {} end)
try("metatable without __close", function() local x <close> = setmetatable({}, {}) end)
try("__close not callable: error at scope exit, on the return line", function()
  local x <close> = setmetatable({}, {__close = 1})
  return "declared"
end)
local function c(f) return setmetatable({}, {__close = f}) end
try("error in __close", function()
  local x <close> = c(function() error("in close", 0) end)
  return "not reached"
end)
try("error in __close replaces original error", function()
  local x <close> = c(function(_, e) error("close saw " .. tostring(e), 0) end)
  error("original", 0)
end)
local log = {}
try("other closes still run after error in close", function()
  local a <close> = c(function(_, e) log[#log + 1] = "a:" .. tostring(e) end)
  local b <close> = c(function(_, e) error("from b", 0) end)
  local d <close> = c(function(_, e) log[#log + 1] = "d:" .. tostring(e) end)
end)
print("log", table.concat(log, " "))
log = {}
try("chained errors", function()
  local a <close> = c(function(_, e) log[#log + 1] = "a:" .. tostring(e); error("from a", 0) end)
  local b <close> = c(function(_, e) log[#log + 1] = "b:" .. tostring(e); error("from b", 0) end)
  error("body", 0)
end)
print("log", table.concat(log, " "))
-- __close receives the object itself and the error object; on normal exit the second argument is nil
local args
do
  local obj
  obj = c(function(...) args = table.pack(...) end)
  local x <close> = obj
end
print("close args on normal exit", args.n, args[2])
local ok, e = pcall(function()
  local x <close> = c(function(_, e) log = e end)
  error({tag = "T"})
end)
print("error with non-string value passes through", ok, type(e), e.tag)
print("close saw table", type(log), log.tag)
try("__close not callable at end of block", function()
  local x <close> = setmetatable({}, {__close = 1})
end)
-- __close returning values does not change function results
local function rets()
  local x <close> = c(function() return "ignored" end)
  return 1, 2
end
print("close return values ignored", rets())
