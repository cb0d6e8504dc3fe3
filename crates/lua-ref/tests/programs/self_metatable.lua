-- Regression: a table that is its own metatable is read before it is written (no RefCell double borrow); __index loops end with PUC's message.
local t = setmetatable({}, {})
setmetatable(t, t)
t.x = 1
t.__index = t
print(t.x, t.y, rawget(t, "x"))
t.__newindex = function(tt, k, v) rawset(tt, k, v * 2) end
t.z = 5
print(t.z)
local u = {}
u.__index = u
setmetatable(u, u)
print(u.nothing)
