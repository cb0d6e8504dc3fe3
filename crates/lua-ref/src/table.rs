//! Tables (manual §2.1), laid out the way PUC-Rio Lua 5.4 lays them out (ltable.c), so
//! that traversal order (`next`, `pairs`) and the borders `#` finds agree with native Lua
//! wherever native Lua is deterministic: integer, float and boolean keys. (String hashes
//! are seeded per state in PUC, and reference keys hash by address, so orders involving
//! them differ between any two runs anyway.)
//!
//! The layout: an array part for keys `1..n` and a hash part of `2^k` nodes with chained
//! scatter (Brent's variation): a key lives in its main position when it can; a colliding
//! key takes a free node, found by a pointer moving down from the end. When no free node
//! is left, the table is rehashed: the array part gets the largest size `2^i` that would
//! be more than half full, the hash part room for everything else. Removed keys keep their
//! nodes (with a nil value) until the next rehash, so `next` works during traversals that
//! clear fields. `#t` keeps PUC's hint (`alimit`) so that its borders match too.

use std::cell::Cell;

use lua_prims::F2I;
use lua_prims::number::float_to_integer;

use crate::heap;
use crate::value::{LuaStr, TableRef, Value};

/// Bytes accounted for a table besides its parts.
const TABLE_BYTES: usize = 64;
/// Bytes accounted for each slot of the array part and each node of the hash part.
const ARRAY_SLOT_BYTES: usize = 16;
const NODE_BYTES: usize = 40;

/// Largest array part (`MAXASIZE` on 64-bit machines: 2^31 slots).
const MAX_ARRAY_BITS: u32 = 31;

/// Counts a table in the live-object count for as long as it exists.
struct Tracked;

impl Tracked {
    fn new() -> Tracked {
        heap::object_created();
        Tracked
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        heap::object_dropped();
    }
}

/// One node of the hash part. A node whose key is nil has never been used; one whose
/// value is nil is empty (its key, if any, was removed).
#[derive(Clone, Default)]
struct Node {
    key: Value,
    val: Value,
    /// Offset to the next node of the chain (0 ends it).
    next: i64,
}

/// A Lua table.
pub struct Table {
    /// The array part: key `i` at index `i - 1`. Its length is the real array size.
    array: Vec<Value>,
    /// PUC's `alimit`: a hint for `#` (a border candidate), at most the array size. It
    /// moves when `#` or an integer access finds a better one.
    alimit: Cell<usize>,
    /// The hash part: empty (PUC's dummy node) or a power of two of nodes.
    nodes: Vec<Node>,
    /// Free nodes are searched below this index.
    last_free: usize,
    pub meta: Option<TableRef>,
    /// Marked for finalization: `setmetatable` saw a `__gc` field (see
    /// `Runtime::mark_for_finalization`).
    pub finalizable: bool,
    /// Bytes charged to the memory account for this table.
    charged: usize,
    _tracked: Tracked,
}

impl Default for Table {
    fn default() -> Table {
        Table::new()
    }
}

impl Drop for Table {
    fn drop(&mut self) {
        heap::release(self.charged);
    }
}

/// Why a key cannot be stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// "table index is nil"
    Nil,
    /// "table index is NaN"
    NaN,
}

impl KeyError {
    pub fn message(self) -> &'static str {
        match self {
            KeyError::Nil => "table index is nil",
            KeyError::NaN => "table index is NaN",
        }
    }
}

/// `luaO_ceillog2`: the smallest `k` with `2^k >= x` (for `x >= 1`).
fn ceil_log2(x: usize) -> u32 {
    if x <= 1 {
        0
    } else {
        usize::BITS - (x - 1).leading_zeros()
    }
}

fn is_pow2(x: usize) -> bool {
    x & x.wrapping_sub(1) == 0
}

/// The array index of an integer key (`arrayindex`): `k` if it may live in an array
/// part, else 0.
fn array_index(k: i64) -> usize {
    if (k as u64).wrapping_sub(1) < (1u64 << MAX_ARRAY_BITS) {
        k as usize
    } else {
        0
    }
}

