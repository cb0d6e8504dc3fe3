-- fib: naive recursive Fibonacci, fib(30) at full size (1.6M calls).
-- sizes: full=30 small=15
local N = N or 30
local function fib(n)
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end
print(N, fib(N))
