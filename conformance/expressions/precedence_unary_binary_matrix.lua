-- each unary operator in front of each binary operator: "u a op b" equals "(u a) op b" or "u (a op b)" (manual §3.4.8)
local unary = {"-", "not ", "~", "#"}
local binary = {"or", "and", "<", "==", "|", "~", "&", "<<", "..", "+", "-", "*", "/", "//", "%", "^"}
local function fmt(ok, v)
  if not ok then return "error" end
  if type(v) == "number" then return tostring(v) .. (math.type(v) == "integer" and "i" or "f") end
  return type(v) == "string" and string.format("%q", v) or tostring(v)
end
local function eval(src) return fmt(pcall(load("local s = 'abc' return " .. src))) end
for _, u in ipairs(unary) do
  for _, b in ipairs(binary) do
    local operand = u == "#" and "s" or "3"
    local plain = string.format("%s%s %s 2", u, operand, b)
    local left = eval(string.format("(%s%s) %s 2", u, operand, b))
    local right = eval(string.format("%s(%s %s 2)", u, operand, b))
    local v = eval(plain)
    local which = (v == left and v == right) and "both" or v == left and "unary first" or v == right and "binary first" or "neither"
    print(string.format("%-12s", plain), v, which)
  end
end
