-- xpcall: the message handler sees the error before unwinding; its result replaces the error (manual §6.1)
local function handler(e) return "handled: " .. tostring(e) end
print("success", xpcall(function(a, b) return a + b end, handler, 2, 3))
print("error through handler", xpcall(error, handler, "boom", 0))
print("runtime error through handler", xpcall(function() local x; return x.y end, handler))
print("handler gets table", xpcall(function() error({code = 5}) end, function(e) return e.code * 2 end))
print("handler returns multiple values", xpcall(error, function(e) return 1, 2, 3 end, "x"))
print("handler returns nothing", select("#", xpcall(error, function() end, "x")), (select(2, xpcall(error, function() end, "x"))))
print("handler receives one argument", xpcall(error, function(...) return select("#", ...) end, "x"))
-- the handler runs before the stack unwinds: <close> variables are closed after it
local log = {}
xpcall(function()
  local c <close> = setmetatable({}, {__close = function() log[#log + 1] = "close" end})
  error("E", 0)
end, function(e) log[#log + 1] = "handler " .. e; return e end)
print("handler before close", table.concat(log, " "))
-- a non-function handler
print("nil handler", pcall(xpcall, print, nil))
print("xpcall without handler", pcall(xpcall, print))
print("handler is not called on success", xpcall(function() return "ok" end, function() error("never") end))
print("non-function handler", pcall(xpcall, error, 42, "x"))
-- nested xpcall: each handler sees its own error
print("nested", xpcall(function()
  local ok, v = xpcall(error, function(e) return "inner handled " .. e end, "E1", 0)
  error(v .. " then outer", 0)
end, function(e) return "outer handled: " .. e end))
-- the handler can call the failing function's data through upvalues
local state = {}
print("handler sees state", xpcall(function() state.step = 3; error("fail", 0) end, function(e) return e .. " at step " .. state.step end))
