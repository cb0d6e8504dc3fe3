-- string.find with init over every position of a subject, plain and pattern, found positions listed (manual §6.4.1)
local subject = "abcabcab"
local needles = {"a", "ab", "ca", "b$", "^a", "", "x", ".b", "%a+"}
for _, n in ipairs(needles) do
  local row = {}
  for init = -9, 10 do
    local i, j = subject:find(n, init)
    row[#row + 1] = i and (i .. "-" .. j) or "."
  end
  print(string.format("%-6s", n), table.concat(row, " "))
end
for _, n in ipairs({"a", "b$", ".b", ""}) do
  local row = {}
  for init = -9, 10 do
    local i, j = subject:find(n, init, true)
    row[#row + 1] = i and (i .. "-" .. j) or "."
  end
  print(string.format("%-6s", "plain " .. n), table.concat(row, " "))
end
