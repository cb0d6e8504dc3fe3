-- the unary operators -, ~, not and # over values of every type (manual §3.4)
local values = {0, 1, -1, 0.0, -0.0, 1.5, math.maxinteger, math.mininteger, 2^63, 1 / 0, "2", "2.5", "0x10", "abc", "", true, false, nil, {1, 2, 3}}
local names = {"0", "1", "-1", "0.0", "-0.0", "1.5", "maxint", "minint", "2^63", "inf", '"2"', '"2.5"', '"0x10"', '"abc"', '""', "true", "false", "nil", "{1,2,3}"}
local function fmt(ok, v)
  if not ok then return "error" end
  if type(v) == "number" then return tostring(v) .. (math.type(v) == "integer" and "i" or "f") end
  return tostring(v)
end
for i = 1, #names do
  local v = values[i]
  print(string.format("%-8s", names[i]),
    "-: " .. fmt(pcall(function() return -v end)),
    "~: " .. fmt(pcall(function() return ~v end)),
    "not: " .. fmt(pcall(function() return not v end)),
    "#: " .. fmt(pcall(function() return #v end)))
end
