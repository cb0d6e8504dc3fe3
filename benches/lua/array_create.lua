-- array_create: creating small arrays with constructors and filling larger ones.
-- sizes: full=4000000 small=4000
local N = N or 4000000
local total = 0
for i = 1, N do
  local t = {i, i + 1, i + 2, i + 3}
  total = total + t[1] + t[4] + #t
end
local big = 0
for _ = 1, N // 1000 do
  local t = {}
  for j = 1, 1000 do
    t[j] = j * 2
  end
  big = big + t[1000] + #t
end
print(total, big)
