-- closures share upvalues with each other and with the enclosing function, also after it returns (manual §3.5)
local function counter()
  local n = 0
  local function inc() n = n + 1; return n end
  local function get() return n end
  local function reset() n = 0 end
  return inc, get, reset
end
local inc, get, reset = counter()
inc(); inc()
print("shared between closures", get())
reset()
print("reset seen by all", get())
print("then incremented", inc())
local inc2, get2 = counter()
inc2()
print("separate instances", get(), get2())
-- the enclosing function sees changes made by the closure and vice versa
local function outer()
  local x = 1
  local function setx(v) x = v end
  setx(5)
  local seen = x
  x = 9
  local function getx() return x end
  return seen, getx()
end
print("enclosing function sees changes", outer())
-- upvalues of upvalues
local function level1()
  local a = "a"
  return function()
    local b = "b"
    return function()
      a = a .. "!"
      return a .. b
    end
  end
end
local l3 = level1()()
print("nested upvalues", l3())
print("nested upvalues again", l3())
-- a closure created after the variable goes out of scope still has it
local holder
do
  local secret = "kept"
  holder = function() return secret end
end
print("after block ends", holder())
-- parameters are upvalues too
local function adder(a) return function(b) a = a + b; return a end end
local add = adder(10)
add(1)
print("parameter as upvalue", add(1))
-- closures in a table constructor share the same local
local function pair()
  local v = 0
  return {set = function(x) v = x end, get = function() return v end}
end
local p = pair()
p.set(42)
print("table of closures", p.get())
-- recursive local function as upvalue of itself
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("recursive upvalue", fib(20))
-- upvalue captured by many closures created in a loop over the same outer variable
local total = 0
local adders = {}
for i = 1, 5 do adders[i] = function() total = total + i end end
for _, f in ipairs(adders) do f() end
print("shared outer accumulator", total)
-- a closure captures the variable, not its value at creation
local v = 1
local function getv() return v end
v = 2
print("captures variable", getv())
