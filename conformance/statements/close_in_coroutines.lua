-- <close> variables and coroutines: yield with pending closes, coroutine.close, yields inside __close (manual §3.3.8, §6.2)
local log = {}
local function c(name)
  return setmetatable({}, {__close = function(_, e) log[#log + 1] = name .. ":" .. tostring(e) end})
end
local co = coroutine.create(function()
  local a <close> = c("a")
  coroutine.yield(1)
  local b <close> = c("b")
  coroutine.yield(2)
  return "done"
end)
print("resume 1", coroutine.resume(co))
print("resume 2", coroutine.resume(co))
print("log before end", #log)
print("resume 3", coroutine.resume(co))
print("log after end", table.concat(log, " "))
log = {}
co = coroutine.create(function()
  local a <close> = c("x")
  local b <close> = c("y")
  coroutine.yield()
end)
coroutine.resume(co)
local closed_ok = coroutine.close(co)
print("close suspended", closed_ok, coroutine.status(co))
print("log", table.concat(log, " "))
log = {}
co = coroutine.create(function()
  local a <close> = c("z")
  error("fail", 0)
end)
print("resume with error", coroutine.resume(co))
-- an error does not unwind the coroutine: nothing is closed until coroutine.close
print("not closed on error", table.concat(log, " "))
print("close dead after error", coroutine.close(co))
print("closed by coroutine.close", table.concat(log, " "))
print("close again", coroutine.close(co))
-- a __close metamethod may yield
log = {}
co = coroutine.wrap(function()
  local a <close> = setmetatable({}, {__close = function()
    log[#log + 1] = "closing"
    coroutine.yield("from close")
    log[#log + 1] = "closed"
  end})
  return "body done"
end)
print("first", co())
print("second", co())
print("yield in close log", table.concat(log, " "))
-- error inside __close during coroutine.close is returned
co = coroutine.create(function()
  local a <close> = setmetatable({}, {__close = function() error("close failed", 0) end})
  coroutine.yield()
end)
coroutine.resume(co)
print("close with failing __close", coroutine.close(co))
print("status after", coroutine.status(co))
