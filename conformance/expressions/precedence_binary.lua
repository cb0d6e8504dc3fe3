-- precedence and associativity of every pair of binary operators, checked against both parenthesisations (manual §3.4.8)
local ops = {"or", "and", "<", "==", "|", "~", "&", "<<", "..", "+", "-", "*", "/", "//", "%", "^"}
local function fmt(ok, v)
  if not ok then return "error" end
  if type(v) == "number" then
    if v ~= v then return "nan" end
    return tostring(v) .. (math.type(v) == "integer" and "i" or "f")
  end
  return type(v) == "string" and string.format("%q", v) or tostring(v)
end
local function eval(src)
  return fmt(pcall(load("return " .. src)))
end
for _, op1 in ipairs(ops) do
  for _, op2 in ipairs(ops) do
    local plain = string.format("6 %s 3 %s 2", op1, op2)
    local left = eval(string.format("(6 %s 3) %s 2", op1, op2))
    local right = eval(string.format("6 %s (3 %s 2)", op1, op2))
    local v = eval(plain)
    local which = (v == left and v == right) and "both" or v == left and "left" or v == right and "right" or "neither"
    print(plain, v, which)
  end
end
