//! Not code: this directory holds the insta snapshots of the whole suite (expected outcomes
//! of conformance programs, corpus regressions and benchmarks; VM listings).
//!
//! It is a workspace member only because cargo-insta looks for pending snapshots
//! (`*.snap.new`) inside package directories: being one makes `cargo insta review` and
//! `cargo insta accept` work for snapshots written by tests of other packages.
