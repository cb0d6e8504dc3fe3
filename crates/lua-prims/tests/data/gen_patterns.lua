-- Generates patterns.txt from native Lua 5.4.9:  lua5.4.9 gen_patterns.lua > patterns.txt
-- Lines (tab-separated; bytes outside printable ASCII and '\' as \xHH; values as s:<string>,
-- i:<integer>, nil, or E:<error message>):
--   F <subject> <pattern> <init> <plain> <results...>   string.find
--   M <subject> <pattern> <init> <results...>           string.match
--   G <subject> <pattern> <init> <results of each iteration, ';'-joined...>   string.gmatch
--   S <subject> <pattern> <replacement> <max> <result> <count>   string.gsub (string replacement)
math.randomseed(99)
local R = math.random

local function esc(s)
  return (s:gsub("[\0-\31\92\127-\255;]", function(c) return string.format("\\x%02x", c:byte()) end))
end
local function enc(v)
  if v == nil then return "nil" end
  if type(v) == "number" then return "i:" .. v end
  return "s:" .. esc(v)
end
local function encall(ok, ...)
  if not ok then return "E:" .. esc(tostring((...))) end
  local t = {}
  for i = 1, select("#", ...) do t[i] = enc((select(i, ...))) end
  if #t == 0 then return "none" end
  return table.concat(t, "\t")
end

local cases = {
  {"hello world", "o"}, {"hello world", "l+"}, {"hello world", "^h"}, {"hello world", "^e"},
  {"hello world", "d$"}, {"hello world", "(o)(r)"}, {"hello world", "()ll()"}, {"hello", ""},
  {"", ""}, {"", "a*"}, {"abc", "b*"}, {"THE (quick) fox", "%((%a+)%)"}, {"f(a(b)c)d", "%b()"},
  {"THE (quick) fox", "%f[%a]%a+"}, {"key = value", "(%w+)%s*=%s*(%w+)"}, {"aaa", "a-b"},
  {"aaab", "a-b"}, {"aaa", "^a-$"}, {"x = 1, y = 2", "(%w+) = (%w+)"}, {"abcabc", "(abc)%1"},
  {"a.b", "%."}, {"a+b", "a+b"}, {"a+b", "a%+b"}, {"[]", "[]]"}, {"a]b", "[]]"}, {"a^b", "[%^]"},
  {"a-b", "[a%-]+"}, {"\0a\0", "%z"}, {"\0a\0", "[%z]"}, {"a\0b", "a\0b"}, {"a\0b", "%Z+"},
  {"  trim  ", "^%s*(.-)%s*$"}, {"2024-06-07", "(%d+)-(%d+)-(%d+)"}, {"abc", ".-"}, {"abc", "()"},
  {"äöü", "[\128-\255]+"}, {"x\ty\vz", "%s"}, {"AbC", "%u%l%u"}, {"0x1F", "%x+"}, {"a,b;c", "%p"},
  {"abc", "[^b]+"}, {"abc", "[a-b]+"}, {"a-z", "[a-]"}, {"a-z", "[-a]+"}, {"abc", "[%a-z]"},
  {"hello", "(h)(e)(l)(l)(o)"}, {"hello", "((h)(e))"}, {"aaa", "(a*(.))"}, {"abc", "$"}, {"a$b", "$b"},
  {"a$b", "a$"}, {"abc", "^"}, {"^a", "^^a"}, {"foo.bar", "[.]"}, {"THE END", "%f[%l]"}, {"x", "%f[x]"},
  {"x", "%f[^x]"}, {"ab", "%f[%z]"}, {"ab", "%f[^%z]"},
}
local errors = {"[a", "[a-", "[", "%", "a%", "(()", "a)", "%1", "(a)%2", "(a%1)", "%b", "%ba", "%f",
  "%fa", "%f[a", "(", ")", "%g%", "[%", "[%a", "(a)(b)%3", "%0", "[^", "[]", "[^]"}
