-- the length operator on strings (bytes), sequences, and other values (manual §3.4.7)
print("strings", #"", #"a", #"hello", #"a\0b", #"\u{20AC}", #("x"):rep(1000))
print("long string", #[[
abc]], #[==[]==])
print("empty table", #{})
print("sequence", #{1, 2, 3}, #{"a", "b"}, #{n = 1}, #{1, 2, 3, n = 3})
print("nil at end trimmed", #{1, 2, nil}, #{nil}, #{nil, nil})
local t = {}
for i = 1, 100 do t[i] = i end
print("built by loop", #t)
t[#t + 1] = "x"
print("append", #t)
t[#t] = nil
print("remove last", #t)
for i = #t, 51, -1 do t[i] = nil end
print("shrink", #t)
local s = {}
s[1] = 1; s[2] = 2; s[3] = 3
print("assigned in order", #s)
local u = {[1] = "a", [2] = "b", [3] = "c"}
print("explicit keys", #u)
print("float keys normalised", #{[1.0] = "a", [2.0] = "b"})
print("string keys ignored", #{a = 1, b = 2})
print("table.pack n vs #", table.pack(1, 2, 3).n, #table.pack(1, 2, 3))
print("length of varargs table", (function(...) return #{...} end)(1, 2, 3, 4))
print("number", pcall(function() return #5 end))
print("nil", pcall(function() local x; return #x end))
print("boolean", pcall(function() return #true end))
print("function", pcall(function() return #print end))
print("global nil", pcall(function() return #undefined_thing end))
print("field nil", pcall(function() local r = {}; return #r.list end))
print("string methods", ("abc"):len(), string.len("\0\0"))
print("length is integer", math.type(#"abc"), math.type(#{1}))
