-- Generates utf8.txt from native Lua 5.4.9:  lua5.4.9 gen_utf8.lua > utf8.txt
-- Values: i:<integer>, s:<string>, nil; errors E:<message> (function name replaced by '?').
-- Lines: <function> <args...> -> <results...>
math.randomseed(3)
local R = math.random
local function esc(s)
  return (s:gsub("[\0-\31\92\127-\255]", function(c) return string.format("\\x%02x", c:byte()) end))
end
local function enc(v)
  if v == nil then return "nil" end
  if type(v) == "boolean" then return v and "true" or "false" end
  if math.type(v) == "integer" then return "i:" .. v end
  return "s:" .. esc(v)
end
local function encall(ok, ...)
  if not ok then return "E:" .. esc((tostring((...)):gsub("to '[%w%.]+'", "to '?'"))) end
  local t = {}
  for i = 1, select("#", ...) do t[i] = enc((select(i, ...))) end
  if #t == 0 then return "none" end
  return table.concat(t, "\t")
end
local function line(name, args, ...)
  local t = {}
  for i = 1, #args do t[i] = enc(args[i]) end
  print(name, table.concat(t, " "), "->", encall(...))
end

local codes = {0, 1, 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x10ffff, 0x110000, 0xd800, 0xdfff,
  0x1fffff, 0x200000, 0x3ffffff, 0x4000000, 0x7fffffff, 0x80000000, -1, math.mininteger}
for _, c in ipairs(codes) do line("char", {c}, pcall(utf8.char, c)) end

local strs = {"", "abc", "héllo", "日本語", "\u{10FFFF}", "\u{7FFFFFFF}", "\u{D800}", "\xC0\x80", "\xE0\x80\x80",
  "\xF0\x80\x80\x80", "\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80", "\xFE", "\xFF", "\x80", "a\x80",
  "\xC2", "\xC2\x41", "\xE2\x82", "\xF4\x90\x80\x80", "\xED\xA0\x80", "\xEF\xBF\xBF", "ab\0cd", "\xC3\xA9\x80",
  "\xE6\x97\xA5\xE6\x9C\xAC", "\xF0\x9F\x98\x80x"}
for _ = 1, 60 do
  local t = {}
  for i = 1, R(1, 8) do t[i] = string.char(R(0, 255)) end
  strs[#strs + 1] = table.concat(t)
end
for _ = 1, 40 do
  local t = {}
  for i = 1, R(1, 5) do t[i] = utf8.char(R(0, 0x10FFFF)) end
  strs[#strs + 1] = table.concat(t)
end
local poss = {nil, 1, 2, 3, -1, -2, 0, 5, 20, -20}
for _, s in ipairs(strs) do
  line("len", {s}, pcall(utf8.len, s))
  line("len", {s, nil, nil, true}, pcall(utf8.len, s, nil, nil, true))
  for _ = 1, 3 do
    local i, j = poss[R(10)], poss[R(10)]
    line("len", {s, i or 1, j or -1}, pcall(utf8.len, s, i or 1, j or -1))
    line("codepoint", {s, i or 1, j or (i or 1)}, pcall(utf8.codepoint, s, i or 1, j or (i or 1)))
    line("codepoint", {s, i or 1, j or (i or 1), true}, pcall(utf8.codepoint, s, i or 1, j or (i or 1), true))
  end
  line("codepoint", {s, 1, -1}, pcall(utf8.codepoint, s, 1, -1))
  for _, n in ipairs{0, 1, 2, 3, -1, -2, 5} do
    line("offset", {s, n}, pcall(utf8.offset, s, n))
    local i = poss[R(10)] or 1
    line("offset", {s, n, i}, pcall(utf8.offset, s, n, i))
  end
  for _, lax in ipairs{false, true} do
    local out = {}
    local ok, e = pcall(function()
      for p, c in utf8.codes(s, lax) do out[#out + 1] = enc(p) .. " " .. enc(c) end
    end)
    if not ok then out[#out + 1] = "E:" .. esc((tostring(e):gsub("to '[%w%.]+'", "to '?'"):gsub("^gen_utf8.lua:%d+: ", ""))) end
    print("codes", enc(s) .. " " .. tostring(lax), "->", table.concat(out, ";"))
  end
end
