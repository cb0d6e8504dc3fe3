//! Tables (manual §2.1): an array part for the keys `1..n` and an insertion-ordered hash
//! part for everything else, with raw access, `next` and the length border.
//!
//! The array part holds keys `1..=array.len()` (some of which may be nil); a key one past
//! its end extends it, pulling any following keys out of the hash part. The hash part keeps
//! removed keys as tombstones (value nil) so that `next` still finds a key that was cleared
//! during a traversal, which Lua allows; tombstones are dropped when a new key is added and
//! they outnumber the live entries.

use std::hash::BuildHasherDefault;

use indexmap::IndexMap;
use rustc_hash::FxHasher;

use crate::heap;
use crate::value::{Key, LuaStr, TableRef, Value};

type HashPart = IndexMap<Key, Value, BuildHasherDefault<FxHasher>>;

/// Bytes accounted for a table besides its parts.
const TABLE_BYTES: usize = 64;
/// Bytes accounted for each slot of the array part and each entry of the hash part.
const ARRAY_SLOT_BYTES: usize = 24;
const HASH_ENTRY_BYTES: usize = 56;

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

/// A Lua table.
pub struct Table {
    array: Vec<Value>,
    hash: HashPart,
    /// Tombstones in `hash`.
    dead: usize,
    pub meta: Option<TableRef>,
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

impl Table {
    pub fn new() -> Table {
        heap::charge(TABLE_BYTES);
        Table {
            array: Vec::new(),
            hash: HashPart::default(),
            dead: 0,
            meta: None,
            charged: TABLE_BYTES,
            _tracked: Tracked::new(),
        }
    }

    /// A table with room for `narray` array items and `nhash` other entries.
    pub fn with_capacity(narray: usize, nhash: usize) -> Table {
        let mut t = Table::new();
        t.array.reserve_exact(narray);
        t.hash.reserve(nhash);
        t.recharge();
        t
    }

    /// Brings the memory account up to date with the capacity of the parts.
    fn recharge(&mut self) {
        let now = TABLE_BYTES
            + self.array.capacity() * ARRAY_SLOT_BYTES
            + self.hash.capacity() * HASH_ENTRY_BYTES;
        if now > self.charged {
            heap::charge(now - self.charged);
        } else {
            heap::release(self.charged - now);
        }
        self.charged = now;
    }

    /// `t[i]` without metamethods.
    #[inline]
    pub fn get_int(&self, i: i64) -> Value {
        if i >= 1 && (i as u64) <= self.array.len() as u64 {
            return self.array[(i - 1) as usize].clone();
        }
        if self.hash.is_empty() {
            return Value::Nil;
        }
        self.hash
            .get(&Key::from_normalized(Value::Integer(i)))
            .cloned()
            .unwrap_or(Value::Nil)
    }

    /// `t[s]` without metamethods.
    #[inline]
    pub fn get_str(&self, s: &LuaStr) -> Value {
        if self.hash.is_empty() {
            return Value::Nil;
        }
        self.hash
            .get(&Key::from_normalized(Value::String(s.clone())))
            .cloned()
            .unwrap_or(Value::Nil)
    }

    /// `t[k]` without metamethods (`rawget`).
    pub fn get(&self, k: &Value) -> Value {
        match k {
            Value::Integer(i) => self.get_int(*i),
            Value::String(s) => self.get_str(s),
            Value::Nil => Value::Nil,
            Value::Float(f) => match lua_prims::number::float_to_integer(*f, lua_prims::F2I::Exact)
            {
                Some(i) => self.get_int(i),
                None if f.is_nan() => Value::Nil,
                None => self
                    .hash
                    .get(&Key::from_normalized(k.clone()))
                    .cloned()
                    .unwrap_or(Value::Nil),
            },
            other => self
                .hash
                .get(&Key::from_normalized(other.clone()))
                .cloned()
                .unwrap_or(Value::Nil),
        }
    }

    /// `t[k] = v` without metamethods (`rawset`).
    pub fn set(&mut self, k: Value, v: Value) -> Result<(), KeyError> {
        match k {
            Value::Integer(i) => {
                self.set_int(i, v);
                Ok(())
            }
            Value::Nil => Err(KeyError::Nil),
            Value::Float(f) if f.is_nan() => Err(KeyError::NaN),
            other => {
                let key = Key::new(&other).ok_or(KeyError::Nil)?;
                if let Value::Integer(i) = key.value() {
                    self.set_int(*i, v);
                } else {
                    self.set_hash(key, v);
                }
                Ok(())
            }
        }
    }

    /// `t[i] = v` without metamethods.
    pub fn set_int(&mut self, i: i64, v: Value) {
        let len = self.array.len();
        if i >= 1 && (i as u64) <= len as u64 {
            self.array[(i - 1) as usize] = v;
        } else if i as u64 == len as u64 + 1 && !v.is_nil() {
            self.array.push(v);
            self.migrate_from_hash();
            self.recharge();
        } else {
            self.set_hash(Key::from_normalized(Value::Integer(i)), v);
        }
    }

