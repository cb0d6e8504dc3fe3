//! Compiler configuration: the optimization level, the named passes that can be switched
//! off one by one, and the optimization fuel that stops after N rewrites.
//!
//! Every optimization the compiler makes belongs to one [`Pass`] with a stable name
//! (`fold`, `threading`, ...). `--passes=-fold,-threading` maps to
//! [`CompileConfig::with_passes`]; `LUAVM_OPT_FUEL=N` maps to [`CompileConfig::opt_fuel`]:
//! the compiler performs the first N individual rewrites and no more, so an optimizer
//! bug can be bisected to the exact rewrite that introduced it (see `crate::opt`).
//! With fuel 0, or with every pass disabled, `-O2` emits exactly the `-O0` code.

use std::fmt;

/// The optimization level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum OptLevel {
    /// The straightforward translation: generic register forms only.
    O0,
    /// Constant and immediate operand forms.
    O1,
    /// Everything: folding, jump rewriting, register reuse, peepholes (the default).
    #[default]
    O2,
}

impl OptLevel {
    /// Parses `0`, `1`, `2` (also `O0`, `-O2`...).
    pub fn parse(s: &str) -> Result<OptLevel, String> {
        match s.trim_start_matches('-').trim_start_matches(['O', 'o']) {
            "0" => Ok(OptLevel::O0),
            "1" => Ok(OptLevel::O1),
            "2" => Ok(OptLevel::O2),
            _ => Err(format!(
                "invalid optimization level '{s}' (expected 0, 1 or 2)"
            )),
        }
    }
}

impl fmt::Display for OptLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptLevel::O0 => f.write_str("-O0"),
            OptLevel::O1 => f.write_str("-O1"),
            OptLevel::O2 => f.write_str("-O2"),
        }
    }
}

macro_rules! passes {
    ($($variant:ident $name:literal $level:ident $doc:literal;)*) => {
        /// A named optimization. Each one documents, where it is implemented, the
        /// conditions under which it is valid.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Pass {
            $(#[doc = $doc] $variant,)*
        }

        impl Pass {
            /// Every pass, in the order of this table.
            pub const ALL: &'static [Pass] = &[$(Pass::$variant),*];

            /// The stable name used by `--passes` and in blame reports.
            pub fn name(self) -> &'static str {
                match self { $(Pass::$variant => $name,)* }
            }

            /// The lowest level that enables the pass.
            pub fn level(self) -> OptLevel {
                match self { $(Pass::$variant => OptLevel::$level,)* }
            }

            /// One sentence saying what the pass does.
            pub fn description(self) -> &'static str {
                match self { $(Pass::$variant => $doc,)* }
            }
        }
    };
}

passes! {
    LoadImm "load-imm" O1 "Loads integers and integral floats that fit 17 bits with LOADI/LOADF instead of LOADK.";
    ArithImm "arith-imm" O1 "Uses ADDI, SHRI and SHLI for a small integer operand (`x - 1` is ADDI -1, `x << 1` is SHRI -1).";
    ArithK "arith-k" O1 "Uses ADDK..BXORK for a numeric constant operand, swapping the operands of commutative operators.";
    CmpImm "cmp-imm" O1 "Uses EQI, LTI, LEI, GTI, GEI to compare with a small integer or integral float literal.";
    CmpK "cmp-k" O1 "Uses EQK to compare with a constant.";
    IndexK "index-k" O1 "Uses GETFIELD/SETFIELD, GETI/SETI, GETTABUP/SETTABUP and a constant SELF key for constant keys.";
    StoreK "store-k" O1 "Stores a constant value straight from the constant table in SET instructions (RK operand).";
    Fold "fold" O2 "Folds arithmetic, bitwise and `not` operations on constants (lcode.c constfolding rules).";
    ConstCond "const-cond" O2 "A condition that is a constant needs no test: true falls through, false jumps.";
    CondInvert "cond-invert" O2 "A comparison used as a condition is inverted (its k bit) so that one jump skips the block.";
    CondNot "cond-not" O2 "A `not` that feeds a test is removed and the test inverted.";
    CondBreak "cond-break" O2 "`if c then break end` jumps out of the loop with the condition's own jump.";
    TestSet "testset" O2 "`and`/`or` values use TESTSET jumps that carry the value, instead of a materialized register.";
    RegReuse "reg-reuse" O2 "A value assigned to a local is computed directly in the local's register (no temporary and MOVE).";
    ConcatMerge "concat-merge" O2 "`a .. b .. c` is one CONCAT over consecutive registers.";
    LoadNilMerge "loadnil-merge" O2 "Consecutive LOADNILs over adjacent registers merge into one.";
    Threading "threading" O2 "A jump to a jump goes straight to the final target.";
    DeadCode "dead-code" O2 "Instructions no path can reach are removed.";
    RetSpecial "ret-special" O2 "A return of 0 or 1 value from a function with nothing to close uses RETURN0/RETURN1.";
}

impl Pass {
    /// The pass named `name`.
    pub fn from_name(name: &str) -> Option<Pass> {
        Pass::ALL.iter().copied().find(|p| p.name() == name)
    }
}

impl fmt::Display for Pass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of passes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PassSet(u64);

impl PassSet {
    pub const EMPTY: PassSet = PassSet(0);

