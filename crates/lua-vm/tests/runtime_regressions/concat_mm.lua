-- caught: numbers given to __concat were converted to strings first; found by the conformance dev loop
local C = setmetatable({}, {__concat = function(a, b)
  local function show(v) return type(v) == "table" and "C" or math.type(v) or type(v) end
  return "[" .. show(a) .. "|" .. show(b) .. "]"
end})
print(C .. 1, 1 .. C, C .. 2.5, "s" .. C, 1 .. 2 .. C)
