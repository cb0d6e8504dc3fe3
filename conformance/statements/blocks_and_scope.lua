-- do blocks, local scope and shadowing (manual §3.3.1, §3.5)
local x = 1
do
  local x = 2
  print("inner x", x)
  do
    local x = x + 1
    print("innermost x sees outer in initializer", x)
  end
  print("inner x again", x)
end
print("outer x", x)
local x = x * 10
print("redeclared x uses previous x", x)
do local y = 5 end
print("y after block is global", y)
local a, a = 1, 2
print("same name twice in one local", a)
local f = function() return x end
local x = "shadowed"
print("closure keeps the old x", f(), x)
do
  local t = {}
  for i = 1, 3 do local v = i * i; t[i] = v end
  print("block locals", t[1], t[2], t[3], v)
end
-- a block can end with return only via do ... end when not last
local function early(n)
  do return n * 2 end
end
print("do return end", early(21))
local z = 0
do z = z + 1 do z = z + 1 do z = z + 1 end end end
print("nested blocks assign outer", z)
local function count_locals()
  local a1, a2, a3, a4, a5, a6, a7, a8, a9, a10 = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  return a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10
end
print("many locals", count_locals())
