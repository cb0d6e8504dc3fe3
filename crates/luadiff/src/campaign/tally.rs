//! What a campaign counts: programs and their fates, time spent per stage, and coverage
//! as bit sets. A [`Tally`] merges with another (threads, process incarnations), and
//! travels from worker processes to the parent as JSON.

use serde::{Deserialize, Serialize};

/// Counts, times and coverage of (part of) a campaign.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Programs run to a verdict (including crashed and hung ones).
    pub programs: u64,
    /// Programs that native (or, without native, the first engine) ran to their end
    /// without an uncaught error.
    pub completed: u64,
    /// Programs where some engine ran out of fuel, memory, depth or time (not compared).
    pub exhausted: u64,
    /// Programs with a finding of any kind (divergence, crash, hang, performance).
    pub divergences: u64,
    /// Of those: engines that crashed (panics, dead worker processes).
    pub crashes: u64,
    /// Of those: engines that ignored their limits and were stopped by the watchdog.
    pub hangs: u64,
    /// Programs where the performance oracle compared vm with vm-O0.
    pub performance_checked: u64,
    /// Of those: programs where -O2 executed more than 110% of -O0's instructions.
    pub performance_violations: u64,
    /// Programs where the performance oracle compared vm with native.
    #[serde(default)]
    pub performance_native_checked: u64,
    /// Of those: programs where vm executed more than 50 times native's instructions.
    #[serde(default)]
    pub performance_native_violations: u64,
    /// Time spent generating programs, in nanoseconds.
    pub generation_nanos: u64,
    /// Time spent in the oracles and coverage bookkeeping, in nanoseconds.
    pub oracle_nanos: u64,
    /// Time spent in each engine (in the campaign's engine order), in nanoseconds.
    pub engine_nanos: Vec<u64>,
    /// Time spent reducing and filing findings, in nanoseconds.
    pub reduction_nanos: u64,
    /// Bit `i` set: `lua_gen::coverage::ALL_NODE_KINDS[i]` was generated.
    pub node_kinds: u128,
    /// Bit `i` set: `lua_gen::coverage::CONFORMANCE_LIBRARY[i]` occurs in a program.
    pub library: u128,
    /// Bit `i` set: VM opcode `i` was executed at -O2.
    pub opcodes: u128,
    /// Whether opcode counts were collected (the campaign runs `vm`).
    pub opcodes_collected: bool,
}

impl Tally {
    /// A tally for a campaign with `engines` engines.
    pub fn new(engines: usize) -> Tally {
        Tally {
            engine_nanos: vec![0; engines],
            ..Tally::default()
        }
    }

    /// Adds `other` into `self`.
    pub fn merge(&mut self, other: &Tally) {
        self.programs += other.programs;
        self.completed += other.completed;
        self.exhausted += other.exhausted;
        self.divergences += other.divergences;
        self.crashes += other.crashes;
        self.hangs += other.hangs;
        self.performance_checked += other.performance_checked;
        self.performance_violations += other.performance_violations;
        self.performance_native_checked += other.performance_native_checked;
        self.performance_native_violations += other.performance_native_violations;
        self.generation_nanos += other.generation_nanos;
        self.oracle_nanos += other.oracle_nanos;
        if self.engine_nanos.len() < other.engine_nanos.len() {
            self.engine_nanos.resize(other.engine_nanos.len(), 0);
        }
        for (mine, theirs) in self.engine_nanos.iter_mut().zip(&other.engine_nanos) {
            *mine += theirs;
        }
        self.reduction_nanos += other.reduction_nanos;
        self.node_kinds |= other.node_kinds;
        self.library |= other.library;
        self.opcodes |= other.opcodes;
        self.opcodes_collected |= other.opcodes_collected;
    }
}

/// The names whose bits are set in `bits`, and those whose bits are not.
pub fn split_by_bits<'a>(bits: u128, names: &[&'a str]) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut covered = Vec::new();
    let mut missing = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if i < 128 && bits & (1u128 << i) != 0 {
            covered.push(*name);
        } else {
            missing.push(*name);
        }
    }
    (covered, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_adds_counts_and_unions_coverage() {
        let mut a = Tally::new(2);
        a.programs = 3;
        a.engine_nanos = vec![1, 2];
        a.node_kinds = 0b01;
        let mut b = Tally::new(2);
        b.programs = 4;
        b.engine_nanos = vec![10, 20];
        b.node_kinds = 0b10;
        b.opcodes_collected = true;
        a.merge(&b);
        assert_eq!(a.programs, 7);
        assert_eq!(a.engine_nanos, vec![11, 22]);
        assert_eq!(a.node_kinds, 0b11);
        assert!(a.opcodes_collected);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Tally>(&json).unwrap(), a);
    }

    #[test]
    fn bits_split_names() {
        let (covered, missing) = split_by_bits(0b101, &["a", "b", "c"]);
        assert_eq!(covered, ["a", "c"]);
        assert_eq!(missing, ["b"]);
    }
}
