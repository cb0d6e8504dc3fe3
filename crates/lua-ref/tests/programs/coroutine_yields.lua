-- Yields from inside every metamethod, pcall and xpcall in a coroutine, and the C-call boundaries PUC refuses to yield across (sort, gsub, tostring, load readers, metamethods called by library functions).
local function show(...) print(select('#', ...), ...) end
-- yield inside metamethods
local mt = {}
mt.__index = function(t, k) local v = coroutine.yield("index", k) return v end
mt.__add = function(a, b) return coroutine.yield("add") end
mt.__lt = function(a, b) return coroutine.yield("lt") end
mt.__le = function(a, b) return coroutine.yield("le") end
mt.__concat = function(a, b) return coroutine.yield("concat") end
mt.__eq = function(a, b) return coroutine.yield("eq") end
mt.__len = function(a) return coroutine.yield("len") end
mt.__call = function(self, x) return coroutine.yield("call", x) end
mt.__unm = function(a) return coroutine.yield("unm") end
mt.__close = function(a, e) coroutine.yield("close", e) end
mt.__newindex = function(t, k, v) coroutine.yield("newindex", k, v) end
local co = coroutine.create(function()
  local a = setmetatable({}, mt)
  local b = setmetatable({}, mt)
  print("index ->", a.foo)
  print("add ->", a + 1)
  print("lt ->", a < b)
  print("le ->", a <= b)
  print("gt ->", a > b)
  print("concat ->", a .. "x")
  print("eq ->", a == b)
  print("len ->", #a)
  print("call ->", a(42))
  print("unm ->", -a)
  a.bar = 5
  do local c <close> = a end
  return "done"
end)
local v = nil
while true do
  local r = table.pack(coroutine.resume(co, v))
  show(table.unpack(r, 1, r.n))
  if coroutine.status(co) == "dead" then break end
  v = r[2] == "lt" and true or r[2] == "le" and false or r[2] == "eq" and 1 or r[2] .. "!"
end
-- yield across pcall inside a coroutine
local co2 = coroutine.wrap(function(...)
  local ok, a, b = pcall(function(x) local y = coroutine.yield(x + 1) error({y}) end, ...)
  print("pcall in co", ok, type(a), a[1])
  local ok2, r = xpcall(function() return coroutine.yield("in xpcall") end, debug and debug.traceback or print)
  print("xpcall in co", ok2, r)
  return "end"
end)
print(co2(10))
print(co2("resumed"))
print(co2("second"))
-- yield across C boundaries
local function try(name, f)
  local co = coroutine.create(f)
  print(name, coroutine.resume(co))
end
try("sort", function() table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end)
try("gsub", function() return string.gsub("abc", "%w", function(c) coroutine.yield(c) end) end)
try("tostring", function() return tostring(setmetatable({}, {__tostring = function() coroutine.yield() return "x" end})) end)
try("load reader", function() return load(function() coroutine.yield() end) end)
try("pairs", function() for k, v in pairs(setmetatable({}, {__pairs = function(t) coroutine.yield("in pairs") return next, t, nil end})) do end return "ok" end)
try("ipairs index", function() for i, v in ipairs(setmetatable({}, {__index = function(t, i) if i < 3 then coroutine.yield(i) return i end end})) do end return "ok" end)
try("table.concat index", function() return table.concat(setmetatable({}, {__index = function(t, i) coroutine.yield(i) return "x" end, __len = function() return 2 end})) end)
try("table.insert newindex", function() local t = setmetatable({}, {__newindex = function(t, k, v) coroutine.yield(k) end}) table.insert(t, 1) return "ok" end)
print(coroutine.isyieldable(), type(coroutine.running()))
print(coroutine.wrap(function() return coroutine.isyieldable(), select(2, coroutine.running()) end)())
print(pcall(coroutine.yield, 1))
print(select(2, pcall(coroutine.resume, coroutine.running())))
