-- ipairs_iter: generic for over ipairs on an array.
-- sizes: full=1000 small=2
local N = N or 1000
local t = {}
for i = 1, 10000 do
  t[i] = i % 97
end
local s = 0
for _ = 1, N do
  for i, v in ipairs(t) do
    s = s + v * (i & 3)
  end
end
print(s)
