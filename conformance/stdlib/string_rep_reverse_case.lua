-- string.rep (with separator), reverse, len, lower, upper (manual §6.4)
print("rep", ("ab"):rep(3), ("ab"):rep(1), ("ab"):rep(0) == "", ("ab"):rep(-1) == "")
print("rep separator", ("ab"):rep(3, ","), ("ab"):rep(1, ","), ("ab"):rep(0, ",") == "")
print("rep empty string", ("").rep("", 1000000) == "", #(""):rep(5, "-"))
print("rep empty with separator", (""):rep(3, "x"))
print("rep long separator", ("a"):rep(3, "--"))
print("rep float count", ("x"):rep(2.0), pcall(string.rep, "x", 2.5))
print("rep numbers", string.rep(1, 3), string.rep(1.5, 2, 0))
print("rep length", #("abc"):rep(1000), #("abc"):rep(1000, "de"))
print("rep huge count", pcall(string.rep, "x", 1 << 62))
print("reverse", ("abc"):reverse(), (""):reverse(), ("a"):reverse(), ("ab\0c"):reverse() == "c\0ba")
print("reverse number", string.reverse(123))
print("len", ("abc"):len(), (""):len(), ("\0\0\0"):len(), string.len(12.5))
print("upper", ("Hello, World! 123"):upper())
print("lower", ("Hello, World! 123"):lower())
print("non-ascii unchanged", ("\xe9\xc9"):upper() == "\xe9\xc9", ("\xe9\xc9"):lower() == "\xe9\xc9")
print("embedded zero preserved", #("A\0B"):lower(), ("A\0B"):lower():byte(1, 3))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local changed_up, changed_low = 0, 0
for i = 1, 256 do
  if s:upper():byte(i) ~= s:byte(i) then changed_up = changed_up + 1 end
  if s:lower():byte(i) ~= s:byte(i) then changed_low = changed_low + 1 end
end
print("bytes changed by upper/lower", changed_up, changed_low)
print("upper of number", string.upper(1e10))
