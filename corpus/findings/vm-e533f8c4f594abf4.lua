-- luadiff finding
-- signature: e533f8c4f594abf4
-- divergence: {native,ref} vs {vm,vm-O0}: output: "<pos>:" (positions differ)
-- blame: VM compiler or runtime
-- found by: libFuzzer target raw_source (just fuzz raw_source) on its seed conformance/errors/multiline_positions.lua ("table constructor"); cut to 6 lines by hand, then luadiff reduce
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0))
-- date: 2026-11-21
-- reduced: 58 -> 6 lines (by hand; luadiff reduce kept all 58 lines of the original)
-- note: known gap, crates/lua-vm/NOTES.md (Lines): the last item of a table constructor whose } is on a later line gets the item's line, native reports the } line
local t = {}
print(pcall(function()
  return {
    t.x.y,
  }
end))
