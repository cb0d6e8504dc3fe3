-- coroutines resuming coroutines: deep chains, yields returning to the right resumer (manual §2.6)
local function chain(depth)
  if depth == 0 then
    return coroutine.create(function(x) local y = coroutine.yield("bottom got " .. x); return "bottom end " .. y end)
  end
  local child = chain(depth - 1)
  return coroutine.create(function(x)
    local ok, v = coroutine.resume(child, x)
    local y = coroutine.yield(v .. " <" .. depth)
    local ok2, v2 = coroutine.resume(child, y)
    return v2 .. " <" .. depth
  end)
end
local top = chain(5)
print("down", coroutine.resume(top, "X"))
print("up", coroutine.resume(top, "Y"))
-- a yield inside a nested coroutine goes to its own resumer only
local order = {}
local outer = coroutine.wrap(function()
  local inner = coroutine.wrap(function()
    order[#order + 1] = "inner 1"
    coroutine.yield()
    order[#order + 1] = "inner 2"
  end)
  inner()
  order[#order + 1] = "outer between"
  coroutine.yield()
  inner()
  order[#order + 1] = "outer end"
end)
outer()
order[#order + 1] = "main"
outer()
print("interleaving", table.concat(order, ", "))
-- 40 levels of wrap inside wrap
local function nest(n)
  if n == 0 then return "core" end
  return coroutine.wrap(function() return nest(n - 1) .. "." .. n end)()
end
print("40 nested wraps", #nest(40), nest(3))
-- many coroutines alive at once
local cos = {}
for i = 1, 500 do
  cos[i] = coroutine.create(function(a) local b = coroutine.yield(a * 2); return a + b end)
end
local s1, s2 = 0, 0
for i = 1, 500 do s1 = s1 + select(2, coroutine.resume(cos[i], i)) end
for i = 1, 500 do s2 = s2 + select(2, coroutine.resume(cos[i], 1)) end
print("500 coroutines", s1, s2)
