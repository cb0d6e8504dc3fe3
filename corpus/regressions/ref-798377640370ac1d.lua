-- luadiff finding
-- signature: 798377640370ac1d
-- divergence: {native,vm,vm-O0} vs {ref}: output: "true" vs "false"
-- blame: reference interpreter
-- bug: lua-ref: ipairs and utf8.codes made a new iterator function on every call, so two of their iterators compared unequal; native returns the same C function every time (fixed in 6ca0d70)
-- found by: not recorded: fix 6ca0d70 names no campaign (listed with the campaign finds when the corpus was seeded)
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0))
-- date: 2026-11-21
-- note: verified to fail before the fix: on 6ca0d70^ (45124dc) ref prints false for every comparison and nil for the table lookup, native true and ipairs
-- note: divergence: ref as built on 6ca0d70^, the other engines as of today
print(ipairs({}) == ipairs({1, 2}))
print(utf8.codes("a") == utf8.codes("b"), utf8.codes("a", true) == utf8.codes("b", true))
local seen = {}
seen[ipairs({})] = "ipairs"
print(seen[ipairs({3})], rawequal(utf8.codes(""), utf8.codes("xyz")))
