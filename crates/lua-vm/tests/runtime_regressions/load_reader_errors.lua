-- caught: an error in a load reader left its frames on the stack; found by the conformance dev loop
print(pcall(load, function() local t; return t.x end))
local n = 0
local f, msg = load(function() n = n + 1; if n == 1 then return {} end end)
print(f, (msg:match("^[^\n]*")))
print(select("#", load(function() error("reader failed", 0) end)))
print("still running")
