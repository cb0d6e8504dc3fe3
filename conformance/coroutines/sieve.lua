-- a prime sieve built from a chain of filtering coroutines (manual §2.6)
local function gen(n)
  return coroutine.wrap(function() for i = 2, n do coroutine.yield(i) end end)
end
local function filter(p, g)
  return coroutine.wrap(function()
    for n in g do
      if n % p ~= 0 then coroutine.yield(n) end
    end
  end)
end
local primes = {}
local x = gen(200)
while true do
  local n = x()
  if n == nil then break end
  primes[#primes + 1] = n
  x = filter(n, x)
end
print("count", #primes)
print("primes", table.concat(primes, " "))
