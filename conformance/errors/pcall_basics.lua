-- pcall: status plus results or error object, extra arguments, non-callable values (manual §6.1)
print("success values", pcall(function(...) return ... end, 1, nil, 3))
print("success count", select("#", pcall(function() end)))
print("success with nils", select("#", pcall(function() return nil, nil end)))
print("arguments passed", pcall(math.max, 3, 9, 4))
print("error", pcall(error, "e", 0))
print("pcall nil", pcall(nil))
print("pcall number", pcall(42))
print("pcall table", pcall({}))
print("pcall no args", pcall(pcall))
print("pcall callable table", pcall(setmetatable({}, {__call = function(_, a) return "called", a end}), "arg"))
print("nested pcall", pcall(pcall, error, "inner"))
print("nested pcall success", pcall(pcall, function() return "deep" end))
print("pcall of pcall of error", pcall(pcall, pcall, error, "x"))
print("pcall returns after error in deep call", pcall(function()
  local function deep(n) if n == 0 then error("bottom", 0) end return deep(n - 1) end
  return deep(100)
end))
-- state after a caught error is intact
local t = {}
pcall(function() t.a = 1; error("stop"); t.b = 2 end)
print("side effects before error kept", t.a, t.b)
-- pcall inside loops
local fails = 0
for i = 1, 10 do
  if not pcall(function() if i % 3 == 0 then error("x") end end) then fails = fails + 1 end
end
print("failures counted", fails)
-- a C function raising errors through pcall
print("C function error", pcall(string.rep))
print("C function error with position", pcall(function() string.rep() end))
