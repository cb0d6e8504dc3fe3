-- strings share a metatable whose __index is the string table; methods and extensions (manual §6.4)
local mt = getmetatable("")
print("same for all strings", getmetatable("a") == getmetatable("b"))
print("__index", mt.__index == string)
print("method", ("abc"):upper(), ("x"):rep(3, "-"))
local s = "hello"
print("method on variable", s:len(), s:byte(1), s:sub(-3))
print("index by integer is nil", s[1])
print("index by unknown name is nil", s.nothing)
-- adding a function to the string table makes it a method
function string.shout(str) return str:upper() .. "!" end
print("extended method", ("hey"):shout())
string.shout = nil
-- arithmetic metamethods live in the string metatable
local events = {}
for _, e in ipairs({"__add", "__sub", "__mul", "__div", "__mod", "__pow", "__unm", "__idiv", "__band", "__concat", "__eq", "__lt", "__len"}) do
  events[#events + 1] = e .. "=" .. type(mt[e])
end
print("events", table.concat(events, " "))
print("__add direct call", mt.__add("2", "3"), mt.__add(2, "3"))
print("__add direct call error", pcall(mt.__add, "a", "b"))
print("__unm direct", mt.__unm("5", "5"))
-- temporarily replacing __index changes method lookup for all strings
local old = mt.__index
mt.__index = function(str, k) return function() return "patched " .. k end end
print("patched __index", ("x"):anything())
mt.__index = old
print("restored", ("x"):upper())
-- string keys on the string table itself
print("string.format through a string", ("%d-%s"):format(5, "x"))
print("calling a method on a number", pcall(function() local n = 5; return n:upper() end))
