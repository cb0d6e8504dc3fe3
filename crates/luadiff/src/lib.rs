//! luadiff: runs Lua programs on several Lua 5.4 implementations and says who is wrong.
//!
//! * [`registry`]: engine names (`native`, `ref`, `vm`, `vm-O0`, `ext:COMMAND`) to engines;
//! * [`isolate`]: running an engine so that a panic becomes a `Crashed` outcome;
//! * [`oracle`]: grouping engines by agreement and naming the pattern;
//! * [`normalize`]: every normalisation applied before comparing, one rule each;
//! * [`report`]: text and JSON reports;
//! * [`conformance`]: the conformance suite (programs, snapshots, known gaps);
//! * [`snapshot`]: outcomes as snapshot text, and insta snapshot files;
//! * [`fsutil`]: atomic file writes;
//! * [`bench`]: the benchmark set (`benches/lua`);
//! * [`bench_run`], [`bench_report`]: `luadiff bench` (measuring, checking, reporting);
//! * [`signature`]: divergence signatures (deduplication) and the blamed layer;
//! * [`reduce`]: the reducer (`luadiff reduce`);
//! * [`bisect`]: bisecting optimizer bugs to one rewrite;
//! * [`corpus`]: findings and regressions (`corpus/`, `luadiff corpus`);
//! * [`commands`]: the `luadiff` subcommands (the binary only parses arguments);
//! * [`campaign`]: differential campaigns (`luadiff fuzz`, `luadiff gen`);
//! * [`fuzzing`]: the logic of the libFuzzer targets in `fuzz/`.

pub mod bench;
pub mod bench_report;
pub mod bench_run;
pub mod bisect;
pub mod campaign;
pub mod commands;
pub mod conformance;
pub mod corpus;
pub mod ext;
pub mod fsutil;
pub mod fuzzing;
pub mod isolate;
pub mod known_gaps;
pub mod normalize;
pub mod oracle;
pub mod reduce;
pub mod registry;
pub mod report;
pub mod signature;
pub mod snapshot;

pub use isolate::run_isolated;
pub use oracle::{ErrorMode, Status, Verdict, compare};
pub use registry::{DEFAULT_EXEC_ENGINE, EngineError, engine};
pub use report::Report;
