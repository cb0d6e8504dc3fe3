-- a sieve of Eratosthenes over a boolean table and a bracket matcher using a table as a stack (manual §3.3)
local N = 2000
local composite = {}
for i = 2, math.floor(math.sqrt(N)) do
  if not composite[i] then for j = i * i, N, i do composite[j] = true end end
end
local primes = {}
for i = 2, N do if not composite[i] then primes[#primes + 1] = i end end
print("primes below 2000", #primes)
for i = 1, #primes, 25 do print(table.concat(primes, " ", i, math.min(i + 24, #primes))) end
local pairs_ = {[")"] = "(", ["]"] = "[", ["}"] = "{", [">"] = "<"}
local function check(s)
  local stack = {}
  for i = 1, #s do
    local c = s:sub(i, i)
    if c == "(" or c == "[" or c == "{" or c == "<" then stack[#stack + 1] = c
    elseif pairs_[c] then
      if stack[#stack] ~= pairs_[c] then return false, "mismatch at " .. i end
      stack[#stack] = nil
    end
  end
  if #stack > 0 then return false, #stack .. " unclosed" end
  return true, "balanced"
end
for _, s in ipairs({"", "()", "([]{})", "([)]", "((((", "))", "{[<>()]}", "f(a[1], {b = <c>})", "(]", "[({})](", "<<>>", "a)b(c"}) do
  print(string.format("%-22s", string.format("%q", s)), check(s))
end
