-- Generates pack.txt from native Lua 5.4.9:  lua5.4.9 gen_pack.lua > pack.txt
-- Values: i:<integer>, f:<float bits>, s:<string>, nil; errors E:<message> with the
-- function name replaced by '?'. Lines (tab-separated):
--   P <format> <args...> -> <result string or error>
--   U <format> <data> <init> -> <results...>
--   Z <format> -> <packsize or error>
math.randomseed(5)
local R = math.random

local function esc(s)
  return (s:gsub("[\0-\31\92\127-\255]", function(c) return string.format("\\x%02x", c:byte()) end))
end
local function enc(v)
  if v == nil then return "nil" end
  if math.type(v) == "integer" then return "i:" .. v end
  if math.type(v) == "float" then return "f:" .. string.unpack("<i8", string.pack("<d", v)) end
  return "s:" .. esc(v)
end
local function err(e) return "E:" .. esc((tostring(e):gsub("to '[%w%.]+'", "to '?'"))) end
local function encall(ok, ...)
  if not ok then return err((...)) end
  local t = {}
  for i = 1, select("#", ...) do t[i] = enc((select(i, ...))) end
  return table.concat(t, "\t")
end

-- (format, args) pairs
local cases = {
  {"b", {127}}, {"b", {128}}, {"b", {-128}}, {"b", {-129}}, {"B", {255}}, {"B", {256}}, {"B", {-1}},
  {"h", {32767}}, {"h", {-32769}}, {"H", {65535}}, {">h", {258}}, {"<h", {258}}, {"=h", {258}},
  {"i", {2^31 - 1}}, {"i", {2^31}}, {"i3", {2^23 - 1}}, {"i3", {2^23}}, {"I3", {2^24 - 1}}, {"I3", {2^24}},
  {"j", {math.mininteger}}, {"J", {-1}}, {"i16", {-2}}, {"i16", {math.maxinteger}}, {">i16", {-2}},
  {"I16", {-1}}, {"i9", {-1}}, {"i17", {1}}, {"i0", {1}}, {"I0", {1}}, {"l", {3}}, {"L", {3}}, {"T", {3}},
  {"f", {1.5}}, {"f", {1e300}}, {"f", {0.1}}, {"d", {0.1}}, {">d", {0.1}}, {"n", {math.pi}}, {"f", {3}},
  {"d", {3}}, {"i", {3.0}}, {"i", {3.5}}, {"i", {"12"}}, {"i", {"x"}}, {"i", {}}, {"d", {"1.5"}},
  {"d", {}}, {"s", {"hello"}}, {"s1", {"hello"}}, {"s1", {string.rep("x", 256)}}, {"s2", {string.rep("x", 300)}},
  {">s2", {"ab"}}, {"s", {12}}, {"s", {1.5}}, {"z", {"abc"}}, {"z", {"a\0b"}}, {"z", {""}}, {"c5", {"abc"}},
  {"c2", {"abc"}}, {"c", {"a"}}, {"c0", {""}}, {"c0", {"a"}}, {"x", {}}, {"xxb", {1}}, {"bXi", {1}},
  {"!bXi", {1}}, {"!4 b i", {1, 2}}, {"!8 b d", {1, 2.0}}, {"!2 b i", {1, 2}}, {"!3 b i", {1, 2}},
  {"!16 b i16", {1, 2}}, {"!17 b", {1}}, {"!0 b", {1}}, {"! b i8", {1, 2}}, {"bX", {1}}, {"bXc1", {1}},
  {"bXz", {1}}, {"bX<", {1}}, {"!4 bXh", {1}}, {"!4 bXi8 b", {1, 2}}, {"!4 bXi16", {1}}, {"y", {}},
  {"b\0y", {1}}, {"<!4 b h i j", {1, 2, 3, 4}}, {">!4 b h i j", {1, 2, 3, 4}}, {"i2i3i5i7", {1, -2, 3, -4}},
  {"c3z s1 b", {"abc", "def", "gh", 7}}, {" < > = ", {}}, {"b", {}}, {"c", {}}, {"c2147483648", {"a"}},
  {"i" .. string.rep("9", 12), {1}}, {"!1d", {1.0}}, {"xX", {}}, {"Xb", {}}, {"!8 xXd", {}}, {"bb", {1, 2, 3}},
}
local opts = {"b", "B", "h", "H", "i", "I", "i3", "I5", "i8", "j", "J", "l", "T", "f", "d", "n", "s1", "s",
  "z", "c3", "x", "Xi4", "!4", "!8", "<", ">", " ", "i16", "I12", "s2"}
local function randarg(o)
  local c = o:sub(1, 1)
  if c == "s" or c == "z" then local t = {}; for i = 1, R(0, 5) do t[i] = string.char(R(97, 102)) end; return table.concat(t)
  elseif c == "c" then return ("abc"):sub(1, R(0, 3))
  elseif c == "f" or c == "d" or c == "n" then return R() * 1000 - 500
  else return R(-300, 300) end
end
for _ = 1, 400 do
  local f, args = {}, {}
  for _ = 1, R(1, 6) do
    local o = opts[R(#opts)]
    f[#f + 1] = o
    if not (o:match("^[!<> xX]")) then args[#args + 1] = randarg(o) end
  end
  cases[#cases + 1] = {table.concat(f), args}
end

for _, c in ipairs(cases) do
  local fmt, args = c[1], c[2]
  local n = #args
  local t = {}
  for i = 1, n do t[i] = enc(args[i]) end
  local ok, res = pcall(string.pack, fmt, table.unpack(args, 1, n))
  print("P", esc(fmt), table.concat(t, " "), "->", ok and enc(res) or err(res))
  print("Z", esc(fmt), "->", encall(pcall(string.packsize, fmt)))
  if ok then
    print("U", esc(fmt), esc(res), 1, "->", encall(pcall(string.unpack, fmt, res)))
    print("U", esc(fmt), esc(res:sub(1, -2)), 1, "->", encall(pcall(string.unpack, fmt, res:sub(1, -2))))
    local data = "\1\2" .. res .. "\0\0\0\0\0\0\0\0\0\0"
    for _, init in ipairs{3, -#data, 100, -100, 0} do
      print("U", esc(fmt), esc(data), init, "->", encall(pcall(string.unpack, fmt, data, init)))
    end
  end
end
-- unpacking arbitrary bytes
local blobs = {"", "\0", "\255\255\255\255\255\255\255\255\255\255\255\255\255\255\255\255",
  "\0\0\0\0\0\0\0\128\255\255\255\255\255\255\255\255", "\255\255\255\255\255\255\255\127\0\0\0\0\0\0\0\0",
  "\1\0\0\0\0\0\0\0\1", "abc\0def\0", "abc", "\5\0\0\0\0\0\0\0abc", "\255\255\255\255\255\255\255\255abc"}
for _, b in ipairs(blobs) do
  for _, fmt in ipairs{"i16", "I16", "i9", "I9", ">i9", "j", "z", "zz", "s", "s1", "f", "d", "c0", "c3", "b", "B",
    "!4 b i", "i12", "I12", "s9", "<i10", ">I10"} do
    print("U", esc(fmt), esc(b), 1, "->", encall(pcall(string.unpack, fmt, b)))
  end
end