local subjects = {"", "a", "abc", "aaa", "a(b)c", "hello world", "x1y2z3"}
for _, p in ipairs(errors) do
  for _, s in ipairs(subjects) do cases[#cases + 1] = {s, p} end
end
cases[#cases + 1] = {"a", string.rep("(", 33) .. "a" .. string.rep(")", 33)}
cases[#cases + 1] = {"a", string.rep("(", 32) .. "a" .. string.rep(")", 32)}
cases[#cases + 1] = {"a", string.rep("()", 40)}
cases[#cases + 1] = {string.rep("a", 300), string.rep("a?", 300)}
cases[#cases + 1] = {string.rep("a", 150), string.rep("a?", 150)}
cases[#cases + 1] = {string.rep("a", 199), string.rep("a?", 199)}
cases[#cases + 1] = {string.rep("a", 198), string.rep("a?", 198)}
cases[#cases + 1] = {string.rep("a", 300), string.rep(".-", 250)}
cases[#cases + 1] = {string.rep("a", 300), string.rep("a*", 210) .. "b"}
cases[#cases + 1] = {string.rep("a", 2500), ".-b"}
cases[#cases + 1] = {string.rep("a", 2500), "(.*)b"}
cases[#cases + 1] = {string.rep("(", 300) .. string.rep(")", 300), "%b()"}
cases[#cases + 1] = {string.rep("ab", 250), string.rep("(ab)", 20)}

-- random patterns over a small alphabet
local atoms = {"a", "b", "c", ".", "%a", "%d", "%s", "%w", "%p", "%l", "%u", "%x", "%A", "%D", "%S",
  "[abc]", "[^a]", "[a-c]", "[%d_]", "[]]", "[^]a]", "%b()", "%f[%w]", "%f[%W]", "%(", "%)", "1", " ",
  "%.", "[%a%d]", "[b-]"}
local quants = {"", "", "", "*", "+", "-", "?"}
local function randpattern(depth)
  local t = {}
  if R(5) == 1 then t[#t + 1] = "^" end
  local ncap = 0
  for _ = 1, R(1, 5) do
    local k = R(12)
    if k == 1 and depth < 2 then
      t[#t + 1] = "(" .. randpattern(depth + 1):gsub("^%^", "") .. ")"
      ncap = ncap + 1
    elseif k == 2 then
      t[#t + 1] = "()"
      ncap = ncap + 1
    elseif k == 3 and ncap > 0 and depth == 0 then
      t[#t + 1] = "%" .. R(ncap)
    else
      local a = atoms[R(#atoms)]
      if a:sub(1, 2) == "%b" or a:sub(1, 2) == "%f" then t[#t + 1] = a
      else t[#t + 1] = a .. quants[R(#quants)] end
    end
  end
  if R(5) == 1 then t[#t + 1] = "$" end
  return table.concat(t)
end
local alphabet = "abc abc1(2)_.X\n"
local function randsubject()
  local t = {}
  for i = 1, R(0, 14) do local k = R(#alphabet); t[i] = alphabet:sub(k, k) end
  return table.concat(t)
end
for _ = 1, 1500 do cases[#cases + 1] = {randsubject(), randpattern(0)} end

local inits = {1, 1, 1, 2, -1, -3, 0, 5, 100, -100}
for _, c in ipairs(cases) do
  local s, p = c[1], c[2]
  local init = inits[R(#inits)]
  print("F", esc(s), esc(p), init, "0", encall(pcall(string.find, s, p, init)))
  if R(4) == 1 then print("F", esc(s), esc(p), init, "1", encall(pcall(string.find, s, p, init, true))) end
  print("M", esc(s), esc(p), init, encall(pcall(string.match, s, p, init)))
  local ok, it = pcall(string.gmatch, s, p, init)
  local results = {}
  if ok then
    for _ = 1, 60 do
      local res = table.pack(pcall(it))
      if not res[1] then results[#results + 1] = "E:" .. esc(tostring(res[2])) break end
      if res[2] == nil then break end
      results[#results + 1] = encall(table.unpack(res, 1, res.n))
    end
  end
  print("G", esc(s), esc(p), init, table.concat(results, ";"))
  local repls = {"<%0>", "%1", "[%2%1]", "%%", "x", "", "%", "%a", "%9", "()"}
  local repl = repls[R(#repls)]
  local max = R(3) == 1 and R(0, 3) or nil
  print("S", esc(s), esc(p), esc(repl), max or "nil", encall(pcall(string.gsub, s, p, repl, max)))
end
