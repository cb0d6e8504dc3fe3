//! luadiff: runs Lua programs on several Lua 5.4 implementations and says who is wrong.
//!
//! * [`registry`]: engine names (`native`, `ref`, `vm`, `vm-O0`, `ext:COMMAND`) to engines;
//! * [`isolate`]: running an engine so that a panic becomes a `Crashed` outcome;
//! * [`oracle`]: grouping engines by agreement and naming the pattern;
//! * [`normalize`]: every normalisation applied before comparing, one rule each;
//! * [`report`]: text and JSON reports;
//! * [`commands`]: `luadiff exec` and `luadiff run` (the binary only parses arguments).

pub mod commands;
pub mod ext;
pub mod isolate;
pub mod normalize;
pub mod oracle;
pub mod registry;
pub mod report;

pub use isolate::run_isolated;
pub use oracle::{ErrorMode, Status, Verdict, compare};
pub use registry::{DEFAULT_EXEC_ENGINE, EngineError, engine};
pub use report::Report;
