-- luadiff finding
-- signature: 120ac67e532be0f7
-- divergence: {native,vm,vm-O0} vs {ref}: output: "-nan" vs "nan"
-- blame: reference interpreter
-- bug: lua-ref: a product of two NaNs gave the first operand's NaN; the native engine (PUC at -O3) gives the second's, as lua-vm does. Which NaN wins depends on the C compiler's operand order, so Cargo.toml now compiles PUC at -O3 in dev builds too (a dev build gave the first operand's, and cargo test and release campaigns disagreed about the truth)
-- found by: luadiff fuzz --seed 6922795569234240087 (program 12387, program seed 16388904476070146409); regenerate: luadiff gen --seed 16388904476070146409
-- engines: native (PUC-Rio Lua 5.4.9 through mlua 0.12.2), ref (lua-ref, the luadiff reference interpreter (tree-walking, Lua 5.4)), vm (lua-vm register VM (-O2)), vm-O0 (lua-vm register VM (-O0))
-- date: 2026-11-21
-- reduced: 89 -> 2 lines, 2320 -> 32 bytes in 0.0 s
-- note: verified to fail before the fix: on 1e4daa2 ref prints nan, native, vm and vm-O0 -nan (release build); a dev build of 1e4daa2's native printed nan too (PUC at -O2)
-- note: divergence: reference interpreter bug
-- note: classes: {native,vm,vm-O0} vs {ref}
-- note: {native,vm,vm-O0}: returned
-- note: {ref}: returned
a = -(0 / 0), nil
print(a * -a)
