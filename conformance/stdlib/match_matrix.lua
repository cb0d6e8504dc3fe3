-- string.match over a matrix of subjects and patterns with captures (manual §6.4.1)
local subjects = {"2024-01-15", "key = value", "  spaced  ", "(nested (parens))", "a1b22c333", "user@example.com", ""}
local patterns = {"(%d+)-(%d+)-(%d+)", "^(%w+)%s*=%s*(%w+)$", "^%s*(.-)%s*$", "%b()", "(%a)(%d+)", "([^@]+)@(.+)", "()", ".-(%d)", "(%a+)$"}
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    local r = table.pack(s:match(p))
    for i = 1, r.n do r[i] = tostring(r[i]) end
    print(string.format("%-20s %-22s", string.format("%q", s), p), r.n, table.concat(r, " | "))
  end
end
