-- math.floor, math.ceil, math.abs: integer results when representable, floats otherwise (manual §6.7)
local function show(label, v) print(label, v, math.type(v)) end
for _, x in ipairs({3, -3, 3.0, 3.7, -3.7, 0.5, -0.5, -0.0, 2^53 + 0.0, 2^62, 2^63, -2^63, -2^63 - 4096, 1e100, math.maxinteger, math.mininteger}) do
  print(string.format("%-22s", string.format("%q", x)), "floor", math.floor(x), math.type(math.floor(x)), "ceil", math.ceil(x), math.type(math.ceil(x)))
end
show("floor inf", math.floor(math.huge))
show("ceil -inf", math.ceil(-math.huge))
print("floor nan is nan", math.floor(0 / 0) ~= math.floor(0 / 0))
show("floor string", math.floor("3.7"))
show("ceil string int", math.ceil("5"))
print("floor error", pcall(math.floor, "x"))
show("abs int", math.abs(-5))
show("abs float", math.abs(-5.5))
show("abs -0.0", math.abs(-0.0))
show("abs minint", math.abs(math.mininteger))
show("abs maxint", math.abs(-math.maxinteger))
show("abs inf", math.abs(-math.huge))
show("abs string", math.abs("-3"))
print("abs nan", math.abs(0 / 0) ~= math.abs(0 / 0))
