-- tail calls, recursion and closures inside coroutines (manual §2.6, §3.4.10)
local co = coroutine.wrap(function()
  local function loop(n)
    if n == 0 then return "tail done" end
    if n % 250000 == 0 then coroutine.yield(n) end
    return loop(n - 1)
  end
  return loop(1000000)
end)
local out = {}
for i = 1, 5 do out[#out + 1] = tostring(co()) end
print("yields from deep tail recursion", table.concat(out, " "))
-- a coroutine body that is a tail call into another function
local function body(a) return coroutine.yield(a) .. "!" end
local c2 = coroutine.create(function(x) return body(x) end)
print("tail into yield 1", coroutine.resume(c2, "hi"))
print("tail into yield 2", coroutine.resume(c2, "back"))
-- shared upvalues between the coroutine and its creator
local shared = 0
local c3 = coroutine.wrap(function()
  while true do shared = shared + 1; coroutine.yield() end
end)
c3(); c3(); c3()
print("shared upvalue", shared)
shared = 100
c3()
print("creator change seen", shared)
-- non-tail recursion with yields at every level
local function rec(n)
  if n == 0 then return 0 end
  coroutine.yield(n)
  return 1 + rec(n - 1)
end
local c4 = coroutine.create(rec)
local steps = {}
while true do
  local ok, v = coroutine.resume(c4, 5)
  if coroutine.status(c4) == "dead" then steps[#steps + 1] = "result " .. v; break end
  steps[#steps + 1] = v
end
print("recursive yields", table.concat(steps, " "))
