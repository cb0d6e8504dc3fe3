-- < between every pair of a set of strings that differ in length, case, digits, punctuation and embedded zeros (manual §3.4.4)
local strs = {"", "\0", " ", "!", "0", "09", "1", "10", "9", "A", "AB", "Z", "a", "a\0", "ab", "abc", "b", "z", "~"}
local names = {}
for i, s in ipairs(strs) do names[i] = string.format("%q", s) end
for i, a in ipairs(strs) do
  local row = {}
  for _, b in ipairs(strs) do row[#row + 1] = (a < b) and "<" or (a == b) and "=" or ">" end
  print(string.format("%-6s", names[i]), table.concat(row))
end
