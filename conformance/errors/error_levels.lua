-- error with levels 0, 1, 2, 3: where the position prefix points (manual §6.1 error)
local function level(n) error("msg", n) end
local function default() error("msg") end
local function caller(n)
  level(n) -- line 5: level 2 points here
end
local function outer(n)
  caller(n) -- line 8: level 3 points here
end
print("level 1", pcall(level, 1))
print("default level", pcall(default))
print("level 0", pcall(level, 0))
print("level 2", pcall(caller, 2))
print("level 3", pcall(outer, 3))
print("level 2 called from pcall", pcall(level, 2))
print("level beyond stack", pcall(outer, 50))
print("negative level", pcall(level, -1))
print("float level", pcall(level, 2.0))
print("string level", pcall(level, "2"))
print("bad level", pcall(error, "m", "x"))
-- position is only added to string messages
print("number message gets no position", pcall(error, 42))
print("number message level 1 in Lua function", pcall(function() error(42) end))
print("table message", select("#", pcall(error, {})), type(select(2, pcall(error, {}))))
-- the position refers to the function that called error at the given level
local function validate(x)
  if type(x) ~= "number" then error("expected number, got " .. type(x), 2) end
  return x
end
local function use()
  local v = validate("str") -- line 31
  return v
end
print("argument check idiom", pcall(use))
-- through a tail call the caller's frame is gone, so level 2 is pcall itself (no position)
local function use_tail() return validate("str") end
print("level 2 through a tail call", pcall(use_tail))
-- error messages in a loaded chunk use its chunk name
print("chunk name", pcall(load("error('in chunk')", "=mychunk")))
print("chunk name with @", pcall(load("\n\nerror('line 3')", "@virtual.lua")))
print("chunk name default", pcall(load("error('default name')")))
