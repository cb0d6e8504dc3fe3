-- for every binary event, which metamethod runs (first operand's, else second's) and with which arguments (manual §2.4)
local events = {"add", "sub", "mul", "div", "mod", "pow", "idiv", "band", "bor", "bxor", "shl", "shr", "concat"}
local symbols = {add = "+", sub = "-", mul = "*", div = "/", mod = "%", pow = "^", idiv = "//", band = "&", bor = "|", bxor = "~", shl = "<<", shr = ">>", concat = ".."}
local function d(v)
  if type(v) == "table" then return v.name end
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end
local function maker(tag)
  local mt = {}
  for _, e in ipairs(events) do mt["__" .. e] = function(a, b) return tag .. "(" .. d(a) .. "," .. d(b) .. ")" end end
  return mt
end
local T = setmetatable({name = "T"}, maker("T"))
local U = setmetatable({name = "U"}, maker("U"))
local P = {name = "P"}
local pairs_ = {{T, 2}, {2, T}, {T, U}, {U, T}, {P, T}, {T, "s"}, {"s", T}, {T, 2.5}, {T, nil}}
for _, e in ipairs(events) do
  local f = load("local a, b = ... return a " .. symbols[e] .. " b")
  local row = {}
  for _, p in ipairs(pairs_) do
    local ok, r = pcall(f, p[1], p[2])
    row[#row + 1] = ok and tostring(r) or "error"
  end
  print(e, table.concat(row, " "))
end
