-- & | ~ << >> over a matrix of integer, integral-float and invalid operands (manual §3.4.2)
local operands = {0, 1, -1, 0xFF, 7, math.mininteger, math.maxinteger, 2.0, 63, 64, -64, 3.5, "1"}
local ops = {
  {"&", function(a, b) return a & b end},
  {"|", function(a, b) return a | b end},
  {"~", function(a, b) return a ~ b end},
  {"<<", function(a, b) return a << b end},
  {">>", function(a, b) return a >> b end},
}
local function name(v) return type(v) == "string" and string.format("%q", v) or tostring(v) end
for _, op in ipairs(ops) do
  for _, a in ipairs(operands) do
    local row = {}
    for _, b in ipairs(operands) do
      local ok, r = pcall(op[2], a, b)
      row[#row + 1] = ok and string.format("%x", r) or "E"
    end
    print(name(a) .. " " .. op[1], table.concat(row, " "))
  end
end
local unary = {}
for _, a in ipairs(operands) do
  local ok, r = pcall(function() return ~a end)
  unary[#unary + 1] = ok and string.format("%x", r) or "E"
end
print("~a", table.concat(unary, " "))
