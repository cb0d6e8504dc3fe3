-- table constructors: positional, named, bracketed keys, separators, multiple results (manual §3.4.9)
local function three() return 1, 2, 3 end
local function none() end
local function dump(t, n)
  local out = {}
  for i = 1, n do out[#out + 1] = tostring(t[i]) end
  return table.concat(out, " ")
end
print("positional", dump({10, 20, 30}, 3))
print("named", ({x = 1, y = 2}).x, ({x = 1, y = 2}).y)
print("bracketed", ({["a b"] = 1, [10] = 2, [true] = 3})["a b"], ({[10] = 2})[10], ({[true] = 3})[true])
print("mixed order", dump({1, x = "x", 2, [30] = "t", 3}, 3))
print("semicolons", dump({1; 2; 3}, 3))
print("trailing comma", dump({1, 2,}, 2), dump({1; 2;}, 2))
print("call expands at end", dump({three()}, 4))
print("call truncated in middle", dump({three(), three()}, 5))
print("parens truncate", dump({(three())}, 3))
print("call with key after", dump({three(), x = 1}, 4))
print("named call not expanded", dump({x = three()}, 1), ({x = three()}).x)
print("empty call at end", dump({1, none()}, 2))
print("empty call in middle", dump({none(), 2}, 2))
print("nil values", dump({nil, 2, nil}, 3))
print("varargs expand", dump((function(...) return {...} end)(1, nil, 3), 3))
print("varargs in middle", dump((function(...) return {..., "end"} end)(1, 2, 3), 3))
print("nested", ({{1, 2}, {3, 4}})[2][1])
print("expression keys", ({[1 + 1] = "two", ["a" .. "b"] = "ab"})[2], ({["a" .. "b"] = "ab"}).ab)
print("float key normalised", ({[2.0] = "two"})[2], math.type(next({[2.0] = 1})))
print("nil key error", pcall(function() return {[nil] = 1} end))
print("nan key error", pcall(function() return {[0 / 0] = 1} end))
print("nil value is fine", next({x = nil}))
-- (the order of assignments with repeated keys is unspecified, so no program here relies on it)
local big = {}
for i = 1, 60 do big[i] = "v" .. i end
local src = "return {" .. table.concat(big, ",", 1, 60):gsub("v(%d+)", "%1") .. "}"
local bt = load(src)()
print("60 positional items", #bt, bt[1], bt[50], bt[60])
print("constructor with 300 items", #load("return {" .. string.rep("1,", 300) .. "}")())
