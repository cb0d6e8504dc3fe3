-- a polynomial class with integer coefficients: + - * unary minus, __call evaluation, __eq, __tostring, __len degree (manual §2.4)
local P = {}
P.__index = P
local function poly(coeffs)
  local c = {}
  for i, v in ipairs(coeffs) do c[i] = v end
  while #c > 1 and c[#c] == 0 do c[#c] = nil end
  return setmetatable({c = c}, P)
end
local function coerce(x) if getmetatable(x) == P then return x end return poly({x}) end
P.__add = function(a, b) a, b = coerce(a), coerce(b) local r = {} for i = 1, math.max(#a.c, #b.c) do r[i] = (a.c[i] or 0) + (b.c[i] or 0) end return poly(r) end
P.__sub = function(a, b) return coerce(a) + -coerce(b) end
P.__unm = function(a) local r = {} for i, v in ipairs(a.c) do r[i] = -v end return poly(r) end
P.__mul = function(a, b)
  a, b = coerce(a), coerce(b)
  local r = {}
  for i = 1, #a.c + #b.c - 1 do r[i] = 0 end
  for i, x in ipairs(a.c) do for j, y in ipairs(b.c) do r[i + j - 1] = r[i + j - 1] + x * y end end
  return poly(r)
end
P.__pow = function(a, n) local r = poly({1}) for _ = 1, n do r = r * a end return r end
P.__eq = function(a, b) if #a.c ~= #b.c then return false end for i = 1, #a.c do if a.c[i] ~= b.c[i] then return false end end return true end
P.__len = function(a) return #a.c - 1 end
P.__call = function(a, x) local v = 0 for i = #a.c, 1, -1 do v = v * x + a.c[i] end return v end
P.__tostring = function(a)
  local terms = {}
  for i = #a.c, 1, -1 do
    local c = a.c[i]
    if c ~= 0 or #a.c == 1 then
      local e = i - 1
      local t = (e == 0 or math.abs(c) ~= 1) and tostring(math.abs(c)) or ""
      if e >= 1 then t = t .. "x" end
      if e >= 2 then t = t .. "^" .. e end
      terms[#terms + 1] = (c < 0 and "- " or "+ ") .. t
    end
  end
  local s = table.concat(terms, " ")
  return (s:gsub("^%+ ", ""):gsub("^%- ", "-"))
end
local x = poly({0, 1})
local p = x * x - 3 * x + 2
local q = x + 1
print("p", tostring(p), "degree", #p)
print("q", tostring(q), "degree", #q)
print("p + q", tostring(p + q))
print("p - q", tostring(p - q))
print("p * q", tostring(p * q))
print("-p", tostring(-p))
print("q^5", tostring(q ^ 5))
print("(x - 1)^7", tostring((x - 1) ^ 7))
print("p(x) for x = -2..4", p(-2), p(-1), p(0), p(1), p(2), p(3), p(4))
print("q^10(1)", (q ^ 10)(1), "q^10(-1)", (q ^ 10)(-1))
print("equality", p == x * x - 3 * x + 2, p == q, (x + 1) * (x - 1) == x ^ 2 - 1)
print("zero polynomial", tostring(p - p), #(p - p))
print("float evaluation", p(0.5), q(1.5))
