-- integer arithmetic wraps around modulo 2^64 (manual §3.4.1)
local maxi, mini = math.maxinteger, math.mininteger
print("maxint + 1", maxi + 1, maxi + 1 == mini)
print("minint - 1", mini - 1, mini - 1 == maxi)
print("maxint * 2", maxi * 2)
print("minint * -1", mini * -1)
print("-minint", -mini, -mini == mini)
print("maxint * maxint", maxi * maxi)
print("minint * minint", mini * mini)
print("2^32 squared", (1 << 32) * (1 << 32))
print("3^40 by multiplication", (function() local r = 1 for i = 1, 40 do r = r * 3 end return r end)())
print("factorial 25 wraps", (function() local r = 1 for i = 1, 25 do r = r * i end return r end)())
print("maxint + maxint", maxi + maxi)
print("minint + minint", mini + mini)
print("minint - maxint", mini - maxi)
print("float does not wrap", maxi + 1.0, mini - 1.0)
print("abs minint", math.abs(mini))
print("maxint + 1 subtype", math.type(maxi + 1))
print("sum of large loop", (function() local s = 0 for i = 1, 100 do s = s + maxi end return s end)())
print("negation of -maxint", -(-maxi))
print("hash-like mixing", (function()
  local h = 5381
  for c in ("hello world"):gmatch(".") do h = h * 33 + c:byte() end
  return h
end)())
print("fnv-like mixing", (function()
  local h = -3750763034362895579
  for c in ("overflow"):gmatch(".") do h = (h ~ c:byte()) * 1099511628211 end
  return h
end)())
