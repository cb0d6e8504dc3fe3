-- Generates format_calls.txt from native Lua 5.4.9:  lua5.4.9 gen_format_calls.lua > format_calls.txt
-- Whole string.format calls, errors included. Values: i:<int>, f:<float bits>, s:<string>,
-- nil, true, false, t (a table without __tostring). Errors: E:<message> with the function
-- name replaced by '?'. Line: <format> <args ' '-joined> -> <result>
local function esc(s)
  return (s:gsub("[\0-\32\92\127-\255]", function(c) return string.format("\\x%02x", c:byte()) end))
end
local function enc(v)
  if v == nil then return "nil" end
  if v == true then return "true" end
  if v == false then return "false" end
  if type(v) == "table" then return "t" end
  if math.type(v) == "integer" then return "i:" .. v end
  if math.type(v) == "float" then return "f:" .. string.unpack("<i8", string.pack("<d", v)) end
  return "s:" .. esc(v)
end
local T = {}
local cases = {
  {"%d", 3.0}, {"%d", 3.5}, {"%d", "10"}, {"%d", "3.0"}, {"%d", "3.5"}, {"%d", "x"}, {"%d", T}, {"%d"},
  {"%", 1}, {"%"}, {"abc%"}, {"%5", 1}, {"%y", 1}, {"%F", 1.0}, {"%i", 42}, {"%u", -1}, {"%5u", 3},
  {"%#u", 3}, {"%+u", 3}, {"%ld", 1}, {"%lld", 1}, {"%hd", 1}, {"%n", 1}, {"%10q", 1}, {"%-q", 1},
  {"%q", 1}, {"%q", 1.5}, {"%q", 0.1}, {"%q", -0.0}, {"%q", 1e100}, {"%q", 2^63}, {"%q", 1/0}, {"%q", -1/0},
  {"%q", 0/0}, {"%q", math.mininteger}, {"%q", math.maxinteger}, {"%q", "a\0b\0001\r\n\"\\\127\200\t"},
  {"%q", "\0009\0\1\0012\31\0319"}, {"%q", nil}, {"%q", true}, {"%q", false}, {"%q", T}, {"%q"},
  {"%s", "a\0b"}, {"%5s", "a\0b"}, {"%.1s", "a\0b"}, {"%s", nil}, {"%s", true}, {"%s", 1.0}, {"%s", -0.0},
  {"%s", 12}, {"%10s", 12}, {"%-10.3s|", "abcdef"}, {"%.0s", "abc"}, {"%05s", "a"}, {"%#s", "a"},
  {"%s", string.rep("x", 150)}, {"%5s", string.rep("x", 150)}, {"%.120s", string.rep("x", 150)},
  {"%c", 65}, {"%c", 0}, {"%c", 256 + 66}, {"%c", -1}, {"%5c", 65}, {"%-5c|", 65}, {"%05c", 65}, {"%.1c", 65},
  {"%c", 65.0}, {"%c", 65.5}, {"%c", "65"}, {"%p", 1}, {"%p", nil}, {"%p", true}, {"%10p", 1.5}, {"%-10p|", 1},
  {"%.3p", 1}, {"%#p", 1}, {"%0p", 1}, {"%a", 1}, {"%a", "1"}, {"%a", "x"}, {"%5.1a", 1}, {"%-#a", 1},
  {"%e", "1e3"}, {"%f", "x"}, {"%g", 1}, {"%g", math.maxinteger}, {"%.3f", 2^63}, {"%5.2f|%-5d|%s", 1/3, 7, "x"},
  {"%d %d", 1}, {"%d %s", 1}, {"x=%d, y=%s, z=%q", 1, "two", "three"}, {"%%d", 1}, {"%%%d%%", 5}, {"100%%"},
  {"%-+ #0-+ #0-+ #0-+d", 1}, {"%0100d", 1}, {"%100d", 1}, {"%99d", 1}, {"%.100d", 1}, {"%.99d", 1},
  {"%1.1.1d", 1}, {"%--5d|", 1}, {"%00005d", 1}, {"%+ d", 1}, {"% +d", 1}, {"%#x", 255}, {"%#o", 8},
  {"%#X", 0}, {"%#o", 0}, {"%#.0o", 0}, {"%.0d", 0}, {"%.0x", 0}, {"%+.0d", 0}, {"% .0d", 0}, {"%5.0d|", 0},
  {"%#5.3x", 1}, {"%-#8.4X|", 300}, {"%08.3d", 7}, {"%-08d|", 7}, {"%+08d", -7}, {"% 08d", 7},
  {"%.3d", math.mininteger}, {"%x", math.mininteger}, {"%o", -1}, {"%d", math.mininteger},
  {"%" .. string.rep("-", 21) .. "d", 1}, {"%" .. string.rep("-", 20) .. "d", 1}, {"%12345678901234567890d", 1},
  {"%5.2\0f", 1.0}, {"a\0b%d\0c", 7}, {"%\0", 1}, {"%\255", 1}, {"%\200d", 1}, {"%.f", 1.5}, {"%#.e", 1.5},
  {"%.g", 1.5}, {"%#.g", 1.5}, {"%5.g|", 100}, {"%-+ 12.4e|", -1234.5678}, {"%G", 1e-10}, {"%E", 1e300},
  {"%e", 0/0}, {"%010f", -(0/0)}, {"%+f", 1/0}, {"% f", 1/0}, {"%-8f|", -1/0}, {"%08.3f", -1/0}, {"%F", 0/0},
  {"%g", -(0/0)}, {"%G", 0/0},
}
do
  local all = {}
  for b = 0, 255 do all[#all + 1] = string.char(b) end
  cases[#cases + 1] = {"%q", table.concat(all)}
  local digits = {}
  for b = 0, 31 do digits[#digits + 1] = string.char(b) .. tostring(b % 10) end
  cases[#cases + 1] = {"%q", table.concat(digits) .. "\127" .. "7\0"}
  cases[#cases + 1] = {"%s|%q|%s", "\0", "\0", 1.5}
end
for _, c in ipairs(cases) do
  local fmt = c[1]
  local n = 0
  for k in pairs(c) do if k > n then n = k end end
  local t = {}
  for i = 2, n do t[#t + 1] = enc(c[i]) end
  local ok, r = pcall(string.format, table.unpack(c, 1, n))
  print(esc(fmt), table.concat(t, " "), "->", ok and ("s:" .. esc(r)) or ("E:" .. esc((tostring(r):gsub("^(bad argument #%d+ to )'[%w%.]+'", "%1'?'")))))
end
