-- + - * // % near the integer limits with integer and float partners: wrap versus float rounding (manual §3.4.1)
local maxi, mini = math.maxinteger, math.mininteger
local lefts = {maxi, mini, maxi - 1, mini + 1, 1 << 53, (1 << 53) + 1, 1 << 62}
local rights = {1, -1, 2, 1.0, -1.0, 0.5, 2^63, maxi, mini}
local function fmt(v) return (v ~= v) and "nan" or (tostring(v) .. (math.type(v) == "integer" and "i" or "f")) end
for _, a in ipairs(lefts) do
  for _, b in ipairs(rights) do
    local r = {}
    for _, op in ipairs({"+", "-", "*", "//", "%"}) do
      local ok, v = pcall(load("local a, b = ... return a " .. op .. " b"), a, b)
      r[#r + 1] = ok and fmt(v) or "error"
    end
    print(fmt(a), fmt(b), table.concat(r, " "))
  end
end
