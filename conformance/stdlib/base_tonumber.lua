-- tonumber without a base: decimal and hex numerals, spaces, subtypes, rejections (manual §6.1)
local function show(s)
  local v = tonumber(s)
  local shown = type(s) == "string" and string.format("%q", s) or tostring(s)
  if v == nil then print(shown, "nil") else print(shown, v, math.type(v)) end
end
local cases = {
  "10", "  10  ", "\t\n10\r\v\f", "-10", "+10", "- 10", "10.", ".5", "5.5", "1e2", "1E-2", "1e+2",
  "1e", "e1", "0x10", "0X1f", "-0x10", "0x", "0x.8", "0x1p4", "0x1P-1", "0xG", "0x1.8", "1.5e3",
  "", " ", "abc", "10abc", "10 20", "1_000", "inf", "nan", "-inf", "0b101", "010", "00.5",
  "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
  "0xffffffffffffffff", "0x10000000000000000", "1e308", "1e309", "-0", "-0.0", "0.0",
  "123456789012345678901234567890", "1" .. string.rep("0", 30), "0x" .. string.rep("f", 20),
  "\0" .. "1", "1\0",
}
for _, s in ipairs(cases) do show(s) end
show(42)
show(4.5)
print("nil argument", pcall(tonumber, nil))
print("boolean", tonumber(true), tonumber(false))
print("table", tonumber({}))
print("no argument", pcall(tonumber))
print("number strings from tostring round trip", tonumber(tostring(0.1)) == 0.1, tonumber(tostring(1e100)))
