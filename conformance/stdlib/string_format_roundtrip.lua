-- %q, %a and %.17g of floats read back by load/tonumber give the same value; tostring does not always (manual §6.4)
local values = {0.1, 0.2, 0.3, 1 / 3, 2 / 3, math.pi, 2.718281828459045, 1e-300, 1e300,
  123456.789, 2^53 + 2, 2^-1022, 2^-1074, 1.7976931348623157e308, -0.0, 100.0, 0.1 + 0.2, 1e15 + 0.3}
for _, v in ipairs(values) do
  local q = string.format("%q", v)
  local g17 = string.format("%.17g", v)
  local a = string.format("%a", v)
  print(string.format("%-26s", q), load("return " .. q)() == v, tonumber(g17) == v, tonumber(a) == v, tonumber(tostring(v)) == v, tostring(v))
end
