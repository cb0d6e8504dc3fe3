-- Generates numbers.txt from native Lua 5.4.9:  lua5.4.9 gen_numbers.lua > numbers.txt
-- Numbers are written as i:<integer> or f:<float bits as integer>; errors as E:<message>.
-- Lines (tab-separated):
--   T <num> <tostring> <io.write text>
--   A <op> <a> <b> <result>          binary and unary (b = a) operators
--   C <a> <b> <a<b> <a<=b> <a==b>
--   M <function> <a> [<b>] <results...>
--   B <string> <base> <result>      tonumber(s, base)
--   S <string> <result>             tonumber(s)
--   L <init> <limit> <step> <count> <first> <last>   numeric for loops
math.randomseed(7)
local R = math.random

local function esc(s)
  return (s:gsub("[\0-\31\92\127-\255]", function(c) return string.format("\\x%02x", c:byte()) end))
end
local function enc(x)
  if math.type(x) == "integer" then return "i:" .. x end
  if math.type(x) == "float" then return "f:" .. string.unpack("<i8", string.pack("<d", x)) end
  return "s:" .. esc(tostring(x))
end
local function errmsg(e)
  e = tostring(e)
  return "E:" .. esc((e:gsub("^%[string \"[^\"]*\"%]:%d+: ", ""):gsub("^gen_numbers.lua:%d+: ", "")))
end

local ints = {0, 1, -1, 2, 3, -7, 63, 64, -64, math.maxinteger, math.mininteger,
  math.mininteger + 1, (1 << 53) + 1, -(1 << 53) - 1}
local floats = {0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -7.0, 1/0, -1/0, 0/0, -(0/0),
  2^53, 2^63, -2^63, 1e308, 5e-324, 3.7, 2^63 - 1024, -2.5}
local vals = {}
for _, v in ipairs(ints) do vals[#vals + 1] = v end
for _, v in ipairs(floats) do vals[#vals + 1] = v end

local more = {}
for _ = 1, 300 do more[#more + 1] = string.unpack("<d", string.pack("<i8", R(0))) end
for _ = 1, 300 do more[#more + 1] = R(-10^6, 10^6) / 10^R(0, 8) end
for k = -30, 30 do more[#more + 1] = 10.0^k; more[#more + 1] = 2.0^(k * 35) end
for _, x in ipairs(vals) do print("T", enc(x), esc(tostring(x)), (io.write and "") .. esc(string.format(math.type(x) == "integer" and "%d" or "%.14g", x))) end
for _, x in ipairs(more) do print("T", enc(x), esc(tostring(x)), esc(string.format("%.14g", x))) end

local binops = {"+", "-", "*", "/", "//", "%", "^", "&", "|", "~", "<<", ">>"}
for _, op in ipairs(binops) do
  local f = load("local a, b = ... return a " .. op .. " b")
  for _, a in ipairs(vals) do
    for _, b in ipairs(vals) do
      local ok, r = pcall(f, a, b)
      print("A", op, enc(a), enc(b), ok and enc(r) or errmsg(r))
    end
  end
end
for _, op in ipairs{"-", "~"} do
  local f = load("local a = ... return " .. op .. " a")
  for _, a in ipairs(vals) do
    local ok, r = pcall(f, a)
    print("A", "u" .. op, enc(a), enc(a), ok and enc(r) or errmsg(r))
  end
end

for _, a in ipairs(vals) do
  for _, b in ipairs(vals) do
    print("C", enc(a), enc(b), (a < b) and 1 or 0, (a <= b) and 1 or 0, (a == b) and 1 or 0)
  end
end

local function results(...)
  local t = {}
  for i = 1, select("#", ...) do t[i] = enc((select(i, ...))) end
  return table.concat(t, "\t")
end
for _, name in ipairs{"tointeger", "floor", "ceil", "abs", "modf"} do
  for _, a in ipairs(vals) do print("M", name, enc(a), results(math[name](a))) end
  for _, a in ipairs(more) do print("M", name, enc(a), results(math[name](a))) end
end
for _, a in ipairs(vals) do
  for _, b in ipairs(vals) do
    local ok, r = pcall(math.fmod, a, b)
    print("M", "fmod", enc(a), enc(b), ok and enc(r) or errmsg(r))
    if math.type(a) == "integer" and math.type(b) == "integer" then
      print("M", "ult", enc(a), enc(b), enc(math.ult(a, b) and 1 or 0))
    end
  end
end
for k, a in ipairs(more) do
  if k % 6 ~= 0 then goto continue end
  local m, e = math.frexp(a)
  print("M", "frexp", enc(a), enc(m), enc(e))
  for _, k in ipairs{-1100, -1074, -1060, -1023, -1022, -60, -1, 0, 1, 52, 1023, 1024, 2000} do
    print("M", "ldexp", enc(a), enc(k), enc(math.ldexp(a, k)))
  end
  ::continue::
end
for _, a in ipairs{0.0, -0.0, 1/0, -1/0, 5e-324, 2.2250738585072014e-308, 1e-310} do
  local m, e = math.frexp(a)
  print("M", "frexp", enc(a), enc(m), enc(e))
end
for _, a in ipairs{1, 1.5, 0.75, 1.0000000000000002, 1.9999999999999998, 3, 5, 7} do
  for k = -1080, -1070 do print("M", "ldexp", enc(a), enc(k), enc(math.ldexp(a, k))) end
end

local strs = {"10", "  -ff  ", "zz", "ZZ", "1e1", "", " ", "-", "+7", "7fffffffffffffff", "8000000000000000",
  "ffffffffffffffffff", "101", "2", "1 0", "0x10", "10\0", "-0", "  12  \t\n", "\v12\f", "1.0", "9223372036854775808",
  "18446744073709551616", "-9223372036854775809", "Aa", "z", "\1"}
for _, s in ipairs(strs) do
  for _, base in ipairs{2, 8, 10, 16, 36} do
    local ok, r = pcall(tonumber, s, base)
    print("B", esc(s), base, ok and enc(r) or errmsg(r))
  end
  print("S", esc(s), enc(tonumber(s)))
end

local forvals = {0, 1, -1, 3, 10, -10, math.maxinteger, math.mininteger, math.maxinteger - 2,
  math.mininteger + 2, 2.5, -2.5, 1e100, -1e100, 0/0, 1/0, -1/0, 0.0, 0.1, 9.2e18, -9.3e18, "5", "2.5", "x", 0.5}
local steps = {1, -1, 2, -2, 3, -3, 0, math.maxinteger, math.mininteger, 0.5, -0.5, "1", 0.0, 0.1, 1e300}
for _, i in ipairs(forvals) do
  for _, l in ipairs(forvals) do
    for _, s in ipairs(steps) do
      if R(6) == 1 then
        local ok, err = pcall(function()
          local count, first, last = 0, nil, nil
          for v = i, l, s do
            count = count + 1
            first = first or v
            last = v
            if count >= 5 then break end
          end
          return count, first, last
        end)
        local enci = type(i) == "string" and "s:" .. i or enc(i)
        local encl = type(l) == "string" and "s:" .. l or enc(l)
        local encs = type(s) == "string" and "s:" .. s or enc(s)
        if ok then
          local _, c, f, la = pcall(function()
            local count, first, last = 0, nil, nil
            for v = i, l, s do
              count = count + 1
              first = first or v
              last = v
              if count >= 5 then break end
            end
            return count, first, last
          end)
          print("L", enci, encl, encs, c, f == nil and "-" or enc(f), la == nil and "-" or enc(la))
        else
          print("L", enci, encl, encs, errmsg(err))
        end
      end
    end
  end
end
