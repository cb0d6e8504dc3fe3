-- < and <= over a matrix of integers, floats and their edge values (manual §3.4.4)
local maxi, mini = math.maxinteger, math.mininteger
local vals = {mini, -2^63, -1, -0.5, -0.0, 0, 0.5, 1, 2^53, (1 << 53) + 1, maxi, 2^63, math.huge, 0 / 0}
local function name(v)
  if v ~= v then return "nan" end
  return tostring(v) .. (math.type(v) == "integer" and "i" or "f")
end
for _, a in ipairs(vals) do
  local lt, le, eq = {}, {}, {}
  for _, b in ipairs(vals) do
    lt[#lt + 1] = a < b and "1" or "0"
    le[#le + 1] = a <= b and "1" or "0"
    eq[#eq + 1] = a == b and "1" or "0"
  end
  print(name(a), "< " .. table.concat(lt), "<= " .. table.concat(le), "== " .. table.concat(eq))
end
