-- every combination of the flags - + space # 0 with each conversion: accepted (with result) or rejected (manual §6.4)
local flags = {"-", "+", " ", "#", "0"}
local convs = {{"d", 42}, {"i", -7}, {"x", 255}, {"X", 255}, {"o", 8}, {"c", 65}, {"f", 1.5}, {"e", 1.5}, {"g", 1.5}, {"a", 1.5}, {"s", "str"}, {"q", "q"}}
for mask = 0, 31 do
  local f = ""
  for i = 1, 5 do if mask & (1 << (i - 1)) ~= 0 then f = f .. flags[i] end end
  local row = {}
  for _, c in ipairs(convs) do
    local ok, r = pcall(string.format, "%" .. f .. "6" .. c[1], c[2])
    row[#row + 1] = ok and ("[" .. r .. "]") or "ERR"
  end
  print(string.format("%-7s", "'" .. f .. "'"), table.concat(row, " "))
end
