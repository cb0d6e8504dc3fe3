-- floor, ceil, tointeger, modf, abs and fmod by 3 over a list of numbers (manual §6.7)
local values = {0, 1, -1, 7, -7, 0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 7.9, -7.9, 1e15 + 0.5, 2^52 + 0.5,
  2^53, 2^62, 2^63, -2^63, math.maxinteger, math.mininteger, 1 / 0, -1 / 0, 1e-300, -1e-300}
local function f(v) if v ~= v then return "nan" end return tostring(v) .. (math.type(v) == "integer" and "i" or "f") end
for _, v in ipairs(values) do
  local ip, fp = math.modf(v)
  local ok, fm = pcall(math.fmod, v, 3)
  print(string.format("%-24s", string.format("%q", v)), "floor " .. f(math.floor(v)), "ceil " .. f(math.ceil(v)),
    "toint " .. tostring(math.tointeger(v)), "modf " .. f(ip) .. "," .. f(fp), "abs " .. f(math.abs(v)),
    "fmod3 " .. (ok and f(fm) or "error"))
end
