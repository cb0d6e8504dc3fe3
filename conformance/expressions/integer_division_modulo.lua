-- floor division and modulo: signs, limits, division by zero errors vs float infinities (manual §3.4.1)
local mini, maxi = math.mininteger, math.maxinteger
print("7 // 2", 7 // 2, "7 % 2", 7 % 2)
print("-7 // 2", -7 // 2, "-7 % 2", -7 % 2)
print("7 // -2", 7 // -2, "7 % -2", 7 % -2)
print("-7 // -2", -7 // -2, "-7 % -2", -7 % -2)
print("6 // -3", 6 // -3, "6 % -3", 6 % -3)
print("minint // -1", mini // -1, math.type(mini // -1))
print("minint % -1", mini % -1, math.type(mini % -1))
print("minint // 1", mini // 1, "minint % 1", mini % 1)
print("maxint // -1", maxi // -1, "maxint % -1", maxi % -1)
print("minint // maxint", mini // maxi, "minint % maxint", mini % maxi)
print("maxint // minint", maxi // mini, "maxint % minint", maxi % mini)
print("minint // 2", mini // 2, "minint % 2", mini % 2)
print("minint // -2", mini // -2, "minint % -2", mini % -2)
print("-1 // maxint", -1 // maxi, "-1 % maxint", -1 % maxi)
print("-1 % minint", -1 % mini, "1 % minint", 1 % mini)
print("int // 0", pcall(function() local z = 0; return 1 // z end))
print("int % 0", pcall(function() local z = 0; return 1 % z end))
print("0 // 0", pcall(function() local z = 0; return z // z end))
print("float // 0", 1.0 // 0, -1.0 // 0, 1 // 0.0, -1 // 0.0)
print("float % 0 is nan", (1.0 % 0) ~= (1.0 % 0), (1 % 0.0) ~= (1 % 0.0))
print("0.0 // 0 is nan", (0.0 // 0) ~= (0.0 // 0))
print("5.3 // 1", 5.3 // 1, "-5.3 // 1", -5.3 // 1)
print("5.5 % 2", 5.5 % 2, "-5.5 % 2", -5.5 % 2, "5.5 % -2", 5.5 % -2)
print("x % inf", 5 % math.huge, -5 % math.huge, 5 % -math.huge, -5 % -math.huge)
print("-1 % huge", -1 % math.huge, 1 / (0.0 % -math.huge))
print("inf % x is nan", (math.huge % 2) ~= (math.huge % 2))
print("x // inf", 5 // math.huge, -5 // math.huge, 5 // -math.huge)
print("float minint // -1", mini // -1.0, -2^63 // -1)
print("integer results", math.type(7 // 2), math.type(7 % 2), math.type(7.0 // 2), math.type(7 % 2.0))
print("big float mod", 2^53 % 3, 2^60 % 7, 1e300 % 7)
print("0.1 % 0.01", string.format("%.17g", 0.1 % 0.01))
print("a == (a // b) * b + a % b", (function()
  local ok = true
  for _, a in ipairs({7, -7, 13, -13, 0, mini, maxi}) do
    for _, b in ipairs({2, -2, 3, -3, 7, maxi, mini}) do
      if (a // b) * b + a % b ~= a then ok = false end
    end
  end
  return ok
end)())
