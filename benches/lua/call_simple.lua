-- call_simple: calls of small Lua functions (fixed arguments, one result).
-- sizes: full=10000000 small=10000
local N = N or 10000000
local function add(a, b)
  return a + b
end
local function twice(x)
  return add(x, x)
end
local function id(x)
  return x
end
local s = 0
for i = 1, N do
  s = add(s, id(i)) + twice(1)
end
print(s)
