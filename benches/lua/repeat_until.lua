-- repeat_until: repeat-until loops, with the condition reading a local of the body.
-- sizes: full=15000000 small=15000
local N = N or 15000000
local i, acc = 0, 0
repeat
  i = i + 1
  local done = i >= N
  acc = (acc + i * 3) % 1000003
until done
-- Inner short loops: many entries and exits.
local inner = 0
local j = 0
repeat
  local k = 0
  repeat
    k = k + 1
    inner = inner + k
  until k >= 4
  j = j + 1
until j >= N // 4
print(i, acc, inner)
