//! Bisecting an optimizer bug to the one rewrite that breaks the program.
//!
//! lua-vm numbers every rewrite its optimizer makes, and compiles with only the first
//! `N` of them when given the fuel `N` (`LUAVM_OPT_FUEL`, engine name `vm:fuel=N`). With
//! fuel 0 the code is the `-O0` code, with unlimited fuel it is the `-O2` code. When the
//! `-O0` code agrees with native Lua and the `-O2` code does not, a binary search over
//! the fuel finds an `N` such that `N - 1` rewrites agree and `N` do not: rewrite `N` is
//! the culprit, and the VM says which pass made it where ("pass `fold`, application 17,
//! function at line 3"). The search assumes that once broken the program stays broken
//! as rewrites are added; when that is not so it still ends on a rewrite that breaks the
//! program, just maybe not the only one. Independently, each pass is switched off alone
//! to list the passes without which the program agrees.
//!
//! Everything goes through the registry's [`VmSpec`] engines, so this module names no
//! concrete engine.

use std::fmt;

use lua_engine::{Engine, Limits, Outcome, Program};

use crate::oracle::{ErrorMode, Status, compare};
use crate::registry::{self, VmSpec};
use crate::run_isolated;

/// What bisection found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bisection {
    /// How many rewrites the `-O2` compilation makes.
    pub rewrites: u64,
    /// The rewrite (1-based fuel) from which on the program diverges.
    pub first_bad_rewrite: u64,
    /// The VM's description of that rewrite ("pass `fold`, application 17, function at
    /// line 3 (code at line 5)").
    pub culprit: String,
    /// The passes such that switching off that pass alone makes the program agree.
    pub guilty_passes: Vec<String>,
    /// Programs run to find out.
    pub runs: u64,
}

impl fmt::Display for Bisection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.culprit)?;
        match self.guilty_passes.as_slice() {
            [] => write!(f, "; no single pass switched off fixes it")?,
            passes => {
                let names: Vec<String> = passes.iter().map(|p| format!("`{p}`")).collect();
                write!(f, "; switching off {} alone fixes it", names.join(" or "))?
            }
        }
        write!(
            f,
            " (bisected over {} rewrites, {} runs)",
            self.rewrites, self.runs
        )
    }
}

/// Why bisection did not apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BisectError {
    /// The `-O0` code diverges from native too (or the `-O2` code agrees): not an
    /// optimizer bug.
    NotAnOptimizerBug(String),
    /// The program does not compile, or an engine could not be built.
    Setup(String),
}

