-- yields from generic-for iterators, loop bodies and closing values (manual §2.6, §3.3.5)
local function yielding_iter(n)
  local i = 0
  return function()
    i = i + 1
    coroutine.yield("iter " .. i)
    if i <= n then return i end
  end
end
local co = coroutine.wrap(function()
  local sum = 0
  for v in yielding_iter(3) do
    sum = sum + v
    coroutine.yield("body " .. v)
  end
  return "sum " .. sum
end)
local out = {}
for step = 1, 9 do
  local r = co()
  out[#out + 1] = r
  if r:match("^sum") then break end
end
print("sequence", table.concat(out, " | "))
-- the closing value of a generic for is closed when the coroutine is closed mid-loop
local log = {}
local closing = setmetatable({}, {__close = function() log[#log + 1] = "loop closed" end})
local c2 = coroutine.create(function()
  for i in function(_, c) c = c + 1; if c <= 10 then return c end end, nil, 0, closing do
    coroutine.yield(i)
  end
end)
coroutine.resume(c2)
coroutine.resume(c2)
local closed_ok = coroutine.close(c2)
print("close mid-loop", closed_ok, table.concat(log, " "))
-- pairs over a table with a yielding __pairs iterator
local t = setmetatable({}, {__pairs = function()
  return function(_, k)
    k = (k or 0) + 1
    if k <= 2 then coroutine.yield("pairs step " .. k); return k, k * 10 end
  end, nil, nil
end})
local c3 = coroutine.wrap(function()
  local acc = {}
  for k, v in pairs(t) do acc[#acc + 1] = k .. "=" .. v end
  return table.concat(acc, ",")
end)
print("pairs 1", c3())
print("pairs 2", c3())
print("pairs done", c3())
