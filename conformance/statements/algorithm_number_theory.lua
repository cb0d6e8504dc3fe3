-- number theory with integer operators: gcd/lcm, factorisation, modular exponentiation, perfect numbers (manual §3.4.1)
local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return math.abs(a) end
local function lcm(a, b) return a // gcd(a, b) * b end
for _, p in ipairs({{12, 18}, {17, 5}, {0, 9}, {-12, 18}, {270, 192}, {math.maxinteger, 3}}) do
  print("gcd/lcm", p[1], p[2], gcd(p[1], p[2]), lcm(p[1], p[2]))
end
local function factor(n)
  local f = {}
  local d = 2
  while d * d <= n do
    while n % d == 0 do f[#f + 1] = d; n = n // d end
    d = d + 1
  end
  if n > 1 then f[#f + 1] = n end
  return table.concat(f, "*")
end
for _, n in ipairs({2, 12, 97, 360, 1001, 65536, 999999, 600851475143, 2^31 - 1 | 0}) do print("factor", n, factor(n)) end
local function powmod(b, e, m)
  local r = 1
  b = b % m
  while e > 0 do
    if e & 1 == 1 then r = r * b % m end
    b = b * b % m
    e = e >> 1
  end
  return r
end
print("powmod", powmod(2, 10, 1000), powmod(3, 200, 1000007), powmod(7, 0, 13), powmod(123456, 789, 1000003))
local function is_prime(n)
  if n < 2 then return false end
  for d = 2, math.floor(math.sqrt(n)) do if n % d == 0 then return false end end
  return true
end
local primes = {}
for n = 1, 120 do if is_prime(n) then primes[#primes + 1] = n end end
print("primes to 120", table.concat(primes, " "))
local perfect = {}
for n = 2, 10000 do
  local s = 1
  for d = 2, math.floor(math.sqrt(n)) do
    if n % d == 0 then s = s + d; if d ~= n // d then s = s + n // d end end
  end
  if s == n then perfect[#perfect + 1] = n end
end
print("perfect numbers", table.concat(perfect, " "))
local collatz = {}
for n = 1, 30 do
  local steps, x = 0, n
  while x ~= 1 do x = (x % 2 == 0) and x // 2 or 3 * x + 1; steps = steps + 1 end
  collatz[#collatz + 1] = steps
end
print("collatz steps 1..30", table.concat(collatz, " "))
local digits = 0
for c in tostring(2^53 | 0):gmatch("%d") do digits = digits + tonumber(c) end
print("digit sum of 2^53", digits)
print("integer sqrt", (function(n) local x = n while x * x > n do x = (x + n // x) // 2 end return x end)(10^18 | 0))
