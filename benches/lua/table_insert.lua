-- table_insert: table.insert at the end and table.remove from the end.
-- sizes: full=1500000 small=1500
local N = N or 1500000
local t = {}
for i = 1, N do
  table.insert(t, i)
end
local s = 0
for _ = 1, N // 2 do
  s = s + table.remove(t)
end
-- Appending with t[#t + 1] too, as much real code does.
for i = 1, N // 2 do
  t[#t + 1] = i
end
print(#t, s, t[#t])
