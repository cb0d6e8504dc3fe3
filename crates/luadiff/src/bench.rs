//! The benchmark set: `benches/lua/*.lua`, Lua programs that are timed against native Lua
//! and, every time they run, checked for correctness.
//!
//! # The size convention
//!
//! Every benchmark starts with three lines:
//!
//! ```lua
//! -- fib: naive recursive Fibonacci ...
//! -- sizes: full=30 small=15
//! local N = N or 30
//! ```
//!
//! The harness runs a benchmark at a size by putting `N=<size> ` in front of its first line
//! (a comment), so the global `N` holds the size and line numbers stay right. No `arg`
//! table and no `...` are needed, so every engine can run it as a plain program
//! (`Program::script` is `None`). Run standalone (`lua5.4.9 benches/lua/fib.lua`) it uses
//! its full size; the third line must repeat the full size, which [`Benchmark::parse`]
//! checks. `small` is what `cargo test` runs (milliseconds), `full` is what `luadiff
//! bench` times (0.2 to 2 seconds on native Lua).
//!
//! Every benchmark prints a checksum of what it computed, deterministically (no `pairs`
//! order, no addresses, no clock; accumulated floats through `%.10g` or a fixed number of
//! decimals), so that a wrong result is a divergence, never a fast benchmark.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lua_engine::{Engine, Limits, Outcome, Program};

use crate::known_gaps::GapFile;
use crate::run_isolated;

/// The directory of the benchmarks, relative to the repository root.
pub const BENCH_DIR: &str = "benches/lua";
/// The snapshots of native Lua's outcome at the small size, relative to the root.
pub const SNAPSHOTS_DIR: &str = "snapshots/benchmarks";
/// Engines' known divergences on benchmarks, one `ENGINE BENCHMARK REASON` per line.
pub const KNOWN_GAPS_FILE: &str = "benches/lua/KNOWN_GAPS";

/// The benchmark set's known gaps.
pub static KNOWN_GAPS: GapFile = GapFile {
    path: KNOWN_GAPS_FILE,
    subject: "benchmark",
    why_not_native: "it is the reference the benchmarks are compared with",
};
/// The committed ratios that `luadiff bench --check` compares with.
pub const BASELINE_FILE: &str = "benches/baseline.json";

/// The benchmarks the set must contain (issue 9): micro-benchmarks, then programs.
pub const REQUIRED: &[&str] = &[
    "int_loop",
    "float_mul",
    "mixed_arith",
    "if_chain",
    "while_loop",
    "repeat_until",
    "nested_loops",
    "call_simple",
    "fib",
    "vararg_call",
    "array_create",
    "table_insert",
    "field_access",
    "hash_strings",
    "ipairs_iter",
    "string_concat",
    "length_op",
    "string_sub",
    "string_find",
    "string_gsub",
    "method_index",
    "closures",
    "binary_trees",
    "n_body",
    "spectral_norm",
    "fannkuch_redux",
    "mandelbrot",
    "json",
    "oo_sim",
    "text_proc",
];

/// Limits for correctness runs at the small size (`cargo test`): generous but finite, so
/// an engine that loops forever fails one trial instead of hanging the suite.
pub const TEST_LIMITS: Limits = Limits {
    fuel: 20_000_000_000,
    memory_bytes: 2 << 30,
    depth: 200_000,
    output_bytes: 64 << 20,
    wall_time: Some(Duration::from_secs(300)),
};

/// Limits for timed runs: those of the `lua` command. No fuel and no wall-clock limit on
/// purpose: either would make the native engine install a count hook, and PUC's VM runs
/// every instruction through the hook check while one is set, which is not the speed of
/// native Lua.
pub const TIMING_LIMITS: Limits = Limits::FILES;

/// Which of a benchmark's two sizes to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// What `luadiff bench` times: 0.2 to 2 seconds on native Lua.
    Full,
    /// What `cargo test` checks: a few milliseconds.
    Small,
}

impl Size {
    pub fn name(self) -> &'static str {
        match self {
            Size::Full => "full",
            Size::Small => "small",
        }
    }

    pub fn parse(text: &str) -> Option<Size> {
        match text {
            "full" => Some(Size::Full),
            "small" => Some(Size::Small),
            _ => None,
        }
    }
}

/// One benchmark program.
#[derive(Clone, Debug)]
pub struct Benchmark {
    /// The file stem (`fib`).
    pub name: String,
    /// The path as reports and chunk names show it (`benches/lua/fib.lua`).
    pub path: String,
    /// The first line's text after `NAME: `.
    pub description: String,
    pub full: u64,
    pub small: u64,
    source: Vec<u8>,
}

impl Benchmark {
    /// Reads the header (see the module docs) of the benchmark `name` at `path`.
    pub fn parse(name: &str, path: &str, source: Vec<u8>) -> Result<Benchmark, String> {
        let text = String::from_utf8_lossy(&source);
        let mut lines = text.lines();
        let bad = |what: &str| format!("{path}: {what}");
        let first = lines.next().unwrap_or_default();
        let description = first
            .strip_prefix("-- ")
            .and_then(|rest| rest.strip_prefix(name))
            .and_then(|rest| rest.strip_prefix(": "))
            .ok_or_else(|| bad(&format!("the first line must be `-- {name}: DESCRIPTION`")))?;
        let sizes = lines.next().unwrap_or_default();
        let (full, small) = parse_sizes(sizes)
            .ok_or_else(|| bad("the second line must be `-- sizes: full=N small=M`"))?;
        if small == 0 || small >= full {
            return Err(bad(
                "the small size must be positive and below the full size",
            ));
        }
        let third = lines.next().unwrap_or_default();
        if third != format!("local N = N or {full}") {
            return Err(bad(&format!(
                "the third line must be `local N = N or {full}` (the full size, for standalone runs)"
            )));
        }
        Ok(Benchmark {
            name: name.to_string(),
            path: path.to_string(),
            description: description.to_string(),
            full,
            small,
            source,
        })
    }

