-- error messages of every binary operator applied to a number and each non-number type, in both orders (manual §2.3)
local others = {
  {"nil", nil}, {"boolean", true}, {"table", {}}, {"function", print}, {"string", "x"}, {"numeric string", "10"},
}
local ops = {"+", "-", "*", "/", "%", "^", "//", "&", "|", "~", "<<", ">>", "..", "<", "<="}
for _, op in ipairs(ops) do
  local f = load("local a, b = ... return a " .. op .. " b", "=m")
  for _, o in ipairs(others) do
    local ok1, r1 = pcall(f, 1, o[2])
    local ok2, r2 = pcall(f, o[2], 1)
    print(op, o[1], ok1 and ("ok " .. tostring(r1)) or r1, "|", ok2 and ("ok " .. tostring(r2)) or r2)
  end
end
