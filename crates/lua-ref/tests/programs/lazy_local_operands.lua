-- Regression: PUC reads a local operand when the operation runs (n - f() sees f's update of n), also in assignments and constructors. Found by lua-gen (size 400, seed 100427).
local n = 6
local function f() n = -64 return 3 end
print(n - f())
n = 6 print(n < f(), n)
local t = {}
local t2 = {}
local function g() t = t2 return 1 end
t[g()] = "x"
print(t2[1], t[1])
local u = {}
local u2 = {}
local function h() u = u2 return "v" end
local k = "a"
local function hk() k = "b" return "v" end
local tt = {}
tt[k] = hk()
print(tt.a, tt.b)
local a, b = {}, {}
local function sw() a = b return 1 end
a[1], a = sw(), 5
print(type(a), b[1])
local c = {}
local m = {[k] = (function() k = "zz" return 1 end)()}
print(m.b, m.zz)
print(#t2)
