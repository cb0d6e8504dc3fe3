-- coroutine.close and to-be-closed variables: pending closes, failing handlers, errors deferred until close or wrap, statuses, yields inside __close.
-- close edge cases
local log = {}
local function closer(name) return setmetatable({}, {__close = function(_, e) log[#log+1] = name .. ":" .. (type(e) == "table" and "table" or tostring(e)) end}) end
local co = coroutine.create(function()
  local a <close> = closer("a")
  do
    local b <close> = closer("b")
    coroutine.yield(1)
  end
  coroutine.yield(2)
end)
print(coroutine.resume(co))
print(coroutine.close(co), coroutine.status(co))
print(table.concat(log, " ")) log = {}
print(coroutine.resume(co))
-- close with a failing handler
local co2 = coroutine.create(function()
  local a <close> = setmetatable({}, {__close = function(_, e) log[#log+1] = "a:" .. tostring(e) error("fail a") end})
  local b <close> = setmetatable({}, {__close = function(_, e) log[#log+1] = "b:" .. tostring(e) error("fail b") end})
  coroutine.yield()
end)
coroutine.resume(co2)
print(coroutine.close(co2))
print(table.concat(log, " ")) log = {}
-- error kills coroutine with pending close; wrap closes them
local w = coroutine.wrap(function()
  local a <close> = closer("wa")
  error("werr")
end)
print(pcall(w))
print(table.concat(log, " ")) log = {}
local w2 = coroutine.wrap(function()
  local a <close> = setmetatable({}, {__close = function(_, e) error("replaced") end})
  error("orig")
end)
print(pcall(w2))
-- resume dead-by-error keeps error for close
local co3 = coroutine.create(function() local x <close> = closer("x3") error({code = 7}) end)
local ok, e = coroutine.resume(co3)
print(ok, type(e), e.code, coroutine.status(co3), table.concat(log, " "))
local ok2, e2 = coroutine.close(co3)
print(ok2, type(e2), e2 and e2.code, table.concat(log, " ")) log = {}
print(coroutine.close(co3))
-- close a not started coroutine
print(coroutine.close(coroutine.create(print)))
-- cannot close running / normal
print(pcall(coroutine.close, coroutine.running()))
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() return pcall(coroutine.close, outer) end)
  return coroutine.resume(inner)
end)
print(coroutine.resume(outer))
print(coroutine.wrap(function() return pcall(coroutine.close, coroutine.running()) end)())
-- status inside close handler
local co4
co4 = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() log[#log+1] = coroutine.status(co4) end})
  coroutine.yield()
end)
coroutine.resume(co4)
coroutine.close(co4)
print("status in close", table.concat(log, " ")) log = {}
-- yield inside close during normal exit
local co5 = coroutine.wrap(function()
  do local x <close> = setmetatable({}, {__close = function() coroutine.yield("from close") end}) end
  return "after"
end)
print(co5(), co5())
-- error inside a pcall within coroutine closes immediately
local co6 = coroutine.wrap(function()
  print(pcall(function() local x <close> = closer("p") error("pe") end))
  print("log", table.concat(log, " "))
  return 1
end)
print(co6())
-- wrap non-string error keeps identity
local errobj = {}
print(select(2, pcall(coroutine.wrap(function() error(errobj) end))) == errobj)
print(pcall(coroutine.wrap(function() error("msg", 0) end)))
print(pcall(coroutine.wrap(function() error("msg") end)))
local dead = coroutine.wrap(function() end) dead()
print(pcall(dead))
print(coroutine.resume(coroutine.create(function(...) return select('#', ...), ... end), nil, nil))
