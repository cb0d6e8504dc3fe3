-- metamethods, iterators and error handlers that themselves resume other coroutines (manual §2.6)
local counter = coroutine.wrap(function() local n = 0 while true do n = n + 1 coroutine.yield(n) end end)
local lazy = setmetatable({}, {
  __index = function(t, k) local v = counter() rawset(t, k, v) return v end,
  __call = function(self, x) return x + counter() end,
  __add = function(a, b) return counter() * 100 end,
})
local first = lazy.a
local second = lazy.b
print("index resumes a generator", first, second, lazy.a)
print("call resumes", lazy(1000))
print("add resumes", lazy + 1)
local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
local sum = 0
for v in gen do sum = sum + v end
print("wrap as iterator", sum)
local ok, msg = xpcall(function() error("E", 0) end, function(e)
  local co = coroutine.create(function(x) coroutine.yield(x .. " seen by handler coroutine") end)
  local _, v = coroutine.resume(co, e)
  return v
end)
print("handler resumes a coroutine", ok, msg)
local outer = coroutine.wrap(function()
  local t = setmetatable({}, {__index = function(_, k) return coroutine.yield("outer yields from __index for " .. k) end})
  return "got " .. tostring(t.field)
end)
print("yield from __index inside wrap", outer())
print("value delivered into __index", outer("delivered"))
local tbl = setmetatable({}, {__lt = function(a, b) return counter() % 2 == 0 end})
local results = {}
for i = 1, 6 do results[i] = tostring(tbl < tbl) end
print("__lt driven by a generator", table.concat(results, " "))
