-- .. over pairs of strings, integers, floats and invalid operands (manual §3.4.6)
local operands = {"s", "", 1, -1, 1.0, 0.5, -0.0, 1e100, math.mininteger, 2^63, math.huge, true, nil, {}}
local names = {'"s"', '""', "1", "-1", "1.0", "0.5", "-0.0", "1e100", "minint", "2^63", "inf", "true", "nil", "{}"}
for i = 1, #names do
  local row = {}
  for j = 1, #names do
    local ok, r = pcall(function() return operands[i] .. operands[j] end)
    row[#row + 1] = ok and string.format("%q", r) or "E"
  end
  print(string.format("%-7s", names[i]), table.concat(row, " "))
end
