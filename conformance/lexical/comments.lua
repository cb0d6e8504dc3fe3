-- short and long comments in every position (manual §3.1)
local a = 1 -- short comment
--[[ long
comment ]] local b = 2
--[==[ level 2 ]] still comment ]=] still ]==] local c = 3
local d = --[[inline]] 4
local e = 5 --[[ long comment at end of line ]]
---[[ this is a short comment, so the next line runs
local f = 6
--]]
--[[
local f = 7
--]]
print("values", a, b, c, d, e, f)
print("comment between tokens", 1 --[[x]] + --[[y]] 2)
print("comment like minus", 5 - -3, 5 - - 3)
local g = 10 --- three dashes
print("three dashes", g)
--[ not a long comment
print("bracket after dashes")
--[=x not a long comment either
print("broken level")
-- comments in loaded code at end of chunk without newline
print("eof comment", load("return 42 -- the end")())
print("eof long comment", load("return 43 --[[ the end ]]")())
print("unfinished long comment", load("return 1 --[[ no end", "=c"))
print("comment inside string", "-- not a comment", "--[[ nor this ]]")
print("comment in long string", [[--[=[ text ]=] ]])
