-- a six-level class hierarchy: method resolution, overrides, super calls and fields at every level (manual §2.4)
local classes = {}
local prev
for level = 1, 6 do
  local C = {}
  local parent = prev
  C.__index = C
  C.name = "C" .. level
  if prev then setmetatable(C, {__index = prev}) end
  C["only" .. level] = function(self) return "only" .. level .. "@" .. self.tag end
  if level % 2 == 1 then
    C.describe = function(self) return C.name .. (parent and ("<" .. parent.describe(self)) or "") end
  end
  classes[level] = C
  prev = C
end
for level = 1, 6 do
  local obj = setmetatable({tag = "obj" .. level}, classes[level])
  local found = {}
  for k = 1, 6 do found[#found + 1] = obj["only" .. k] and obj["only" .. k](obj) or "-" end
  print("instance of C" .. level, obj.name, obj:describe(), table.concat(found, " "))
end
classes[1].late = function() return "added to the root later" end
print("late method visible from the leaf", setmetatable({}, classes[6]).late())
