-- several independent generators advanced in lockstep, printed side by side for 30 steps (manual §2.6)
local function gen(f) return coroutine.wrap(f) end
local naturals = gen(function() local n = 0 while true do n = n + 1 coroutine.yield(n) end end)
local fib = gen(function() local a, b = 0, 1 while true do coroutine.yield(a) a, b = b, a + b end end)
local primes = gen(function()
  local n = 1
  while true do
    n = n + 1
    local p = true
    for d = 2, math.floor(math.sqrt(n)) do if n % d == 0 then p = false break end end
    if p then coroutine.yield(n) end
  end
end)
local triangular = gen(function() local s, k = 0, 0 while true do k = k + 1 s = s + k coroutine.yield(s) end end)
local collatz27 = gen(function() local x = 27 while true do coroutine.yield(x) if x == 1 then x = 27 elseif x % 2 == 0 then x = x // 2 else x = 3 * x + 1 end end end)
local powers = gen(function() local v = 1.0 while true do coroutine.yield(v) v = v * 1.5 end end)
local letters = gen(function() while true do for c = 97, 122 do coroutine.yield(string.char(c)) end end end)
for _ = 1, 30 do
  print(naturals(), fib(), primes(), triangular(), collatz27(), powers(), letters())
end
