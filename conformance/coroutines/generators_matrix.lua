-- a family of coroutine generators combined with each other (take, map, filter, zip, chain) (manual §2.6)
local function gen(f) return coroutine.wrap(f) end
local function count(from, step) return gen(function() local i = from while true do coroutine.yield(i); i = i + step end end) end
local function take(n, g) return gen(function() for _ = 1, n do local v = g(); if v == nil then return end coroutine.yield(v) end end) end
local function map(f, g) return gen(function() for v in g do coroutine.yield(f(v)) end end) end
local function filter(p, g) return gen(function() for v in g do if p(v) then coroutine.yield(v) end end end) end
local function zip(g1, g2) return gen(function() while true do local a, b = g1(), g2(); if a == nil or b == nil then return end coroutine.yield(a .. ":" .. b) end end) end
local function chain(...) local gs = {...} return gen(function() for _, g in ipairs(gs) do for v in g do coroutine.yield(v) end end end) end
local function list(g) local t = {} for v in g do t[#t + 1] = tostring(v) end return table.concat(t, " ") end
print("count", list(take(10, count(1, 1))))
print("count by 3 from -5", list(take(8, count(-5, 3))))
print("squares", list(take(10, map(function(x) return x * x end, count(1, 1)))))
print("evens", list(take(10, filter(function(x) return x % 2 == 0 end, count(1, 1)))))
print("zip", list(zip(take(5, count(1, 1)), map(string.char, count(97, 1)))))
print("chain", list(chain(take(3, count(1, 1)), take(3, count(100, 100)), take(2, count(-1, -1)))))
print("nested filters", list(take(6, filter(function(x) return x % 3 == 0 end, filter(function(x) return x % 2 == 0 end, count(1, 1))))))
print("float counter", list(take(6, count(0, 0.25))))
print("take more than available", list(take(10, take(3, count(1, 1)))))
local primes = gen(function()
  local found = {}
  for n in count(2, 1) do
    local isp = true
    for _, p in ipairs(found) do if p * p > n then break end if n % p == 0 then isp = false break end end
    if isp then found[#found + 1] = n; coroutine.yield(n) end
  end
end)
print("primes", list(take(25, primes)))
print("generator resumes where it stopped", list(take(5, primes)))
