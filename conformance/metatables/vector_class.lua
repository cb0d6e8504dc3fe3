-- a 2-D vector class: arithmetic with numbers on either side, __unm, __len, __eq, __index/__newindex aliases (manual §2.4)
local V = {}
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
V.__index = function(v, k)
  if k == 1 then return rawget(v, "x") elseif k == 2 then return rawget(v, "y") end
  return V[k]
end
V.__newindex = function(v, k, val)
  if k == 1 then rawset(v, "x", val) elseif k == 2 then rawset(v, "y", val) else error("no field " .. tostring(k), 2) end
end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
V.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
V.__div = function(a, s) return vec(a.x / s, a.y / s) end
V.__idiv = function(a, s) return vec(a.x // s, a.y // s) end
V.__unm = function(a) return vec(-a.x, -a.y) end
V.__len = function(a) return math.sqrt(a.x * a.x + a.y * a.y) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__tostring = function(a) return "(" .. tostring(a.x) .. ", " .. tostring(a.y) .. ")" end
function V.rotate(a) return vec(-a.y, a.x) end
local a, b = vec(3, 4), vec(1, -2)
print("a, b", tostring(a), tostring(b))
print("a + b", tostring(a + b), "a - b", tostring(a - b), "-a", tostring(-a))
print("scale", tostring(2 * a), tostring(a * 2), tostring(a * 0.5), tostring(a / 2), tostring(a // 2))
print("dot", a * b, "length", #a, #vec(0, 0))
print("equality", a == vec(3, 4), a == b, a ~= vec(3.0, 4.0))
print("index aliases", a[1], a[2], a.x, a[3])
a[1] = 10
print("newindex alias", tostring(a))
print("bad field", pcall(function() a.z = 1 end))
print("method via __index function", tostring(b:rotate()), tostring(b:rotate():rotate()))
local path = {vec(0, 0), vec(3, 4), vec(6, 8), vec(6, 0)}
local total = 0
for i = 2, #path do total = total + #(path[i] - path[i - 1]) end
print("path length", total)
print("sum of vectors", tostring(path[1] + path[2] + path[3] + path[4]))
