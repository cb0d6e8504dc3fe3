-- goto as continue, backward goto loops, leaving nested loops (manual §3.3.4)
local out = {}
for i = 1, 10 do
  if i % 3 == 0 then goto continue end
  out[#out + 1] = i
  ::continue::
end
print("continue in for", table.concat(out, " "))
out = {}
local i = 0
while i < 6 do
  i = i + 1
  if i % 2 == 0 then goto next end
  out[#out + 1] = i
  ::next::
end
print("continue in while", table.concat(out, " "))
out = {}
i = 0
repeat
  i = i + 1
  if i == 2 then goto cont end
  out[#out + 1] = i
  ::cont::
until i >= 4
print("continue in repeat", table.concat(out, " "))
-- a backward goto forms a loop
local n = 0
::top::
n = n + 1
if n < 5 then goto top end
print("backward loop", n)
-- leaving two loops at once
local found
for a = 1, 5 do
  for b = 1, 5 do
    if a * b == 12 then found = a .. "*" .. b; goto done end
  end
end
::done::
print("goto out of nested loops", found)
-- a backward goto creates fresh locals each time
local fs = {}
do
  local k = 0
  ::again::
  local v = k
  fs[#fs + 1] = function() return v end
  k = k + 1
  if k < 3 then goto again end
end
print("fresh local per backward jump", fs[1](), fs[2](), fs[3]())
-- labels at the end of a block may be jumped to past local declarations
do
  goto finish
  local skipped = 1
  ::finish::
end
print("jump to end of block past local")
-- the same label name in different functions and sibling blocks
do ::x:: end
do ::x:: end
local function f() goto x; ::x:: return "f" end
print("labels in sibling blocks", f())
-- goto inside nested functions is resolved in that function
local function g(m)
  local r = 0
  ::loop::
  r = r + m
  m = m - 1
  if m > 0 then goto loop end
  return r
end
print("goto in function", g(4))
