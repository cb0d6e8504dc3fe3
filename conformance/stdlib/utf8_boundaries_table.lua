-- code points at every encoding-length boundary: utf8.char bytes, len, codepoint (strict and lax), offset (manual §6.5)
local cps = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF, 0x110000, 0x1FFFFF,
  0x200000, 0x3FFFFFF, 0x4000000, 0x7FFFFFFF}
for _, cp in ipairs(cps) do
  local s = utf8.char(cp)
  local hex = s:gsub(".", function(c) return string.format("%02X", c:byte()) end)
  local strict_len = table.pack(utf8.len(s))
  local ok, strict_cp = pcall(utf8.codepoint, s)
  local lax_cp = utf8.codepoint(s, 1, 1, true)
  print(string.format("U+%06X", cp), #s, hex, "len " .. tostring(strict_len[1]) .. (strict_len[2] and ("@" .. strict_len[2]) or ""),
    "lax len " .. tostring(utf8.len(s, 1, -1, true)), "cp " .. (ok and string.format("%X", strict_cp) or "error"),
    "lax cp " .. string.format("%X", lax_cp), "offset2 " .. tostring(utf8.offset(s .. "z", 2)))
end
