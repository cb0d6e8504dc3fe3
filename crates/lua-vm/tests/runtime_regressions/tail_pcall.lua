-- caught: a tail call of pcall panicked; pcall of a value that cannot be called escaped the pcall; found by the conformance dev loop
local function f() return pcall(error, "e", 0) end
print(f())
local function g() return pcall(nil) end
print(g())
print(pcall(function() return pcall(undefined_global) end))
local co = coroutine.wrap(function() return pcall(coroutine.yield, "y") end)
print(co())
print(co("back"))
