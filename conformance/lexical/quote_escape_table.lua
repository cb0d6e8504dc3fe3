-- %q of every byte 0..127 (how each control and printable character is escaped) and the load round trip (manual §6.4)
local all_ok = true
for row = 0, 7 do
  local cells = {}
  for col = 0, 15 do
    local b = row * 16 + col
    local q = string.format("%q", string.char(b))
    if load("return " .. q)() ~= string.char(b) then all_ok = false end
    cells[#cells + 1] = (q:gsub("\n", "n"))
  end
  print(string.format("%3d", row * 16), table.concat(cells, " "))
end
print("every byte round trips through %q and load", all_ok)
local mixed = "tab\tnl\ncr\rzero\0quote\"back\\slash\127del1\0012"
print("mixed", (string.format("%q", mixed):gsub("\n", "<newline>")))
print("mixed round trip", load("return " .. string.format("%q", mixed))() == mixed)
