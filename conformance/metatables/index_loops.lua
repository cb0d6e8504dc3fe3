-- long __index/__newindex chains and loops are detected with an error (manual §2.4)
local a, b = {}, {}
setmetatable(a, {__index = b})
setmetatable(b, {__index = a})
print("__index loop", pcall(function() return a.x end))
local c, d = {}, {}
setmetatable(c, {__newindex = d})
setmetatable(d, {__newindex = c})
print("__newindex loop", pcall(function() c.x = 1 end))
local self_loop = {}
setmetatable(self_loop, {__index = self_loop})
print("self loop found key", (function() rawset(self_loop, "k", "v"); return self_loop.k end)())
print("self loop absent key", pcall(function() return self_loop.absent end))
-- a chain of 90 tables is fine
local first = {}
local cur = first
for i = 1, 90 do
  local nxt = {}
  setmetatable(cur, {__index = nxt})
  cur = nxt
end
cur.deep = "found at depth 90"
print("long chain", first.deep)
-- a chain of 3000 tables is too long
local start = {}
cur = start
for i = 1, 3000 do
  local nxt = {}
  setmetatable(cur, {__index = nxt})
  cur = nxt
end
cur.deep = "unreachable"
print("too long chain", pcall(function() return start.deep end))
