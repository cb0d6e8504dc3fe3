-- powers of ten and two as floats and integers: literal versus computed values, tostring, %.17g and %a (manual §3.1, §6.4)
for k = -25, 25, 1 do
  local lit = tonumber("1e" .. k)
  -- (10.0 ^ k is left out: libm pow need not be correctly rounded, e.g. for 10^23)
  print("1e" .. k, tostring(lit), string.format("%.17g", lit), string.format("%a", lit), string.format("%.3e", lit))
end
for k = -1080, 1030, 70 do
  local v = 2.0 ^ k
  print("2^" .. k, tostring(v), string.format("%a", v), v == math.ldexp(1, k))
end
for k = 0, 63, 7 do
  print("1<<" .. k, 1 << k, (1 << k) == math.tointeger(2.0 ^ k), string.format("%.0f", 2.0 ^ k))
end
