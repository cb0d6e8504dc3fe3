-- float for loops accumulate i = i + step: trip counts and exact last values for awkward steps (manual §3.3.5)
local cases = {
  {0, 1, 0.1}, {0, 1, 0.2}, {0, 1, 0.25}, {0, 1, 1 / 3}, {0, 2, 0.3}, {1, 0, -0.1}, {0, 10, 0.7}, {-1, 1, 0.125},
  {0.1, 0.5, 0.1}, {1e15, 1e15 + 4, 0.5}, {0, 1e-9, 1e-10}, {2^52, 2^52 + 3, 1}, {0.0, 3, 1}, {5, 1, -1.5}, {0, 100, 7.5},
}
for _, c in ipairs(cases) do
  local n, last, sum = 0, nil, 0
  for x = c[1], c[2], c[3] do
    n = n + 1
    last = x
    sum = sum + x
    if n > 1000 then break end
  end
  print(string.format("for x = %s, %s, %s", c[1], c[2], c[3]), n, string.format("%.17g", last or 0 / 0), string.format("%.17g", sum), math.type(last))
end
-- the same accumulation done by hand agrees with the loop
local x, count = 0.0, 0
while x <= 1 do count = count + 1; x = x + 0.1 end
print("manual accumulation of 0.1", count, string.format("%.17g", x))
