-- widths and precisions (none, 0, 1, 2 digits, too many) for d, x, f, e, g and s conversions (manual §6.4)
local widths = {"", "1", "7", "12", "99", "100"}
local precs = {"", ".", ".0", ".3", ".12", ".99", ".100"}
local convs = {{"d", -42}, {"x", 3054}, {"f", 3.14159}, {"e", -0.000123}, {"g", 123456789.0}, {"s", "abcdef"}}
for _, c in ipairs(convs) do
  for _, w in ipairs(widths) do
    local row = {}
    for _, p in ipairs(precs) do
      local spec = "%" .. w .. p .. c[1]
      local ok, r = pcall(string.format, spec, c[2])
      if ok then
        if #r > 16 then r = #r .. "ch:" .. r:gsub("^%s+", "_"):sub(1, 10) .. "..." end
        row[#row + 1] = "[" .. r .. "]"
      else
        row[#row + 1] = "ERR"
      end
    end
    print(string.format("%%%s?%s", w, c[1]), table.concat(row, " "))
  end
end
