-- utf8.char, utf8.charpattern and utf8.codepoint (ranges, negative indices, lax mode, errors) (manual §6.5)
local function bytes(s) local t = {} for i = 1, #s do t[i] = s:byte(i) end return table.concat(t, ",") end
print("char ascii", utf8.char(72, 105))
print("char bytes", bytes(utf8.char(0)), bytes(utf8.char(0x7F)), bytes(utf8.char(0x80)), bytes(utf8.char(0x7FF)))
print("char 3 bytes", bytes(utf8.char(0x800)), bytes(utf8.char(0xFFFF)), bytes(utf8.char(0xD800)))
print("char 4 bytes", bytes(utf8.char(0x10000)), bytes(utf8.char(0x10FFFF)))
print("char beyond unicode", bytes(utf8.char(0x110000)), bytes(utf8.char(0x7FFFFFFF)))
print("char none", utf8.char() == "")
print("char many", utf8.char(0x48, 0x20AC, 0x1F600) == "H\u{20AC}\u{1F600}")
print("char errors", pcall(utf8.char, -1), pcall(utf8.char, 0x80000000))
print("char float", utf8.char(65.0), pcall(utf8.char, 65.5))
print("charpattern", utf8.charpattern == "[\0-\x7F\xC2-\xFD][\x80-\xBF]*")
local s = "a\u{E9}\u{20AC}\u{10348}"
print("codepoint default", utf8.codepoint(s))
print("codepoint range", utf8.codepoint(s, 1, -1))
print("codepoint i", utf8.codepoint(s, 2), utf8.codepoint(s, 4))
print("codepoint negative", utf8.codepoint(s, -4))
print("codepoint empty range", select("#", utf8.codepoint(s, 3, 2)))
print("codepoint continuation byte", pcall(utf8.codepoint, s, 3))
print("codepoint out of bounds", pcall(utf8.codepoint, s, 20))
print("codepoint i = #s + 1", pcall(utf8.codepoint, s, #s + 1))
print("codepoint 0", pcall(utf8.codepoint, s, 0))
print("codepoint surrogate strict", pcall(utf8.codepoint, "\xED\xA0\x80"))
print("codepoint surrogate lax", utf8.codepoint("\xED\xA0\x80", 1, 1, true))
print("codepoint above 10FFFF strict", pcall(utf8.codepoint, "\xF4\x90\x80\x80"))
print("codepoint above 10FFFF lax", utf8.codepoint("\xF4\x90\x80\x80", 1, 1, true))
print("codepoint 6-byte lax", utf8.codepoint(utf8.char(0x7FFFFFFF), 1, 1, true))
print("codepoint overlong", pcall(utf8.codepoint, "\xC0\x80"), pcall(utf8.codepoint, "\xE0\x80\x80", 1, 1, true))
print("codepoint truncated", pcall(utf8.codepoint, "\xE2\x82"))
print("round trip", (function()
  local ok = true
  for _, c in ipairs({0, 1, 127, 128, 2047, 2048, 65535, 65536, 1114111}) do
    if utf8.codepoint(utf8.char(c)) ~= c then ok = false end
  end
  return ok
end)())
