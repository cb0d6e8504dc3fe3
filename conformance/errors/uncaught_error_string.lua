-- a program that ends with an uncaught error: output before it is kept, the error ends the run (manual §2.3)
print("before the error")
local t = {}
local function fail(n)
  if n == 0 then return t.missing.field end
  return fail(n - 1) + 0
end
fail(3)
print("never printed")
