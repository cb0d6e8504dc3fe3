-- fib: naive recursive Fibonacci: fib(30) computed 10 times at full size (13.5M calls).
-- sizes: full=30 small=15
local N = N or 30
local function fib(n)
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end
local r
for _ = 1, 10 do
  r = fib(N)
end
print(N, r)
