-- proper tail calls: unbounded depth in tail position, non-tail forms still work (manual §3.4.10)
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print("1000000-deep tail recursion", loop(1000000, 0))
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print("mutual tail recursion", is_even(1000001), is_odd(1000001))
-- a tail call through a method and through a varargs function
local obj = {}
function obj:count(n, acc) if n == 0 then return acc end return self:count(n - 1, acc + 2) end
print("tail method calls", obj:count(300000, 0))
local function va(n, ...) if n == 0 then return select("#", ...), ... end return va(n - 1, ...) end
print("tail call with varargs", va(200000, "a", "b"))
-- return (f(x)) is not a tail call but works at small depth
local function paren(n) if n == 0 then return "bottom", "extra" end return (paren(n - 1)) end
print("parenthesised return", paren(100))
local function plus(n) if n == 0 then return 0 end return 1 + plus(n - 1) end
print("non-tail recursion", plus(1000))
-- tail calls return all results of the callee
local function many() return 1, 2, 3 end
local function tail() return many() end
print("tail call results", tail())
-- tail call to a C function and to a callable table
local function tail_c(s) return string.upper(s) end
print("tail call to C function", tail_c("abc"))
local callable = setmetatable({}, {__call = function(self, n) return "called " .. n end})
local function tail_callable(n) return callable(n) end
print("tail call to callable table", tail_callable(5))
local function tail_loop_callable(n)
  if n == 0 then return "done" end
  return callable and tail_loop_callable(n - 1)
end
print("tail call inside and/or is not a tail call", tail_loop_callable(1000))