    /// The value of `N` at `size`.
    pub fn size(&self, size: Size) -> u64 {
        match size {
            Size::Full => self.full,
            Size::Small => self.small,
        }
    }

    /// The source to run at `size`: `N=<size> ` in front of the first line.
    pub fn source(&self, size: Size) -> Vec<u8> {
        let mut source = format!("N={} ", self.size(size)).into_bytes();
        source.extend_from_slice(&self.source);
        source
    }

    /// The chunk name: `@` and the path, as `lua FILE` names it.
    pub fn chunkname(&self) -> String {
        format!("@{}", self.path)
    }

    /// Runs the benchmark at `size` on `engine`; a panic becomes `Crashed`.
    pub fn run(&self, engine: &mut dyn Engine, size: Size, limits: &Limits) -> Outcome {
        let source = self.source(size);
        let chunkname = self.chunkname();
        run_isolated(engine, &Program::new(&source, &chunkname), limits)
    }
}

fn parse_sizes(line: &str) -> Option<(u64, u64)> {
    let rest = line.strip_prefix("-- sizes: full=")?;
    let (full, small) = rest.split_once(" small=")?;
    Some((full.parse().ok()?, small.parse().ok()?))
}

/// The repository root: the nearest ancestor of `start` holding `benches/lua/` and a
/// `Cargo.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(BENCH_DIR).is_dir() && dir.join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
}

/// Every `*.lua` file of `dir`, sorted by name, parsed. `display` is how paths are shown
/// (`benches/lua`).
pub fn load_dir(dir: &Path, display: &str) -> Result<Vec<Benchmark>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {display}: {e}"))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {display}: {e}"))?;
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(name) = file.strip_suffix(".lua") {
            names.push(name.to_string());
        }
    }
    names.sort();
    let display = display.trim_end_matches('/');
    names
        .iter()
        .map(|name| {
            let path = format!("{display}/{name}.lua");
            let source = std::fs::read(dir.join(format!("{name}.lua")))
                .map_err(|e| format!("cannot read {path}: {e}"))?;
            Benchmark::parse(name, &path, source)
        })
        .collect()
}

/// The repository's benchmark set.
pub fn load(root: &Path) -> Result<Vec<Benchmark>, String> {
    load_dir(&root.join(BENCH_DIR), BENCH_DIR)
}

/// Where a benchmark's small-size snapshot lives: `snapshots/benchmarks/<name>.snap`.
pub fn snapshot_path(root: &Path, name: &str) -> PathBuf {
    root.join(SNAPSHOTS_DIR).join(format!("{name}.snap"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::known_gaps::KnownGaps;

    fn bench(text: &str) -> Result<Benchmark, String> {
        Benchmark::parse("fib", "benches/lua/fib.lua", text.as_bytes().to_vec())
    }

    #[test]
    fn headers_parse_and_sizes_prefix_the_first_line() {
        let b = bench("-- fib: calls\n-- sizes: full=30 small=15\nlocal N = N or 30\nprint(N)\n")
            .unwrap();
        assert_eq!((b.full, b.small), (30, 15));
        assert_eq!(b.description, "calls");
        assert_eq!(b.chunkname(), "@benches/lua/fib.lua");
        let source = String::from_utf8(b.source(Size::Small)).unwrap();
        assert!(source.starts_with("N=15 -- fib: calls\n"), "{source}");
        assert_eq!(source.lines().count(), 4, "line numbers are unchanged");
    }

    #[test]
    fn malformed_headers_are_rejected() {
        assert!(bench("-- fob: x\n-- sizes: full=30 small=15\nlocal N = N or 30\n").is_err());
        assert!(bench("-- fib: x\n-- sizes: full=30\nlocal N = N or 30\n").is_err());
        assert!(bench("-- fib: x\n-- sizes: full=30 small=30\nlocal N = N or 30\n").is_err());
        let wrong_default = bench("-- fib: x\n-- sizes: full=30 small=15\nlocal N = N or 20\n");
        assert!(wrong_default.unwrap_err().contains("local N = N or 30"));
    }

    #[test]
    fn known_gaps_parse_and_find_stale_lines() {
        let gaps = KnownGaps::parse("# c\nvm fib   wrong result of fib\n", &KNOWN_GAPS).unwrap();
        assert_eq!(gaps.reason("vm", "fib"), Some("wrong result of fib"));
        assert_eq!(gaps.reason("ref", "fib"), None);
        assert!(KnownGaps::parse("vm fib\n", &KNOWN_GAPS).is_err());
        assert!(KnownGaps::parse("vm fib a\nvm fib b\n", &KNOWN_GAPS).is_err());
        let stale = KnownGaps::parse("vm gone why\nnative fib why\n", &KNOWN_GAPS).unwrap();
        assert_eq!(stale.stale(&["fib"], &["native", "vm"]).len(), 2);
    }

    #[test]
    fn sizes_have_names() {
        assert_eq!(Size::parse("full"), Some(Size::Full));
        assert_eq!(Size::parse(Size::Small.name()), Some(Size::Small));
        assert_eq!(Size::parse("medium"), None);
    }
}
