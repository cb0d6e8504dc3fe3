-- tonumber over a matrix of strings and bases (manual §6.1)
local strings = {"0", "1", "7", "8", "9", "10", "z", "Z", "zz", "-1", " 11 ", "1.0", "", "0x1", "ff", "FF", "777", "-zz", "100000000"}
local bases = {2, 8, 10, 16, 36}
local header = {}
for _, b in ipairs(bases) do header[#header + 1] = "base" .. b end
print(string.format("%-12s", "string"), "nobase", table.concat(header, "\t"))
for _, s in ipairs(strings) do
  local row = {tostring(tonumber(s))}
  for _, b in ipairs(bases) do row[#row + 1] = tostring(tonumber(s, b)) end
  print(string.format("%-12s", string.format("%q", s)), table.concat(row, "\t"))
end
