-- coroutine.wrap as generators and iterators; wrap passes values like resume without the status (manual §6.2)
local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local out = {}
for i in range(5) do out[#out + 1] = i end
print("range generator", table.concat(out, " "))
-- a generator of pairs
local function enumerate(t)
  return coroutine.wrap(function()
    for i, v in ipairs(t) do coroutine.yield(i, v) end
  end)
end
out = {}
for i, v in enumerate({"a", "b", "c"}) do out[#out + 1] = i .. v end
print("two values per step", table.concat(out, " "))
-- recursive generator: in-order tree walk
local tree = {v = 4, l = {v = 2, l = {v = 1}, r = {v = 3}}, r = {v = 6, l = {v = 5}, r = {v = 7}}}
local function walk(node)
  if node then walk(node.l); coroutine.yield(node.v); walk(node.r) end
end
out = {}
for v in coroutine.wrap(function() walk(tree) end) do out[#out + 1] = v end
print("tree walk", table.concat(out, " "))
-- permutations generator
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local perms = {}
for p in coroutine.wrap(function() permgen({1, 2, 3}) end) do perms[#perms + 1] = table.concat(p) end
table.sort(perms)
print("permutations", #perms, table.concat(perms, " "))
-- wrap passes arguments into the coroutine
local acc = coroutine.wrap(function(first)
  local total = first
  while true do total = total + coroutine.yield(total) end
end)
local a1 = acc(10)
local a2 = acc(5)
local a3 = acc(-3)
print("accumulator", a1, a2, a3)
-- fibonacci generator with a limit
local fib = coroutine.wrap(function()
  local a, b = 0, 1
  while true do coroutine.yield(a); a, b = b, a + b end
end)
out = {}
for i = 1, 15 do out[i] = fib() end
print("fibonacci", table.concat(out, " "))
