//! lua-vm: an optimizing compiler from the lua-syntax AST to Lua 5.4 bytecode, and the
//! register VM that runs it, in the style of PUC-Rio Lua 5.4 (lopcodes.h, lcode.c, lvm.c).
//!
//! Module owners add their `pub mod` lines here once the module compiles.

pub mod opcodes;
pub mod proto;
