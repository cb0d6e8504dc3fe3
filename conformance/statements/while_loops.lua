-- while loops: condition checked before each iteration, break, fresh locals (manual §3.3.4)
local i, sum = 0, 0
while i < 10 do
  i = i + 1
  sum = sum + i
end
print("sum", i, sum)
local n = 0
while false do n = n + 1 end
print("never runs", n)
local j = 0
while true do
  j = j + 1
  if j == 5 then break end
end
print("break at", j)
-- each iteration gets fresh locals: closures see different variables
local fs = {}
local k = 0
while k < 3 do
  k = k + 1
  local captured = k * 10
  fs[k] = function() captured = captured + 1; return captured end
end
print("closures", fs[1](), fs[2](), fs[3]())
print("first closure again", fs[1]())
-- the condition may be any value
local v = 3
while v do
  v = v - 1
  if v == 0 then v = nil end
end
print("nil ends loop", v)
-- nested while with break leaving only the inner loop
local out = {}
local a = 0
while a < 3 do
  a = a + 1
  local b = 0
  while true do
    b = b + 1
    if b > a then break end
    out[#out + 1] = a .. ":" .. b
  end
end
print("nested", table.concat(out, " "))
-- condition re-evaluated each time
local t = {1, 2, 3}
local count = 0
while #t > 0 do table.remove(t); count = count + 1 end
print("drain", count, #t)
