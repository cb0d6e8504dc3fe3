-- if_chain: long if-elseif chains on integer comparisons.
-- sizes: full=15000000 small=15000
local N = N or 15000000
local counts = {0, 0, 0, 0, 0, 0, 0, 0}
for i = 1, N do
  local v = (i * 7919) % 100
  local k
  if v < 10 then
    k = 1
  elseif v < 20 then
    k = 2
  elseif v < 35 then
    k = 3
  elseif v < 50 then
    k = 4
  elseif v == 50 then
    k = 5
  elseif v <= 70 then
    k = 6
  elseif v ~= 99 then
    k = 7
  else
    k = 8
  end
  counts[k] = counts[k] + 1
end
print(table.concat(counts, " "))
