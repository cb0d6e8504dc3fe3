-- luadiff finding
-- signature: 3c4ef8b260af623d
-- divergence: {native,vm,vm-O0} vs {ref}: output: "-0" vs "0"
-- blame: reference interpreter
-- bug: lua-ref: a local operand was read before the other operand was evaluated, so n - f() and t[g()] = v did not see f's or g's assignment to n or t; native reads the register when the operation runs (fixed in b9ccd74)
-- found by: 1500 lua-gen programs (size 400) against lua5.4.9-sandbox, seed 100427; cut down from lua-ref tests/programs/lazy_local_operands.lua
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0))
-- date: 2026-11-21
-- note: verified to fail before the fix: on b9ccd74^ (8d86463) ref prints 3, 'false -64' and 'nil nil', native -67, 'true -64' and 'x x'
-- note: divergence: ref as built on b9ccd74^, the other engines as of today
local n = 6
local function f() n = -64 return 3 end
print(n - f())
n = 6
print(n < f(), n)
local t, t2 = {}, {}
local function g() t = t2 return 1 end
t[g()] = "x"
print(t2[1], t[1])
