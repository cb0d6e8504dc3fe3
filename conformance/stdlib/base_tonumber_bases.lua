-- tonumber with a base from 2 to 36: digits, letters, case, signs, spaces and invalid input (manual §6.1)
for base = 2, 36 do
  local maxdigit = base - 1
  local digit = maxdigit < 10 and tostring(maxdigit) or string.char(87 + maxdigit)
  print(base, tonumber("10", base), tonumber(digit, base), tonumber(digit .. digit, base),
    tonumber(digit:upper() .. "0", base), tonumber(tostring(base), base))
end
print("ff hex", tonumber("ff", 16), tonumber("FF", 16), tonumber("-ff", 16), tonumber("  ff  ", 16))
print("z base 36", tonumber("z", 36), tonumber("Z", 36), tonumber("zz", 36), tonumber("lua", 36))
print("binary", tonumber("1111", 2), tonumber("-101", 2), tonumber("2", 2), tonumber("", 2))
print("octal", tonumber("777", 8), tonumber("8", 8))
print("no 0x prefix with base", tonumber("0x10", 16), tonumber("0x10", 10))
print("no fraction with base", tonumber("1.5", 10), tonumber("1e2", 10))
print("result is integer", math.type(tonumber("10", 10)), math.type(tonumber("7fffffffffffffff", 16)))
print("wraps around", tonumber("ffffffffffffffff", 16), tonumber("10000000000000000", 16))
print("big base 36 wraps", tonumber("zzzzzzzzzzzzzz", 36))
print("sign and spaces", tonumber(" -1a ", 16), tonumber("- 1", 10), tonumber("+1", 10))
print("embedded space", tonumber("1 1", 10))
print("base as float", tonumber("11", 2.0))
print("base out of range", pcall(tonumber, "1", 37))
print("base 0", pcall(tonumber, "1", 0))
print("base not integral", pcall(tonumber, "1", 2.5))
print("number with base", pcall(tonumber, 10, 10))
print("string base", tonumber("11", "2"))
