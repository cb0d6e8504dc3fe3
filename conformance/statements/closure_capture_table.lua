-- what closures created in each kind of loop see after the loop, depending on where the captured variable is declared (manual §3.5)
local function collect(fs) local out = {} for i, f in ipairs(fs) do out[i] = tostring(f()) end return table.concat(out, " ") end
local fs
fs = {} for i = 1, 4 do fs[#fs + 1] = function() return i end end
print("numeric for control variable", collect(fs))
fs = {} for i = 1, 4 do local j = i * 10 fs[#fs + 1] = function() return j end end
print("numeric for body local", collect(fs))
fs = {} local shared = 0 for i = 1, 4 do shared = i fs[#fs + 1] = function() return shared end end
print("numeric for outer variable", collect(fs))
fs = {} for _, v in ipairs({"a", "b", "c", "d"}) do fs[#fs + 1] = function() return v end end
print("generic for value", collect(fs))
fs = {} for k in pairs({x = 1}) do fs[#fs + 1] = function() return k end end
print("generic for key", collect(fs))
fs = {} local w = 0 while w < 4 do w = w + 1 local c = w fs[#fs + 1] = function() return c end end
print("while body local", collect(fs))
fs = {} w = 0 while w < 4 do w = w + 1 fs[#fs + 1] = function() return w end end
print("while outer variable", collect(fs))
fs = {} local r = 0 repeat r = r + 1 local c = r * r fs[#fs + 1] = function() return c end until c >= 16
print("repeat body local", collect(fs))
fs = {} do local g = 0 ::top:: g = g + 1 local c = g fs[#fs + 1] = function() return c end if g < 4 then goto top end end
print("goto loop local", collect(fs))
fs = {} for i = 1, 4 do fs[#fs + 1] = function() i = i + 100 return i end end
local first_pass = collect(fs)
print("closures mutating their own copy", first_pass, collect(fs))
fs = {} for i = 1, 2 do for j = 1, 2 do fs[#fs + 1] = function() return i .. j end end end
print("nested loops", collect(fs))
local pairs_of = {}
for i = 1, 3 do
  local v = i
  pairs_of[i] = {get = function() return v end, set = function(x) v = x end}
end
pairs_of[2].set("changed")
print("getter/setter pairs per iteration", pairs_of[1].get(), pairs_of[2].get(), pairs_of[3].get())
