-- multiple assignment: adjustment and evaluation of all expressions before assigning (manual §3.3.3)
local a, b, c = 1, 2, 3
a, b = b, a
print("swap", a, b)
a, b, c = c, a, b
print("rotate", a, b, c)
local i = 3
local t = {}
i, t[i] = i + 1, 20
print("i, t[i] = i+1, 20", i, t[3], t[4])
local x, y = 1
x, y = 10
print("missing becomes nil", x, y)
x, y = 1, 2, print("extra expression still evaluated")
print("extra dropped", x, y)
local function two() return "p", "q" end
x, y, c = 0, two()
print("call expands", x, y, c)
x, y, c = two(), 0
print("call truncated", x, y, c)
x, y = (two())
print("parens truncate", x, y)
-- all right-hand sides are evaluated before any assignment
local u = {1, 2, 3}
local k = 1
k, u[k] = 2, u[k + 1]
print("index evaluated before", k, u[1], u[2])
-- the table and key of a target are evaluated before the assignment
local tt = {}
local key = "a"
tt[key], key = "first", "b"
print("key before assign", tt.a, tt.b, key)
-- swapping table fields
local s = {1, 2}
s[1], s[2] = s[2], s[1]
print("swap fields", s[1], s[2])
-- globals and locals mixed
gx, a = 100, 200
print("global and local", gx, a)
-- assignment to fields through calls
local function get() return t end
get().z, get()["w"] = "zz", "ww"
print("field via call", t.z, t.w)
