-- pattern items: single classes with *, +, - and ?, greedy versus lazy matching and backtracking (manual §6.4.1)
local function m(s, p)
  local i, j = s:find(p)
  if not i then return "no match" end
  return string.format("%d-%d %q", i, j, s:match(p))
end
local cases = {
  {"aaa", "a*"}, {"aaa", "a+"}, {"aaa", "a-"}, {"aaa", "a?"}, {"bbb", "a*"}, {"bbb", "a+"},
  {"aaab", "a-b"}, {"aaab", "a*b"}, {"<a><b>", "<.*>"}, {"<a><b>", "<.->"}, {"<a><b>", "<.+>"},
  {"abc", "a.?c"}, {"ac", "ab?c"}, {"abbc", "ab?c"}, {"xyz", "x?y?z?"}, {"", "a*"}, {"", "a+"},
  {"aaa", "^a-$"}, {"aaa", "a-$"}, {"123abc", "%d+"}, {"123abc", "%d*%a+"}, {"abc123", "%a-%d"},
  {"aXbXc", "a.-c"}, {"aXbXc", "a.*X"}, {"aXbXc", "a.-X"}, {"  x  ", "%s*x%s*"},
  {"a+b", "a+b"}, {"a+b", "a%+b"}, {"a*", "a%*"}, {"ab", "a**"}, {"ab", "a?*"},
  {"aaaa", "a-a-a-a"}, {"aaaaaaaaaaaaaaaaaaaaab", "a*a*a*b"}, {"3.14", "%d+%.?%d*"},
  {"-12", "^[+-]?%d+$"}, {"+", "^[+-]?%d+$"}, {"ab", ".-b"}, {"ab", ".-$"},
}
for _, c in ipairs(cases) do
  print(string.format("%-14s %-12s", string.format("%q", c[1]), string.format("%q", c[2])), m(c[1], c[2]))
end
