-- assignment targets: locals, globals, upvalues, fields, nested indexing, call results (manual §3.3.3)
local t = {a = {b = {}}}
t.a.b.c = 1
t["a"]["b"]["d"] = 2
print("nested fields", t.a.b.c, t.a.b.d)
local function get() return t end
get().x = "via call"
get()["y"] = "via call index"
print("call results as targets", t.x, t.y)
local k = "dyn"
t[k .. "amic"] = true
print("computed key", t.dynamic)
t[1], t[2], t[3] = "one", "two", "three"
print("integer keys", t[1], t[2], t[3])
t[1.0] = "one as float"
print("float key normalised", t[1])
local up = 0
local function bump() up = up + 1 end
bump(); bump()
print("upvalue assignment", up)
local s = "str"
print("index assignment on string", pcall(function() s.x = 1 end))
print("assign nil key", pcall(function() t[nil] = 1 end))
print("assign nan key", pcall(function() t[0 / 0] = 1 end))
print("read nil key is fine", t[nil], t[0 / 0])
print("assign to number", pcall(function() local n = 5; n.field = 1 end))
print("assign through nil field", pcall(function() t.missing.x = 1 end))
-- assigning nil deletes a field
t.a = nil
print("deleted", t.a)
-- parenthesised prefix expressions as targets
local u = {}
;(u).p = 1
;({u})[1].q = 2
print("parenthesised prefixes", u.p, u.q)
-- method call result as target
local obj = {store = {}}
function obj:get() return self.store end
obj:get().z = 26
print("method result as target", obj.store.z)
