-- mixed_arith: integer and float operands mixed in +, -, *, /, //, % and comparisons.
-- sizes: full=6000000 small=6000
local N = N or 6000000
local isum, fsum = 0, 0.0
for i = 1, N do
  local f = i * 0.5          -- integer * float
  local q = i // 7           -- integer floor division
  local r = i % 13           -- integer modulo
  fsum = fsum + f / (r + 1)  -- float / integer
  isum = isum + q + r
  if f > q then              -- float compared with integer
    isum = isum + 1
  end
  fsum = fsum - (i % 3.0)    -- integer % float
end
print(isum, string.format("%.10g", fsum))
