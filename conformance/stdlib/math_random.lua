-- math.random with fixed seeds: floats, ranges, random(0), errors; randomseed results (manual §6.7)
math.randomseed(42)
local floats = {}
for i = 1, 8 do floats[i] = string.format("%.17g", math.random()) end
print("floats seed 42", table.concat(floats, " "))
local ints = {}
for i = 1, 20 do ints[i] = math.random(100) end
print("random(100)", table.concat(ints, " "))
ints = {}
for i = 1, 20 do ints[i] = math.random(-5, 5) end
print("random(-5, 5)", table.concat(ints, " "))
ints = {}
for i = 1, 6 do ints[i] = math.random(0) end
print("random(0)", table.concat(ints, " "))
print("random(1, 1)", math.random(1, 1), math.random(7, 7))
print("full range", math.random(math.mininteger, math.maxinteger), math.random(math.mininteger, -1))
print("large range", math.random(0, math.maxinteger), math.random(-1, math.maxinteger))
math.randomseed(42)
print("reseeding repeats", string.format("%.17g", math.random()) == floats[1])
math.randomseed(1, 2)
local two = {}
for i = 1, 5 do two[i] = math.random(1000) end
print("seed with two integers", table.concat(two, " "))
math.randomseed(1, 2)
print("same two-integer seed", math.random(1000) == two[1])
math.randomseed(0)
print("seed 0", math.random(1 << 40), math.random(1 << 40))
math.randomseed(-1)
print("seed -1", math.random(1 << 40))
math.randomseed(3.0)
print("float seed 3.0", math.random(1000))
math.randomseed(math.maxinteger)
print("seed maxinteger", math.random(1000))
print("random types", math.type(math.random()), math.type(math.random(5)), math.type(math.random(1, 5)))
print("interval is empty", pcall(math.random, 0, -1))
print("interval is empty 1 arg", pcall(math.random, -3))
print("too many arguments", pcall(math.random, 1, 2, 3))
print("float bounds", pcall(math.random, 1.5))
print("integral float bounds", math.type(math.random(1.0, 2.0)))
math.randomseed(7)
local counts = {0, 0, 0}
for i = 1, 3000 do local r = math.random(3); counts[r] = counts[r] + 1 end
print("distribution of 3000 draws", counts[1], counts[2], counts[3], counts[1] + counts[2] + counts[3])
local inrange = true
for i = 1, 1000 do local r = math.random(); if r < 0 or r >= 1 then inrange = false end end
print("random() in [0,1)", inrange)
print("randomseed returns its seeds", math.randomseed(42))
print("randomseed two seeds", math.randomseed(1, 2))
print("randomseed float seed", math.randomseed(2.0))
print("randomseed without arguments returns two integers", select("#", math.randomseed()), math.type((math.randomseed())))