impl fmt::Display for BisectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BisectError::NotAnOptimizerBug(why) => write!(f, "not an optimizer bug: {why}"),
            BisectError::Setup(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for BisectError {}

/// Bisects `source` (which the `-O2` VM runs differently from native Lua, and the `-O0`
/// VM the same) to the first rewrite that breaks it.
pub fn bisect(
    source: &[u8],
    chunkname: &str,
    limits: &Limits,
    mode: ErrorMode,
) -> Result<Bisection, BisectError> {
    let program = Program::new(source, chunkname);
    let mut native = registry::engine("native").map_err(|e| BisectError::Setup(e.to_string()))?;
    let native_outcome = run_isolated(native.as_mut(), &program, limits);
    let mut runs = 1;
    let mut agrees = |spec: &VmSpec| -> Result<bool, BisectError> {
        let mut vm = registry::vm_engine(spec).map_err(|e| BisectError::Setup(e.to_string()))?;
        runs += 1;
        Ok(agrees_with_native(
            &native_outcome,
            vm.as_mut(),
            &program,
            limits,
            mode,
        ))
    };
    let optimized = VmSpec::level(2);
    if !agrees(&VmSpec::level(0))? {
        return Err(BisectError::NotAnOptimizerBug(
            "the VM diverges from native at -O0 too".to_string(),
        ));
    }
    if agrees(&optimized)? {
        return Err(BisectError::NotAnOptimizerBug(
            "the VM agrees with native at -O2".to_string(),
        ));
    }
    let rewrites =
        registry::vm_rewrites(source, chunkname, &optimized).map_err(BisectError::Setup)?;
    let with_fuel = |fuel: u64| VmSpec {
        fuel: Some(fuel),
        ..optimized.clone()
    };
    if !agrees(&with_fuel(0))? {
        // Fuel 0 should give the -O0 code; if it does not agree, no rewrite is to blame.
        return Err(BisectError::Setup(
            "the VM with optimization fuel 0 diverges although -O0 agrees".to_string(),
        ));
    }
    if rewrites == 0 {
        return Err(BisectError::Setup(
            "the -O2 compilation makes no rewrite, yet differs from -O0".to_string(),
        ));
    }
    let bad = first_bad_fuel(rewrites, |fuel| agrees(&with_fuel(fuel)))?;
    let culprit = registry::vm_rewrite(source, chunkname, &optimized, bad)
        .map_err(BisectError::Setup)?
        .unwrap_or_else(|| format!("rewrite {bad} (the VM does not describe it)"));
    let mut guilty_passes = Vec::new();
    for pass in registry::vm_passes(2) {
        let spec = VmSpec {
            passes: vec![format!("-{pass}")],
            ..optimized.clone()
        };
        if agrees(&spec)? {
            guilty_passes.push(pass.to_string());
        }
    }
    Ok(Bisection {
        rewrites,
        first_bad_rewrite: bad,
        culprit,
        guilty_passes,
        runs,
    })
}

/// Binary search for the fuel at which a program starts to diverge, given that fuel 0
/// agrees and fuel `rewrites` does not: returns `n` such that fuel `n - 1` agrees and
/// fuel `n` does not (so rewrite `n` breaks the program).
fn first_bad_fuel<E>(
    rewrites: u64,
    mut agrees: impl FnMut(u64) -> Result<bool, E>,
) -> Result<u64, E> {
    // Invariant: fuel `good` agrees, fuel `bad` does not.
    let (mut good, mut bad) = (0, rewrites);
    while bad - good > 1 {
        let middle = good + (bad - good) / 2;
        if agrees(middle)? {
            good = middle;
        } else {
            bad = middle;
        }
    }
    Ok(bad)
}

/// Whether `engine` runs `program` as native Lua did. A run that ran out of something
/// counts as a disagreement: it is not what native did.
fn agrees_with_native(
    native: &Outcome,
    engine: &mut dyn Engine,
    program: &Program<'_>,
    limits: &Limits,
    mode: ErrorMode,
) -> bool {
    let outcome = run_isolated(engine, program, limits);
    let runs = [
        ("native".to_string(), native.clone()),
        (engine.name().to_string(), outcome),
    ];
    compare(&runs, mode).status == Status::Agree
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_ends_on_a_breaking_rewrite() {
        for rewrites in 1..40u64 {
            for culprit in 1..=rewrites {
                let mut runs = 0;
                let found = first_bad_fuel::<()>(rewrites, |fuel| {
                    runs += 1;
                    Ok(fuel < culprit)
                });
                assert_eq!(found, Ok(culprit), "{culprit} of {rewrites}");
                assert!(runs <= 64 - rewrites.leading_zeros(), "{runs} runs");
            }
        }
        // Not monotone: rewrite 3 breaks the program, rewrite 5 repairs it, rewrite 7
        // breaks it again. The search still ends between an agreeing and a diverging
        // fuel.
        let agrees = |fuel: u64| fuel < 3 || (5..7).contains(&fuel);
        let found = first_bad_fuel::<()>(10, |fuel| Ok(agrees(fuel))).unwrap();
        assert!(agrees(found - 1) && !agrees(found), "{found}");
    }

    #[test]
    fn programs_without_an_optimizer_bug_are_refused() {
        let result = bisect(
            b"print(1 + 2)",
            "=t",
            &Limits::GENERATED,
            ErrorMode::Message,
        );
        assert_eq!(
            result,
            Err(BisectError::NotAnOptimizerBug(
                "the VM agrees with native at -O2".to_string()
            ))
        );
        let source = b"local x = 2 * 3\nprint(x // 4)\n";
        let rewrites = registry::vm_rewrites(source, "=t", &VmSpec::level(2)).unwrap();
        assert!(rewrites > 0);
        let first = registry::vm_rewrite(source, "=t", &VmSpec::level(2), 1).unwrap();
        assert!(first.is_some_and(|text| text.starts_with("pass `")));
        assert_eq!(
            registry::vm_rewrite(source, "=t", &VmSpec::level(2), rewrites + 1),
            Ok(None)
        );
    }
}