    /// Moves keys `n+1, n+2, ...` from the hash part to the end of the array part.
    fn migrate_from_hash(&mut self) {
        if self.hash.len() == self.dead {
            return;
        }
        loop {
            let next = Key::from_normalized(Value::Integer(self.array.len() as i64 + 1));
            match self.hash.get_index_of(&next) {
                Some(index) => {
                    // Leave a tombstone so that a traversal positioned on this key (or
                    // after it) still works; the value moves to the array part.
                    let v = std::mem::replace(&mut self.hash[index], Value::Nil);
                    if v.is_nil() {
                        break;
                    }
                    self.dead += 1;
                    self.array.push(v);
                }
                None => break,
            }
        }
    }

    fn set_hash(&mut self, key: Key, v: Value) {
        match self.hash.get_index_of(&key) {
            Some(index) => {
                let slot = &mut self.hash[index];
                match (slot.is_nil(), v.is_nil()) {
                    (true, false) => self.dead -= 1,
                    (false, true) => self.dead += 1,
                    _ => {}
                }
                *slot = v;
            }
            None => {
                if v.is_nil() {
                    return;
                }
                if self.dead > 8 && self.dead * 2 > self.hash.len() {
                    self.hash.retain(|_, v| !v.is_nil());
                    self.dead = 0;
                }
                self.hash.insert(key, v);
                self.recharge();
            }
        }
    }

    /// The length border `#t` without metamethods (`luaH_getn`): some `n` with `t[n]`
    /// not nil and `t[n+1]` nil (or 0 when `t[1]` is nil). For sequences it is their
    /// length; for tables with holes it is one of the borders.
    pub fn border(&self) -> i64 {
        let n = self.array.len();
        if n > 0 && self.array[n - 1].is_nil() {
            // A border inside the array part: binary search with a[lo] non-nil (or lo == 0)
            // and a[hi] nil, 1-based.
            let (mut lo, mut hi) = (0usize, n);
            while hi - lo > 1 {
                let m = (lo + hi) / 2;
                if self.array[m - 1].is_nil() {
                    hi = m;
                } else {
                    lo = m;
                }
            }
            return lo as i64;
        }
        if self.hash.len() == self.dead {
            return n as i64;
        }
        // The array part is full: look for a border in the hash part (`hash_search`).
        let mut i = n as u64;
        let mut j = i + 1;
        if self.get_int(j as i64).is_nil() {
            return i as i64;
        }
        while !self.get_int(j as i64).is_nil() {
            i = j;
            if j > (i64::MAX as u64) / 2 {
                // Overflow: a linear search (pathological tables only).
                let mut k = 1;
                while !self.get_int(k).is_nil() {
                    k += 1;
                }
                return k - 1;
            }
            j *= 2;
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if self.get_int(m as i64).is_nil() {
                j = m;
            } else {
                i = m;
            }
        }
        i as i64
    }

    /// The entry after `key` in traversal order (`next`): array part first, then the hash
    /// part in insertion order. `Err(())` when `key` is not in the table.
    #[allow(clippy::result_unit_err)]
    pub fn next(&self, key: &Value) -> Result<Option<(Value, Value)>, ()> {
        let mut start_array = 0usize;
        let mut start_hash = 0usize;
        match key {
            Value::Nil => {}
            _ => {
                let k = Key::new(key).ok_or(())?;
                match k.value() {
                    Value::Integer(i) if *i >= 1 && (*i as u64) <= self.array.len() as u64 => {
                        start_array = *i as usize;
                    }
                    _ => {
                        start_array = self.array.len();
                        start_hash = self.hash.get_index_of(&k).ok_or(())? + 1;
                    }
                }
            }
        }
        for (i, v) in self.array.iter().enumerate().skip(start_array) {
            if !v.is_nil() {
                return Ok(Some((Value::Integer(i as i64 + 1), v.clone())));
            }
        }
        for index in start_hash..self.hash.len() {
            let (k, v) = self.hash.get_index(index).ok_or(())?;
            if !v.is_nil() {
                return Ok(Some((k.value().clone(), v.clone())));
            }
        }
        Ok(None)
    }

    /// The array part (for `table.concat`, `unpack` and friends that read `1..n` fast).
    pub fn array(&self) -> &[Value] {
        &self.array
    }

    /// Appends items to the array part in order, as a table constructor's positional
    /// fields do (`SETLIST`): item `k` of `items` goes to key `first + k`.
    pub fn set_list(&mut self, first: i64, items: Vec<Value>) {
        if first as u64 == self.array.len() as u64 + 1 && self.hash.len() == self.dead {
            // The usual case: extend the array part directly, nils included.
            self.array.extend(items);
            self.recharge();
        } else {
            for (k, v) in items.into_iter().enumerate() {
                self.set_int(first + k as i64, v);
            }
        }
    }

    /// The number of entries (for `collectgarbage("count")`-like estimates and tests).
    pub fn entry_count(&self) -> usize {
        self.array.iter().filter(|v| !v.is_nil()).count() + self.hash.len() - self.dead
    }
}
