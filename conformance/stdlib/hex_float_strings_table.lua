-- hexadecimal float strings through tonumber and load: value, subtype, %a and %.17g (manual §3.1, §6.1)
local strings = {"0x1", "0x1p0", "0x1P1", "0x1p-1", "0x.8", "0x.8p1", "0x1.8", "0x1.8p1", "0xA", "0xA.0", "0xa.8p-3", "0x1p52",
  "0x1p53", "0x1p63", "0x1p64", "0x1p1023", "0x1p1024", "0x1p-1022", "0x1p-1074", "0x1p-1075", "0x1.fffffffffffffp1023",
  "0x1.0000000000001p0", "0X1P+2", "-0x1p3", " 0x10 ", "0x", "0xp1", "0x1p", "0x1.p1", "0x.p1", "0x1pp1", "0x1e", "0x1E+1"}
for _, s in ipairs(strings) do
  local v = tonumber(s)
  local f = load("return " .. s, "=hex")
  local lv = f and select(2, pcall(f))
  if v then
    print(string.format("%-24s", string.format("%q", s)), v, math.type(v), string.format("%a", v), string.format("%.17g", v), lv == v)
  else
    print(string.format("%-24s", string.format("%q", s)), "nil", f and "load gives " .. tostring(lv) or "load rejects")
  end
end
