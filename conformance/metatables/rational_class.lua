-- a rational-number class using arithmetic, comparison, __eq, __tostring, __concat, __unm, __call and __index (manual §2.4)
local Q = {}
Q.__index = Q
local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return math.abs(a) end
local function new(n, d)
  d = d or 1
  if d == 0 then error("zero denominator", 2) end
  if d < 0 then n, d = -n, -d end
  local g = gcd(n, d)
  return setmetatable({n = n // g, d = d // g}, Q)
end
local function lift(x) if getmetatable(x) == Q then return x end return new(x, 1) end
Q.__add = function(a, b) a, b = lift(a), lift(b) return new(a.n * b.d + b.n * a.d, a.d * b.d) end
Q.__sub = function(a, b) a, b = lift(a), lift(b) return new(a.n * b.d - b.n * a.d, a.d * b.d) end
Q.__mul = function(a, b) a, b = lift(a), lift(b) return new(a.n * b.n, a.d * b.d) end
Q.__div = function(a, b) a, b = lift(a), lift(b) return new(a.n * b.d, a.d * b.n) end
Q.__pow = function(a, e) local r = new(1) for _ = 1, e do r = r * a end return r end
Q.__unm = function(a) return new(-a.n, a.d) end
Q.__eq = function(a, b) return a.n == b.n and a.d == b.d end
Q.__lt = function(a, b) a, b = lift(a), lift(b) return a.n * b.d < b.n * a.d end
Q.__le = function(a, b) a, b = lift(a), lift(b) return a.n * b.d <= b.n * a.d end
Q.__tostring = function(a) if a.d == 1 then return tostring(a.n) end return a.n .. "/" .. a.d end
Q.__concat = function(a, b) return tostring(a) .. tostring(b) end
Q.__call = function(a) return a.n / a.d end
function Q:inverse() return new(self.d, self.n) end
local half, third = new(1, 2), new(1, 3)
print("sum", tostring(half + third), "diff", tostring(half - third), "prod", tostring(half * third), "quot", tostring(half / third))
print("with integers", tostring(half + 1), tostring(2 * third), tostring(1 - half), tostring(3 / new(3, 4)))
print("power", tostring(new(2, 3) ^ 5), "negation", tostring(-half), "inverse", tostring(new(-4, 6):inverse()))
print("normalised", tostring(new(10, -4)), tostring(new(0, 5)), tostring(new(6, 3)))
print("equality", half == new(2, 4), half == third, half ~= new(3, 6))
print("ordering", third < half, half <= half, half > third, new(-1, 2) < 0, 1 <= new(3, 2))
print("concat", half .. " and " .. third, "x=" .. new(7, 2))
print("call converts to float", half(), new(1, 3)(), new(-7, 2)())
print("error", pcall(new, 1, 0))
local sum = new(0)
for k = 1, 20 do sum = sum + new(1, k * (k + 1)) end
print("telescoping sum 1/(k(k+1)) k=1..20", tostring(sum))
local h = new(0)
for k = 1, 15 do h = h + new(1, k) end
print("harmonic 15", tostring(h), string.format("%.10f", h()))
local items = {new(3, 4), new(-1, 2), new(5, 8), new(1, 3), new(2, 1), new(0)}
table.sort(items)
local out = {}
for i, v in ipairs(items) do out[i] = tostring(v) end
print("sorted with __lt", table.concat(out, " "))
