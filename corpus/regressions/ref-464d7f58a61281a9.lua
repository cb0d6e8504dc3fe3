-- luadiff finding
-- signature: 464d7f58a61281a9
-- divergence: {native,vm,vm-O0} vs {ref}: output: "0.0" vs "-0.0"
-- blame: reference interpreter
-- bug: lua-ref: x - 0 was a true subtraction, so -0.0 - 0 gave -0.0; native computes x - k as x + (-k) (ADDI), which gives 0.0 (fixed in 989dfe6)
-- found by: a lua-gen program (size 300, seed 1000052) against lua5.4.9-sandbox; cut down from lua-ref tests/programs/sub_immediate.lua
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0))
-- date: 2026-11-21
-- note: verified to fail before the fix: on 989dfe6^ (940bc88) ref prints -0.0 for n2 - 0, -0.0 - 0, n2 - -1 * 0 and n2 - z, native 0.0
-- note: divergence: ref as built on 989dfe6^, the other engines as of today
local n2 = -0.0
print(n2 - 0, -0.0 - 0, n2 - -1 * 0, n2 + 0, n2 - 0.0)
local z <const> = 0
print(n2 - z)
