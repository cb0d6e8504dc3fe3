-- every printable ASCII character: byte, upper/lower mapping, %q form and the classes it belongs to (manual §6.4, §6.4.1)
local classes = {"a", "c", "d", "g", "l", "p", "s", "u", "w", "x"}
for b = 32, 126 do
  local ch = string.char(b)
  local member = {}
  for _, c in ipairs(classes) do member[#member + 1] = ch:find("%" .. c) and c or "." end
  print(b, string.format("%q", ch), ch:upper(), ch:lower(), table.concat(member), string.format("%02X", b), ch:rep(3))
end
