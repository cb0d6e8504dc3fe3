-- math.max, math.min, math.ult and < over pairs of integers, floats and limits (manual §6.7)
local values = {0, 1, -1, 0.5, -0.5, math.maxinteger, math.mininteger, 2^63, -2^63, math.huge, -math.huge, 1.0}
local function f(v) return tostring(v) .. (math.type(v) == "integer" and "i" or "f") end
for _, a in ipairs(values) do
  local maxs, mins, ults = {}, {}, {}
  for _, b in ipairs(values) do
    maxs[#maxs + 1] = f(math.max(a, b))
    mins[#mins + 1] = f(math.min(a, b))
    local ok, u = pcall(math.ult, a, b)
    ults[#ults + 1] = ok and (u and "1" or "0") or "E"
  end
  print(f(a), "ult:" .. table.concat(ults), "max:" .. table.concat(maxs, ","), "min:" .. table.concat(mins, ","))
end
