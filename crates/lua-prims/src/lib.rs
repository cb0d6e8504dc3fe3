//! Representation-independent Lua 5.4 primitives shared by the Rust engines (`lua-ref` and
//! `lua-vm`): everything in the language and its standard library that does not depend on
//! how values are stored, written once and checked against native Lua 5.4.9 once.
//!
//! - [`number`]: the two number subtypes, arithmetic, conversions, comparisons, coercions.
//! - [`forloop`]: numeric `for` preparation and stepping.
//! - [`math`]: `math` functions with integer/float rules; [`random`]: `math.random`.
//! - [`numfmt`]: `tostring` of numbers; [`printf`]: C `printf` conversions;
//!   [`format`]: `string.format` and `%q`.
//! - [`pattern`]: Lua patterns and the `find`/`match`/`gmatch`/`gsub` drivers.
//! - [`pack`]: `string.pack`/`unpack`/`packsize`; [`utf8`]: the `utf8` library.
//! - [`sort`]: `table.sort`; [`strlib`]: small rules of the string, table and base libraries.
//!
//! Errors are [`Error`] values carrying PUC's messages; the engine turns them into Lua
//! errors (adding `bad argument #n to 'f'` for argument errors).
//!
//! Architecture Invariant: this crate depends on `lua-syntax` only (for `str2number`) and
//! knows nothing about values, tables or calls.

pub mod error;
pub mod forloop;
pub mod format;
pub mod math;
pub mod number;
pub mod numfmt;
pub mod pack;
pub mod pattern;
pub mod printf;
pub mod random;
pub mod sort;
pub mod strlib;
pub mod utf8;

pub use error::Error;
pub use number::{ArithError, ArithOp, F2I, Number};
