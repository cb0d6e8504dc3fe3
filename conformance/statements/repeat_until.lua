-- repeat-until: body runs at least once, body locals are visible in the condition (manual §3.3.4)
local n = 0
repeat n = n + 1 until true
print("runs once", n)
n = 0
repeat n = n + 1 until n >= 5
print("until counter", n)
local i = 0
repeat
  i = i + 1
  local done = i * i > 20
until done
print("local visible in until", i)
-- closures capturing a repeat-body local; the condition sees the same variable
local fs = {}
local k = 0
repeat
  k = k + 1
  local v = k
  fs[k] = function() v = v + 100; return v end
until v >= 3
print("closures", fs[1](), fs[2](), fs[3]())
print("first closure again", fs[1]())
-- a closure created in the body and called in the condition
local calls = 0
repeat
  local x = calls
  calls = calls + 1
until (function() return x >= 2 end)()
print("closure in until", calls)
-- break inside repeat
local m = 0
repeat
  m = m + 1
  if m == 3 then break end
until false
print("break", m)
-- shadowing: the until sees the inner local, not the outer one
local flag = false
local iters = 0
repeat
  iters = iters + 1
  local flag = iters >= 2
until flag
print("inner flag", iters, flag)
-- nested repeat
local out = {}
local a = 0
repeat
  a = a + 1
  local b = 0
  repeat b = b + 1; out[#out + 1] = a .. b until b >= a
until a >= 3
print("nested", table.concat(out, " "))
-- <close> in a repeat body is closed before the condition? it is closed after the condition
local log = {}
local r = 0
repeat
  r = r + 1
  local c <close> = setmetatable({}, {__close = function() log[#log + 1] = "close" .. r end})
  log[#log + 1] = "body" .. r
until (function() log[#log + 1] = "cond" .. r; return r >= 2 end)()
print("close order", table.concat(log, " "))
