-- many numeral spellings compiled with load: value, subtype and exact bits, or the lexer error (manual §3.1)
local numerals = {
  "0", "00", "0.0", ".0", "0.", "0e0", "0x0", "0x0p0", "1", "01", "1.", "1.0", "1e0", "1E0", "1e+0", "1e-0",
  "123", "123.456", "1.23456e2", "12345678901234567890", "0.1", "0.5", "1e-1", "5e-1", "0x1", "0xA", "0xa",
  "0xABCDEF", "0x7FFFFFFFFFFFFFFF", "0x8000000000000000", "0xFFFFFFFFFFFFFFFF", "0x1FFFFFFFFFFFFFFFF",
  "0x.1", "0x1.", "0x1.1", "0x1p1", "0x1p-1", "0x1P+1", "0xA.Bp2", "0x.Cp-2", "9007199254740993",
  "9223372036854775807", "9223372036854775808", "9223372036854775807.0", "1e308", "1.8e308", "4.9e-324", "2e-324",
  "3.14159265358979323846", "0.30000000000000004", "1_0", "1e", "0x", "0xp1", "1.e5", ".e5", "0x1e", "0x1e+1", "08.5",
}
for _, src in ipairs(numerals) do
  local f, err = load("return " .. src, "=n")
  if f then
    local v = f()
    print(string.format("%-28s", src), v, math.type(v), string.format("%q", v))
  else
    print(string.format("%-28s", src), "error", err)
  end
end
