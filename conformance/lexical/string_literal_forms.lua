-- the same strings written as single-quoted, double-quoted, long-bracket and escaped literals compare equal (manual §3.1)
local groups = {
  {'hello', "hello", [[hello]], [==[hello]==], "\104\101\108\108\111", "\x68\x65\x6c\x6c\x6f", "\u{68}\u{65}\u{6C}\u{6C}\u{6F}"},
  {'it\'s', "it's", [[it's]], "it\39s", "it\x27s"},
  {"say \"hi\"", 'say "hi"', [[say "hi"]], "say \34hi\34"},
  {"line1\nline2", [[line1
line2]], "line1\10line2", "line1\
line2", "line1\x0Aline2"},
  {"tab\there", "tab\9here", "tab\x09here", "tab\u{9}here"},
  {"back\\slash", [[back\slash]], "back\92slash", 'back\\slash'},
  {"", '', [[]], [=[]=], [[
]]},
  {"\u{E9}", "\xC3\xA9", "\195\169", [[é]]},
  {"a\z
       b", "ab", [[ab]]},
  {"]]", "]" .. "]", [=[]]]=]},
}
for gi, g in ipairs(groups) do
  local all = true
  for i = 2, #g do if g[i] ~= g[1] then all = false end end
  print("group " .. gi, #g .. " spellings", all, #g[1], (string.format("%q", g[1]):gsub("\n", "n")))
end
