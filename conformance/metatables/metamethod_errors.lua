-- errors raised inside metamethods and errors about missing metamethods (manual §2.4)
local function try(label, f) print(label, pcall(f)) end
local E = setmetatable({}, {
  __add = function() error("add failed") end,
  __index = function(_, k) error("no key " .. k, 2) end,
  __newindex = function() error({code = 7}) end,
  __call = function(_, x) return x.field end,
  __concat = function() error("concat failed", 0) end,
  __lt = function() error() end,
})
try("error in __add has metamethod line", function() return E + 1 end)
try("error level 2 in __index points at access", function() return E.key end)
local ok, err = pcall(function() E.x = 1 end)
print("table error object from __newindex", ok, type(err), err.code)
try("runtime error inside __call", function() return E(nil) end)
try("error in __concat level 0", function() return "a" .. E end)
try("error() with no value in __lt", function() return E < E end)
-- missing metamethods name the variable kind
local plain = {}
try("arith on table local", function() local t = {}; return t + 1 end)
try("arith on table field", function() return plain.x + 1 end)
try("arith on table upvalue", function() return plain * 2 end)
try("call a table field", function() return plain.method() end)
try("index a boolean", function() local b = true; return b.x end)
try("index a function result", function() return (function() end)().x end)
try("index with method on number", function() local n = 1; return n:m() end)
try("newindex a number", function() local n = 1; n.x = 2 end)
try("newindex upvalue nil", function() plain.missing.x = 1 end)
