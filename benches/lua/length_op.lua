-- length_op: the `#` operator on tables (with and without a hash part) and strings.
-- sizes: full=10000000 small=10000
local N = N or 10000000
local arr = {}
for i = 1, 1000 do
  arr[i] = i
end
local mixed = {1, 2, 3, a = 1, b = 2}
local str = string.rep("ab", 50)
local s = 0
for i = 1, N do
  s = s + #arr + #mixed + #str
  if i % 1000 == 0 then
    arr[#arr + 1] = i
  end
end
print(s, #arr)
