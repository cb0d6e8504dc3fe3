-- integer square roots, bit lengths, popcounts, trailing zeros and 8-bit reversal for n = 1..40 and some large values (manual §3.4, §6.7)
local function isqrt(n) local r = 0 while (r + 1) * (r + 1) <= n do r = r + 1 end return r end
local function bitlen(n) local b = 0 while n ~= 0 do n = n >> 1; b = b + 1 end return b end
local function popcount(n) local c = 0 while n ~= 0 do n = n & (n - 1); c = c + 1 end return c end
local function ctz(n) if n == 0 then return 64 end local c = 0 while n & 1 == 0 do n = n >> 1; c = c + 1 end return c end
local function rev8(n) local r = 0 for i = 0, 7 do if n & (1 << i) ~= 0 then r = r | (1 << (7 - i)) end end return r end
for n = 1, 40 do
  local s = isqrt(n)
  print(n, s, math.floor(math.sqrt(n)) == s, s * s == n, bitlen(n), popcount(n), ctz(n), rev8(n), string.format("%08x", n * 0x01010101))
end
for _, n in ipairs({0, -1, math.maxinteger, math.mininteger, 1 << 40, (1 << 40) - 1, 0x5555555555555555, -0x5555555555555556}) do
  print(string.format("%x", n), bitlen(n), popcount(n), ctz(n), rev8(n & 0xFF))
end
