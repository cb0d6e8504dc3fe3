-- __concat: called when either operand is not a string or number, also inside chains (manual §2.4)
local function describe(v)
  if type(v) == "table" then return v.name end
  if type(v) == "number" then return tostring(v) .. (math.type(v) == "integer" and "i" or "f") end
  return type(v) .. ":" .. tostring(v)
end
local mt = {__concat = function(a, b) return "[" .. describe(a) .. "|" .. describe(b) .. "]" end}
local C = setmetatable({name = "C"}, mt)
local D = setmetatable({name = "D"}, {__concat = function(a, b) return "D-wins" end})
print("C .. 'x'", C .. "x")
print("'x' .. C", "x" .. C)
print("C .. 1", C .. 1)
print("1.5 .. C", 1.5 .. C)
print("C .. C", C .. C)
print("C .. D", C .. D)
print("D .. C", D .. C)
print("nil .. C", nil .. C)
print("C .. true", C .. true)
-- concatenation is right associative: the rightmost pair is concatenated first
print("'a' .. 'b' .. C", "a" .. "b" .. C)
print("C .. 'a' .. 'b'", C .. "a" .. "b")
print("'a' .. C .. 'b'", "a" .. C .. "b")
print("1 .. 2 .. C", 1 .. 2 .. C)
print("C .. 1 .. 2", C .. 1 .. 2)
-- a metamethod may return a non-string, which then takes part in the next concatenation
local T = setmetatable({name = "T"}, {__concat = function(a, b) return setmetatable({name = "R"}, getmetatable(C)) end})
local r = "x" .. T .. "y"
print("table result then concatenated again", type(r), r)
print("result used in chain", "p" .. ("q" .. T))
print("no metamethod", pcall(function() return "a" .. {} end))
print("no metamethod in chain", pcall(function() return "a" .. "b" .. {} .. "c" end))
