-- int_loop: integer additions in a numeric for loop (40M additions at full size).
-- sizes: full=40000000 small=40000
local N = N or 40000000
local sum = 0
for i = 1, N do
  sum = sum + i
end
-- A second pass with a non-unit step and subtraction keeps both integer paths warm.
local acc = 0
for i = N, 1, -3 do
  acc = acc - i + 7
end
print(sum, acc)
