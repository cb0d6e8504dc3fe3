-- producer/filter/consumer pipelines with resume and yield (manual §2.6)
local function producer(items)
  return coroutine.create(function()
    for _, item in ipairs(items) do coroutine.yield(item) end
    return nil
  end)
end
local function receive(prod)
  local ok, value = coroutine.resume(prod)
  return value
end
local function filter(prod, pred)
  return coroutine.create(function()
    while true do
      local v = receive(prod)
      if v == nil then return nil end
      if pred(v) then coroutine.yield(v) end
    end
  end)
end
local function mapper(prod, f)
  return coroutine.create(function()
    while true do
      local v = receive(prod)
      if v == nil then return nil end
      coroutine.yield(f(v))
    end
  end)
end
local pipeline = mapper(filter(producer({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), function(v) return v % 2 == 0 end), function(v) return v * v end)
local out = {}
while true do
  local v = receive(pipeline)
  if v == nil then break end
  out[#out + 1] = v
end
print("pipeline", table.concat(out, " "))
-- consumer-driven: the consumer resumes, the producer yields lines
local lines = {"alpha", "beta", "gamma"}
local reader = coroutine.wrap(function()
  for _, l in ipairs(lines) do coroutine.yield(l) end
  coroutine.yield(nil)
end)
local collected = {}
for line in reader do collected[#collected + 1] = line:upper() end
print("consumer", table.concat(collected, ","))
-- round-robin scheduler over several tasks
local log = {}
local tasks = {}
for id = 1, 3 do
  tasks[#tasks + 1] = coroutine.create(function()
    for step = 1, id do
      log[#log + 1] = id .. "." .. step
      coroutine.yield()
    end
  end)
end
while #tasks > 0 do
  for i = #tasks, 1, -1 do
    coroutine.resume(tasks[i])
    if coroutine.status(tasks[i]) == "dead" then table.remove(tasks, i) end
  end
end
print("scheduler", table.concat(log, " "))
