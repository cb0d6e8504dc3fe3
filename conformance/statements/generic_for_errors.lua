-- errors in generic for: non-callable iterators, errors raised by iterators (manual §3.3.5)
local function try(label, f) print(label, pcall(f)) end
try("nil iterator", function() for x in nil do end end)
try("number iterator", function() for x in 42 do end end)
try("table iterator", function() for x in {} do end end)
try("string iterator", function() for x in "abc" do end end)
try("pairs(nil)", function() for k in pairs(nil) do end end)
try("ipairs(nil)", function() for k in ipairs(nil) do end end)
try("ipairs()", function() for k in ipairs() do end end)
local t = {}
try("uncalled pairs", function() for k, v in t do end end)
try("iterator raises", function()
  for x in function() error("iter failed") end do end
end)
try("iterator raises on second call", function()
  local n = 0
  for x in function() n = n + 1; if n == 2 then error("second", 0) end return n end do end
end)
-- a callable table works as an iterator
local callable = setmetatable({}, {__call = function(self, s, c)
  c = c + 1
  if c <= 3 then return c end
end})
local out = {}
for i in callable, nil, 0 do out[#out + 1] = i end
print("callable table iterator", table.concat(out, " "))
try("next with bad key", function() for k in next, {}, "nokey" do end end)
