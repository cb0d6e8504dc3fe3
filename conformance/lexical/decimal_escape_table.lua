-- every decimal escape \0 to \255 and hex escape \x00 to \xFF produce the byte they name (manual §3.1)
local ok_dec, ok_hex, ok_char = 0, 0, 0
for i = 0, 255 do
  local dec = load(string.format("return '\\%d'", i))()
  local dec3 = load(string.format("return '\\%03d'", i))()
  local hex = load(string.format("return '\\x%02x'", i))()
  local hexu = load(string.format("return '\\x%02X'", i))()
  if #dec == 1 and dec:byte() == i and dec == dec3 then ok_dec = ok_dec + 1 end
  if #hex == 1 and hex:byte() == i and hex == hexu then ok_hex = ok_hex + 1 end
  if dec == string.char(i) then ok_char = ok_char + 1 end
end
print("decimal escapes correct", ok_dec)
print("hex escapes correct", ok_hex)
print("equal to string.char", ok_char)
-- \u escapes agree with utf8.char for a range of code points
local agree = 0
for _, cp in ipairs({0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FF, 0x800, 0xFFF, 0x1000, 0xFFFF, 0x10000, 0x10FFFF, 0x110000, 0x1FFFFF, 0x200000, 0x3FFFFFF, 0x4000000, 0x7FFFFFFF}) do
  local s = load(string.format("return '\\u{%X}'", cp))()
  if s == utf8.char(cp) then agree = agree + 1 end
  local bytes = {}
  for k = 1, #s do bytes[k] = string.format("%02X", s:byte(k)) end
  print(string.format("U+%X", cp), #s, table.concat(bytes, " "))
end
print("\\u agrees with utf8.char", agree)
-- escapes inside long strings are not processed
print("long string keeps backslashes", #[[\65\x41\u{41}]], [[\65\x41\u{41}]])
