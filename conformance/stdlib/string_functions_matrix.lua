-- len, upper, lower, reverse, rep, sub and byte applied to a list of strings (manual §6.4)
local strings = {"", "a", "Ab", "hello", "Hello World", "123", "a b\tc", "MiXeD cAsE 42", "!@#$%", ("xy"):rep(10), "a\0b"}
local function show(s) return (string.format("%q", s):gsub("\\\n", "\\n")) end
for _, s in ipairs(strings) do
  local bytes = table.pack(s:byte(1, -1))
  print(show(s), s:len(), show(s:upper()), show(s:lower()), show(s:reverse()), show(s:rep(2, "|")),
    show(s:sub(2, -2)), bytes.n, table.concat(bytes, ",", 1, math.min(bytes.n, 5)))
end
