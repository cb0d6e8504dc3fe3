-- break: leaves the innermost loop, may appear in the middle of a block (manual §3.3.4)
local out = {}
for i = 1, 10 do
  if i == 4 then break end
  out[#out + 1] = i
end
print("for", table.concat(out, " "))
out = {}
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then break end
    out[#out + 1] = i .. j
  end
end
print("inner only", table.concat(out, " "))
-- break not at the end of a block (allowed since 5.2)
local n = 0
while true do
  n = n + 1
  do break end
  n = 100
end
print("break in do block", n)
local f = load("for i = 1, 2 do break; print('unreachable') end return 'ok'")
print("statements after break", f())
-- break closes upvalues of the loop body
local fs = {}
for i = 1, 5 do
  local v = i
  fs[#fs + 1] = function() return v end
  if i == 2 then break end
end
print("closures after break", fs[1](), fs[2]())
-- break in generic for
out = {}
for k, v in ipairs({"a", "b", "c", "d"}) do
  if v == "c" then break end
  out[#out + 1] = v
end
print("ipairs", table.concat(out, " "))
-- break inside a nested function is not allowed
print("break in function in loop", load("for i = 1, 2 do local f = function() break end end", "=b"))
-- break inside if inside repeat
local r = 0
repeat
  r = r + 1
  if r > 2 then break end
until false
print("repeat", r)
