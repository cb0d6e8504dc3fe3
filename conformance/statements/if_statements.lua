-- if/elseif/else and the truthiness of values (manual §3.3.4)
local function truth(v)
  if v then return "true" else return "false" end
end
print("nil", truth(nil))
print("false", truth(false))
print("true", truth(true))
print("0", truth(0))
print("0.0", truth(0.0))
print("-0.0", truth(-0.0))
print("empty string", truth(""))
print("nan", truth(0 / 0))
print("table", truth({}))
print("function", truth(print))
local function classify(n)
  if n < 0 then
    return "negative"
  elseif n == 0 then
    return "zero"
  elseif n < 10 then
    return "small"
  elseif n < 100 then
    return "medium"
  else
    return "large"
  end
end
for _, n in ipairs({-5, 0, 3, 42, 1000}) do print("classify", n, classify(n)) end
local r = {}
if false then r[#r + 1] = "a" end
if nil then r[#r + 1] = "b" else r[#r + 1] = "c" end
if 1 then if false then r[#r + 1] = "d" elseif true then r[#r + 1] = "e" end end
print("nested", table.concat(r, ","))
-- the condition is evaluated once
local calls = 0
local function cond() calls = calls + 1; return false end
if cond() then elseif cond() then elseif cond() then else end
print("conditions evaluated", calls)
if not nil then print("not nil") end
if 1 == 1.0 then print("1 == 1.0 is true") end
if "1" == 1 then print("bad") else print("string 1 ~= number 1") end