    pub fn all() -> PassSet {
        let mut s = PassSet::EMPTY;
        for &p in Pass::ALL {
            s.insert(p);
        }
        s
    }

    pub fn contains(self, pass: Pass) -> bool {
        self.0 & (1 << pass as u64) != 0
    }

    pub fn insert(&mut self, pass: Pass) {
        self.0 |= 1 << pass as u64;
    }

    pub fn remove(&mut self, pass: Pass) {
        self.0 &= !(1 << pass as u64);
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Pass> {
        Pass::ALL.iter().copied().filter(move |&p| self.contains(p))
    }
}

/// How to compile.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CompileConfig {
    pub opt_level: OptLevel,
    /// Passes switched off even though the level enables them.
    pub disabled_passes: PassSet,
    /// Passes switched on even though the level does not enable them (`--passes=+fold`).
    pub enabled_passes: PassSet,
    /// Stop optimizing after this many rewrites (`LUAVM_OPT_FUEL`); `None` is unlimited.
    pub opt_fuel: Option<u64>,
    /// Keep a log of every rewrite (pass, function, line) for blame reports; off by
    /// default because large files make many rewrites.
    pub record_applications: bool,
}

/// The environment variable that sets [`CompileConfig::opt_fuel`].
pub const FUEL_ENV_VAR: &str = "LUAVM_OPT_FUEL";

impl CompileConfig {
    /// The configuration of a level with every pass of that level enabled and no fuel limit.
    pub fn new(opt_level: OptLevel) -> CompileConfig {
        CompileConfig {
            opt_level,
            ..CompileConfig::default()
        }
    }

    /// The default (`-O2`) configuration with the fuel from `LUAVM_OPT_FUEL`, if set. An
    /// invalid value is ignored; use [`CompileConfig::try_from_env`] to report it.
    pub fn from_env() -> CompileConfig {
        CompileConfig::try_from_env().unwrap_or_default()
    }

    /// Like [`CompileConfig::from_env`], but an invalid `LUAVM_OPT_FUEL` is an error.
    pub fn try_from_env() -> Result<CompileConfig, String> {
        Ok(CompileConfig {
            opt_fuel: fuel_from_env()?,
            ..CompileConfig::default()
        })
    }

    /// Applies a pass list such as `-fold,-threading` or `+fold`: `-name` disables a
    /// pass, `+name` or `name` enables it whatever the level.
    pub fn with_passes(mut self, spec: &str) -> Result<CompileConfig, String> {
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (enable, name) = match item.strip_prefix('-') {
                Some(name) => (false, name),
                None => (true, item.strip_prefix('+').unwrap_or(item)),
            };
            let Some(pass) = Pass::from_name(name) else {
                let known: Vec<&str> = Pass::ALL.iter().map(|p| p.name()).collect();
                return Err(format!(
                    "unknown optimization pass '{name}' (known passes: {})",
                    known.join(", ")
                ));
            };
            if enable {
                self.enabled_passes.insert(pass);
                self.disabled_passes.remove(pass);
            } else {
                self.disabled_passes.insert(pass);
                self.enabled_passes.remove(pass);
            }
        }
        Ok(self)
    }

    /// Whether `pass` runs under this configuration (fuel aside).
    pub fn pass_enabled(&self, pass: Pass) -> bool {
        if self.disabled_passes.contains(pass) {
            return false;
        }
        pass.level() <= self.opt_level || self.enabled_passes.contains(pass)
    }
}

/// Reads `LUAVM_OPT_FUEL`: unset or empty is `None`.
pub fn fuel_from_env() -> Result<Option<u64>, String> {
    match std::env::var(FUEL_ENV_VAR) {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => {
            v.trim().parse::<u64>().map(Some).map_err(|_| {
                format!("invalid {FUEL_ENV_VAR} '{v}' (expected a number of rewrites)")
            })
        }
        Err(_) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_names_are_unique_and_parse() {
        for &p in Pass::ALL {
            assert_eq!(Pass::from_name(p.name()), Some(p));
        }
        assert!(Pass::ALL.len() < 64);
    }

    #[test]
    fn passes_spec() {
        let c = CompileConfig::new(OptLevel::O2)
            .with_passes("-fold,-threading")
            .unwrap();
        assert!(!c.pass_enabled(Pass::Fold));
        assert!(!c.pass_enabled(Pass::Threading));
        assert!(c.pass_enabled(Pass::TestSet));
        let c = CompileConfig::new(OptLevel::O0)
            .with_passes("+fold")
            .unwrap();
        assert!(c.pass_enabled(Pass::Fold));
        assert!(!c.pass_enabled(Pass::LoadImm));
        let err = CompileConfig::new(OptLevel::O2)
            .with_passes("-nosuch")
            .unwrap_err();
        assert!(err.starts_with("unknown optimization pass 'nosuch'"));
    }

    #[test]
    fn levels_parse() {
        assert_eq!(OptLevel::parse("0"), Ok(OptLevel::O0));
        assert_eq!(OptLevel::parse("-O1"), Ok(OptLevel::O1));
        assert_eq!(OptLevel::parse("O2"), Ok(OptLevel::O2));
        assert!(OptLevel::parse("3").is_err());
    }
}
