-- / (always float) on every pair of integer, float and numeric-string operands, with result subtypes (manual §3.4.1, §3.4.3)
local function fmt(v)
  if type(v) == "string" then return string.format("%q", v) end
  if v ~= v then return "nan" end
  return tostring(v) .. (math.type(v) == "integer" and "i" or "f")
end
local operands = {3, -3, 2.0, -0.5, 0, -0.0, 1/0, "4", "0.5"}
local ops = {
  {"/", function(a, b) return a / b end},
}
local header = {}
for _, b in ipairs(operands) do header[#header + 1] = fmt(b) end
print("b:", table.concat(header, " "))
for _, op in ipairs(ops) do
  for _, a in ipairs(operands) do
    local row = {}
    for _, b in ipairs(operands) do
      local ok, r = pcall(op[2], a, b)
      row[#row + 1] = ok and fmt(r) or "ERR"
    end
    print(fmt(a) .. " " .. op[1], table.concat(row, " "))
  end
end
