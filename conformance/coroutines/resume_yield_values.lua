-- values flow both ways: resume args become parameters or yield results; yield args become resume results (manual §2.6)
local co = coroutine.create(function(a, b)
  print("started with", a, b)
  local c, d = coroutine.yield(a + b, "first yield")
  print("yield returned", c, d)
  local e = coroutine.yield()
  print("second yield returned", e)
  return "done", c, e
end)
print("resume 1", coroutine.resume(co, 1, 2))
print("resume 2", coroutine.resume(co, "x", "y"))
print("resume 3", coroutine.resume(co, "z", "ignored"))
print("resume 4", coroutine.resume(co))
-- nils and counts are preserved
local counter = coroutine.create(function(...)
  local n = select("#", ...)
  while true do
    n = select("#", coroutine.yield(n))
  end
end)
print("count first", coroutine.resume(counter, nil, nil))
print("count none", coroutine.resume(counter))
print("count three nils", coroutine.resume(counter, nil, nil, nil))
local echo = coroutine.create(function(...)
  local args = table.pack(...)
  while true do args = table.pack(coroutine.yield(table.unpack(args, 1, args.n))) end
end)
print("echo", coroutine.resume(echo, 1, nil, 3))
print("echo nils", select("#", coroutine.resume(echo, nil, nil)))
print("echo none", select("#", coroutine.resume(echo)))
-- many values
local many = coroutine.create(function() coroutine.yield(table.unpack({}, 1, 100)) end)
print("100 yielded values", select("#", coroutine.resume(many)) - 1)
-- a coroutine function returning nothing
local empty = coroutine.create(function() end)
local nres = select("#", coroutine.resume(empty))
print("empty return", nres, coroutine.status(empty))
