-- integer/float comparisons are exact, even where conversion would round (manual §3.4.4)
local maxi, mini = math.maxinteger, math.mininteger
local function cmp(label, a, b)
  print(label, a == b, a < b, a <= b, a > b, a >= b)
end
print("label", "==", "<", "<=", ">", ">=")
cmp("1 vs 1.0", 1, 1.0)
cmp("1 vs 1.5", 1, 1.5)
cmp("-1 vs -0.5", -1, -0.5)
cmp("2^53 int vs float", 1 << 53, 2^53)
cmp("2^53+1 int vs 2^53 float", (1 << 53) + 1, 2^53)
cmp("2^53+1 int vs 2^53+2 float", (1 << 53) + 1, 2^53 + 2)
cmp("maxint vs 2^63", maxi, 2^63)
cmp("maxint vs maxint+0.0", maxi, maxi + 0.0)
cmp("minint vs -2^63", mini, -2^63)
cmp("minint vs -2^63-2048", mini, -2^63 - 2048)
cmp("maxint-512 vs 2^63-1024", maxi - 512, 2^63 - 1024)
cmp("0 vs -0.0", 0, -0.0)
cmp("maxint vs inf", maxi, math.huge)
cmp("minint vs -inf", mini, -math.huge)
cmp("1 vs nan", 1, 0 / 0)
cmp("nan vs 1", 0 / 0, 1)
cmp("maxint vs nan", maxi, 0 / 0)
cmp("3 vs 2.9999999999999996", 3, 2.9999999999999996)
cmp("2^60+1 vs 2^60", (1 << 60) + 1, 2.0^60)
cmp("-(2^60+1) vs -2^60", -((1 << 60) + 1), -2.0^60)
cmp("1e308 vs maxint", 1e308, maxi)
cmp("0.5 vs 0", 0.5, 0)
cmp("-0.5 vs 0", -0.5, 0)
cmp("-0.5 vs -1", -0.5, -1)
-- table keys follow the same exactness
local t = {}
t[1 << 53] = "int 2^53"
t[(1 << 53) + 1] = "int 2^53+1"
print("key 2^53 float finds int", t[2^53])
print("key 2^53+1 distinct", t[(1 << 53) + 1])
t[2^63] = "float 2^63"
print("2^63 float key stays float", math.type(next({[2^63] = 1})), t[2^63])
