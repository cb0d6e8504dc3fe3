-- integers at powers of two and ten (and neighbours) through tostring, %d, %x, %o, %5.3d and concatenation (manual §6.4)
local values = {}
for k = 0, 63, 3 do
  local p = 1 << k
  values[#values + 1] = p - 1
  values[#values + 1] = p
  values[#values + 1] = -p
end
local ten = 1
for k = 0, 18, 3 do values[#values + 1] = ten; values[#values + 1] = -ten - 1; ten = ten * 1000 end
values[#values + 1] = math.maxinteger
values[#values + 1] = math.mininteger
for _, v in ipairs(values) do
  print(tostring(v), string.format("%d|%x|%X|%o|%5.3d|%-+8d|", v, v, v, v, v, v), v .. "", #tostring(v))
end
