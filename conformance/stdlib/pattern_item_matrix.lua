-- every character class with every quantifier (none, *, +, -, ?) searched in a mixed subject: match span and text (manual §6.4.1)
local subject = "  Hello, World! 123 abc_DEF\t0x1F;"
local classes = {".", "%a", "%c", "%d", "%g", "%l", "%p", "%s", "%u", "%w", "%x", "%A", "%D", "%S", "%W", "[%a_]", "[^%s%p]", "[0-9a-fA-F]"}
local quantifiers = {"", "*", "+", "-", "?"}
for _, c in ipairs(classes) do
  local row = {}
  for _, q in ipairs(quantifiers) do
    local i, j = subject:find(c .. q, 3)
    row[#row + 1] = i and string.format("%d-%d:%q", i, j, subject:sub(i, j)):gsub("\\9", "\\t") or "none"
  end
  print(string.format("%-12s", c), table.concat(row, " "))
end
