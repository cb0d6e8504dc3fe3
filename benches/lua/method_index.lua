-- method_index: method calls resolved through an __index chain (two levels of classes).
-- sizes: full=2000000 small=2000
local N = N or 2000000
local Base = {}
Base.__index = Base
function Base.new(v)
  return setmetatable({v = v}, Base)
end
function Base:get()
  return self.v
end
function Base:add(d)
  self.v = self.v + d
end
local Derived = setmetatable({}, {__index = Base})
Derived.__index = Derived
function Derived.new(v)
  return setmetatable({v = v, w = 1}, Derived)
end
function Derived:bump()
  self:add(self.w)
  return self:get()
end
local a, b = Base.new(0), Derived.new(10)
local s = 0
for i = 1, N do
  a:add(i & 15)
  s = s + b:bump() + a:get()
end
print(a:get(), b:get(), s)
