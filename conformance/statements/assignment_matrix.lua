-- multiple assignment shapes: more/fewer values, calls and varargs on the right, fields and indices on the left (manual §3.3.3)
local function f0() end
local function f1() return "f1" end
local function f3() return "a", "b", "c" end
local function show(...) local t = table.pack(...) for i = 1, t.n do t[i] = tostring(t[i]) end return table.concat(t, ",") end
local a, b, c, d
a, b = 1 print("a, b = 1", show(a, b))
a, b = 1, 2, 3 print("a, b = 1, 2, 3", show(a, b))
a, b, c = f3() print("a, b, c = f3()", show(a, b, c))
a, b, c = f3(), 9 print("a, b, c = f3(), 9", show(a, b, c))
a, b, c = 9, f3() print("a, b, c = 9, f3()", show(a, b, c))
a, b, c = (f3()) print("a, b, c = (f3())", show(a, b, c))
a, b = f0() print("a, b = f0()", show(a, b))
a, b, c = f0(), f1() print("a, b, c = f0(), f1()", show(a, b, c))
a, b, c, d = f1(), f3() print("a, b, c, d = f1(), f3()", show(a, b, c, d))
a = f3() print("a = f3()", show(a))
a, b = b, a print("swap", show(a, b))
local t = {}
t.x, t.y, t[1], t["z"] = f3() print("fields", show(t.x, t.y, t[1], t.z))
local i = 1
i, t[i] = i + 1, "at old i" print("index evaluated first", show(i, t[1], t[2]))
local function va(...) local p, q, r = ... return show(p, q, r) end
print("vararg to locals", va(), va(1), va(1, 2, 3, 4))
local function va2(...) local p, q = ..., "fixed" return show(p, q) end
print("vararg in middle", va2(1, 2, 3), va2())
local g = setmetatable({}, {__newindex = function(tt, k, v) rawset(tt, k, "via mm " .. tostring(v)) end})
g.a, g.b = 1 print("__newindex in multiple assignment", show(g.a, g.b))
local n = 0
local function bump() n = n + 1 return n end
a, b, c = bump(), bump(), bump() print("calls all evaluated", n, show(a ~= nil, b ~= nil, c ~= nil), a + b + c)
