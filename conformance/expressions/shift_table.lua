-- every shift count from -66 to 66 applied to a few patterns, in both directions (manual §3.4.2)
for k = -66, 66 do
  print(k, string.format("%016x %016x %016x %016x %016x", 1 << k, 1 >> k, -1 << k, -1 >> k, 0x123456789ABCDEF0 >> k))
end
