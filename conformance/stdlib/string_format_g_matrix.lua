-- %g, %.Ng and %e over a spread of magnitudes: the switch between fixed and exponent notation (manual §6.4)
local values = {0.0001234, 0.001234, 0.01234, 0.1234, 1.234, 12.34, 123.4, 1234.0, 12340.0, 123400.0,
  1234000.0, 12340000.0, 1e21, 1e-10, 5e-324, 1.7976931348623157e308, 0.5, 0.25, 0.1, 1 / 3, 2 / 3, 100.0, 1e6, 999999.5, 9999995.0}
for _, v in ipairs(values) do
  print(string.format("%-24.17g", v), string.format("%g", v), string.format("%.1g", v), string.format("%.3g", v),
    string.format("%.8g", v), string.format("%.14g", v), string.format("%.3e", v), string.format("%.2f", v))
end
