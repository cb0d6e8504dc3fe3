//! `math.random` and `math.randomseed` (lmathlib.c): the xoshiro256** generator, PUC's
//! seeding, its float conversion and its projection of random integers into an interval.
//!
//! `math.random` draws the next value *before* it looks at its arguments, so even a call
//! that fails ("interval is empty", "wrong number of arguments", a bad argument) advances
//! the state. An engine implements it as:
//!
//! ```
//! use lua_prims::random::Xoshiro256;
//! let mut state = Xoshiro256::seeded(42, 0);
//! let rv = state.next_raw();                        // always first
//! // no arguments:   Number::Float(Xoshiro256::float(rv))
//! // `random(0)`:    Number::Integer(rv as i64)
//! // `random(m)`:    state.project_range(rv, 1, m)
//! // `random(m, n)`: state.project_range(rv, m, n)
//! // 3+ arguments:   Error::message("wrong number of arguments")
//! let x = state.project_range(rv, 1, 100).unwrap();
//! assert!((1..=100).contains(&x));
//! ```
//!
//! PUC seeds the initial state from the clock and an address, so unseeded sequences differ
//! from run to run; engines may start from any state (programs compared across engines must
//! call `math.randomseed` with arguments first).

use crate::error::Error;

/// The state of Lua's pseudo-random generator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Xoshiro256 {
    s: [u64; 4],
}

impl Xoshiro256 {
    /// The state `math.randomseed(n1, n2)` produces.
    pub fn seeded(n1: i64, n2: i64) -> Xoshiro256 {
        let mut state = Xoshiro256 { s: [0; 4] };
        state.seed(n1, n2);
        state
    }

    /// `math.randomseed(n1, n2)` (`n2` defaults to 0; float arguments must have an exact
    /// integer value, `luaL_checkinteger`). The function returns `n1` and `n2`.
    pub fn seed(&mut self, n1: i64, n2: i64) {
        // 0xff keeps the state from being all zeros; the discarded values spread the seed.
        self.s = [n1 as u64, 0xff, n2 as u64, 0];
        for _ in 0..16 {
            self.next_raw();
        }
    }

    /// The raw state, for engines that want to save and restore it.
    pub fn state(&self) -> [u64; 4] {
        self.s
    }

    /// Rebuilds a generator from [`Xoshiro256::state`].
    pub fn from_state(s: [u64; 4]) -> Xoshiro256 {
        Xoshiro256 { s }
    }

    /// The next 64 random bits (`nextrand`).
    #[inline]
    pub fn next_raw(&mut self) -> u64 {
        let [s0, s1, s2, s3] = self.s;
        let s2 = s2 ^ s0;
        let s3 = s3 ^ s1;
        let res = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        self.s = [s0 ^ s3, s1 ^ s2, s2 ^ (s1 << 17), s3.rotate_left(45)];
        res
    }

    /// A float in [0, 1) from the high 53 bits of a random value (`I2d`).
    #[inline]
    pub fn float(rv: u64) -> f64 {
        (rv >> 11) as f64 * (0.5 / (1u64 << 52) as f64)
    }

    /// A random integer in `[low, up]` from the random value `rv` (drawing more values when
    /// the projection rejects one), or "interval is empty" (argument 1) when `low > up`.
    pub fn project_range(&mut self, rv: u64, low: i64, up: i64) -> Result<i64, Error> {
        if low > up {
            return Err(Error::argument(1, "interval is empty"));
        }
        let p = self.project(rv, (up as u64).wrapping_sub(low as u64));
        Ok(p.wrapping_add(low as u64) as i64)
    }

    /// Projects `ran` into `[0, n]` (`project`): exact masking when `n + 1` is a power of
    /// two, else rejection sampling with the smallest mask of all ones covering `n`.
    pub fn project(&mut self, mut ran: u64, n: u64) -> u64 {
        if n & n.wrapping_add(1) == 0 {
            return ran & n;
        }
        let mut lim = n;
        lim |= lim >> 1;
        lim |= lim >> 2;
        lim |= lim >> 4;
        lim |= lim >> 8;
        lim |= lim >> 16;
        lim |= lim >> 32;
        loop {
            ran &= lim;
            if ran <= n {
                return ran;
            }
            ran = self.next_raw();
        }
    }

    /// `math.random()`: the next float in [0, 1).
    pub fn random_float(&mut self) -> f64 {
        Xoshiro256::float(self.next_raw())
    }

    /// `math.random(low, up)` (with `low = 1` for `math.random(up)`).
    pub fn random_range(&mut self, low: i64, up: i64) -> Result<i64, Error> {
        let rv = self.next_raw();
        self.project_range(rv, low, up)
    }
}
