-- closures: creating closures and reading and writing their upvalues.
-- sizes: full=2000000 small=2000
local N = N or 2000000
local function counter(start)
  local n = start
  return function(d)
    n = n + d
    return n
  end
end
local total = 0
for i = 1, N do
  local c = counter(i)
  c(1)
  total = total + c(2)
end
-- A long-lived closure with shared upvalues.
local x, y = 0, 0
local function step(d)
  x = x + d
  y = y + x % 7
end
for i = 1, N * 4 do
  step(i & 3)
end
print(total, x, y)
