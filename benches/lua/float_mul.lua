-- float_mul: float multiplications and additions (a damped product that stays finite).
-- sizes: full=25000000 small=25000
local N = N or 25000000
local x, y = 1.0, 0.5
local f = 1.0000001
for _ = 1, N do
  x = x * f
  y = y * 0.9999999 + x * 1e-9
  if x > 2.0 then
    x = x * 0.5
  end
end
print(string.format("%.10g %.10g", x, y))
