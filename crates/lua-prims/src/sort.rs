//! `table.sort` (ltablib.c `auxsort`): PUC's quicksort, step for step, generic over the
//! engine's values, so that the sequence of reads, writes and comparator calls, the result
//! for inconsistent comparators and the "invalid order function for sorting" error all match.
//!
//! PUC switches to a "randomized" pivot (from `clock()` and `time()`) only when a partition
//! of a range of at least 128 elements came out very unbalanced (the smaller part is less
//! than 1/128 of the rest). Until then pivots are middle elements and everything is
//! deterministic. When it happens, PUC's result is not reproducible (only its order of
//! equal elements and its comparator calls vary); here [`SortTarget::randomize_pivot`]
//! supplies the value, by default a fixed one.

/// What `table.sort` needs from the engine. Every operation may fail (metamethods, the
/// comparator, errors it raises).
pub trait SortTarget {
    /// A Lua value.
    type Value: Clone;
    /// The engine's error.
    type Error;

    /// `t[i]` (`lua_geti`, with `__index`).
    fn get(&mut self, i: u64) -> Result<Self::Value, Self::Error>;

    /// `t[i] = v` (`lua_seti`, with `__newindex`).
    fn set(&mut self, i: u64, v: Self::Value) -> Result<(), Self::Error>;

    /// `a < b` by the sort order: the comparator's truthiness, or `lua_compare` with
    /// `__lt` when there is no comparator.
    fn less(&mut self, a: &Self::Value, b: &Self::Value) -> Result<bool, Self::Error>;

    /// The error "invalid order function for sorting" (a `luaL_error`: prefixed with the
    /// position of the Lua code that called `table.sort`, if any).
    fn invalid_order(&mut self) -> Self::Error;

    /// PUC's `l_randomizePivot` (clock plus time in PUC). The default is a fixed value,
    /// which makes large adversarial sorts deterministic.
    fn randomize_pivot(&mut self) -> u32 {
        0x9E37_79B9
    }
}

/// Arrays longer than this may use randomized pivots (`RANLIMIT`).
pub const RANLIMIT: u64 = 100;

/// Sorts `t[1..=n]` in place as PUC's `sort` does for `n > 1`. The engine checks the
/// arguments first (`n < INT_MAX` with [`crate::strlib::sort_size_check`], comparator type).
pub fn sort<T: SortTarget>(t: &mut T, n: i64) -> Result<(), T::Error> {
    if n > 1 {
        auxsort(t, 1, n as u64, 0)?;
    }
    Ok(())
}

/// `t[i] = a; t[j] = b`, in that order (PUC's `set2` with `a` on top of the stack).
fn set2<T: SortTarget>(
    t: &mut T,
    i: u64,
    a: T::Value,
    j: u64,
    b: T::Value,
) -> Result<(), T::Error> {
    t.set(i, a)?;
    t.set(j, b)
}

fn choose_pivot(lo: u64, up: u64, rnd: u32) -> u64 {
    // PUC computes in `unsigned int`.
    let r4 = ((up - lo) / 4) as u32;
    let p = rnd % r4.wrapping_mul(2);
    u64::from(p) + lo + u64::from(r4)
}

fn auxsort<T: SortTarget>(
    t: &mut T,
    mut lo: u64,
    mut up: u64,
    mut rnd: u32,
) -> Result<(), T::Error> {
    while lo < up {
        // Sort a[lo], a[p] and a[up].
        let a_lo = t.get(lo)?;
        let a_up = t.get(up)?;
        if t.less(&a_up, &a_lo)? {
            set2(t, lo, a_up, up, a_lo)?;
        }
        if up - lo == 1 {
            return Ok(());
        }
        let p = if up - lo < RANLIMIT || rnd == 0 {
            (lo + up) / 2
        } else {
            choose_pivot(lo, up, rnd)
        };
        let a_p = t.get(p)?;
        let a_lo = t.get(lo)?;
        if t.less(&a_p, &a_lo)? {
            set2(t, p, a_lo, lo, a_p)?;
        } else {
            let a_up = t.get(up)?;
            if t.less(&a_up, &a_p)? {
                set2(t, p, a_up, up, a_p)?;
            }
        }
        if up - lo == 2 {
            return Ok(());
        }
        let pivot = t.get(p)?;
        let a_up1 = t.get(up - 1)?;
        set2(t, p, a_up1, up - 1, pivot.clone())?;
        let p = partition(t, lo, up, &pivot)?;
        let n;
        if p - lo < up - p {
            auxsort(t, lo, p - 1, rnd)?;
            n = p - lo;
            lo = p + 1;
        } else {
            auxsort(t, p + 1, up, rnd)?;
            n = up - p;
            up = p - 1;
        }
        if (up.wrapping_sub(lo)) / 128 > n {
            rnd = t.randomize_pivot();
        }
    }
    Ok(())
}

/// Partitions `a[lo..=up]` around `pivot` (which sits at `up - 1`); returns its final index.
fn partition<T: SortTarget>(
    t: &mut T,
    lo: u64,
    up: u64,
    pivot: &T::Value,
) -> Result<u64, T::Error> {
    let mut i = lo;
    let mut j = up - 1;
    loop {
        // Advance i while a[i] < P.
        let mut a_i;
        loop {
            i += 1;
            a_i = t.get(i)?;
            if !t.less(&a_i, pivot)? {
                break;
            }
            if i == up - 1 {
                return Err(t.invalid_order());
            }
        }
        // Retreat j while P < a[j].
        let mut a_j;
        loop {
            j -= 1;
            a_j = t.get(j)?;
            if !t.less(pivot, &a_j)? {
                break;
            }
            if j < i {
                return Err(t.invalid_order());
            }
        }
        if j < i {
            // Put the pivot in its place: a[up - 1] = a[i], a[i] = P.
            set2(t, up - 1, a_i, i, pivot.clone())?;
            return Ok(i);
        }
        set2(t, i, a_j, j, a_i)?;
    }
}
