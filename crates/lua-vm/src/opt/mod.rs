//! The optimizer: bookkeeping shared by every pass (which passes run, fuel, the log of
//! applications) and the passes that are units of their own.
//!
//! Passes come in two shapes:
//! - decisions the code generator makes while it emits code (the operand forms of `-O1`,
//!   [`fold`]ing, jump inversion, TESTSET...): the generator asks
//!   [`Optimizer::apply`] before each rewrite, so each one is counted and can be refused;
//! - bytecode passes over a finished function ([`jumps`] threading, [`dead_code`]
//!   removal, [`peephole`] return forms), which run when the function is closed.
//!
//! Every individual rewrite is one *application*. Applications are numbered from 1 in
//! the order the compiler makes them (functions in source order; a function's bytecode
//! passes run when its `end` is reached, after the functions it contains). With fuel `N`
//! the first `N` applications are made and later ones refused, so the code depends only
//! on `N`: if a program misbehaves with fuel `N` but not `N - 1`, application `N` is the
//! culprit, and [`Application`] says which pass made it in which function.

pub mod dead_code;
pub mod fold;
pub mod jumps;
pub mod peephole;

use crate::config::{CompileConfig, Pass};
use std::fmt;

/// One rewrite the optimizer made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Application {
    /// 1-based sequence number (what `LUAVM_OPT_FUEL` counts).
    pub number: u64,
    pub pass: Pass,
    /// `linedefined` of the function being compiled (0 for the main chunk).
    pub function_line: u32,
    /// The source line of the code that was rewritten.
    pub line: u32,
}

impl fmt::Display for Application {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pass `{}`, application {}, ", self.pass, self.number)?;
        if self.function_line == 0 {
            write!(f, "main chunk")?;
        } else {
            write!(f, "function at line {}", self.function_line)?;
        }
        write!(f, " (code at line {})", self.line)
    }
}

/// What the optimizer did during one compilation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OptStats {
    /// Total number of applications made.
    pub applications: u64,
    /// Applications per pass (passes that made none are left out).
    pub per_pass: Vec<(Pass, u64)>,
    /// Every application, in order, when [`CompileConfig::record_applications`] is set.
    pub log: Vec<Application>,
    /// Whether some rewrite was refused because the fuel ran out.
    pub out_of_fuel: bool,
}

/// Decides, rewrite by rewrite, whether an optimization may be made, and counts it.
#[derive(Debug)]
pub struct Optimizer {
    enabled: [bool; 64],
    fuel: Option<u64>,
    applied: u64,
    per_pass: [u64; 64],
    record: bool,
    log: Vec<Application>,
    out_of_fuel: bool,
    /// `linedefined` of the function being compiled, for the log.
    pub function_line: u32,
    /// Work buffers of the bytecode passes, reused from function to function.
    pub(crate) scratch_flags: Vec<bool>,
    pub(crate) scratch_stack: Vec<usize>,
}

impl Optimizer {
    pub fn new(config: &CompileConfig) -> Optimizer {
        let mut enabled = [false; 64];
        for &pass in Pass::ALL {
            enabled[pass as usize] = config.pass_enabled(pass);
        }
        Optimizer {
            enabled,
            fuel: config.opt_fuel,
            applied: 0,
            per_pass: [0; 64],
            record: config.record_applications,
            log: Vec::new(),
            out_of_fuel: false,
            function_line: 0,
            scratch_flags: Vec::new(),
            scratch_stack: Vec::new(),
        }
    }

    /// Whether the configuration runs `pass` at all (fuel aside). Use it to skip the
    /// work of looking for a rewrite; then call [`Optimizer::apply`] before making it.
    #[inline]
    pub fn enabled(&self, pass: Pass) -> bool {
        self.enabled[pass as usize]
    }

    /// Whether a rewrite by `pass` would be accepted now (enabled and fuel left), without
    /// counting it. Follow with [`Optimizer::apply`] when the rewrite is made.
    #[inline]
    pub fn can_apply(&self, pass: Pass) -> bool {
        self.enabled(pass) && self.fuel.is_none_or(|fuel| self.applied < fuel)
    }

    /// Asks to make one rewrite by `pass` on code at `line`: returns true (and counts
    /// the application) if it may be made. Call it only when the rewrite is possible and
    /// will be made if allowed, so that every counted application is a real rewrite.
    #[inline]
    pub fn apply(&mut self, pass: Pass, line: u32) -> bool {
        if !self.enabled(pass) {
            return false;
        }
        if let Some(fuel) = self.fuel
            && self.applied >= fuel
        {
            self.out_of_fuel = true;
            return false;
        }
        self.applied += 1;
        self.per_pass[pass as usize] += 1;
        if self.record {
            self.log.push(Application {
                number: self.applied,
                pass,
                function_line: self.function_line,
                line,
            });
        }
        true
    }

    /// Number of applications made so far.
    pub fn applications(&self) -> u64 {
        self.applied
    }

    /// The statistics of the compilation.
    pub fn into_stats(self) -> OptStats {
        OptStats {
            applications: self.applied,
            per_pass: Pass::ALL
                .iter()
                .filter(|p| self.per_pass[**p as usize] > 0)
                .map(|p| (*p, self.per_pass[*p as usize]))
                .collect(),
            log: self.log,
            out_of_fuel: self.out_of_fuel,
        }
    }
}
