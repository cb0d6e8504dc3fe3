-- rawget, rawset, rawequal, rawlen bypass metamethods; their argument checks (manual §6.1)
local mt = {
  __index = function() return "from __index" end,
  __newindex = function() error("__newindex called") end,
  __eq = function() return true end,
  __len = function() return 99 end,
}
local t = setmetatable({1, 2, 3}, mt)
local u = setmetatable({}, mt)
print("rawget absent", rawget(t, "x"), t.x)
print("rawget present", rawget(t, 1))
print("rawset returns table", rawset(t, "k", "v") == t, rawget(t, "k"))
print("rawequal", rawequal(t, u), t == u, rawequal(t, t))
print("rawlen", rawlen(t), #t, rawlen("abcd"))
print("rawget float key normalised", rawget(t, 1.0), rawget(t, 2^53))
print("rawset float key normalised", (function() rawset(u, 3.0, "three"); return rawget(u, 3), math.type(next(u)) end)())
print("rawequal numbers", rawequal(1, 1.0), rawequal("a", "a"), rawequal(0 / 0, 0 / 0))
print("rawequal missing arg", pcall(rawequal, 1))
print("rawget non-table", pcall(rawget, "s", 1))
print("rawget missing key", pcall(rawget, {}))
print("rawset non-table", pcall(rawset, 1, 1, 1))
print("rawset nil key", pcall(rawset, {}, nil, 1))
print("rawset nan key", pcall(rawset, {}, 0 / 0, 1))
print("rawset missing value", pcall(rawset, {}, 1))
print("rawlen number", pcall(rawlen, 5))
print("rawlen nil", pcall(rawlen))
print("rawset nil value deletes", (function() local x = {a = 1}; rawset(x, "a", nil); return next(x) end)())
