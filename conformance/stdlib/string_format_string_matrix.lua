-- %s with widths, precisions and alignment over strings of several lengths, plus %c and %% mixes (manual §6.4)
local strings = {"", "a", "abc", "abcdef", "hello world", "x\ty"}
local specs = {"%s", "%5s", "%-5s", "%.2s", "%.0s", "%8.3s", "%-8.3s", "%1s", "%.10s", "%20s", "%-20s"}
for _, spec in ipairs(specs) do
  local row = {}
  for _, s in ipairs(strings) do row[#row + 1] = "[" .. string.format(spec, s):gsub("\t", "\\t") .. "]" end
  print(string.format("%-6s", spec), table.concat(row, " "))
end
print("mixed", string.format("%s=%d (%5.1f%%) %c%c [%-4s]", "key", 42, 99.5, 79, 75, "ok"))
print("many args", string.format(string.rep("%s,", 20), table.unpack({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})))
print("tostring via %s", string.format("%s %s %s %s", 1, 1.0, -0.0, 2^63))
