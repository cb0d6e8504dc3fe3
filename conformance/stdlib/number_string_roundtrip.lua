-- integers and floats converted to strings and back with tostring/tonumber, %d/%x, %.17g and %a (manual §6.1, §6.4)
local ints = {0, 1, -1, 9, 10, 99, 100, 255, 256, 1023, 1024, 65535, -65536, 2^31 - 1, -2^31, 2^32, 1e15, 2^53, 2^53 + 1,
  1e18, math.maxinteger, math.mininteger, math.maxinteger - 1, math.mininteger + 1}
for _, v in ipairs(ints) do
  local i = math.tointeger(v) or (v | 0)
  local s = tostring(i)
  local h = string.format("0x%x", i)
  print(s, tonumber(s) == i, math.type(tonumber(s)), h, tonumber(h) == i, tonumber(string.format("%d", i)) == i, tonumber(s .. ".0") == i)
end
local floats = {0.1, -2.5, 1 / 3, 1e-7, 123.456, 2^-30, 1e300, -1e-300, 2^53 + 0.0, 3.0}
for _, v in ipairs(floats) do
  local s = tostring(v)
  print(s, tonumber(s) == v, tonumber(string.format("%.17g", v)) == v, tonumber(string.format("%a", v)) == v, math.type(tonumber(s)))
end
