-- arithmetic events: which operand's metamethod is used and which arguments it receives (manual §2.4)
local events = {"add", "sub", "mul", "div", "mod", "pow", "unm", "idiv"}
local function describe(v)
  if type(v) == "table" then return v.name or "table" end
  if type(v) == "number" then return tostring(v) .. (math.type(v) == "integer" and "i" or "f") end
  return type(v) .. ":" .. tostring(v)
end
local function tracer(tag)
  local mt = {}
  for _, e in ipairs(events) do
    mt["__" .. e] = function(a, b) return tag .. "." .. e .. "(" .. describe(a) .. "," .. describe(b) .. ")" end
  end
  return mt
end
local A = setmetatable({name = "A"}, tracer("mtA"))
local B = setmetatable({name = "B"}, tracer("mtB"))
local P = {name = "plain"}
print("A + B", A + B)
print("B + A", B + A)
print("A + 1", A + 1)
print("1 + A", 1 + A)
print("1.5 - A", 1.5 - A)
print("A * 's'", A * "s")
print("'s' * A", "s" * A)
print("P / A", P / A)
print("A / P", A / P)
print("A % 2", A % 2)
print("2 ^ A", 2 ^ A)
print("A // B", A // B)
print("-A", -A)
print("A + nil", A + nil)
print("nil + A", nil + A)
print("P + P", pcall(function() return P + P end))
print("P + 1", pcall(function() return P + 1 end))
-- a metamethod result is truncated to one value and can be any type
local multi = setmetatable({}, {__add = function() return 1, 2, 3 end, __sub = function() return nil end})
print("truncated", select("#", multi + 1), multi + 1)
print("nil result", multi - 1)
-- only the event's own metamethod is used: no fallback between events
local only_add = setmetatable({}, {__add = function() return "added" end})
print("missing __sub", pcall(function() return only_add - 1 end))
-- metamethods are looked up raw in the metatable (an __index on the metatable does not count)
local mt = setmetatable({}, {__index = {__add = function() return "via index" end}})
local obj = setmetatable({}, mt)
print("metamethod via __index of metatable", pcall(function() return obj + 1 end))
-- a metamethod field that is not a function
local badmm = setmetatable({}, {__add = "not a function"})
print("non-function metamethod", pcall(function() return badmm + 1 end))
