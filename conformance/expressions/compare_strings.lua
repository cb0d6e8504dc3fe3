-- string ordering is byte-wise in the C locale, with embedded zeros and prefixes (manual §3.4.4)
-- bytes outside printable ASCII are shown as decimal escapes so the output stays plain text
local function esc(s)
  return '"' .. s:gsub("[^\32-\126]", function(c) return "\\" .. c:byte() end) .. '"'
end
local cases = {
  {"a", "b"}, {"b", "a"}, {"a", "a"}, {"", "a"}, {"a", ""}, {"", ""},
  {"a", "ab"}, {"ab", "a"}, {"Z", "a"}, {"a", "Z"}, {"10", "9"}, {"9", "10"},
  {"abc", "abd"}, {"a\0b", "a\0c"}, {"a\0", "a"}, {"a", "a\0"}, {"\0", ""},
  {"\255", "\1"}, {"\127", "\128"}, {"é", "e"}, {" ", "!"}, {"A", "a"},
  {"hello world", "hello"}, {"a\0\0", "a\0"},
}
for _, c in ipairs(cases) do
  local a, b = c[1], c[2]
  print(esc(a) .. " " .. esc(b), a < b, a <= b, a > b, a >= b, a == b)
end
-- sorting strings uses the same order
local words = {"banana", "Apple", "apple", "cherry", "", "a", "B", "10", "9", "a\0z", "a\0b"}
table.sort(words)
for i, w in ipairs(words) do words[i] = esc(w) end
print("sorted", table.concat(words, " "))
