-- + - * / // % ^ over infinities, NaN, signed zeros, ±1 and the integer limits (manual §3.4.1, IEEE 754)
local inf, nan = math.huge, 0 / 0
local vals = {inf, -inf, nan, 0.0, -0.0, 1, -1, 2.5, math.maxinteger, math.mininteger}
local names = {"inf", "-inf", "nan", "0.0", "-0.0", "1", "-1", "2.5", "maxint", "minint"}
local function f(ok, v)
  if not ok then return "E" end
  if v ~= v then return "nan" end
  if v == 0 then return (1 / v < 0) and "-0" or "0" end
  if math.type(v) == "integer" then
    if v == math.maxinteger then return "MAXI" elseif v == math.mininteger then return "MINI" end
    return tostring(v) .. "i"
  end
  return tostring(v)
end
for _, op in ipairs({"+", "-", "*", "/", "//", "%", "^"}) do
  local fn = load("local a, b = ... return a " .. op .. " b")
  for i, a in ipairs(vals) do
    local row = {}
    for _, b in ipairs(vals) do row[#row + 1] = f(pcall(fn, a, b)) end
    print(string.format("%-7s %-2s", names[i], op), table.concat(row, " "))
  end
end
