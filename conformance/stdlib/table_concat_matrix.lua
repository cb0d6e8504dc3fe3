-- table.concat over lists of strings and numbers with several separators and ranges (manual §6.6)
local lists = {{}, {"a"}, {"a", "b", "c"}, {1, 2, 3}, {1.5, -0.0, 2^63}, {"x", 7, "y", 8.0}, {"", "", ""}}
-- the first separator is "absent" (nil); the list has an explicit count because it starts with a hole
local seps = {n = 5, nil, "", ",", " - ", "\t"}
local ranges = {{nil, nil}, {2, nil}, {1, 2}, {2, 2}, {3, 2}, {0, 0}}
for li, list in ipairs(lists) do
  for si = 1, seps.n do
    local sep = seps[si]
    local row = {}
    for _, r in ipairs(ranges) do
      local ok, s
      if r[1] == nil then ok, s = pcall(table.concat, list, sep)
      elseif r[2] == nil then ok, s = pcall(table.concat, list, sep or "", r[1])
      else ok, s = pcall(table.concat, list, sep or "", r[1], r[2]) end
      row[#row + 1] = ok and string.format("%q", s):gsub("\\9", "\\t") or "ERR"
    end
    do print("list " .. li, string.format("sep %-7s", string.format("%q", sep or "nil")), table.concat(row, " ")) end
  end
end
