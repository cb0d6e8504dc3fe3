-- nested_loops: three nested numeric for loops.
-- sizes: full=300 small=12
local N = N or 300
local sum = 0
for i = 1, N do
  for j = 1, N do
    for k = 1, N do
      sum = sum + ((i ~ j) & k)
    end
  end
end
print(sum)