/// PUC's `l_hashfloat`: `frexp(n) * 2^31` plus the exponent, folded into a non-negative
/// `int`.
fn hash_float(n: f64) -> u32 {
    let (m, e) = lua_prims::math::frexp(n);
    let scaled = m * 2_147_483_648.0;
    // lua_numbertointeger: a C cast (truncation) when in range; inf and NaN hash to 0.
    if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&scaled) {
        return 0;
    }
    let ni = scaled as i64;
    let u = (e as u32).wrapping_add(ni as u32);
    if u <= i32::MAX as u32 { u } else { !u }
}

/// The key for `v` with floats that have an integer value converted (manual §2.1), or
/// an error for nil and NaN.
fn normalize(v: Value) -> Result<Value, KeyError> {
    match v {
        Value::Nil => Err(KeyError::Nil),
        Value::Float(f) => match float_to_integer(f, F2I::Exact) {
            Some(i) => Ok(Value::Integer(i)),
            None if f.is_nan() => Err(KeyError::NaN),
            None => Ok(Value::Float(f)),
        },
        other => Ok(other),
    }
}

/// Raw equality of two normalized keys.
#[inline]
fn same_key(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Boolean(x), Value::Boolean(y)) => x == y,
        (Value::Nil, _) | (_, Value::Nil) => false,
        (x, y) => x.raw_equal(y),
    }
}

impl Table {
    pub fn new() -> Table {
        heap::charge(TABLE_BYTES);
        Table {
            array: Vec::new(),
            alimit: Cell::new(0),
            nodes: Vec::new(),
            last_free: 0,
            meta: None,
            finalizable: false,
            charged: TABLE_BYTES,
            _tracked: Tracked::new(),
        }
    }

    /// A table with an array part of exactly `narray` slots and room for `nhash` other
    /// entries, as a constructor or `lua_createtable` makes it.
    pub fn with_capacity(narray: usize, nhash: usize) -> Table {
        let mut t = Table::new();
        if narray > 0 || nhash > 0 {
            t.resize(narray, nhash);
        }
        t
    }

    /// Brings the memory account up to date with the size of the parts.
    fn recharge(&mut self) {
        let now = TABLE_BYTES
            + self.array.capacity() * ARRAY_SLOT_BYTES
            + self.nodes.capacity() * NODE_BYTES;
        if now > self.charged {
            heap::charge(now - self.charged);
        } else {
            heap::release(self.charged - now);
        }
        self.charged = now;
    }

    // ---------------------------------------------------------------------------------
    // Main positions.

    /// `hashmod`: for keys whose hashes have many factors of 2.
    #[inline]
    fn hash_mod(&self, n: u64) -> usize {
        (n % (((self.nodes.len() - 1) | 1) as u64)) as usize
    }

    /// `hashpow2`.
    #[inline]
    fn hash_pow2(&self, n: u32) -> usize {
        (n as usize) & (self.nodes.len() - 1)
    }

    /// The main position of a normalized key (the hash part is not empty).
    fn main_position(&self, key: &Value) -> usize {
        match key {
            Value::Integer(i) => self.hash_mod(*i as u64),
            Value::Float(f) => self.hash_mod(u64::from(hash_float(*f))),
            Value::String(s) => self.hash_pow2(s.table_hash()),
            Value::Boolean(b) => self.hash_pow2(u32::from(*b)),
            other => self.hash_mod((other.addr().unwrap_or(0) as u64) & 0xFFFF_FFFF),
        }
    }

