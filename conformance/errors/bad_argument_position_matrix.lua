-- a wrong type in each argument position of multi-argument library functions, called from Lua code (manual §6)
local calls = {
  {"string.sub", function(a, b, c) return string.sub(a, b, c) end, {"abc", 1, 2}},
  {"string.rep", function(a, b, c) return string.rep(a, b, c) end, {"ab", 2, ","}},
  {"string.find", function(a, b, c, d) return string.find(a, b, c, d) end, {"abc", "b", 1, true}},
  {"string.gsub", function(a, b, c, d) return string.gsub(a, b, c, d) end, {"abc", "b", "x", 1}},
  {"string.byte", function(a, b, c) return string.byte(a, b, c) end, {"abc", 1, 2}},
  {"string.format", function(a, b, c) return string.format(a, b, c) end, {"%d %s", 1, "x"}},
  {"table.concat", function(a, b, c, d) return table.concat(a, b, c, d) end, {{"a", "b"}, ",", 1, 2}},
  {"table.insert", function(a, b, c) return table.insert(a, b, c) end, {{1}, 1, "v"}},
  {"table.move", function(a, b, c, d, e) return table.move(a, b, c, d, e) end, {{1, 2}, 1, 2, 1, {}}},
  {"table.unpack", function(a, b, c) return table.unpack(a, b, c) end, {{1, 2}, 1, 2}},
  {"math.fmod", function(a, b) return math.fmod(a, b) end, {7, 3}},
  {"math.random", function(a, b) return math.random(a, b) end, {1, 2}},
  {"utf8.codepoint", function(a, b, c) return utf8.codepoint(a, b, c) end, {"abc", 1, 2}},
  {"utf8.offset", function(a, b, c) return utf8.offset(a, b, c) end, {"abc", 1, 1}},
  {"select", function(a, b) return select(a, b) end, {1, "x"}},
  {"setmetatable", function(a, b) return setmetatable(a, b) end, {{}, {}}},
  {"rawset", function(a, b, c) return rawset(a, b, c) end, {{}, "k", "v"}},
  {"tonumber", function(a, b) return tonumber(a, b) end, {"10", 16}},
  {"load", function(a, b, c, d) return (load(a, b, c, d)) end, {"return 1", "=n", "t", {}}}, -- parenthesised, so not a tail call: native's load is a Lua wrapper, which cannot give its own errors the position of a caller that tail-called it
}
local bad = {true, {}}
for _, c in ipairs(calls) do
  for pos = 1, #c[3] do
    for _, b in ipairs(bad) do
      local args = {table.unpack(c[3])}
      args[pos] = b
      local ok, err = pcall(c[2], table.unpack(args, 1, #c[3]))
      print(c[1], "arg " .. pos .. "=" .. type(b), ok and "ok" or err)
    end
  end
end
