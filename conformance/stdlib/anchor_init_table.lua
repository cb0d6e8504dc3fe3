-- string.find with anchored and unanchored patterns for every init from -8 to 9 over "banana" (manual §6.4.1)
local s = "banana"
local patterns = {"^a", "^an", "^b", "a", "an", "na$", "^$", "$", "^", "a*", "^a*"}
print("init", table.concat(patterns, " | "))
for init = -8, 9 do
  local row = {}
  for _, p in ipairs(patterns) do
    local i, j = s:find(p, init)
    row[#row + 1] = i and (i .. "-" .. j) or "."
  end
  print(init, table.concat(row, " | "))
end
