//! Generator configuration: program size, error rates and the swarm feature set.
//!
//! Swarm testing (Groce et al., "Swarm Testing", ISSTA 2012): instead of giving every
//! program every feature at a fixed rate, each program first draws a random subset of
//! features and leaves the others out. A program without floats or without metatables has
//! room for many more of what it does contain, so rare interactions get exercised. The
//! [`Config`] can force features on or off for targeted campaigns.

use std::fmt;

/// A language or library area that a program may or may not use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// Float literals and float arithmetic (integers are always present).
    Floats,
    /// Extreme numbers: `math.maxinteger`, `math.mininteger`, `±0.0`, `±inf`, NaN, `2^53±1`, `2^63`.
    EdgeNumbers,
    /// String values, concatenation and coercions between strings and numbers.
    Strings,
    /// Table constructors, sequences, records and maps.
    Tables,
    /// Functions, closures and upvalues from several levels.
    Closures,
    /// Self-recursive functions with a depth parameter, and tail calls.
    Recursion,
    /// Vararg functions, `select`, `table.pack`/`unpack`, multiple results.
    Varargs,
    /// Numeric, generic, `while` and `repeat` loops, `break`.
    Loops,
    /// `goto` and labels, forward and (with a counter) backward.
    Goto,
    /// Metatables with every event, classes, `__index` chains.
    Metatables,
    /// Coroutines: create, resume, yield (also across `pcall` and metamethods), wrap, close.
    Coroutines,
    /// `pcall`, `xpcall`, `error` and operations that raise, mostly protected.
    Errors,
    /// `<close>` variables.
    ToBeClosed,
    /// `<const>` variables (compile-time constants when initialised with literals).
    Const,
    /// Global variables and `function` statements on globals and fields.
    Globals,
    /// Multiple assignments, swaps, and adjusting value lists.
    MultipleAssignment,
    /// The string library, patterns and `string.format`.
    StringLibrary,
    /// The math library, including the Lua 5.3 compatibility functions.
    MathLibrary,
    /// The table library.
    TableLibrary,
    /// The utf8 library.
    Utf8Library,
    /// `math.random` after `math.randomseed` with a fixed seed.
    Random,
    /// `load` of small chunks, including ones with syntax errors.
    Load,
    /// Big constructors (SETLIST batches, more than 255 constants in one function).
    BigTables,
}

impl Feature {
    pub const ALL: [Feature; 23] = [
        Feature::Floats,
        Feature::EdgeNumbers,
        Feature::Strings,
        Feature::Tables,
        Feature::Closures,
        Feature::Recursion,
        Feature::Varargs,
        Feature::Loops,
        Feature::Goto,
        Feature::Metatables,
        Feature::Coroutines,
        Feature::Errors,
        Feature::ToBeClosed,
        Feature::Const,
        Feature::Globals,
        Feature::MultipleAssignment,
        Feature::StringLibrary,
        Feature::MathLibrary,
        Feature::TableLibrary,
        Feature::Utf8Library,
        Feature::Random,
        Feature::Load,
        Feature::BigTables,
    ];

    /// The name used on command lines (`--features floats,-goto`).
    pub fn name(self) -> &'static str {
        match self {
            Feature::Floats => "floats",
            Feature::EdgeNumbers => "edge-numbers",
            Feature::Strings => "strings",
            Feature::Tables => "tables",
            Feature::Closures => "closures",
            Feature::Recursion => "recursion",
            Feature::Varargs => "varargs",
            Feature::Loops => "loops",
            Feature::Goto => "goto",
            Feature::Metatables => "metatables",
            Feature::Coroutines => "coroutines",
            Feature::Errors => "errors",
            Feature::ToBeClosed => "close",
            Feature::Const => "const",
            Feature::Globals => "globals",
            Feature::MultipleAssignment => "multiple-assignment",
            Feature::StringLibrary => "string-library",
            Feature::MathLibrary => "math-library",
            Feature::TableLibrary => "table-library",
            Feature::Utf8Library => "utf8-library",
            Feature::Random => "random",
            Feature::Load => "load",
            Feature::BigTables => "big-tables",
        }
    }

    /// The feature with this command-line name.
    pub fn from_name(name: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.name() == name)
    }

    /// How likely swarm testing keeps the feature, in percent. Rare, costly features are
    /// kept less often so that the common case stays fast.
    fn swarm_percent(self) -> u32 {
        match self {
            Feature::BigTables => 15,
            Feature::Load => 30,
            Feature::Random => 40,
            _ => 70,
        }
    }
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of [`Feature`]s.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FeatureSet(u32);

