-- object-oriented patterns built on __index: classes, inheritance, super calls (manual §2.4)
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound)
  local self = setmetatable({}, Animal)
  self.name, self.sound = name, sound
  return self
end
function Animal:speak() return self.name .. " says " .. self.sound end
function Animal:kind() return "animal" end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name)
  local self = Animal.new(name, "woof")
  return setmetatable(self, Dog)
end
function Dog:kind() return "dog, a kind of " .. Animal.kind(self) end
function Dog:fetch() return self.name .. " fetches" end
local a = Animal.new("generic", "...")
local d = Dog.new("rex")
print("base method", a:speak())
print("inherited method", d:speak())
print("overridden with super call", d:kind())
print("subclass method", d:fetch())
print("base lacks subclass method", a.fetch)
print("metatables", getmetatable(d) == Dog, getmetatable(a) == Animal)
-- class-level data shared, instance data separate
Animal.count = 0
function Animal:register() Animal.count = Animal.count + 1; self.id = Animal.count; return self end
a:register(); d:register()
print("shared class field", Animal.count, a.id, d.id, d.count)
-- instance field shadows class method
d.speak = function() return "instance override" end
print("instance override", d:speak(), Dog.new("fido"):speak())
-- multiple inheritance through an __index function
local function createClass(...)
  local parents = {...}
  local c = {}
  setmetatable(c, {__index = function(_, k)
    for i = 1, #parents do
      local v = parents[i][k]
      if v then return v end
    end
  end})
  c.__index = c
  return c
end
local Named = {getname = function(self) return self.name end}
local Aged = {getage = function(self) return self.age end, getname = function() return "Aged's" end}
local Person = createClass(Named, Aged)
local p = setmetatable({name = "Ann", age = 30}, Person)
print("multiple inheritance", p:getname(), p:getage())
-- tostring and eq shared through the class metatable
Dog.__tostring = function(self) return "Dog(" .. self.name .. ")" end
Dog.__eq = function(x, y) return x.name == y.name end
print("class metamethods", tostring(Dog.new("max")), Dog.new("max") == Dog.new("max"), Dog.new("a") == Dog.new("b"))