    /// The node holding `key` (with or without a value), if any (`getgeneric`).
    fn find_node(&self, key: &Value) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut n = self.main_position(key);
        loop {
            let node = &self.nodes[n];
            if same_key(&node.key, key) {
                return Some(n);
            }
            if node.next == 0 {
                return None;
            }
            n = (n as i64 + node.next) as usize;
        }
    }

    /// The node of an integer key in the hash part.
    fn find_int_node(&self, k: i64) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut n = self.hash_mod(k as u64);
        loop {
            let node = &self.nodes[n];
            if let Value::Integer(x) = node.key
                && x == k
            {
                return Some(n);
            }
            if node.next == 0 {
                return None;
            }
            n = (n as i64 + node.next) as usize;
        }
    }

    // ---------------------------------------------------------------------------------
    // Reads.

    /// Where integer key `k` lives in the array part, if it does (`luaH_getint`: a key
    /// beyond the `#` hint but inside the real array moves the hint).
    #[inline]
    fn array_slot(&self, k: i64) -> Option<usize> {
        let i = (k as u64).wrapping_sub(1);
        let limit = self.alimit.get();
        if i < limit as u64 {
            return Some(i as usize);
        }
        if limit < self.array.len() && i < self.array.len() as u64 {
            self.alimit.set(k as usize);
            return Some(i as usize);
        }
        None
    }

    /// `t[i]` without metamethods.
    #[inline]
    pub fn get_int(&self, k: i64) -> Value {
        if let Some(i) = self.array_slot(k) {
            return self.array[i].clone();
        }
        match self.find_int_node(k) {
            Some(n) => self.nodes[n].val.clone(),
            None => Value::Nil,
        }
    }

    /// `t[s]` without metamethods.
    #[inline]
    pub fn get_str(&self, s: &LuaStr) -> Value {
        if self.nodes.is_empty() {
            return Value::Nil;
        }
        let mut n = self.hash_pow2(s.table_hash());
        loop {
            let node = &self.nodes[n];
            if let Value::String(k) = &node.key
                && k == s
            {
                return node.val.clone();
            }
            if node.next == 0 {
                return Value::Nil;
            }
            n = (n as i64 + node.next) as usize;
        }
    }

    /// `t[k]` without metamethods (`rawget`).
    pub fn get(&self, k: &Value) -> Value {
        match k {
            Value::Integer(i) => self.get_int(*i),
            Value::String(s) => self.get_str(s),
            Value::Nil => Value::Nil,
            Value::Float(f) => match float_to_integer(*f, F2I::Exact) {
                Some(i) => self.get_int(i),
                None if f.is_nan() => Value::Nil,
                None => match self.find_node(k) {
                    Some(n) => self.nodes[n].val.clone(),
                    None => Value::Nil,
                },
            },
            other => match self.find_node(other) {
                Some(n) => self.nodes[n].val.clone(),
                None => Value::Nil,
            },
        }
    }

    // ---------------------------------------------------------------------------------
    // Writes.

    /// `t[k] = v` without metamethods (`rawset`).
    pub fn set(&mut self, k: Value, v: Value) -> Result<(), KeyError> {
        let k = normalize(k)?;
        self.set_normalized(k, v);
        Ok(())
    }

    /// `t[i] = v` without metamethods.
    pub fn set_int(&mut self, k: i64, v: Value) {
        if let Some(i) = self.array_slot(k) {
            self.array[i] = v;
            return;
        }
        match self.find_int_node(k) {
            Some(n) => self.nodes[n].val = v,
            None => self.new_key(Value::Integer(k), v),
        }
    }

    /// `luaH_set` for a normalized key: an existing slot (even one whose value was
    /// removed) is overwritten; otherwise the key is inserted.
    fn set_normalized(&mut self, k: Value, v: Value) {
        if let Value::Integer(i) = k {
            return self.set_int(i, v);
        }
        match self.find_node(&k) {
            Some(n) => self.nodes[n].val = v,
            None => self.new_key(k, v),
        }
    }

    /// A free node below `last_free` (`getfreepos`): one whose key was never set.
    fn free_position(&mut self) -> Option<usize> {
        while self.last_free > 0 {
            self.last_free -= 1;
            if self.nodes[self.last_free].key.is_nil() {
                return Some(self.last_free);
            }
        }
        None
    }

    /// Inserts a key that is not in the table (`luaH_newkey`): in its main position if it
    /// is free; else a colliding key that is not in its own main position moves to a free
    /// node; else the new key takes the free node. With no free node, the table grows.
    fn new_key(&mut self, key: Value, val: Value) {
        if val.is_nil() {
            return;
        }
        if self.nodes.is_empty() {
            self.rehash(&key);
            return self.set_normalized(key, val);
        }
        let mut mp = self.main_position(&key);
        if !self.nodes[mp].val.is_nil() {
            let Some(f) = self.free_position() else {
                self.rehash(&key);
                return self.set_normalized(key, val);
            };
            let other = self.main_position(&self.nodes[mp].key);
            if other != mp {
                // Move the colliding node to the free one and relink its chain.
                let mut prev = other;
                while (prev as i64 + self.nodes[prev].next) as usize != mp {
                    prev = (prev as i64 + self.nodes[prev].next) as usize;
                }
                self.nodes[prev].next = f as i64 - prev as i64;
                self.nodes[f] = self.nodes[mp].clone();
                if self.nodes[mp].next != 0 {
                    self.nodes[f].next += mp as i64 - f as i64;
                    self.nodes[mp].next = 0;
                }
                self.nodes[mp].val = Value::Nil;
            } else {
                // The colliding node is in its main position: chain the new key after it.
                if self.nodes[mp].next != 0 {
                    self.nodes[f].next = mp as i64 + self.nodes[mp].next - f as i64;
                }
                self.nodes[mp].next = f as i64 - mp as i64;
                mp = f;
            }
        }
        self.nodes[mp].key = key;
        self.nodes[mp].val = val;
    }

    // ---------------------------------------------------------------------------------
    // Rehash.

    /// Makes the `#` hint the real array size (`setlimittosize`).
    fn limit_to_size(&self) -> usize {
        self.alimit.set(self.array.len());
        self.array.len()
    }

    /// Counts the integer keys of the array part by slices `(2^(i-1), 2^i]`.
    fn count_array(&self, nums: &mut [usize; 32]) -> usize {
        let mut total = 0;
        let mut i = 1usize;
        let len = self.array.len();
        for (lg, slot) in nums.iter_mut().enumerate() {
            let mut lim = 1usize << lg;
            if lim > len {
                lim = len;
                if i > lim {
                    break;
                }
            }
            let mut count = 0;
            while i <= lim {
                if !self.array[i - 1].is_nil() {
                    count += 1;
                }
                i += 1;
            }
            *slot += count;
            total += count;
        }
        total
    }

    /// Counts the keys of the hash part; integer keys that could live in an array part
    /// are also counted by slice (into `nums` and `array_keys`).
    fn count_hash(&self, nums: &mut [usize; 32], array_keys: &mut usize) -> usize {
        let mut total = 0;
        for node in self.nodes.iter().rev() {
            if !node.val.is_nil() {
                if let Value::Integer(k) = node.key {
                    *array_keys += count_int(k, nums);
                }
                total += 1;
            }
        }
        total
    }

    /// Grows the table for `extra` (the key being inserted): the largest array part that
    /// would be more than half full, and a hash part for every other key.
    fn rehash(&mut self, extra: &Value) {
        let mut nums = [0usize; 32];
        self.limit_to_size();
        let mut array_keys = self.count_array(&mut nums);
        let mut total = array_keys;
        total += self.count_hash(&mut nums, &mut array_keys);
        if let Value::Integer(k) = extra {
            array_keys += count_int(*k, &mut nums);
        }
        total += 1;
        let (size, in_array) = compute_sizes(&nums, array_keys);
        self.resize(size, total - in_array);
    }

    /// Gives the table an array part of `array_size` slots and a hash part with room for
    /// `hash_size` keys, moving keys between the parts (`luaH_resize`).
    fn resize(&mut self, array_size: usize, hash_size: usize) {
        let old_array_size = self.limit_to_size();
        let node_count = if hash_size == 0 {
            0
        } else {
            1usize << ceil_log2(hash_size)
        };
        let old_nodes = std::mem::replace(&mut self.nodes, vec![Node::default(); node_count]);
        self.last_free = node_count;
        if array_size < old_array_size {
            // Keys of the vanishing slice go to the new hash part, in order.
            self.alimit.set(array_size);
            let vanishing = self.array.split_off(array_size);
            for (i, v) in vanishing.into_iter().enumerate() {
                if !v.is_nil() {
                    self.set_int((array_size + i + 1) as i64, v);
                }
            }
        }
        self.array.resize(array_size, Value::Nil);
        self.alimit.set(array_size);
        for node in old_nodes {
            if !node.val.is_nil() {
                self.set_normalized(node.key, node.val);
            }
        }
        self.recharge();
    }

    /// A table constructor's positional fields (`SETLIST`): item `k` of `items` goes to
    /// key `first + k` of the array part, which grows to hold them.
    pub fn set_list(&mut self, first: i64, items: Vec<Value>) {
        let last = (first - 1) as usize + items.len();
        if last > self.array.len() {
            let node_count = self.nodes.len();
            self.resize(last, node_count);
        }
        for (k, v) in items.into_iter().enumerate() {
            self.array[(first - 1) as usize + k] = v;
        }
    }

    // ---------------------------------------------------------------------------------
    // Length and traversal.

    /// The border `#t` without metamethods (`luaH_getn`), with PUC's hint, so that for
    /// tables with holes it finds the same border as native Lua.
    pub fn border(&self) -> i64 {
        let limit = self.alimit.get();
        let len = self.array.len();
        if limit > 0 && self.array[limit - 1].is_nil() {
            // There is a border before the hint.
            if limit >= 2 && !self.array[limit - 2].is_nil() {
                if is_pow2(len) && !is_pow2(limit - 1) {
                    self.alimit.set(limit - 1);
                }
                return (limit - 1) as i64;
            }
            let border = binary_search(&self.array, 0, limit);
            if is_pow2(len) && border > len / 2 {
                self.alimit.set(border);
            }
            return border as i64;
        }
        let mut limit = limit;
        if limit != len {
            // The hint is present and the array goes on after it.
            if self.array[limit].is_nil() {
                return limit as i64;
            }
            limit = len;
            if self.array[limit - 1].is_nil() {
                let border = binary_search(&self.array, self.alimit.get(), limit);
                self.alimit.set(border);
                return border as i64;
            }
        }
        // The array part is empty or full: look in the hash part.
        if self.nodes.is_empty() || self.get_int(limit as i64 + 1).is_nil() {
            return limit as i64;
        }
        self.hash_search(limit as u64) as i64
    }

    /// A border above `j` in the hash part (`hash_search`): `t[j + 1]` is present.
    fn hash_search(&self, mut j: u64) -> u64 {
        if j == 0 {
            j = 1;
        }
        let mut i;
        loop {
            i = j;
            if j <= (i64::MAX as u64) / 2 {
                j *= 2;
            } else {
                j = i64::MAX as u64;
                if self.get_int(j as i64).is_nil() {
                    break;
                }
                return j;
            }
            if self.get_int(j as i64).is_nil() {
                break;
            }
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if self.get_int(m as i64).is_nil() {
                j = m;
            } else {
                i = m;
            }
        }
        i
    }

    /// The entry after `key` in traversal order (`next`): the array part in order, then
    /// the nodes of the hash part in order. `Err(())` when `key` is not in the table.
    #[allow(clippy::result_unit_err)]
    pub fn next(&self, key: &Value) -> Result<Option<(Value, Value)>, ()> {
        let len = self.array.len();
        let mut index = match key {
            Value::Nil => 0,
            _ => {
                let k = normalize(key.clone()).map_err(|_| ())?;
                let i = match k {
                    Value::Integer(i) => array_index(i),
                    _ => 0,
                };
                if i >= 1 && i <= len {
                    i
                } else {
                    let n = self.find_node(&k).ok_or(())?;
                    n + 1 + len
                }
            }
        };
        while index < len {
            if !self.array[index].is_nil() {
                return Ok(Some((
                    Value::Integer(index as i64 + 1),
                    self.array[index].clone(),
                )));
            }
            index += 1;
        }
        let mut n = index - len;
        while n < self.nodes.len() {
            let node = &self.nodes[n];
            if !node.val.is_nil() {
                return Ok(Some((node.key.clone(), node.val.clone())));
            }
            n += 1;
        }
        Ok(None)
    }
}

