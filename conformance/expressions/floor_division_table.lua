-- a // b and a % b for small integers of both signs, as integers and as floats (manual §3.4.1)
local bs = {-4, -3, -2, -1, 1, 2, 3, 4}
local header = {}
for _, b in ipairs(bs) do header[#header + 1] = string.format("%7s", "b=" .. b) end
print("a", table.concat(header, " "))
for a = -9, 9 do
  local row = {}
  for _, b in ipairs(bs) do
    local q, r = a // b, a % b
    local fq, fr = a // (b + 0.0), a % (b + 0.0)
    local same = (q == fq and r == fr) and "" or "!"
    row[#row + 1] = string.format("%3d,%-2d%s", q, r, same)
  end
  print(a, table.concat(row, " "))
end
print("float signed zero remainders", 1 / (-4 % 2.0), 1 / (4 % -2.0), 1 / (-4.0 % -2), 1 / (0.0 % -3))
