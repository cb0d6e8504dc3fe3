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
    // Invariant: fuel `good` agrees (fuel 0 is the -O0 code), fuel `bad` does not.
    let (mut good, mut bad) = (0, rewrites);
    if agrees(&with_fuel(0))? {
        while bad - good > 1 {
            let middle = good + (bad - good) / 2;
            if agrees(&with_fuel(middle))? {
                good = middle;
            } else {
                bad = middle;
            }
        }
    } else {
        // Fuel 0 should give the -O0 code; if it does not agree, no rewrite is to blame.
        return Err(BisectError::Setup(
            "the VM with optimization fuel 0 diverges although -O0 agrees".to_string(),
        ));
    }
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
