-- arbitrary-precision integers in base 10^7 built from integer arithmetic: factorials and Fibonacci numbers (manual §3.4.1)
local BASE, WIDTH = 10000000, 7
local function from(n) return {n} end
local function add(a, b)
  local r, carry = {}, 0
  for i = 1, math.max(#a, #b) do
    local s = (a[i] or 0) + (b[i] or 0) + carry
    r[i] = s % BASE
    carry = s // BASE
  end
  if carry > 0 then r[#r + 1] = carry end
  return r
end
local function mul_small(a, m)
  local r, carry = {}, 0
  for i = 1, #a do
    local p = a[i] * m + carry
    r[i] = p % BASE
    carry = p // BASE
  end
  while carry > 0 do r[#r + 1] = carry % BASE; carry = carry // BASE end
  return r
end
local function tostr(a)
  local parts = {tostring(a[#a])}
  for i = #a - 1, 1, -1 do parts[#parts + 1] = string.format("%0" .. WIDTH .. "d", a[i]) end
  return table.concat(parts)
end
local f = from(1)
for n = 1, 60 do
  f = mul_small(f, n)
  if n % 5 == 0 then print(n .. "!", tostr(f)) end
end
local a, b = from(0), from(1)
for n = 1, 300 do
  a, b = b, add(a, b)
  if n % 25 == 0 then print("fib(" .. n .. ")", tostr(a)) end
end
local p = from(1)
for i = 1, 128 do p = mul_small(p, 2) end
print("2^128", tostr(p))
print("digits of 100!", (function() local x = from(1) for n = 1, 100 do x = mul_small(x, n) end return #tostr(x) end)())
