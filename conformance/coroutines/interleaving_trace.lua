-- three coroutines advanced round-robin with different lifetimes; each step records who ran and what it saw (manual §2.6)
local trace = {}
local function worker(name, n, shared)
  return coroutine.create(function(start)
    local seen = start
    for i = 1, n do
      shared.total = shared.total + i
      trace[#trace + 1] = string.format("%s step %d saw %s total %d", name, i, tostring(seen), shared.total)
      seen = coroutine.yield(name .. i)
    end
    return name .. " finished"
  end)
end
local shared = {total = 0}
local ws = {worker("A", 3, shared), worker("B", 5, shared), worker("C", 2, shared)}
local round = 0
while #ws > 0 do
  round = round + 1
  for i = #ws, 1, -1 do
    local ok, v = coroutine.resume(ws[i], "round" .. round)
    trace[#trace + 1] = string.format("  round %d resume -> %s %s (%s)", round, tostring(ok), tostring(v), coroutine.status(ws[i]))
    if coroutine.status(ws[i]) == "dead" then table.remove(ws, i) end
  end
end
for _, line in ipairs(trace) do print(line) end
print("final total", shared.total)
