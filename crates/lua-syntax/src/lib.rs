//! The Lua 5.4 front end shared by every part of luadiff: lexer, parser, AST, printer.
//!
//! Architecture Invariant: this crate depends on no other workspace crate and knows
//! nothing about running Lua.

pub mod ast;
pub mod number;
