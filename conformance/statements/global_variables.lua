-- global variables are fields of _ENV; changing _ENV changes name resolution (manual §2.2)
gv = 1
print("global through _G", _G.gv, _ENV.gv, rawget(_G, "gv"))
_G.gw = 2
print("field becomes global", gw)
print("undefined global", undefined_global_name)
gv = nil
print("assign nil removes", rawget(_G, "gv"))
do
  local _ENV = {print = print, x = "from new env"}
  print("local _ENV", x)
  y = 5
  print("assign goes to new env", y, _ENV.y)
end
print("outside block y", y)
local function with_env()
  local _ENV = {tostring = tostring}
  return tostring(print)
end
print("function with own env", with_env())
local function setenv_upvalue(env)
  local _ENV = env
  return function() return z end
end
local reader = setenv_upvalue({z = "zed"})
print("closure over _ENV", reader())
local f = load("q = 10; return q", "=e", "t", {})
print("load with env", f(), q)
local env = setmetatable({}, {__index = _G})
local g = load("newglobal = 'in env'; return type(print)", "=e", "t", env)
local gres = g()
print("env with __index", gres, env.newglobal, newglobal)
-- _ENV as a regular upvalue name
local _ENV = setmetatable({}, {__index = _G, __newindex = function(t, k, v) rawset(t, k, v .. "!") end})
newvar = "set"
print("__newindex on _ENV", newvar)
