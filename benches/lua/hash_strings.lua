-- hash_strings: a hash table with 100k string keys: insertion, lookup, update, deletion.
-- sizes: full=100000 small=500
local N = N or 100000
local keys = {}
for i = 1, N do
  keys[i] = "key" .. i
end
local h = {}
for round = 1, 30 do
  for i = 1, N do
    local k = keys[i]
    h[k] = (h[k] or 0) + round
  end
end
local s = 0
for i = 1, N, 2 do
  s = s + h[keys[i]]
  h[keys[i]] = nil
end
local left = 0
for i = 1, N do
  if h[keys[i]] then
    left = left + 1
  end
end
print(s, left, h["missing"])
