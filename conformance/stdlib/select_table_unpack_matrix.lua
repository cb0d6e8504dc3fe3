-- select(n, ...) and table.unpack(t, i, j) over a grid of indices (manual §6.1, §6.6)
local args = {"a", "b", nil, "d", "e"}
local n = 5
for _, i in ipairs({-6, -5, -3, -1, 1, 2, 3, 5, 6, 100}) do
  local ok, r = pcall(function() return table.pack(select(i, table.unpack(args, 1, n))) end)
  if ok then
    for k = 1, r.n do r[k] = tostring(r[k]) end
    print("select", i, r.n, table.concat(r, " "))
  else
    print("select", i, "error", r)
  end
end
local t = {10, 20, 30, 40, [0] = 0, [-1] = -10}
for _, range in ipairs({{1, 4}, {0, 2}, {-1, 1}, {3, 6}, {4, 3}, {2, 2}, {5, 5}}) do
  local r = table.pack(table.unpack(t, range[1], range[2]))
  for k = 1, r.n do r[k] = tostring(r[k]) end
  print("unpack", range[1], range[2], r.n, table.concat(r, " "))
end
