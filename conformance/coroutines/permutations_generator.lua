-- all permutations of four letters and combinations of five, produced by recursive generators (manual §2.6)
local function permutations(a)
  return coroutine.wrap(function()
    local n = #a
    local function permute(k)
      if k == 0 then coroutine.yield(table.concat(a)) return end
      for i = 1, k do
        a[i], a[k] = a[k], a[i]
        permute(k - 1)
        a[i], a[k] = a[k], a[i]
      end
    end
    permute(n)
  end)
end
local all = {}
for p in permutations({"a", "b", "c", "d"}) do all[#all + 1] = p end
print("count", #all)
for i = 1, #all, 6 do print(table.concat(all, " ", i, math.min(i + 5, #all))) end
table.sort(all)
print("sorted first and last", all[1], all[#all])
local function combinations(items, k)
  return coroutine.wrap(function()
    local chosen = {}
    local function rec(start, depth)
      if depth > k then coroutine.yield(table.concat(chosen, "")) return end
      for i = start, #items do
        chosen[depth] = items[i]
        rec(i + 1, depth + 1)
      end
      chosen[depth] = nil
    end
    rec(1, 1)
  end)
end
for k = 0, 5 do
  local out = {}
  for c in combinations({"1", "2", "3", "4", "5"}, k) do out[#out + 1] = c end
  print("choose " .. k, #out, table.concat(out, " "))
end
