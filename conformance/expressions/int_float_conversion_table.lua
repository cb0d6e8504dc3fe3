-- integers converted to floats near 2^50..2^62 and the limits, and back: rounding, exact comparisons, math.tointeger (manual §3.4.3)
local function row(label, i)
  local f = i + 0.0
  print(label, i, string.format("%.0f", f), f == i, f < i, f > i, math.tointeger(f) == i, math.type(math.tointeger(f)))
end
for k = 50, 62 do
  local p = 1 << k
  for _, d in ipairs({-1, 0, 1}) do row(string.format("2^%d%+d", k, d), p + d) end
end
row("maxint", math.maxinteger)
row("maxint-1", math.maxinteger - 1)
row("maxint-512", math.maxinteger - 512)
row("maxint-1024", math.maxinteger - 1024)
row("minint", math.mininteger)
row("minint+1", math.mininteger + 1)
row("-2^53-1", -(1 << 53) - 1)