impl FeatureSet {
    pub const EMPTY: FeatureSet = FeatureSet(0);

    pub fn all() -> FeatureSet {
        Feature::ALL.into_iter().collect()
    }

    pub fn contains(self, f: Feature) -> bool {
        self.0 & (1 << f as u32) != 0
    }

    pub fn insert(&mut self, f: Feature) {
        self.0 |= 1 << f as u32;
    }

    pub fn remove(&mut self, f: Feature) {
        self.0 &= !(1 << f as u32);
    }

    pub fn with(mut self, f: Feature) -> FeatureSet {
        self.insert(f);
        self
    }

    pub fn iter(self) -> impl Iterator<Item = Feature> {
        Feature::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl FromIterator<Feature> for FeatureSet {
    fn from_iter<I: IntoIterator<Item = Feature>>(iter: I) -> FeatureSet {
        let mut s = FeatureSet::EMPTY;
        for f in iter {
            s.insert(f);
        }
        s
    }
}

impl fmt::Debug for FeatureSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(Feature::name))
            .finish()
    }
}

/// How to generate programs.
#[derive(Clone, Debug)]
pub struct Config {
    /// Roughly the number of statements in a program (default 40, which prints as
    /// 30-150 lines).
    pub size: usize,
    /// Draw a random feature subset per program (swarm testing). When false, every
    /// feature not in `disabled` is on.
    pub swarm: bool,
    /// Features every program has, whatever the swarm draw.
    pub enabled: FeatureSet,
    /// Features no program has.
    pub disabled: FeatureSet,
    /// Roughly the percent of statements that deliberately raise (or may raise) inside
    /// `pcall`, printing the error message.
    pub risky_percent: u32,
    /// Percent of programs allowed one risky operation outside `pcall`, which may end the
    /// program with an uncaught error (so that uncaught errors are compared too). The
    /// default keeps well over 90% of programs running to completion.
    pub unprotected_percent: u32,
    /// Estimated work per program, in units of about one statement executed. Loops,
    /// calls and metamethods are charged by how often they run. Keeps programs well
    /// under a hundred microseconds on PUC Lua.
    pub cost_budget: u64,
    /// Maximum nesting of expressions.
    pub max_expr_depth: u32,
    /// Maximum nesting of blocks (loops, ifs, functions).
    pub max_block_depth: u32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            size: 40,
            swarm: true,
            enabled: FeatureSet::EMPTY,
            disabled: FeatureSet::EMPTY,
            risky_percent: 3,
            unprotected_percent: 8,
            cost_budget: 1500,
            max_expr_depth: 4,
            max_block_depth: 5,
        }
    }
}

impl Config {
    /// A configuration with a different size and everything else default.
    pub fn with_size(size: usize) -> Config {
        Config {
            size,
            ..Config::default()
        }
    }

    /// Applies a comma-separated feature list such as `"floats,-goto,+coroutines"`:
    /// `name` or `+name` forces a feature on, `-name` forces it off. Returns the first
    /// unknown name as an error (for a command line's one-line message).
    pub fn apply_feature_spec(&mut self, spec: &str) -> Result<(), String> {
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (on, name) = match item.strip_prefix('-') {
                Some(rest) => (false, rest),
                None => (true, item.strip_prefix('+').unwrap_or(item)),
            };
            let f = Feature::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Feature::ALL.iter().map(|f| f.name()).collect();
                format!("unknown feature '{name}' (known: {})", known.join(", "))
            })?;
            if on {
                self.enabled.insert(f);
                self.disabled.remove(f);
            } else {
                self.disabled.insert(f);
                self.enabled.remove(f);
            }
        }
        Ok(())
    }

    /// Draws the feature set of one program.
    pub(crate) fn draw_features(&self, c: &mut crate::choice::Choices<'_, '_>) -> FeatureSet {
        let mut set = FeatureSet::EMPTY;
        for f in Feature::ALL {
            let on = if self.enabled.contains(f) {
                true
            } else if self.disabled.contains(f) {
                false
            } else if self.swarm {
                // An exhausted input keeps the basic features: `chance` would say no to all.
                c.is_empty() && f.swarm_percent() >= 70 || c.chance(f.swarm_percent())
            } else {
                true
            };
            if on {
                set.insert(f);
            }
        }
        set
    }
}
