-- coroutine.status and isyieldable observed from outside and inside for coroutines in every state (manual §6.2)
local rows = {}
local function record(label, co) rows[#rows + 1] = string.format("%-34s %s", label, coroutine.status(co)) end
local cos = {}
cos.fresh = coroutine.create(function() end)
cos.yielded = coroutine.create(function() coroutine.yield() end)
coroutine.resume(cos.yielded)
cos.finished = coroutine.create(function() return 1 end)
coroutine.resume(cos.finished)
cos.errored = coroutine.create(function() error("x") end)
coroutine.resume(cos.errored)
cos.closed = coroutine.create(function() coroutine.yield() end)
coroutine.resume(cos.closed)
coroutine.close(cos.closed)
cos.yield_in_pcall = coroutine.create(function() pcall(coroutine.yield) end)
coroutine.resume(cos.yield_in_pcall)
for _, name in ipairs({"fresh", "yielded", "finished", "errored", "closed", "yield_in_pcall"}) do record(name, cos[name]) end
local outer
outer = coroutine.create(function()
  record("outer seen from itself", outer)
  rows[#rows + 1] = "outer isyieldable " .. tostring(coroutine.isyieldable())
  local inner = coroutine.create(function()
    record("outer seen from inner", outer)
    rows[#rows + 1] = "inner isyieldable " .. tostring(coroutine.isyieldable()) .. " outer " .. tostring(coroutine.isyieldable(outer))
    for _, name in ipairs({"fresh", "yielded", "finished"}) do record(name .. " seen from inner", cos[name]) end
  end)
  coroutine.resume(inner)
  record("inner after it finished", inner)
end)
coroutine.resume(outer)
record("outer after it finished", outer)
rows[#rows + 1] = "main isyieldable " .. tostring(coroutine.isyieldable())
local main = coroutine.running()
record("main thread", main)
for _, r in ipairs(rows) do print(r) end
