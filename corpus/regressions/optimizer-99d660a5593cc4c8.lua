-- luadiff finding
-- signature: 99d660a5593cc4c8
-- divergence: {native,ref,vm,vm-O0} vs {vm:O2:-cmp-imm}: output: "-0" vs "0"
-- blame: optimizer (vm at -O0 agrees with native)
-- bug: lua-vm compiler: in K < e / K <= e with a numeral K kept for LTI/LEI whose immediate was not used (pass cmp-imm off), K was loaded before the and/or operand e was complete, so e's TESTSET jumped over the load (fixed in 8d86463)
-- found by: lua-vm examples/level_diff --random-configs on lua-gen programs (a pass configuration without cmp-imm); program from lua-vm tests/compiler_end_to_end.rs
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0)), vm:O2:-cmp-imm (lua-vm register VM (-O2))
-- date: 2026-11-21
-- note: verified to fail before the fix only without pass cmp-imm: on 8d86463^ (d976bd1) vm:O2:-cmp-imm prints 4 instead of -2; vm at -O0, -O1 and -O2 agreed (at -O2 the immediate is always used; -O0 loads the numeral at once), so the default engines only replay the code path
-- note: divergence: vm:O2:-cmp-imm as built on 8d86463^, the default engines as of today
local s = "x"
print(-127 < ((s ~= "a") and -2 or -2) and -2 or 4)
print(1 <= (s == "x" and 2 or 0), 3 < (s == "y" or 2))
