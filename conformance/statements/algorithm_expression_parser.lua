-- a recursive-descent parser and evaluator for arithmetic expressions, compared with Lua's own evaluation (manual §3.4)
local function parse(src)
  local pos = 1
  local function peek() return src:match("^%s*(%S)", pos) end
  local function take(p) local s, e = src:find("^%s*" .. p, pos) if s then local v = src:sub(s, e):match("%S.*") pos = e + 1 return v end end
  local expr
  local function atom()
    local n = take("%d+%.?%d*")
    if n then return tonumber(n) end
    if take("%(") then
      local v = expr()
      if not take("%)") then error("missing ) at " .. pos, 0) end
      return v
    end
    error("unexpected " .. tostring(peek()) .. " at " .. pos, 0)
  end
  local unary
  local function power() local b = atom() if take("%^") then return b ^ unary() end return b end
  -- unary minus binds less tightly than ^, as in Lua
  function unary() if take("%-") then return -unary() end return power() end
  local function term()
    local v = unary()
    while true do
      local op = take("//") or take("[%*/%%]")
      if not op then return v end
      local r = unary()
      if op == "*" then v = v * r elseif op == "/" then v = v / r elseif op == "//" then v = v // r else v = v % r end
    end
  end
  function expr()
    local v = term()
    while true do
      local op = take("[%+%-]")
      if not op then return v end
      local r = term()
      if op == "+" then v = v + r else v = v - r end
    end
  end
  local v = expr()
  if peek() then error("trailing " .. peek(), 0) end
  return v
end
local cases = {"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "7 // 2", "-7 // 2", "7 % -3", "7.5 // 2", "1 / 4 + 0.25",
  "10 - 4 - 3", "2 * (3 + 4) * 5", "100 // 7 % 3", "((((5))))", "3 - -3", "2 ^ -1", "1 + 2 +", "(1 + 2", "4 $ 4", "9 // 0.0", "0.1 + 0.2"}
for _, c in ipairs(cases) do
  local ok, v = pcall(parse, c)
  local lok, lv = pcall(load("return " .. c) or function() error("syntax", 0) end)
  local agree = ok and lok and (v == lv and math.type(v) == math.type(lv))
  print(string.format("%-18s", c), ok and tostring(v) or ("error: " .. v), agree and "agrees" or ("lua: " .. tostring(lv)))
end
