-- how library functions take integer and number arguments: integers, integral and fractional floats, numeric strings (decimal, hex, with spaces), other strings, booleans, floats out of integer range (manual §6, §3.4.3)
-- Most functions are called by pcall directly, so a bad argument is named by its global name, without position; a few are called from a Lua function (named as called there, with its line).
local function show(v)
  if math.type(v) == "float" then return string.format("%.14g (float)", v) end
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end
local function result(ok, ...)
  if not ok then return "error: " .. tostring((...)) end
  local t = table.pack(...)
  for i = 1, t.n do t[i] = show(t[i]) end
  return table.concat(t, ", ")
end
local args = {
  {"2", 2}, {"2.0", 2.0}, {"2.5", 2.5}, {"-2.0", -2.0}, {"'2'", "2"}, {"'2.0'", "2.0"}, {"' 0x2 '", " 0x2 "},
  {"'2.5'", "2.5"}, {"'2e0'", "2e0"}, {"'two'", "two"}, {"true", true}, {"2^63", 2^63},
}
local calls = {
  {"string.sub('hello', X)", function(x) return pcall(string.sub, "hello", x) end},
  {"string.rep('ab', X)", function(x) return pcall(string.rep, "ab", x) end},
  {"string.byte('hello', X)", function(x) return pcall(string.byte, "hello", x) end},
  {"string.char(X)", function(x) return pcall(string.char, x) end},
  {"utf8.char(X)", function(x) return pcall(utf8.char, x) end},
  {"select(X, 'a', 'b', 'c')", function(x) return pcall(select, x, "a", "b", "c") end},
  {"table.unpack({10, 20, 30}, X)", function(x) return pcall(table.unpack, {10, 20, 30}, x) end},
  {"table.concat({1, 2, 3}, '-', X)", function(x) return pcall(table.concat, {1, 2, 3}, "-", x) end},
  {"string.format('%d', X)", function(x) return pcall(string.format, "%d", x) end},
  {"string.format('%5.1f', X)", function(x) return pcall(string.format, "%5.1f", x) end},
  {"math.floor(X)", function(x) return pcall(math.floor, x) end},
  {"math.max(X, 1)", function(x) return pcall(math.max, x, 1) end},
  {"math.tointeger(X)", function(x) return pcall(math.tointeger, x) end},
  {"math.abs(X)", function(x) return pcall(math.abs, x) end},
  {"utf8.codepoint('abc', X)", function(x) return pcall(utf8.codepoint, "abc", x) end},
  {"('x'):rep(X)", function(x) return pcall(function() return ("x"):rep(x) end) end},
  {"string.find('hello', 'l', X)", function(x) return pcall(string.find, "hello", "l", x) end},
  {"string.format('%x', X)", function(x) return pcall(string.format, "%x", x) end},
  {"math.fmod(X, 3)", function(x) return pcall(math.fmod, x, 3) end},
  {"math.type(X)", function(x) return pcall(math.type, x) end},
  {"utf8.offset('abc', X)", function(x) return pcall(utf8.offset, "abc", x) end},
  {"string.unpack('i4', string.pack('i4', X))", function(x) return pcall(function() return string.unpack("i4", string.pack("i4", x)) end) end},
  {"table.insert({1, 2, 3}, X, 'v')", function(x) return pcall(function() local t = {1, 2, 3} table.insert(t, x, "v") return table.concat(t, ",") end) end},
}
for _, c in ipairs(calls) do
  for _, a in ipairs(args) do
    print((c[1]:gsub("X", function() return a[1] end)), result(c[2](a[2])))
  end
end
