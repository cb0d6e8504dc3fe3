-- an error raised inside each kind of metamethod propagates out of the operation with the metamethod's position (manual §2.4)
local function failing(name) return function() error("failure in " .. name) end end
local events = {"__index", "__newindex", "__call", "__add", "__sub", "__mul", "__div", "__mod", "__pow", "__unm", "__idiv",
  "__band", "__bor", "__bxor", "__shl", "__shr", "__bnot", "__concat", "__len", "__eq", "__lt", "__le", "__close", "__tostring", "__pairs"}
local mt = {}
for _, e in ipairs(events) do mt[e] = failing(e) end
local function obj() return setmetatable({}, mt) end
local operations = {
  __index = function(a) return a.x end, __newindex = function(a) a.x = 1 end, __call = function(a) return a() end,
  __add = function(a) return a + 1 end, __sub = function(a) return a - 1 end, __mul = function(a) return a * 1 end,
  __div = function(a) return a / 1 end, __mod = function(a) return a % 1 end, __pow = function(a) return a ^ 1 end,
  __unm = function(a) return -a end, __idiv = function(a) return a // 1 end, __band = function(a) return a & 1 end,
  __bor = function(a) return a | 1 end, __bxor = function(a) return a ~ 1 end, __shl = function(a) return a << 1 end,
  __shr = function(a) return a >> 1 end, __bnot = function(a) return ~a end, __concat = function(a) return a .. "x" end,
  __len = function(a) return #a end, __eq = function(a) return a == obj() end, __lt = function(a) return a < obj() end,
  __le = function(a) return a <= obj() end, __close = function(a) local c <close> = a end,
  __tostring = function(a) return tostring(a) end, __pairs = function(a) return pairs(a) end,
}
for _, e in ipairs(events) do
  print(e, pcall(operations[e], obj()))
end
