-- string_sub: string.sub with positive and negative indices, and string.byte.
-- sizes: full=2000000 small=2000
local N = N or 2000000
local text = string.rep("the quick brown fox jumps over the lazy dog ", 20)
local len = #text
local s = 0
for i = 1, N do
  local a = i % len + 1
  local piece = text:sub(a, a + 5)
  local tail = string.sub(text, -(i % 40) - 1)
  s = s + #piece + #tail + piece:byte(1)
end
print(s)
