-- a // b, a % b, math.floor(a / b), math.fmod(a, b) and the identity a == (a // b) * b + a % b over a grid (manual §3.4.1, §6.7)
for a = -20, 20, 3 do
  local row = {}
  for _, b in ipairs({-7, -3, 3, 7}) do
    local q, r = a // b, a % b
    local fl = math.floor(a / b)
    local fm = math.fmod(a, b)
    local ok = (q * b + r == a) and q == fl and (r == 0 or (r > 0) == (b > 0))
    row[#row + 1] = string.format("%3d/%-3d q=%-3d r=%-3d fmod=%-3d %s", a, b, q, r, fm, ok and "ok" or "BAD")
  end
  print(table.concat(row, " | "))
end
for _, a in ipairs({-7.5, -0.5, 0.5, 7.5}) do
  local row = {}
  for _, b in ipairs({-2, -0.5, 0.5, 2}) do
    row[#row + 1] = string.format("%g//%g=%g %g%%%g=%g fmod=%g", a, b, a // b, a, b, a % b, math.fmod(a, b))
  end
  print(table.concat(row, " | "))
end
