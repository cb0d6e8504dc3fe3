-- __eq: only for two tables (or two userdata) that are not raw-equal; result converted to boolean (manual §2.4)
local log = {}
local function eqmm(tag, result)
  return function(a, b) log[#log + 1] = tag .. "(" .. a.name .. "," .. b.name .. ")"; return result end
end
local A = setmetatable({name = "A"}, {__eq = eqmm("mtA", true)})
local B = setmetatable({name = "B"}, {__eq = eqmm("mtB", false)})
local P = {name = "P"}
local function check(label, f)
  log = {}
  local r = f()
  print(label, r, "calls: " .. table.concat(log, " "))
end
check("A == B", function() return A == B end)
check("B == A", function() return B == A end)
check("A ~= B", function() return A ~= B end)
check("A == P", function() return A == P end)
check("P == A (second operand's __eq)", function() return P == A end)
check("A == A not called", function() return A == A end)
check("A == 1 not called", function() return A == 1 end)
check("A == 'A' not called", function() return A == "A" end)
check("A == nil not called", function() return A == nil end)
check("rawequal bypasses", function() return rawequal(A, setmetatable({name = "A2"}, getmetatable(A))) end)
-- the result is converted to a boolean
local V = setmetatable({name = "V"}, {__eq = function() return "truthy string" end})
local W = setmetatable({name = "W"}, {__eq = function() return nil end})
print("converted true", V == setmetatable({name = "o"}, {}), type(V == {}))
print("converted false", W == {name = "x"}, W ~= {name = "x"})
-- tables in table keys use raw equality, not __eq
local k1 = setmetatable({name = "k1"}, {__eq = function() return true end})
local k2 = setmetatable({name = "k2"}, getmetatable(k1))
local map = {[k1] = "one"}
print("keys use raw identity", map[k2], k1 == k2)
-- __eq called with the operands in source order
local order
local O = setmetatable({name = "O"}, {__eq = function(a, b) order = a.name .. b.name; return false end})
local Q = {name = "Q"}
local _ = Q == O
print("operand order", order)
local _ = O ~= Q
print("operand order with ~=", order)
