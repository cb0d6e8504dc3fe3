-- == < <= > >= between objects with and without metamethods, numbers and strings (manual §2.4)
local function cmpmt(tag)
  return {
    __eq = function(a, b) return tag == "E" end,
    __lt = function(a, b) return tag ~= "L" end,
    __le = function(a, b) return tag == "L" end,
  }
end
local A = setmetatable({}, cmpmt("E"))
local B = setmetatable({}, cmpmt("L"))
local C = setmetatable({}, {__lt = function() return true end})
local P = {}
local values = {A, B, C, P, 1, "s"}
local names = {"A", "B", "C", "P", "1", '"s"'}
local function r(f, a, b)
  local ok, v = pcall(f, a, b)
  if not ok then return "E" end
  return v and "T" or "F"
end
print("rows op cols", "==", "<", "<=", ">", ">=")
for i, a in ipairs(values) do
  for j, b in ipairs(values) do
    print(names[i] .. " " .. names[j],
      r(function(x, y) return x == y end, a, b),
      r(function(x, y) return x < y end, a, b),
      r(function(x, y) return x <= y end, a, b),
      r(function(x, y) return x > y end, a, b),
      r(function(x, y) return x >= y end, a, b))
  end
end
