-- float numeric for: float init or step makes a float loop, values accumulate by addition (manual §3.3.5)
local function trace(a, b, c)
  local out = {}
  for i = a, b, c or 1 do
    local shown = i ~= i and "nan" or tostring(i)
    out[#out + 1] = string.format("%s(%s)", shown, math.type(i):sub(1, 1))
    if #out > 12 then out[#out + 1] = "..."; break end
  end
  return #out .. ": " .. table.concat(out, " ")
end
print("float init", trace(1.0, 3))
print("float step", trace(1, 3, 1.0))
print("float limit only", trace(1, 3.0))
print("half steps", trace(0, 2, 0.5))
print("negative half steps", trace(1, -1, -0.5))
print("float init fraction", trace(0.5, 3))
print("limit exactly reached", trace(0.25, 1, 0.25))
-- 0.1 accumulates rounding error: the loop stops before 1.0 is reached exactly
local count, last = 0, nil
for x = 0, 1, 0.1 do count = count + 1; last = x end
print("0.1 steps count", count, string.format("%.17g", last))
count = 0
for x = 1, 0, -0.1 do count = count + 1; last = x end
print("-0.1 steps count", count, string.format("%.17g", last))
print("huge float limit", trace(1.0, math.huge, 2^62))
print("empty float", trace(2.0, 1))
print("float step zero sign", trace(-0.0, 0.0))
print("inf init", trace(math.huge, math.huge))
print("inf init step", trace(1.0, 5, math.huge))
print("-inf init", trace(-math.huge, -math.huge, -1))
print("nan init", trace(0 / 0, 10))
print("nan step", pcall(trace, 1, 10, 0 / 0))
print("large float init", trace(2^53, 2^53 + 3))
-- numeric strings are converted to numbers (always floats) by the loop preparation
print("string init", trace("1", 2))
print("string limit", trace(1, "2"))
print("string step", trace(1, 2, "1"))
print("string hex", trace("0x10", 17))
print("bad string init", pcall(trace, "one", 2))
-- the float loop variable is also a fresh copy
local fs = {}
for x = 0.5, 1.5 do fs[#fs + 1] = function() return x end end
print("float closures", fs[1](), fs[2]())
