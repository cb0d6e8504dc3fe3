-- luadiff finding
-- signature: b565b90c6c1980eb
-- divergence: {native} vs {ref} vs {vm,vm-O0}: output: output: "b" vs <end of output>; output: "b" vs "A"
-- blame: unclear (several engines disagree with native)
-- bug: finalizers at close: native (mlua) ran a full collection before lua_close, finalizing unreachable objects first, and lost (run) or panicked on (exec, 'Lua instance is destroyed') the output of finalizers lua_close ran; ref never ran __gc. All now finalize every marked object newest first, as lua5.4.9 prints A then b
-- found by: a hand-written program on finalizer order at close (session 13), reduced with `luadiff reduce` on 21cca25
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0))
-- date: 2026-11-21
-- note: verified to fail before the fix: on 21cca25 native prints "b" only (run) or panics (exec), ref prints nothing, vm prints "A", "b" like lua5.4.9
-- reduced: 3 -> 6 lines in 0.0 s (76 tries)
local b = setmetatable({}, {__gc = function()
  print"b"
end})
A = setmetatable({}, {__gc = function()
  print"A"
end})
