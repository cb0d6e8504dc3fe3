-- string.rep with separators for n = -1..20, then sub and byte on the results at both ends (manual §6.4)
for n = -1, 20 do
  local s = ("ab"):rep(n, "-")
  local b1, b2 = s:byte(1), s:byte(-1)
  print(n, #s, s:sub(1, 5), s:sub(-5), s:sub(n, n + 2), tostring(b1), tostring(b2), #("xyz"):rep(n), #(""):rep(n, ","))
end
