-- float arithmetic written with literal constants and with variables gives identical results, signed zeros included (manual §3.4)
local values = {"-2.5", "-1.0", "-0.0", "0.0", "0.5", "3.0", "1e308"}
local ops = {"+", "-", "*", "/", "//", "%", "^"}
local runtime = {}
for _, op in ipairs(ops) do runtime[op] = load("local a, b = ... return a " .. op .. " b") end
local function fmt(ok, v)
  if not ok then return "E" end
  if v ~= v then return "nan" end
  if v == 0 then return 1 / v < 0 and "-0" or "0" end
  return tostring(v)
end
for _, a in ipairs(values) do
  for _, b in ipairs(values) do
    local row, mismatch = {}, 0
    for _, op in ipairs(ops) do
      local c = fmt(pcall(load("return (" .. a .. ") " .. op .. " (" .. b .. ")")))
      local r = fmt(pcall(runtime[op], tonumber(a), tonumber(b)))
      if c ~= r then mismatch = mismatch + 1 end
      row[#row + 1] = c
    end
    print(string.format("%6s %6s", a, b), table.concat(row, " "), mismatch == 0 and "" or ("MISMATCH " .. mismatch))
  end
end
