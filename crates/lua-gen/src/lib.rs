//! The program generator: valid, terminating, deterministic Lua 5.4 programs for
//! differential testing.
//!
//! A [`Program`] is built from bytes ([`arbitrary::Unstructured`]), so libFuzzer can drive
//! it directly; proptest drives it through [`strategy`] (shrinking the bytes, as
//! Hypothesis does); [`Program::from_seed`] makes a program from a number, the same
//! forever for the same seed and configuration.
//!
//! Programs are valid by construction (the generator tracks the types of everything in
//! scope), terminate by construction (static trip counts, counters, depth parameters,
//! an estimated cost budget), and print only what every correct engine prints the same
//! way (see [`determinism`]'s rules). Each program draws a subset of features (swarm
//! testing, see [`Config`]).
//!
//! ```
//! use lua_gen::{Config, Feature, Program};
//!
//! let mut config = Config::with_size(30);
//! config.apply_feature_spec("coroutines,-goto").unwrap();
//! let p = Program::from_seed(7, &config);
//! assert_eq!(p.source(), Program::from_seed(7, &config).source());
//! assert!(p.features().contains(Feature::Coroutines));
//! let kinds = lua_gen::coverage::node_kinds(p.ast());
//! assert!(kinds.contains("stat:Local") || kinds.contains("stat:Call"));
//! ```
//!
//! Architecture Invariant: lua-gen depends on lua-syntax only among workspace crates.

mod build;
mod choice;
mod config;
pub mod coverage;
pub mod determinism;
mod generator;
mod types;

use std::fmt;

use arbitrary::{Arbitrary, Unstructured};
use lua_syntax::ast::Chunk;
use proptest::prelude::*;

pub use config::{Config, Feature, FeatureSet};

/// A generated program: its syntax tree and source. `Debug` prints the source, so a
/// failing test shows a reproducer.
#[derive(Clone)]
pub struct Program {
    chunk: Chunk,
    source: String,
    features: FeatureSet,
}

impl Program {
    /// Generates a program from fuzzer bytes. Running out of bytes yields a smaller
    /// program, never an error; the `Result` is for `Arbitrary` compatibility.
    pub fn generate(u: &mut Unstructured<'_>, config: &Config) -> arbitrary::Result<Program> {
        let mut g = generator::Gen::new(choice::Choices::new(u), config);
        let chunk = g.program();
        let features = g.feats;
        let source = print(&chunk);
        Ok(Program {
            chunk,
            source,
            features,
        })
    }

    /// Generates a program from a byte string (all of it, or what it takes).
    pub fn from_bytes(bytes: &[u8], config: &Config) -> Program {
        let mut u = Unstructured::new(bytes);
        Program::generate(&mut u, config).expect("generation never fails")
    }

    /// The program for `seed`: the same for the same seed and configuration, always.
    pub fn from_seed(seed: u64, config: &Config) -> Program {
        choice::with_seeded_bytes(seed, Program::seed_bytes_len(config), |bytes| {
            Program::from_bytes(bytes, config)
        })
    }

    /// How many bytes a seeded program gets: enough that the size budget, not the
    /// bytes, ends it (a size-40 program consumes fewer than 2000 bytes).
    fn seed_bytes_len(config: &Config) -> usize {
        2048 + config.size * 64
    }

    /// Only the tree for `seed`, without printing it (for measuring the generator alone).
    #[doc(hidden)]
    pub fn ast_from_seed(seed: u64, config: &Config) -> Chunk {
        choice::with_seeded_bytes(seed, Program::seed_bytes_len(config), |bytes| {
            let mut u = Unstructured::new(bytes);
            generator::Gen::new(choice::Choices::new(&mut u), config).program()
        })
    }

    /// The syntax tree.
    pub fn ast(&self) -> &Chunk {
        &self.chunk
    }

    /// The Lua source.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The features this program was allowed to use (its swarm draw).
    pub fn features(&self) -> FeatureSet {
        self.features
    }
}

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "-- lua-gen program, features: {:?}", self.features)?;
        f.write_str(&self.source)
    }
}

impl fmt::Display for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl<'a> Arbitrary<'a> for Program {
    /// A program with the default configuration (for `fuzz_target!(|p: Program| ...)`).
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Program> {
        Program::generate(u, &Config::default())
    }
}

/// A proptest strategy for programs: bytes mapped through the generator, so shrinking
/// works on the bytes and shrunk inputs give smaller programs.
pub fn strategy(config: Config) -> impl Strategy<Value = Program> {
    let len = Program::seed_bytes_len(&config);
    proptest::collection::vec(any::<u8>(), 0..len)
        .prop_map(move |bytes| Program::from_bytes(&bytes, &config))
}

/// Prints a generated tree as Lua source.
fn print(chunk: &Chunk) -> String {
    lua_syntax::print(chunk)
}
