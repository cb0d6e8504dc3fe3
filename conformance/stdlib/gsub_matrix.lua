-- string.gsub over a matrix of subjects and patterns with a fixed replacement, results and counts (manual §6.4.1)
local subjects = {"hello world", "aaa", "", "a,b,,c", "  trim me  ", "x=1, y=22, z=333", "tab\there"}
local patterns = {"o", "%w+", "^%s*", "%s*$", "a*", ",", "(%w)=(%d+)", ".", "%d", "[aeiou]", "^", "$", "%f[%w]"}
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    local r, n = s:gsub(p, "<%0>")
    print(string.format("%-18s %-12s", string.format("%q", s), p), n, r)
  end
end
