-- luadiff finding
-- signature: 3f55959708d7355f
-- divergence: {native,ref} vs {vm,vm-O0}: output: "nan" vs "-nan"
-- blame: VM compiler or runtime
-- bug: lua-vm runtime: float * with two NaN operands returned the other operand's NaN than the native engine (LLVM commuted the multiplication); fixed in a9ef8e9, then aligned with the native release build in 8d6805a
-- found by: lua-vm examples/level_diff --native (lua-gen seed 4242000+1495, size 100; noted in 46beb99) and luadiff fuzz --seed 11 --size 60 --features=+coroutines,+metatables,+close,+errors,+load (program 7645)
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0))
-- date: 2026-11-21
-- note: divergence: vm and vm-O0 as built on a9ef8e9^ on local a, b = -(0/0), 0/0; print(a * b, b * a), native and ref as of today
-- note: not verified to fail before the fix: which NaN a product of two different NaNs gives is build-dependent in native Lua itself (lua5.4.9 and the native engine in a dev build give the first operand's, the native engine in a release build the second's; 8d6805a made the VM follow the release build, lua-vm COMPATIBILITY.md 'NaN signs'), so no program can pin it for every build
-- note: the program below replays the fixed code path (float * and + with NaN operands, the both-NaN case with equal NaNs) with results that do not depend on the build; on a9ef8e9^ it printed what native prints
local nan, pnan = 0/0, -(0/0)
print(nan * nan, pnan * pnan, nan * 2, 2 * nan, pnan * -3, -3 * pnan)
print(nan + nan, pnan + pnan, nan * math.huge, math.huge * pnan, (0/0 ^ 1) * 0.5)
