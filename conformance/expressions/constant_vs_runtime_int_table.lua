-- small-integer arithmetic computed from constants (which the compiler may fold) and from runtime values must agree (manual §3.4)
local ops = {"+", "-", "*", "//", "%", "/", "^", "&", "|", "~", "<<", ">>"}
local folded, runtime = {}, {}
for _, op in ipairs(ops) do
  runtime[op] = load("local a, b = ... return a " .. op .. " b")
end
local function fmt(ok, v)
  if not ok then
    if v:find("divide by zero") then return "E:div0" end
    if v:find("n%%0") then return "E:mod0" end
    return "E"
  end
  if v ~= v then return "nan" end
  return tostring(v) .. (math.type(v) == "integer" and "" or "f")
end
for a = -5, 5 do
  for b = -3, 3 do
    local row, mismatch = {}, 0
    for _, op in ipairs(ops) do
      local src = string.format("return (%d) %s (%d)", a, op, b)
      local c = fmt(pcall(load(src)))
      local r = fmt(pcall(runtime[op], a, b))
      if c ~= r then mismatch = mismatch + 1 end
      row[#row + 1] = c
    end
    print(string.format("%3d %3d", a, b), table.concat(row, " "), mismatch == 0 and "" or ("MISMATCH " .. mismatch))
  end
end
