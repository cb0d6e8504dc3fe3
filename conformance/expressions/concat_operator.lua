-- the concatenation operator: strings and numbers only, right associative, errors name the operand (manual §3.4.6)
local function try(label, f) print(label, pcall(f)) end
print("strings", "ab" .. "cd")
print("numbers", 1 .. 2, 1.5 .. 2)
print("chain", "a" .. 1 .. "b" .. 2.0 .. "c")
print("empty", "" .. "", #("" .. ""))
print("embedded zero", #("a\0" .. "\0b"))
local t, b = {}, true
try("table", function() return "x" .. t end)
try("table first", function() return t .. "x" end)
try("nil global", function() return "x" .. undefined_global end)
try("nil local", function() local n; return n .. "x" end)
try("boolean upvalue", function() return "x" .. b end)
try("boolean constant", function() return "x" .. true end)
try("field", function() return "x" .. t.field end)
try("function", function() return "x" .. print end)
try("in chain", function() return "a" .. "b" .. t .. "c" end)
try("number and nil", function() return 1 .. nil end)
try("method result", function() local o = {m = function() end}; return "a" .. o:m() end)
-- concatenation of many pieces in one expression
local s = "a" .. "b" .. "c" .. "d" .. "e" .. "f" .. "g" .. "h" .. "i" .. "j" .. 1 .. 2 .. 3
print("many pieces", s)
-- precedence: arithmetic binds tighter, comparison looser
print("precedence", 1 + 1 .. 2 * 2, "a" .. "b" == "ab")
print("right assoc with numbers", 1 .. 2 .. 3, math.type(tonumber(1 .. 2 .. 3)))
