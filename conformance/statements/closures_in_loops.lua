-- loop bodies create fresh locals: closures capture per iteration, share within one (manual §3.5)
local getters, setters = {}, {}
for i = 1, 3 do
  local v = i * 10
  getters[i] = function() return v end
  setters[i] = function(x) v = x end
end
setters[2](99)
print("shared within iteration", getters[1](), getters[2](), getters[3]())
local fs = {}
for k, v in pairs({a = 1}) do fs[1] = function() return k, v end end
print("generic for vars", fs[1]())
fs = {}
local i = 1
while i <= 3 do
  local j = i
  fs[i] = function() j = j + 1; return j end
  i = i + 1
end
print("while fresh locals", fs[1]())
print("first again, then others", fs[1](), fs[2](), fs[3]())
fs = {}
local n = 0
repeat
  n = n + 1
  local m = n
  fs[n] = function() return m end
until n == 3
print("repeat fresh locals", fs[1](), fs[2](), fs[3]())
-- a variable declared outside the loop is shared by all closures
fs = {}
local shared = 0
for x = 1, 3 do
  shared = x
  fs[x] = function() return shared end
end
print("outer variable shared", fs[1](), fs[2](), fs[3]())
-- closures outlive the loop and keep their own copies
local counters = {}
for c = 1, 2 do
  local count = 0
  counters[c] = function() count = count + c; return count end
end
counters[1](); counters[1]()
counters[2]()
print("independent counters", counters[1](), counters[2]())
-- nested loops: inner closure sees both loop variables of its iteration
fs = {}
for a = 1, 2 do
  for b = 1, 2 do
    fs[#fs + 1] = function() return a * 10 + b end
  end
end
print("nested", fs[1](), fs[2](), fs[3](), fs[4]())
