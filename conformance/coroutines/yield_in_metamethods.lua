-- coroutines can yield from inside metamethods called by the VM (manual §2.6)
local log = {}
local mt = {
  __index = function(t, k) local v = coroutine.yield("index " .. k); return v end,
  __newindex = function(t, k, v) coroutine.yield("newindex " .. k); rawset(t, k, v) end,
  __add = function(a, b) return coroutine.yield("add") end,
  __unm = function(a) return coroutine.yield("unm") end,
  __concat = function(a, b) return coroutine.yield("concat") end,
  __len = function(a) return coroutine.yield("len") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __le = function(a, b) return coroutine.yield("le") end,
  __call = function(self, x) return coroutine.yield("call " .. x) end,
  __close = function() coroutine.yield("close") end,
}
local function run(label, f, ...)
  local co = coroutine.create(f)
  local results = {}
  local args = table.pack(...)
  -- the first resume starts the body; each later resume passes the next value as the yield's result
  local i = 0
  while true do
    local r
    if i == 0 then r = table.pack(coroutine.resume(co)) else r = table.pack(coroutine.resume(co, args[i])) end
    i = i + 1
    if coroutine.status(co) == "dead" then
      local shown = {}
      for j = 1, r.n do shown[j] = tostring(r[j]) end
      print(label, table.concat(results, ","), "->", table.concat(shown, " "))
      return
    end
    results[#results + 1] = tostring(r[2])
  end
end
local A = setmetatable({}, mt)
local B = setmetatable({}, mt)
run("__index", function() return A.key end, "indexed value")
run("__newindex", function() A.newkey = 5; return rawget(A, "newkey") end)
run("__add", function() return A + 1 end, 42)
run("__unm", function() return -A end, "negated")
run("__concat", function() return "x" .. A .. "y" end, "C")
run("__len", function() return #A end, 7)
run("__eq", function() return A == B end, 1)
run("__eq false", function() return A ~= B end, false)
run("__lt", function() return A < B end, nil)
run("__le", function() return A <= B end, "yes")
run("__call", function() return A("arg") end, "call result")
run("__close", function() do local c <close> = A end return "after close" end)
run("several in one expression", function() return A.x + A.y end, 1, 2)
