-- caught: finalizers ran late (results discarded by the program kept their objects alive on the stack); checked against lua5.4.9
local function mk(name) return setmetatable({name = name}, {__gc = function(o) print("gc " .. o.name) end}) end
local a = mk("a")
do local b = mk("b") end
mk("c")
collectgarbage()
print("after collect")
a = nil
collectgarbage()
mk("d"); mk("e")
local keep = mk("kept")
print("end of chunk")
