-- a cooperative scheduler with sleeping tasks, message passing and a timeline (manual §2.6)
local tasks, timeline, now = {}, {}, 0
local mailbox = {}
local function spawn(name, f) tasks[#tasks + 1] = {name = name, co = coroutine.create(f), wake = 0} end
local function sleep(t) coroutine.yield("sleep", t) end
local function send(to, msg) mailbox[to] = mailbox[to] or {}; table.insert(mailbox[to], msg) end
local function recv(me)
  while not mailbox[me] or #mailbox[me] == 0 do coroutine.yield("wait") end
  return table.remove(mailbox[me], 1)
end
local function log(name, what) timeline[#timeline + 1] = string.format("t=%d %s %s", now, name, what) end
spawn("producer", function()
  for i = 1, 4 do
    log("producer", "sends " .. i)
    send("consumer", i)
    sleep(2)
  end
  send("consumer", "stop")
end)
spawn("consumer", function()
  local total = 0
  while true do
    local m = recv("consumer")
    if m == "stop" then break end
    total = total + m
    log("consumer", "got " .. m .. " total " .. total)
    sleep(1)
  end
  log("consumer", "done with " .. total)
end)
spawn("ticker", function()
  for i = 1, 3 do log("ticker", "tick " .. i); sleep(3) end
end)
while #tasks > 0 do
  for i = #tasks, 1, -1 do
    local t = tasks[i]
    if t.wake <= now then
      local ok, what, arg = coroutine.resume(t.co)
      if not ok then log(t.name, "failed " .. tostring(what)) end
      if coroutine.status(t.co) == "dead" then
        table.remove(tasks, i)
        log(t.name, "finished")
      elseif what == "sleep" then
        t.wake = now + arg
      end
    end
  end
  now = now + 1
  if now > 100 then break end
end
for _, line in ipairs(timeline) do print(line) end
