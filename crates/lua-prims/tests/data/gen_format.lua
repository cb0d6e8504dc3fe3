-- Generates format.txt, the expected output of string.format for many values and
-- specifications, from native Lua 5.4.9:  lua5.4.9 gen_format.lua > format.txt
-- Line format (tab-separated, bytes outside printable ASCII and '\' as \xHH):
--   F <spec> <float bits as integer> <result>
--   I <spec> <integer> <result>
--   S <spec> <string> <result>
math.randomseed(20240607)
local R = math.random

local function esc(s)
  return (s:gsub("[\0-\31\92\127-\255]", function(c) return string.format("\\x%02x", c:byte()) end))
end

local function bits(x) return (string.unpack("<i8", string.pack("<d", x))) end
local function frombits(i) return (string.unpack("<d", string.pack("<i8", i))) end

local floats = {0.0, -0.0, 1/0, -1/0, 0/0, -(0/0), 1.0, -1.0, 0.5, 1.5, 2.5, 3.5, 0.125, 0.375,
  1e15, 1e16, 1e14, 1e-4, 1e-5, 9.5, 99.5, 999.5, 9999.5, 99999.5, 999999.5, 9999995, 0.1, 0.2, 0.3,
  1/3, 2/3, 2^53, 2^63, -2^63, 2^64, 1e100, 1e300, 1e308, 1.7976931348623157e308, 2.2250738585072014e-308,
  4.9406564584124654e-324, 2.2250738585072009e-308, 123456789012345678, 0.000123456, 5e-5, 9.9999e-5,
  0.00001, 100000, 1000000, 999999.4, 0.95, 0.995, 0.9995, 9.995, 1.005, 2.675, 1.0000000000000002,
  0.30000000000000004, 3.14159265358979, math.pi, -math.pi, 255.5, 1.03125, 1.09375, 1.15625, 0x1.28p0,
  0x1.fffffffffffffp0, 0x1.ffffffffffff8p0, 0x1.0000000000008p0, 0x1.0000000000018p0, 0x0.fffffffffffffp-1022,
  0x0.8p-1022, 0x0.f8p-1022, 0x1.f8p-1030}
for k = -324, 308, 3 do floats[#floats + 1] = 10.0 ^ k end
for _ = 1, 400 do floats[#floats + 1] = frombits(R(0)) end
for _ = 1, 200 do floats[#floats + 1] = frombits(R(0) & 0x800fffffffffffff) end -- subnormals
for _ = 1, 400 do floats[#floats + 1] = R(-1000000, 1000000) / 10 ^ R(0, 9) end
for _ = 1, 200 do floats[#floats + 1] = R(-2^40, 2^40) * 1.0 end
for _ = 1, 200 do floats[#floats + 1] = (2 * R(0, 100000) + 1) / 2 ^ R(1, 20) end
for _ = 1, 100 do floats[#floats + 1] = R() * 10 ^ R(-10, 20) end

local flagset = {"-", "+", " ", "#", "0"}
local function flags(n)
  local t = {}
  for _ = 1, n do t[#t + 1] = flagset[R(#flagset)] end
  return table.concat(t)
end
local function width()
  local c = R(4)
  if c == 1 then return "" elseif c == 2 then return tostring(R(1, 9)) else return tostring(R(10, 40)) end
end
local function precision()
  local c = R(6)
  if c == 1 then return "" elseif c == 2 then return "." elseif c <= 4 then return "." .. R(0, 9)
  elseif c == 5 then return "." .. R(10, 20) else return "." .. R(0, 99) end
end

local convs = {"e", "E", "f", "g", "G", "a", "A"}
local specs = {"%g", "%.14g", "%e", "%f", "%a", "%.3f", "%.0e", "%#.0f", "%#g", "%.20g", "%.17g", "%.0a", "%.1a", "%.3a"}
for _ = 1, 60 do
  specs[#specs + 1] = "%" .. flags(R(0, 3)) .. width() .. precision() .. convs[R(#convs)]
end

for _, x in ipairs(floats) do
  for _ = 1, 6 do
    local spec = specs[R(#specs)]
    local ok, res = pcall(string.format, spec, x)
    if ok then print("F", esc(spec), bits(x), esc(res)) end
  end
end
-- every float with the common specifications
for _, x in ipairs(floats) do
  for _, spec in ipairs{"%.14g", "%a", "%g", "%.3f", "%e"} do
    print("F", esc(spec), bits(x), esc(string.format(spec, x)))
  end
end

local ints = {0, 1, -1, 7, 8, 9, 10, 15, 16, 255, 256, -256, 1000, math.maxinteger, math.mininteger, 65, 97, 300, -65}
for _ = 1, 300 do ints[#ints + 1] = R(0) end
for _ = 1, 300 do ints[#ints + 1] = R(-100000, 100000) end
local iconvs = {d = "-+ 0", i = "-+ 0", u = "-0", o = "-#0", x = "-#0", X = "-#0", c = "-"}
local iletters = {"d", "i", "u", "o", "x", "X", "c"}
for _, n in ipairs(ints) do
  for _ = 1, 8 do
    local letter = iletters[R(#iletters)]
    local fl = iconvs[letter]
    local t = {}
    for _ = 1, R(0, 3) do local k = R(#fl); t[#t + 1] = fl:sub(k, k) end
    local spec = "%" .. table.concat(t) .. width() .. (letter == "c" and "" or precision()) .. letter
    local ok, res = pcall(string.format, spec, n)
    if ok then print("I", esc(spec), n, esc(res)) end
  end
end

local strs = {"", "a", "abc", "hello world", string.rep("x", 120), "tab\there", "\200\201\255"}
for _, s in ipairs(strs) do
  for _ = 1, 10 do
    local t = {}
    for _ = 1, R(0, 2) do t[#t + 1] = "-" end
    local spec = "%" .. table.concat(t) .. width() .. precision() .. "s"
    local ok, res = pcall(string.format, spec, s)
    if ok then print("S", esc(spec), esc(s), esc(res)) end
  end
end

-- values whose rounding carries into the next power of ten, with every %g precision
-- (glibc keeps the fixed-notation decimal count for %#g: 999999.5 -> "1.e+06")
local carry = {9.5, 99.5, 999.5, 99.95, 999999.5, 9999999.5, 0.99999996, 9.9999996, 0.0000999999999,
  99999999999999999999.0, 9999999999999999.0, 999999999999999.9, 1e22 - 2^20, 9.5e-300, 0.95, 9.96}
for _, x in ipairs(carry) do
  for p = 0, 24 do
    for _, spec in ipairs{"%#." .. p .. "g", "%." .. p .. "g", "%#." .. p .. "e", "%." .. p .. "f"} do
      print("F", esc(spec), bits(x), esc(string.format(spec, x)))
      print("F", esc(spec), bits(-x), esc(string.format(spec, -x)))
    end
  end
end

-- %a at every precision on values whose hexadecimal rounding carries or ties
local hexes = {0x0.fffffffffffffp-1022, 0x0.f8p-1022, 0x0.08p-1022, 0x0.0000000000001p-1022, 0x1.fffffffffffffp0,
  0x1.8p0, 0x1.28p0, 0x1.18p0, 0x1.08p0, 0x1.ffffffffffff8p1023, 0x1.7ffffffffffffp0, 0x1.8000000000001p0, 0.1, 1/3}
for _, x in ipairs(hexes) do
  for p = 0, 15 do
    for _, spec in ipairs{"%." .. p .. "a", "%#." .. p .. "A", "%+020." .. p .. "a"} do
      print("F", esc(spec), bits(x), esc(string.format(spec, x)))
      print("F", esc(spec), bits(-x), esc(string.format(spec, -x)))
    end
  end
end
