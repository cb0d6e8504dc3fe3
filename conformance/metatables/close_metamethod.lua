-- __close: arguments, lookup at closing time, interaction with __index and __metatable (manual §3.3.8)
local got
local mt = {__close = function(...) got = table.pack(...) end}
do local x <close> = setmetatable({}, mt) end
print("normal exit args", got.n, type(got[1]), got[2])
pcall(function() local x <close> = setmetatable({}, mt); error("E", 0) end)
print("error exit args", got.n, got[2])
pcall(function() local x <close> = setmetatable({}, mt); error({}, 0) end)
print("error object passed", type(got[2]))
-- the metamethod is looked up when the variable goes out of scope, not at declaration
local log = {}
local dyn = {__close = function() log[#log + 1] = "first" end}
do
  local x <close> = setmetatable({}, dyn)
  dyn.__close = function() log[#log + 1] = "replaced" end
end
print("looked up at exit", table.concat(log, " "))
-- removing __close after declaration: error at exit
local removable = {__close = function() end}
print("removed before exit", pcall(function()
  local x <close> = setmetatable({}, removable)
  removable.__close = nil
end))
-- __close is looked up raw: __index on the metatable does not provide it
local indirect = setmetatable({}, {__index = {__close = function() end}})
print("via __index of metatable", pcall(function() local x <close> = setmetatable({}, indirect) end))
-- a protected metatable still works for __close
local protected = {__close = function() log[#log + 1] = "protected" end, __metatable = "no"}
do local x <close> = setmetatable({}, protected) end
print("protected metatable", log[#log])
-- the same object closed twice when declared in two variables
local count = 0
local obj = setmetatable({}, {__close = function() count = count + 1 end})
do
  local a <close> = obj
  local b <close> = obj
end
print("closed once per variable", count)
