-- luadiff finding
-- signature: 14e251a2859ffddb
-- divergence: {native,ref,vm} vs {vm-O0}: output: "0.0" vs "-0.0"
-- blame: VM compiler, unoptimized code (optimized vm agrees with native)
-- bug: lua-vm compiler: at -O0 and -O1 (when 0 % 256 is not folded) e - 0 was a true subtraction, so -0.0 - 0 gave -0.0; native codes e - 0 as ADDI (e + 0), which gives 0.0 (fixed in 1f78484, documented in 8b5d7da)
-- found by: lua-vm examples/level_diff on lua-gen programs (-O0/-O1 against -O2); program from lua-vm tests/compiler_end_to_end.rs
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0))
-- date: 2026-11-21
-- note: verified to fail before the fix: on 1f78484^ (88b845f) vm-O0 prints -0.0 three times (and -O1 -0.0 once), native 0.0; -O2 already agreed
-- note: divergence: vm and vm-O0 as built on 1f78484^, the other engines as of today
local z = -0.0 - 0 % 256
print(z, -0.0 - 0, (function(x) return x - 0 end)(-0.0))
