-- table keys: integral floats are normalised to integers, other floats stay floats (manual §2.1, §3.4.9)
local t = {}
t[1.0] = "a"
t[2] = "b"
t[2^53] = "big"
t[-0.0] = "zero"
t[0.5] = "half"
print("t[1]", t[1], "t[2.0]", t[2.0], "t[0]", t[0], "t[0.5]", t[0.5])
print("t[2^53] via int", t[1 << 53], "via float", t[2^53])
print("t[2^53 + 1] int absent", t[(1 << 53) + 1])
local types = {}
for k in pairs(t) do types[#types + 1] = tostring(k) .. ":" .. math.type(k) end
table.sort(types)
print("key subtypes", table.concat(types, " "))
print("length with float keys", #{[1.0] = 1, [2.0] = 2, [3.0] = 3})
-- 2^63 cannot become an integer key
local u = {}
u[2^63] = "float key"
u[math.mininteger] = "minint"
u[-2^63] = "float minint normalised"
print("2^63 stays float", math.type(next({[2^63] = 1})), u[2^63])
print("-2^63 normalised to minint", u[math.mininteger])
-- string keys that look like numbers are different keys
local s = {}
s["1"] = "string one"
s[1] = "number one"
print("string vs number key", s["1"], s[1])
-- key normalisation in constructors and in rawset/rawget
print("constructor", ({[3.0] = "x"})[3])
print("rawget", rawget({[4] = "y"}, 4.0))
-- inf and -inf are valid float keys
local inf = {[math.huge] = "pos", [-math.huge] = "neg"}
print("infinite keys", inf[1 / 0], inf[-1 / 0])
-- metamethods receive the original key: a float stays a float
local got
local m = setmetatable({}, {__index = function(_, k) got = math.type(k); return nil end})
local _ = m[7.0]
print("__index receives float", got)
local _ = m[7]
print("__index receives integer", got)
