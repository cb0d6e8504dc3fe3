-- utf8.len (invalid returns fail and position), utf8.offset and utf8.codes (lax, invalid sequences) (manual §6.5)
local s = "a\u{E9}\u{20AC}\u{10348}b"
print("len", utf8.len(s), #s)
print("len ranges", utf8.len(s, 2), utf8.len(s, 1, 1), utf8.len(s, -1), utf8.len(s, 2, 3))
print("len empty", utf8.len(""), utf8.len("", 1), utf8.len("abc", 4))
print("len invalid", utf8.len("ab\xFFcd"))
print("len invalid continuation start", utf8.len(s, 3))
print("len truncated sequence", utf8.len("a\xE2\x82"))
print("len surrogate", utf8.len("\xED\xA0\x80"), utf8.len("\xED\xA0\x80", 1, -1, true))
print("len overlong", utf8.len("\xC0\xAF"))
print("len out of bounds", pcall(utf8.len, "abc", 5), pcall(utf8.len, "abc", 1, 4))
print("len i = #s + 1", utf8.len("abc", 4))
print("offset positive", utf8.offset(s, 1), utf8.offset(s, 2), utf8.offset(s, 3), utf8.offset(s, 4), utf8.offset(s, 5), utf8.offset(s, 6), utf8.offset(s, 7))
print("offset negative", utf8.offset(s, -1), utf8.offset(s, -2), utf8.offset(s, -5), utf8.offset(s, -6))
print("offset zero", utf8.offset(s, 0, 3), utf8.offset(s, 0, 4), utf8.offset(s, 0, 1))
print("offset with i", utf8.offset(s, 2, 2), utf8.offset(s, -1, 4), utf8.offset(s, 1, #s + 1))
print("offset continuation error", pcall(utf8.offset, s, 1, 3))
print("offset position out of bounds", pcall(utf8.offset, s, 1, 20))
print("offset n beyond", utf8.offset("abc", 5), utf8.offset("abc", -4))
local cps = {}
for p, c in utf8.codes(s) do cps[#cps + 1] = p .. ":" .. c end
print("codes", table.concat(cps, " "))
cps = {}
for p, c in utf8.codes("") do cps[#cps + 1] = p end
print("codes empty", #cps)
print("codes invalid byte", pcall(function() for p, c in utf8.codes("a\xFFb") do end end))
print("codes truncated", pcall(function() for p, c in utf8.codes("a\xE2\x82") do end end))
print("codes stray continuation", pcall(function() for p, c in utf8.codes("a\x80") do end end))
print("codes surrogate strict", pcall(function() for p, c in utf8.codes("\xED\xA0\x80") do end end))
cps = {}
for p, c in utf8.codes("\xED\xA0\x80x", true) do cps[#cps + 1] = p .. ":" .. c end
print("codes surrogate lax", table.concat(cps, " "))
print("charpattern iteration", (function() local n = 0 for ch in s:gmatch(utf8.charpattern) do n = n + 1 end return n end)())
