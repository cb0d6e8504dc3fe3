-- equality: primitive values by value, tables/functions/threads by reference, no coercion (manual §3.4.4)
local t1, t2 = {}, {}
local f1 = function() end
local f2 = function() end
local co = coroutine.create(f1)
print("numbers", 1 == 1, 1 == 1.0, 0 == -0, 0.0 == -0.0, 1 == 2)
print("nan", (0 / 0) == (0 / 0), (0 / 0) ~= (0 / 0))
local nan = 0 / 0
print("same nan variable", nan == nan, rawequal(nan, nan))
print("strings", "a" == "a", "a" == "b", "" == "", "a\0" == "a")
print("long strings", ("x"):rep(100) == ("x"):rep(100), ("x"):rep(100) == ("x"):rep(99) .. "y")
print("string vs number", "1" == 1, 1 == "1", "1.0" == 1.0)
print("booleans", true == true, false == false, true == false, false == nil)
print("nil", nil == nil, nil == false)
print("tables", t1 == t1, t1 == t2, t1 ~= t2)
print("functions", f1 == f1, f1 == f2, print == print)
print("threads", co == co, co == coroutine.create(f1))
print("mixed types", t1 == f1, 1 == t1, "x" == t1, nil == t1)
print("integers near limits", math.maxinteger == math.maxinteger + 0, math.mininteger == -math.mininteger)
print("int vs float exact", (1 << 53) + 1 == 2^53 + 1, 2^53 == 1 << 53)
print("inf", math.huge == math.huge, math.huge == -math.huge, -math.huge == -1 / 0)
print("~= is not ==", not (1 ~= 1), 1 ~= 1.5)
-- function results and closures
local function make(v) return function() return v end end
print("closures with different upvalues differ", make(1) == make(2))
local same = make(3)
print("same closure", same == same)
print("string.rep equal", string.rep("ab", 3) == "ababab")
print("concat equal", "a" .. "b" == "ab")
print("tostring equal", tostring(12) == "12", tostring(1.5) == "1.5")
