-- string.format integer conversions %d %i %x %X %o %c with flags, widths and precisions (manual §6.4)
local values = {0, 1, -1, 42, 255, -255, 65535, math.maxinteger, math.mininteger}
local specs = {"%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d", "%-8.3d|", "%+.0d", "%.0d",
  "%x", "%X", "%#x", "%#X", "%08x", "%-6x|", "%.4x", "%o", "%#o", "%6o"}
for _, spec in ipairs(specs) do
  local row = {}
  for _, v in ipairs(values) do row[#row + 1] = "[" .. string.format(spec, v) .. "]" end
  print(spec, table.concat(row, " "))
end
print("%c", string.format("%c%c%c", 76, 117, 97), #string.format("%c", 0), string.format("%5c|%-3c|", 65, 66))
print("integral floats", string.format("%d %x %o", 3.0, 255.0, 8.0))
print("numeric strings", string.format("%d %x", "42", "0x10"))
print("negative hex wraps", string.format("%x", -1), string.format("%X", math.mininteger))
print("width 99", #string.format("%99d", 1))
print("precision 99", #string.format("%.99d", 1))
print("%% literal", string.format("100%% %d%%", 5))
print("%u (undocumented, accepted)", string.format("%u %u %5u|", 5, -1, 42))
