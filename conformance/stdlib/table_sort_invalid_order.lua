-- table.sort with inconsistent comparators: what native Lua 5.4.9 does (manual §6.6)
-- an always-true comparator on a moderately sized array makes the partition loop run off the array
local t = {}
for i = 1, 100 do t[i] = i end
print("always true", pcall(table.sort, t, function(a, b) return true end))
-- a comparator returning true for equal elements (a <= b) on an array full of equal values
local eq = {}
for i = 1, 100 do eq[i] = 7 end
print("<= on equal values", pcall(table.sort, eq, function(a, b) return a <= b end))
-- small arrays never reach the check
print("always true on 3 elements", pcall(table.sort, {3, 1, 2}, function() return true end))
-- a comparator raising an error
print("error in comparator", pcall(table.sort, {3, 2, 1}, function() error("cmp", 0) end))
-- a comparator returning non-booleans: only truthiness counts
local v = {3, 1, 2}
table.sort(v, function(a, b) if a < b then return 1 end return nil end)
print("truthy results", table.concat(v, " "))
