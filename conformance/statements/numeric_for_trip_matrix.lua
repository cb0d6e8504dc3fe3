-- numeric for over a matrix of start, limit and step values: iteration count, first and last values and subtype (manual §3.3.5)
local starts = {0, 1, -1, 2.5, math.maxinteger - 1, math.mininteger + 1}
local limits = {3, -3, 2.9, 0.5, math.maxinteger, math.mininteger, 1 / 0}
local steps = {1, -1, 2, 0.5, -2.5, math.maxinteger}
local function run(a, b, c)
  local n, first, last = 0, nil, nil
  for i = a, b, c do
    n = n + 1
    if n == 1 then first = i end
    last = i
    if n >= 5 then break end
  end
  local kind = first and math.type(first):sub(1, 1) or "-"
  return string.format("%d%s%s", n, n >= 5 and "+" or "", n > 0 and (":" .. tostring(first) .. ".." .. tostring(last) .. kind) or "")
end
for _, a in ipairs(starts) do
  for _, c in ipairs(steps) do
    local row = {}
    for _, b in ipairs(limits) do row[#row + 1] = run(a, b, c) end
    print("from " .. tostring(a) .. " step " .. tostring(c), table.concat(row, "  "))
  end
end
