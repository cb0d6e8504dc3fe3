-- empty statements and semicolons, ambiguous call syntax across lines (manual §3.3, §3.3.1)
;;;
local a = 1; local b = 2;
print("semicolons", a, b);
do ; end
if true then ; else ; end
while false do ; end
for i = 1, 0 do ; end
repeat ; until true
local function f() ; return 1; end
print("empty bodies", f())
-- a parenthesised expression on a new line continues the previous call
local function id(x) return x end
local r = id
(print)("called via newline paren")
print("r got the result of id(print)(...)", r)
-- semicolon separates the statements explicitly
local s = id;
(print)("separate statement after semicolon")
print("s is id", s == id)
-- a string argument after a name on the next line is a call too
local t = id
"arg"
print("string call across newline", t)
