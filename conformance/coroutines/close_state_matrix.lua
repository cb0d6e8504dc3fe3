-- coroutine.close on coroutines in each state, with and without pending to-be-closed variables (manual §6.2)
local log
local function closer(name) return setmetatable({}, {__close = function(_, e) log[#log + 1] = name .. "(" .. tostring(e) .. ")" end}) end
local scenarios = {
  {"never started", function() local c = coroutine.create(function() local a <close> = closer("a") end) return c end},
  {"suspended, no closes", function() local c = coroutine.create(function() coroutine.yield() end) coroutine.resume(c) return c end},
  {"suspended, two closes", function()
    local c = coroutine.create(function() local a <close> = closer("a") local b <close> = closer("b") coroutine.yield() end)
    coroutine.resume(c) return c end},
  {"suspended in nested block", function()
    local c = coroutine.create(function() local a <close> = closer("outer") do local b <close> = closer("inner") coroutine.yield() end end)
    coroutine.resume(c) return c end},
  {"finished normally", function() local c = coroutine.create(function() local a <close> = closer("a") end) coroutine.resume(c) return c end},
  {"died with error", function()
    local c = coroutine.create(function() local a <close> = closer("a") error("E", 0) end) coroutine.resume(c) return c end},
  {"closer raises during close", function()
    local c = coroutine.create(function()
      local a <close> = closer("a")
      local b <close> = setmetatable({}, {__close = function() error("from b", 0) end})
      coroutine.yield()
    end)
    coroutine.resume(c) return c end},
  {"suspended inside pcall", function()
    local c = coroutine.create(function() pcall(function() local a <close> = closer("p") coroutine.yield() end) end)
    coroutine.resume(c) return c end},
}
for _, s in ipairs(scenarios) do
  log = {}
  local c = s[2]()
  local before = table.concat(log, " ")
  local ok, err = coroutine.close(c)
  print(s[1], "before: " .. before, "close: " .. tostring(ok) .. "," .. tostring(err), "log: " .. table.concat(log, " "), coroutine.status(c))
end
