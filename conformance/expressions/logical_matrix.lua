-- and, or, not over values of every type: which operand is returned (manual §3.4.5)
local values = {nil, false, true, 0, "", "x", {}}
local names = {"nil", "false", "true", "0", '""', '"x"', "{}"}
local function show(v, vals)
  for i = 1, #names do if rawequal(v, vals[i]) then return names[i] end end
  return tostring(v)
end
for i = 1, #names do
  local a = values[i]
  local ands, ors = {}, {}
  for j = 1, #names do
    local b = values[j]
    ands[#ands + 1] = show(a and b, values)
    ors[#ors + 1] = show(a or b, values)
  end
  print(string.format("%-6s", names[i]), "and: " .. table.concat(ands, " "), "| or: " .. table.concat(ors, " "), "| not: " .. tostring(not a))
end
