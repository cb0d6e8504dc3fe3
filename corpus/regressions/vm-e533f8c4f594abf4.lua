-- luadiff finding
-- signature: e533f8c4f594abf4
-- divergence: {native,ref} vs {vm,vm-O0}: output: "<pos>:" (positions differ)
-- blame: VM compiler or runtime
-- bug: lua-vm coded an indexing in the last item of a table constructor at the item's line, native at the line of the closing } (the tree now records it: TableConstructor::close_line)
-- found by: libFuzzer target raw_source (just fuzz raw_source) on its seed conformance/errors/multiline_positions.lua ("table constructor"); cut to 6 lines by hand, then luadiff reduce
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0))
-- date: 2026-11-21
-- reduced: 58 -> 6 lines (by hand; luadiff reduce kept all 58 lines of the original)
-- note: was a known gap (crates/lua-vm/NOTES.md, Lines) until lua-syntax recorded the } line in the tree
local t = {}
print(pcall(function()
  return {
    t.x.y,
  }
end))
