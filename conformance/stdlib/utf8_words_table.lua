-- UTF-8 words: byte and character lengths, code points, reversal by characters, and offsets of each character (manual §6.5)
local words = {"hello", "caf\u{E9}", "na\u{EF}ve", "\u{65E5}\u{672C}\u{8A9E}", "\u{1F600}\u{1F601}", "\u{3B1}\u{3B2}\u{3B3}",
  "\u{416}\u{438}\u{437}\u{43D}\u{44C}", "a\u{300}", "\u{FEFF}bom", "\u{10FFFF}", "", "mixed \u{E9}\u{20AC}\u{1D11E}!"}
for _, w in ipairs(words) do
  local cps, offs, chars = {}, {}, {}
  for p, c in utf8.codes(w) do cps[#cps + 1] = string.format("%X", c); offs[#offs + 1] = p; chars[#chars + 1] = utf8.char(c) end
  local rev = {}
  for i = #chars, 1, -1 do rev[#rev + 1] = chars[i] end
  print(string.format("%-20s", w), #w, utf8.len(w), table.concat(cps, ","), table.concat(offs, ","), table.concat(rev), utf8.offset(w, -1))
end
