-- == over values of every type, including int/float pairs, NaN and references (manual §3.4.4)
local t, f, co = {}, function() end, coroutine.create(function() end)
local values = {nil, false, true, 0, 0.0, -0.0, 1, 1.0, 1.5, "1", "", "a", t, {}, f, print, co, 0 / 0, math.huge, 2^53, 1 << 53}
local names = {"nil", "false", "true", "0", "0.0", "-0.0", "1", "1.0", "1.5", '"1"', '""', '"a"', "t", "{}", "f", "print", "co", "nan", "inf", "2^53", "1<<53"}
local n = #names
for i = 1, n do
  local row = {}
  for j = 1, n do row[j] = values[i] == values[j] and "1" or "." end
  print(string.format("%-6s", names[i]), table.concat(row))
end
