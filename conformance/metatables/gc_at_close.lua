-- Finalizers when the state closes (manual §2.5.3): every object marked for finalization, reachable or not, is finalized in the reverse order of marking; marking happens when setmetatable sees a __gc field.
local function finalizer(o)
  print("finalize " .. o.name)
end

local function marked(name)
  return setmetatable({ name = name }, { __gc = finalizer })
end

-- Kept in a local of the main chunk, which is gone when the chunk returns.
local first = marked("first, a local")
-- Kept in a global, still reachable when the state closes.
A = marked("A, a global")
-- Marked before B although its metatable is set again later: marking does not move it.
local again = marked("again, marked twice")
B = marked("B, a global")
setmetatable(again, { __gc = finalizer })
-- A __gc field added after setmetatable does not mark the object.
local late_mt = {}
Late = setmetatable({ name = "late" }, late_mt)
late_mt.__gc = finalizer
-- A finalizer may reach other objects, and print from a metamethod.
C = setmetatable({ name = "C, prints via __tostring" }, {
  __gc = function(o)
    print(setmetatable({}, { __tostring = function() return "finalize " .. o.name end }))
  end,
})
-- The finalizer called is the __gc field the metatable has when the state closes.
local swapped_mt = { __gc = finalizer }
Swapped = setmetatable({ name = "swapped" }, swapped_mt)
swapped_mt.__gc = function(o)
  print("finalize " .. o.name .. " with the new __gc")
end
local removed_mt = { __gc = finalizer }
Removed = setmetatable({ name = "removed" }, removed_mt)
removed_mt.__gc = nil
-- An error in a finalizer is only a warning (off here); the others still run.
Failing = setmetatable({}, { __gc = function() error("finalizer failed") end })
-- An object marked while the state closes is not finalized.
Marker = setmetatable({ name = "marker" }, {
  __gc = function(o)
    io.write("finalize ", o.name, ", which marks another object\n")
    Late2 = marked("marked during close")
  end,
})
print("end of the chunk", first.name, again.name)
