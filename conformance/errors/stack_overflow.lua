-- unbounded recursion raises a catchable "stack overflow" error; the program continues (manual §4.1.1)
-- many locals per frame make the stack fill up after fewer calls, which keeps the program fast
local recurse
function recurse(n)
  local a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20 = n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n
  local b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20 = a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20
  return b1 + recurse(n + 1)
end
local ok, msg = pcall(recurse, 1)
print("caught", ok, type(msg))
print("mentions stack overflow", msg:find("stack overflow", 1, true) ~= nil)
print("has position", msg:find("^conformance/errors/stack_overflow.lua:%d+:") ~= nil)
-- the interpreter still works after the overflow
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print("recursion after overflow", depth(1000))
-- overflow through a metamethod
local mt = {}
mt.__index = function(t, k) return t[k .. "x"] end
local ok2, msg2 = pcall(function() return setmetatable({}, mt).a end)
print("metamethod recursion", ok2, (msg2:find("stack overflow", 1, true) or msg2:find("C stack overflow", 1, true)) ~= nil)
-- xpcall handler sees the overflow message
local ok3, msg3 = xpcall(recurse, function(m) return "handled: " .. tostring(m):match("stack overflow") end, 1)
print("xpcall", ok3, msg3)
-- an error object survives deep unwinding
local function deep_error(n) if n == 0 then error({depth = "bottom"}) end return (deep_error(n - 1)) end
local ok4, e4 = pcall(deep_error, 10000)
print("deep unwinding", ok4, e4.depth)
