-- names, reserved words and case sensitivity (manual §3.1)
local _ = 1
local _x, x_, x1, _1, __ = 2, 3, 4, 5, 6
local And, AND, END, Nil = "And", "AND", "END", "Nil"
print("underscore names", _, _x, x_, x1, _1, __)
print("keywords differ by case", And, AND, END, Nil)
local abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789 = "long"
print("long name", abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789)
local keywords = {"and", "break", "do", "else", "elseif", "end", "false", "for",
  "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return",
  "then", "true", "until", "while"}
for _, k in ipairs(keywords) do
  local f, msg = load("local " .. k .. " = 1", "=kw")
  print("local " .. k, f ~= nil, msg)
end
-- keywords are fine as field names through strings but not after a dot
local t = {["end"] = 1, ["nil"] = 2}
print("keyword keys", t["end"], t["nil"])
print("dot keyword", load("return t.end", "=kw"))
print("goto is reserved", load("local goto = 1", "=kw"))
print("digit first", load("local 1x = 1", "=kw"))
print("non-ascii name", load("local \195\169 = 1", "=kw"))
print("dollar", load("local a$ = 1", "=kw"))
load("local _ENV = {print = print}; print('env ok')")()
print("_G and _ENV", _G == _ENV)
