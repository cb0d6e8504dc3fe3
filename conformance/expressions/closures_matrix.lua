-- closure patterns: counters, accumulators, composition, currying, shared state between generated functions (manual §3.5)
local function counter(start, step)
  local n = start
  return function() local v = n; n = n + step; return v end
end
local c1, c2 = counter(0, 1), counter(100, -10)
local seq = {}
for _ = 1, 5 do seq[#seq + 1] = c1() .. "/" .. c2() end
print("counters", table.concat(seq, " "))
local function compose(...)
  local fs = {...}
  return function(x) for i = #fs, 1, -1 do x = fs[i](x) end return x end
end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
local sq = function(x) return x * x end
print("compose", compose(inc, dbl)(5), compose(dbl, inc)(5), compose(sq, inc, dbl)(3), compose()(7))
local function curry3(f) return function(a) return function(b) return function(c) return f(a, b, c) end end end end
local vol = curry3(function(a, b, c) return a * b * c end)
print("curry", vol(2)(3)(4), vol(1)(1)(1))
local function make_bank()
  local balance = 0
  local history = {}
  local bank = {}
  function bank.deposit(x) balance = balance + x; history[#history + 1] = "+" .. x; return balance end
  function bank.withdraw(x)
    if x > balance then history[#history + 1] = "refused " .. x; return nil, "insufficient" end
    balance = balance - x; history[#history + 1] = "-" .. x; return balance
  end
  function bank.report() return balance, table.concat(history, " ") end
  return bank
end
local b = make_bank()
b.deposit(50); b.withdraw(20); b.withdraw(100); b.deposit(5)
print("bank", b.report())
local adders = {}
for i = 1, 5 do adders[i] = function(x) return x + i end end
local results = {}
for i, f in ipairs(adders) do results[i] = f(10) end
print("adders", table.concat(results, " "))
local function memo_counter()
  local calls = {}
  return function(name) calls[name] = (calls[name] or 0) + 1; return calls[name] end
end
local hit = memo_counter()
hit("a"); hit("b"); hit("a")
print("per-name counts", hit("a"), hit("b"), hit("c"))
local function fib_gen()
  local a, b = 0, 1
  return function() local r = a; a, b = b, a + b; return r end
end
local f = fib_gen()
local fibs = {}
for i = 1, 20 do fibs[i] = f() end
print("fib closure", table.concat(fibs, " "))
local function y(fn) return function(...) return fn(y(fn), ...) end end
local fact = y(function(self, n) if n <= 1 then return 1 end return n * self(n - 1) end)
print("fixed point factorial", fact(10), fact(20))
