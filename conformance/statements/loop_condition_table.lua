-- while, repeat and for loops over n = 0..15 counting iterations under different exit conditions (manual §3.3.4, §3.3.5)
for n = 0, 15 do
  local w = 0
  while w < n do w = w + 1 end
  local r = 0
  repeat r = r + 1 until r >= n
  local f = 0
  for _ = 1, n do f = f + 1 end
  local down = 0
  for _ = n, 1, -1 do down = down + 1 end
  local halves, x = 0, n
  while x > 0 do x = x // 2; halves = halves + 1 end
  local bits = 0
  for i = 0, 63 do if n & (1 << i) ~= 0 then bits = bits + 1 end end
  local evens = 0
  for i = 0, n, 2 do evens = evens + 1 end
  local skip = 0
  for i = 1, n do if i % 3 == 0 then goto continue end skip = skip + 1 ::continue:: end
  print(n, w, r, f, down, halves, bits, evens, skip)
end
