-- two coroutines passing control back and forth through a driver, with symmetric transfer built on yield (manual §2.6)
local log = {}
local ping, pong
ping = coroutine.create(function(n)
  while n > 0 do
    log[#log + 1] = "ping " .. n
    n = coroutine.yield(pong, n - 1)
  end
  return "ping done"
end)
pong = coroutine.create(function(n)
  while n > 0 do
    log[#log + 1] = "pong " .. n
    n = coroutine.yield(ping, n - 1)
  end
  return "pong done"
end)
-- the driver transfers control to whichever coroutine the last one named
local current, arg = ping, 7
while true do
  local ok, nxt, value = coroutine.resume(current, arg)
  if coroutine.status(current) == "dead" then log[#log + 1] = nxt; break end
  current, arg = nxt, value
end
for i, l in ipairs(log) do print(i, l) end
print("statuses", coroutine.status(ping), coroutine.status(pong))
