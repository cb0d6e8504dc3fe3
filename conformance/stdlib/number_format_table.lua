-- forty numbers through %5.2f, %.3e, %g, %.14g, %d/%x (when integral) and tostring (manual §6.4)
local values = {0, 1, -1, 0.5, -0.5, 0.125, 1 / 3, 2 / 3, 10, 100, 1000, 1e5, 1e6, 1e7, 123.456, -123.456, 0.001, 0.0001, 1e-5,
  99.995, 99.994, 0.045, 1.005, 2.675, 1e15, 1e16, 1e17, 2^53, 2^63, -2^63, 3.0, -3.0, 7.25, 1e100, 1e-100, 255.0, 65535.5,
  math.maxinteger, math.mininteger, 12345678}
for _, v in ipairs(values) do
  local i = math.tointeger(v)
  print(string.format("%-22s", string.format("%.17g", v)), string.format("%5.2f", v), string.format("%.3e", v), string.format("%g", v),
    string.format("%.14g", v), i and string.format("%d %x", i, i) or "-", tostring(v))
end
