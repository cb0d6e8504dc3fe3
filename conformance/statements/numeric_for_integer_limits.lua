-- integer numeric for near maxinteger/mininteger: no overflow, exact trip counts (manual §3.3.5)
local maxi, mini = math.maxinteger, math.mininteger
local function trace(a, b, c)
  local out, n = {}, 0
  for i = a, b, c do
    n = n + 1
    if n <= 4 then out[#out + 1] = tostring(i) end
    if n > 10 then out[#out + 1] = "..."; break end
  end
  return n .. ": " .. table.concat(out, " ")
end
print("up to maxint", trace(maxi - 2, maxi, 1))
print("down to minint", trace(mini + 2, mini, -1))
print("maxint alone", trace(maxi, maxi, 1))
print("minint alone", trace(mini, mini, -1))
print("step maxint", trace(0, maxi, maxi))
print("step maxint from 1", trace(1, maxi, maxi))
print("step minint", trace(0, mini, mini))
print("step minint from -1", trace(-1, mini, mini))
print("big step overshoot", trace(maxi - 5, maxi, 4))
print("minint to maxint step maxint", trace(mini, maxi, maxi))
print("maxint to minint step minint", trace(maxi, mini, mini))
print("minint to maxint huge step", trace(mini, maxi, maxi // 2))
print("empty past maxint", trace(maxi, maxi - 1, 1))
print("empty past minint", trace(mini, mini + 1, -1))
print("step -1 from maxint", trace(maxi, maxi - 2, -1))
-- float limits with an integer loop are clipped to the integer range
print("float limit above maxint", trace(maxi - 1, 2^63, 1))
print("float limit below minint", trace(mini + 1, -2^63, -1))
print("huge limit", trace(maxi - 1, math.huge, 1))
print("-huge limit", trace(mini + 1, -math.huge, -1))
print("huge limit negative step", trace(1, math.huge, -1))
print("-huge limit positive step", trace(1, -math.huge, 1))
print("float limit floored", trace(1, 3.9, 1))
print("float limit ceiled for negative step", trace(3, 1.1, -1))
print("negative float limit", trace(-1, -2.5, -1))
print("float limit 0.5", trace(0, 0.5, 1))
print("float limit -0.5", trace(0, -0.5, 1))
print("nan limit", trace(1, 0 / 0, 1))
print("nan limit negative", trace(1, 0 / 0, -1))
print("loop var type with float limit", math.type((function() for i = 1, 2.5 do return i end end)()))
