-- string.format float conversions %f %e %E %g %G with flags and precisions on exact values (manual §6.4)
local values = {0.0, -0.0, 1.0, -1.5, 0.5, 0.125, 100.0, 1e10, 1234.5678, 1e-5, 2^53, 1e100, 1/0, -1/0}
local specs = {"%f", "%.0f", "%.1f", "%.3f", "%10.2f", "%-10.2f|", "%+.2f", "% .2f", "%010.2f", "%#.0f",
  "%e", "%.0e", "%.2e", "%E", "%12.3e", "%g", "%.3g", "%.10g", "%#g", "%G", "%+g", "%-12g|", "%012g"}
for _, spec in ipairs(specs) do
  local row = {}
  for _, v in ipairs(values) do row[#row + 1] = "[" .. string.format(spec, v) .. "]" end
  print(spec, table.concat(row, " "))
end
print("integers to float conversions", string.format("%f %e %g", 3, 3, 3))
print("%.14g matches tostring", string.format("%.14g", 0.1), tostring(0.1))
print("%.17g of 0.1", string.format("%.17g", 0.1))
print("%.20f of 0.1", string.format("%.20f", 0.1))
print("%.99f length", #string.format("%.99f", 1 / 3))
print("large %f", string.format("%.0f", 1e300):sub(1, 20), #string.format("%.0f", 1e300))
print("%g switching to exponent", string.format("%g %g %g %g", 1e5, 1e6, 1e-4, 1e-5))
print("%g trailing zeros removed", string.format("%g %g", 1.5, 100.25))
print("rounding half to even in binary", string.format("%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5))
print("%.2f of 2.675 (binary below half)", string.format("%.2f", 2.675))
print("nan", string.format("%f", 0 / 0):find("nan") ~= nil, string.format("%.1f", -(0 / 0)):find("nan") ~= nil)
