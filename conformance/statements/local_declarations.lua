-- local declarations: value adjustment, multiple results, nil defaults (manual §3.3.7)
local function three() return 1, 2, 3 end
local function none() end
local a, b, c = 1
print("missing values are nil", a, b, c)
local d, e = 1, 2, 3
print("extra values dropped", d, e)
local f, g, h, i = three()
print("call expands at end", f, g, h, i)
local j, k, l = three(), 10
print("call truncated in middle", j, k, l)
local m, n = (three())
print("parenthesised call truncated", m, n)
local o, p = none(), 5
print("empty call in middle gives nil", o, p)
local q, r = 5, none()
print("empty call at end", q, r)
local s
print("declared without value", s)
local u, v = load("return ...")(7)
print("loaded chunk varargs", u, v)
local w = nil
local w = w or "default"
print("redeclare with default", w)
local function fn() return "fn" end
print("local function", fn())
local x1, x2, x3 = "a", (function() return "b", "c" end)()
print("anonymous call expands", x1, x2, x3)
local y1, y2 = {three()}, {three(), 9}
print("table collects", #y1, #y2, y2[1], y2[2])
