-- string.pack/unpack round trips for integer formats over boundary values, with overflow errors (manual §6.4.2)
local formats = {"i1", "I1", "i2", "I2", "i3", "i4", "I4", "i5", "i7", "i8", "j", "I8"}
local values = {0, 1, -1, 127, -128, 255, 256, 32767, -32768, 65535, 2^31 - 1, -2^31, 2^32, math.maxinteger, math.mininteger}
for _, f in ipairs(formats) do
  local row = {}
  for _, v in ipairs(values) do
    v = math.tointeger(v)
    local ok, packed = pcall(string.pack, "<" .. f, v)
    if not ok then row[#row + 1] = "E"
    else
      local back = string.unpack("<" .. f, packed)
      row[#row + 1] = back == v and "=" or tostring(back)
    end
  end
  print(f, string.packsize(f), table.concat(row, " "))
end
local be = {}
for _, f in ipairs({">i2", ">i3", ">i4", ">i5", ">i8"}) do
  local p = string.pack(f, -2)
  be[#be + 1] = f .. ":" .. p:gsub(".", function(c) return string.format("%02x", c:byte()) end)
end
print("big endian -2", table.concat(be, " "))
