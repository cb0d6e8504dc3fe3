-- bitwise events __band __bor __bxor __shl __shr __bnot, and their interplay with float conversion (manual §2.4)
local function describe(v)
  if type(v) == "table" then return v.name end
  if type(v) == "number" then return tostring(v) .. (math.type(v) == "integer" and "i" or "f") end
  return type(v) .. ":" .. tostring(v)
end
local mt = {}
for _, e in ipairs({"band", "bor", "bxor", "shl", "shr", "bnot"}) do
  mt["__" .. e] = function(a, b) return e .. "(" .. describe(a) .. "," .. describe(b) .. ")" end
end
local X = setmetatable({name = "X"}, mt)
print("X & 1", X & 1)
print("1 | X", 1 | X)
print("X ~ X", X ~ X)
print("X << 2", X << 2)
print("2 >> X", 2 >> X)
print("~X", ~X)
print("X & 1.5", X & 1.5)
print("1.5 & X", 1.5 & X)
print("X | 's'", X | "s")
print("'s' | X", "s" | X)
-- a non-integral float with a plain number errors without consulting metamethods
print("1.5 & 1", pcall(function() local a = 1.5; return a & 1 end))
-- strings have no bitwise metamethods
print("'1' & 1", pcall(function() local s = "1"; return s & 1 end))
-- __bnot receives the operand twice
local args
local N = setmetatable({}, {__bnot = function(...) args = table.pack(...); return "bnot" end})
local r = ~N
print("__bnot args", r, args.n, args[1] == N, args[2] == N)
local U
local M = setmetatable({}, {__unm = function(...) U = table.pack(...); return "unm" end})
r = -M
print("__unm args", r, U.n, U[1] == M, U[2] == M)
