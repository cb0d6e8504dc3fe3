-- __div, __mod, __pow, __idiv: used for non-number operands, including strings that are not numeric (manual §2.4)
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
function V.__div(a, b)
  if type(b) == "number" then return vec(a.x / b, a.y / b) end
  return vec(a.x / b.x, a.y / b.y)
end
function V.__idiv(a, b) return vec(a.x // b, a.y // b) end
function V.__mod(a, b) return vec(a.x % b, a.y % b) end
function V.__pow(a, b) return vec(a.x ^ b, a.y ^ b) end
function V.__tostring(v) return "(" .. tostring(v.x) .. "," .. tostring(v.y) .. ")" end
local v = vec(7, -7)
print("div", tostring(v / 2))
print("div vectors", tostring(vec(1, 9) / vec(2, 3)))
print("idiv", tostring(v // 2))
print("mod", tostring(v % 3))
print("pow", tostring(vec(2, 3) ^ 2))
print("idiv by zero inside metamethod", pcall(function() return v // 0 end))
print("mod by zero inside metamethod", pcall(function() return v % 0 end))
print("float idiv by zero", tostring(vec(1.0, -1.0) // 0))
-- number operand on the left: the table's metamethod receives the number first
local seen = {}
local R = setmetatable({}, {
  __div = function(a, b) seen[#seen + 1] = "div:" .. type(a) .. "," .. type(b); return 0 end,
  __idiv = function(a, b) seen[#seen + 1] = "idiv:" .. type(a) .. "," .. type(b); return 0 end,
  __mod = function(a, b) seen[#seen + 1] = "mod:" .. type(a) .. "," .. type(b); return 0 end,
  __pow = function(a, b) seen[#seen + 1] = "pow:" .. type(a) .. "," .. type(b); return 0 end,
})
local _ = 1 / R
_ = 1 // R
_ = 1 % R
_ = 1 ^ R
_ = "x" / R
_ = R % "y"
print("argument types", table.concat(seen, " "))
-- integer division and modulo by zero with plain numbers still error
print("plain idiv zero", pcall(function() local z = 0 return 5 // z end))
print("plain mod zero", pcall(function() local z = 0 return 5 % z end))
