-- arithmetic on numeric strings of many spellings, showing the converted value and subtype (manual §3.4.3)
local strings = {"0", "-0", "10", " 10 ", "+10", "1e1", "1E+1", "10.", ".5", "0x10", "0X1p4", "-0x1", "1e400", "9223372036854775807",
  "9223372036854775808", "-9223372036854775808", "0xffffffffffffffff", "  \t12\n", "1 0", "10a", "a10", "0x", "", "nan", "inf", "1e", "--1"}
local function fmt(ok, v)
  if not ok then return "error" end
  if v ~= v then return "nan" end
  return tostring(v) .. (math.type(v) == "integer" and "i" or "f")
end
for _, s in ipairs(strings) do
  print(string.format("%-24s", string.format("%q", s):gsub("\\\n", "\\n")),
    "+0: " .. fmt(pcall(function() return s + 0 end)),
    "*1.0: " .. fmt(pcall(function() return s * 1.0 end)),
    "//1: " .. fmt(pcall(function() return s // 1 end)),
    "-: " .. fmt(pcall(function() return -s end)),
    "tonumber: " .. fmt(true, tonumber(s) or 0 / 0))
end
