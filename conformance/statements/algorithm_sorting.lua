-- several sorting algorithms written with loops, recursion and swaps, cross-checked on seeded data (manual §3.3)
local function insertion(a)
  for i = 2, #a do
    local v, j = a[i], i - 1
    while j >= 1 and a[j] > v do a[j + 1] = a[j]; j = j - 1 end
    a[j + 1] = v
  end
  return a
end
local function merge_sort(a)
  if #a <= 1 then return a end
  local mid = #a // 2
  local l, r = {}, {}
  for i = 1, mid do l[#l + 1] = a[i] end
  for i = mid + 1, #a do r[#r + 1] = a[i] end
  l, r = merge_sort(l), merge_sort(r)
  local out, i, j = {}, 1, 1
  while i <= #l and j <= #r do
    if l[i] <= r[j] then out[#out + 1] = l[i]; i = i + 1 else out[#out + 1] = r[j]; j = j + 1 end
  end
  for k = i, #l do out[#out + 1] = l[k] end
  for k = j, #r do out[#out + 1] = r[k] end
  return out
end
local function quick(a, lo, hi)
  lo, hi = lo or 1, hi or #a
  if lo < hi then
    local p, i = a[hi], lo - 1
    for j = lo, hi - 1 do
      if a[j] <= p then i = i + 1; a[i], a[j] = a[j], a[i] end
    end
    a[i + 1], a[hi] = a[hi], a[i + 1]
    quick(a, lo, i)
    quick(a, i + 2, hi)
  end
  return a
end
local function heap(a)
  local n = #a
  local function sift(start, stop)
    local root = start
    while 2 * root <= stop do
      local child = 2 * root
      if child + 1 <= stop and a[child] < a[child + 1] then child = child + 1 end
      if a[root] < a[child] then a[root], a[child] = a[child], a[root]; root = child else return end
    end
  end
  for s = n // 2, 1, -1 do sift(s, n) end
  for stop = n, 2, -1 do a[1], a[stop] = a[stop], a[1]; sift(1, stop - 1) end
  return a
end
local function copy(t) local c = {} for i, v in ipairs(t) do c[i] = v end return c end
for _, seed in ipairs({11, 22, 33}) do
  math.randomseed(seed)
  local data = {}
  for i = 1, 40 do data[i] = math.random(-50, 50) end
  local ref = copy(data)
  table.sort(ref)
  local expected = table.concat(ref, ",")
  print("seed " .. seed, table.concat(data, ",", 1, 10) .. ",...")
  print("  insertion", table.concat(insertion(copy(data)), ",") == expected)
  print("  merge", table.concat(merge_sort(copy(data)), ",") == expected)
  print("  quick", table.concat(quick(copy(data)), ",") == expected)
  print("  heap", table.concat(heap(copy(data)), ",") == expected)
  print("  sorted", expected)
end