/// Counts integer key `k` in its slice if it could live in an array part.
fn count_int(k: i64, nums: &mut [usize; 32]) -> usize {
    let i = array_index(k);
    if i != 0 {
        nums[ceil_log2(i) as usize] += 1;
        1
    } else {
        0
    }
}

/// `computesizes`: the largest `2^i` such that more than half of `1..2^i` are keys, and
/// how many keys go to that array part.
fn compute_sizes(nums: &[usize; 32], array_keys: usize) -> (usize, usize) {
    let mut a = 0;
    let mut in_array = 0;
    let mut optimal = 0;
    let mut twotoi: usize = 1;
    let mut i = 0;
    while i < nums.len() && array_keys > twotoi / 2 {
        a += nums[i];
        if a > twotoi / 2 {
            optimal = twotoi;
            in_array = a;
        }
        i += 1;
        twotoi *= 2;
    }
    (optimal, in_array)
}

/// A border in `array[i..j]` (1-based, `array[i]` present or `i == 0`, `array[j]` absent).
fn binary_search(array: &[Value], mut i: usize, mut j: usize) -> usize {
    while j - i > 1 {
        let m = (i + j) / 2;
        if array[m - 1].is_nil() {
            j = m;
        } else {
            i = m;
        }
    }
    i
}
