-- table_insert: table.insert at the end and table.remove from the end.
-- sizes: full=1000000 small=1000
local N = N or 1000000
local t
local s = 0
for round = 1, 4 do
  t = {}
  for i = 1, N do
    table.insert(t, i + round)
  end
  for _ = 1, N // 2 do
    s = s + table.remove(t)
  end
  -- Appending with t[#t + 1] too, as much real code does.
  for i = 1, N // 2 do
    t[#t + 1] = i
  end
end
print(#t, s, t[#t])
