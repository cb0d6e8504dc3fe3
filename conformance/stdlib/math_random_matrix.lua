-- math.random projections for several seeds and ranges: first draws, which must match xoshiro256** exactly (manual §6.7)
local ranges = {{1, 1}, {1, 2}, {1, 6}, {0, 9}, {-3, 3}, {1, 100}, {0, (1 << 31) - 1}, {1, 1 << 40}, {-(1 << 62), 1 << 62}, {math.mininteger, math.maxinteger}, {math.maxinteger - 5, math.maxinteger}}
for _, seed in ipairs({0, 1, 2, 42, 12345, -7}) do
  math.randomseed(seed)
  local row = {}
  for _, r in ipairs(ranges) do row[#row + 1] = tostring(math.random(r[1], r[2])) end
  print("seed " .. seed, table.concat(row, " "))
  local floats = {}
  for i = 1, 3 do floats[i] = string.format("%.6f", math.random()) end
  local ints = {}
  for i = 1, 10 do ints[i] = math.random(10) end
  print("  floats and random(10)", table.concat(floats, " "), table.concat(ints, ""))
end
math.randomseed(5)
local hist = {}
for i = 1, 6 do hist[i] = 0 end
for _ = 1, 6000 do local r = math.random(6) hist[r] = hist[r] + 1 end
print("histogram of 6000 dice", table.concat(hist, " "))
