-- tostring on every kind of value: integers, floats, special floats, booleans, nil, strings (manual §6.1)
local values = {0, 1, -1, 42, math.maxinteger, math.mininteger, 0.0, -0.0, 1.0, -1.5, 0.1, 1 / 3,
  100.0, 1e15, 1e16, 1e100, 1e-5, 123.456, 2^53, 2^63, -2^63, 1e308, 5e-324, math.huge, -math.huge,
  3.14159265358979, 255 / 256, 1e14 + 0.5}
for _, v in ipairs(values) do
  print(string.format("%-24s", string.format("%q", v)), tostring(v), #tostring(v))
end
print("nan", tostring(0 / 0) == tostring(0 / 0), (tostring(0 / 0):find("nan")) ~= nil)
print("booleans", tostring(true), tostring(false))
print("nil", tostring(nil))
print("strings", tostring("abc"), tostring(""), tostring("1"))
print("returns a string", type(tostring(1)), type(tostring(nil)))
print("type prefixes", tostring({}):match("^table: ") ~= nil, tostring(print):match("^function: ") ~= nil,
  tostring(coroutine.create(print)):match("^thread: ") ~= nil, tostring(function() end):match("^function: ") ~= nil)
print("distinct tables have distinct strings", tostring({}) ~= tostring({}))
print("same table same string", (function() local t = {}; return tostring(t) == tostring(t) end)())
