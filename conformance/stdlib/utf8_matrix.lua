-- utf8.len, utf8.codepoint and utf8.offset over valid and invalid byte strings (manual §6.5)
local function hex(s) return (s:gsub(".", function(c) return string.format("%02X", c:byte()) end)) end
local cases = {
  "", "abc", "\u{E9}", "\u{20AC}", "\u{1F600}", "a\u{E9}b\u{20AC}c",
  "\xC3", "\x80", "\xC3\x28", "\xE2\x82", "\xF0\x9F\x98", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
  "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "\xFE", "\xFF", "a\x80b",
}
for _, s in ipairs(cases) do
  local len = table.pack(utf8.len(s))
  local lax = table.pack(utf8.len(s, 1, -1, true))
  local ok, cps = pcall(function() return table.pack(utf8.codepoint(s, 1, -1)) end)
  local cp = ok and (cps.n .. ":" .. table.concat(cps, ",", 1, cps.n)) or "error"
  local offs = {}
  for n = 1, 4 do
    local okn, o = pcall(utf8.offset, s, n)
    offs[#offs + 1] = okn and tostring(o) or "E"
  end
  print(string.format("%-22s", hex(s) == "" and "(empty)" or hex(s)),
    "len " .. tostring(len[1]) .. (len[2] and ("@" .. len[2]) or ""),
    "lax " .. tostring(lax[1]) .. (lax[2] and ("@" .. lax[2]) or ""),
    "cp " .. cp, "offsets " .. table.concat(offs, ","))
end
