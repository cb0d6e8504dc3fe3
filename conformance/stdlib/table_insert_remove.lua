-- table.insert and table.remove: positions, shifting, edge positions and errors (manual §6.6)
local function show(label, t, n) local out = {} for i = 1, n or #t do out[#out + 1] = tostring(t[i]) end print(label, #t, table.concat(out, " ")) end
local t = {}
table.insert(t, "a")
table.insert(t, "b")
show("append", t)
table.insert(t, 1, "first")
show("insert at 1", t)
table.insert(t, 3, "mid")
show("insert in middle", t)
table.insert(t, #t + 1, "end")
show("insert at #t+1", t)
print("insert returns nothing", select("#", table.insert(t, "x")))
print("insert position 0", pcall(table.insert, {1}, 0, "x"))
print("insert position #t+2", pcall(table.insert, {1}, 3, "x"))
print("insert negative", pcall(table.insert, {1}, -1, "x"))
print("insert no value", pcall(table.insert, {1}))
print("insert too many", pcall(table.insert, {1}, 1, 2, 3))
print("insert nil value", pcall(table.insert, {1}, nil))
local e = {}
table.insert(e, 1, "into empty")
show("insert 1 into empty", e)
local r = {"a", "b", "c", "d"}
print("remove last", table.remove(r))
show("after", r)
print("remove first", table.remove(r, 1))
show("after", r)
print("remove middle", table.remove(r, 1))
show("after", r)
print("remove #t+1", table.remove({"a", "b"}, 3))
print("remove from empty", table.remove({}))
print("remove 0 from empty", table.remove({}, 0))
print("remove #t from empty", table.remove({}, #{}))
print("remove 0 from nonempty", pcall(table.remove, {"a"}, 0))
print("remove #t+2", pcall(table.remove, {"a"}, 3))
print("remove negative", pcall(table.remove, {"a"}, -1))
local z = {[0] = "zero"}
local removed = table.remove(z, 0)
print("remove 0 with #t == 0", removed, z[0])
print("remove returns the value even nil", select("#", table.remove({})), select("#", table.remove({nil, nil})))
local big = {}
for i = 1, 100 do big[i] = i end
for i = 1, 50 do table.remove(big, 1) end
print("remove 50 from front", #big, big[1], big[50])
for i = 1, 10 do table.insert(big, 1, -i) end
print("insert 10 at front", #big, big[1], big[10], big[11])
