-- any value can be an error object; pcall returns it unchanged (manual §2.3)
local function catch(v) return select(2, pcall(error, v)) end
print("string", catch("s"))
print("integer", catch(42), math.type(catch(42)))
print("float", catch(1.5))
print("boolean true", catch(true))
print("boolean false", catch(false))
print("nil", catch(nil))
print("no argument", select("#", pcall(error)), select(2, pcall(error)))
local t = {code = 404}
print("table identity", catch(t) == t, catch(t).code)
print("function", catch(print) == print)
local co = coroutine.create(function() end)
print("thread", catch(co) == co)
-- an error object with __tostring is still returned as the table
local obj = setmetatable({}, {__tostring = function() return "custom error" end})
print("object with __tostring", catch(obj) == obj, tostring(catch(obj)))
-- errors raised by the runtime are strings with a position
local ok, msg = pcall(function() local x = nil; return x.y end)
print("runtime error type", ok, type(msg))
-- rethrowing keeps the object; rethrowing a string with level 1 adds another prefix
local ok1, e1 = pcall(function() error("base") end)
local ok2, e2 = pcall(function() error(e1) end)
local ok3, e3 = pcall(function() error(e1, 0) end)
print("first", e1)
print("rethrown level 1", e2)
print("rethrown level 0", e3)
local ok4, e4 = pcall(function() error(t) end)
print("rethrown table", e4 == t)
