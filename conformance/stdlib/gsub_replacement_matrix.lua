-- gsub replacement strings with %0-%3, %%, and literal text against patterns with 0..3 captures (manual §6.4.1)
local patterns = {"%d+", "(%d+)", "(%a)(%d)", "(%a)(%d)(%a?)", "()%d", "(%a)()"}
local repls = {"<%0>", "<%1>", "%2%1", "[%3]", "%%", "x", "%1%1", ""}
local subject = "a1b22c333"
for _, p in ipairs(patterns) do
  local row = {}
  for _, r in ipairs(repls) do
    local ok, s, n = pcall(string.gsub, subject, p, r)
    row[#row + 1] = ok and (s .. "/" .. n) or "ERR(" .. s:gsub("^.-: ", "") .. ")"
  end
  print(string.format("%-14s", p), table.concat(row, " "))
end
