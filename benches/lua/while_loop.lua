-- while_loop: a while loop with a counter and a Collatz-style update.
-- sizes: full=300000 small=300
local N = N or 300000
local total, longest = 0, 0
local n = 1
while n <= N do
  local x, steps = n, 0
  while x ~= 1 do
    if x % 2 == 0 then
      x = x // 2
    else
      x = 3 * x + 1
    end
    steps = steps + 1
  end
  total = total + steps
  if steps > longest then
    longest = steps
  end
  n = n + 1
end
print(total, longest)
