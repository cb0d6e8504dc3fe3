-- luadiff finding
-- signature: 42353b72254cef62
-- divergence: {native,ref,vm,vm-O0} vs {vm:O2:-cmp-imm}: output: "false" vs "true"
-- blame: optimizer (vm at -O0 agrees with native)
-- bug: lua-vm compiler: the same for K > e / K >= e (and K < e after the first fix): after the swap the open operand was completed after the numeral's load, which its jumps skipped (introduced by 8d86463, fixed in e0d0e5e)
-- found by: lua-vm examples/level_diff --random-configs on lua-gen programs (a pass configuration without cmp-imm); first line from lua-vm tests/compiler_end_to_end.rs
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0)), vm:O2:-cmp-imm (lua-vm register VM (-O2))
-- date: 2026-11-21
-- note: verified to fail before the fix only without pass cmp-imm: on e0d0e5e^ (530ec83) vm:O2:-cmp-imm prints 'true true' and 'false false' instead of 'false true' and 'true false'; vm at -O0, -O1 and -O2 agreed, so the default engines only replay the code path
-- note: divergence: vm:O2:-cmp-imm as built on e0d0e5e^, the default engines as of today
print(-1 >= (true and 9 or 0 - 8), -1 < (true and 9 or 0 - 8))
local s = "x"
print(5 > (s == "x" and 2 or 7), 5 >= (s ~= "x" and 2 or 7))
