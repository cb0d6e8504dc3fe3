-- memoisation with __index and callable objects with __call, counting real computations (manual §2.4)
local calls = 0
local function memoize(f)
  local cache = {}
  return setmetatable({}, {
    __call = function(self, n)
      local v = cache[n]
      if v == nil then v = f(self, n); cache[n] = v end
      return v
    end,
    __len = function() local c = 0 for _ in pairs(cache) do c = c + 1 end return c end,
  })
end
local fib = memoize(function(self, n) calls = calls + 1 if n < 2 then return n end return self(n - 1) + self(n - 2) end)
print("fib 80", fib(80), "computations", calls, "cached", #fib)
calls = 0
print("fib 90 after", fib(90), "computations", calls, "cached", #fib)
local binom = memoize(function(self, key)
  calls = calls + 1
  local n, k = key:match("(%d+),(%d+)")
  n, k = tonumber(n), tonumber(k)
  if k == 0 or k == n then return 1 end
  return self((n - 1) .. "," .. (k - 1)) + self((n - 1) .. "," .. k)
end)
calls = 0
local row = {}
for k = 0, 10 do row[#row + 1] = binom("20," .. k) end
print("C(20,k)", table.concat(row, " "), "computations", calls)
local squares = setmetatable({}, {__index = function(t, n) calls = calls + 1 local v = n * n rawset(t, n, v) return v end})
calls = 0
local sum = 0
for _ = 1, 3 do for i = 1, 10 do sum = sum + squares[i] end end
print("lazy squares", sum, "computations", calls)
local functor = setmetatable({scale = 3}, {__call = function(self, a, b) return self.scale * (a + (b or 0)) end})
print("functor", functor(1, 2), functor(5), pcall(functor, "x", 1))
