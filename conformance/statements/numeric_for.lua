-- numeric for: bounds evaluated once, inclusive limit, default step, negative steps (manual §3.3.5)
local function run(a, b, c)
  local out = {}
  if c == nil then
    for i = a, b do out[#out + 1] = tostring(i) end
  else
    for i = a, b, c do out[#out + 1] = tostring(i) end
  end
  return #out .. ": " .. table.concat(out, " ")
end
print("1,5", run(1, 5))
print("1,1", run(1, 1))
print("1,0", run(1, 0))
print("5,1", run(5, 1))
print("5,1,-1", run(5, 1, -1))
print("1,10,3", run(1, 10, 3))
print("10,1,-3", run(10, 1, -3))
print("-3,3,2", run(-3, 3, 2))
print("0,0,-1", run(0, 0, -1))
print("1,2,100", run(1, 2, 100))
print("1,-1", run(1, -1))
-- bounds are evaluated once, before the loop starts
local calls = 0
local function limit() calls = calls + 1; return 3 end
local n = 0
for i = 1, limit() do n = n + 1 end
print("limit evaluated once", calls, n)
local lim = 3
local iters = 0
for i = 1, lim do lim = 10; iters = iters + 1 end
print("changing limit variable has no effect", iters)
-- the loop variable is local to the loop
local i = "outer"
for i = 1, 2 do end
print("outer i untouched", i)
-- assigning to the control variable does not change the iteration
local seen = {}
for j = 1, 3 do
  seen[#seen + 1] = j
  j = j * 100
  seen[#seen + 1] = j
end
print("control variable is a copy", table.concat(seen, " "))
-- each iteration has a fresh variable for closures
local fs = {}
for j = 1, 3 do fs[j] = function() return j end end
print("fresh per iteration", fs[1](), fs[2](), fs[3]())
-- break leaves only the innermost loop
local pairs_seen = {}
for a = 1, 3 do
  for b = 1, 3 do
    if b > a then break end
    pairs_seen[#pairs_seen + 1] = a .. b
  end
end
print("nested break", table.concat(pairs_seen, " "))
