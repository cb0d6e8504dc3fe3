-- oo_sim: an object-oriented task scheduler simulation (classes, inheritance, queues, dispatch).
-- sizes: full=50000 small=100
local N = N or 50000

local function class(parent)
  local c = {}
  c.__index = c
  if parent then
    setmetatable(c, {__index = parent})
  end
  c.new = function(...)
    local o = setmetatable({}, c)
    o:init(...)
    return o
  end
  return c
end

-- A packet travels between tasks; a queue is a linked list of packets.
local Packet = class()
function Packet:init(link, id, kind)
  self.link, self.id, self.kind = link, id, kind
  self.a1 = 0
  self.a2 = {0, 0, 0, 0}
end
function Packet:append_to(queue)
  self.link = nil
  if queue == nil then
    return self
  end
  local p = queue
  while p.link do
    p = p.link
  end
  p.link = self
  return queue
end

local Task = class()
function Task:init(scheduler, id, priority, queue)
  self.scheduler, self.id, self.priority = scheduler, id, priority
  self.queue = queue
  self.held = false
  self.runs = 0
end
function Task:ready()
  return self.queue ~= nil and not self.held
end
function Task:take()
  local p = self.queue
  self.queue = p.link
  return p
end
function Task:run()
  self.runs = self.runs + 1
  if self.queue then
    return self:handle(self:take())
  end
  return self:idle()
end
function Task:idle()
  return nil
end

-- Worker: fills packets and sends them to alternating handlers.
local Worker = class(Task)
function Worker:init(...)
  Task.init(self, ...)
  self.dest = 1
  self.count = 0
end
function Worker:handle(p)
  self.dest = 3 - self.dest
  p.id = self.dest + 2
  p.a1 = 0
  for i = 1, 4 do
    self.count = self.count % 26 + 1
    p.a2[i] = self.count
  end
  return self.scheduler:send(p)
end

-- Handler: consumes packet data, then forwards to the device.
local Handler = class(Task)
function Handler:handle(p)
  local sum = 0
  for i = 1, 4 do
    sum = sum + p.a2[i] * i
  end
  p.a1 = sum
  self.scheduler.checksum = (self.scheduler.checksum * 3 + sum) % 1000000007
  p.id = 5
  return self.scheduler:send(p)
end

-- Device: returns packets to the worker after a delay (hold / release).
local Device = class(Task)
function Device:init(...)
  Task.init(self, ...)
  self.pending = 0
end
function Device:handle(p)
  self.pending = self.pending + 1
  if self.pending % 3 == 0 then
    self.held = true
  end
  p.id = 2
  return self.scheduler:send(p)
end
function Device:idle()
  self.held = false
  return nil
end

local Idle = class(Task)
function Idle:idle()
  self.scheduler.idles = self.scheduler.idles + 1
  for _, t in ipairs(self.scheduler.tasks) do
    if t.held and t.queue then
      t.held = false
      return nil
    end
  end
  return nil
end
function Idle:ready()
  return true
end

local Scheduler = class()
function Scheduler:init()
  self.tasks = {}
  self.checksum = 0
  self.idles = 0
  self.sent = 0
end
function Scheduler:add(task)
  self.tasks[#self.tasks + 1] = task
  table.sort(self.tasks, function(a, b)
    return a.priority > b.priority
  end)
end
function Scheduler:find(id)
  for _, t in ipairs(self.tasks) do
    if t.id == id then
      return t
    end
  end
end
function Scheduler:send(p)
  self.sent = self.sent + 1
  local t = self:find(p.id)
  t.queue = p:append_to(t.queue)
  return t
end
function Scheduler:schedule(steps)
  for _ = 1, steps do
    local ran = false
    for _, t in ipairs(self.tasks) do
      if t:ready() and t.queue then
        t:run()
        ran = true
        break
      end
    end
    if not ran then
      self:find(1):run()
    end
  end
end

local s = Scheduler.new()
s:add(Idle.new(s, 1, 0, nil))
local packets = nil
for i = 1, 6 do
  packets = Packet.new(nil, 2, i % 2):append_to(packets)
end
s:add(Worker.new(s, 2, 1000, packets))
s:add(Handler.new(s, 3, 2000, nil))
s:add(Handler.new(s, 4, 3000, nil))
s:add(Device.new(s, 5, 4000, nil))
s:schedule(N * 10)
local runs = {}
for id = 1, 5 do
  runs[id] = s:find(id).runs
end
print(s.checksum, s.sent, s.idles, table.concat(runs, " "))
