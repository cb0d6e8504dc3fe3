//! Tables: an array part for the keys `1..=n` and a hash part for everything else.
//!
//! The array part is a vector that never ends with `nil`, so `#t` is its length unless the
//! hash part holds `n + 1` (then PUC's unbound search finds a border). Appending
//! (`t[#t + 1] = v`) pushes onto the vector and pulls any following integer keys out of the
//! hash part, so the invariant "integer keys `1..=n` live in the array" always holds.
//!
//! The hash part is open addressing with linear probing over a power-of-two slot vector.
//! Assigning `nil` to a key keeps the key in its slot with a `nil` value (a dead key, as in
//! PUC), so clearing fields during a `next` traversal never moves other keys; dead keys
//! disappear when the hash part is rebuilt, which only inserting a new key can cause.

use crate::value::{TableRef, Value};

#[derive(Clone, Copy, Debug)]
struct Node {
    /// `Nil` for an empty slot.
    key: Value,
    /// `Nil` for a dead key.
    val: Value,
}

const EMPTY_NODE: Node = Node {
    key: Value::Nil,
    val: Value::Nil,
};

/// The error of `next` for a key that is not in the table ("invalid key to 'next'").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidKey;

/// A Lua table.
#[derive(Debug, Default)]
pub struct Table {
    array: Vec<Value>,
    nodes: Vec<Node>,
    /// Occupied node slots (live and dead keys).
    used: usize,
    pub metatable: Option<TableRef>,
    /// Cache of metamethods known to be absent when this table is a metatable (bit per
    /// event `__index`..`__eq`, as PUC's `flags`); cleared by every write to the table.
    pub absent: u8,
    /// Weak mode (`__mode`), recorded by the collector: bit 0 weak keys, bit 1 weak values.
    pub(crate) weak: u8,
    /// Whether the table is in the collector's list of objects to finalize (its
    /// metatable had `__gc` when it was set).
    pub(crate) finalizable: bool,
}

/// Bytes a table occupies, for memory accounting.
const NODE_SIZE: usize = std::mem::size_of::<Node>();
const VALUE_SIZE: usize = std::mem::size_of::<Value>();

impl Table {
    pub fn new() -> Table {
        Table::default()
    }

    /// A table with room for `narray` array items and `nhash` other keys.
    pub fn with_capacity(narray: usize, nhash: usize) -> Table {
        let mut t = Table {
            array: Vec::with_capacity(narray),
            ..Table::default()
        };
        if nhash > 0 {
            let cap = (nhash * 4 / 3 + 1).next_power_of_two().max(4);
            t.nodes = vec![EMPTY_NODE; cap];
        }
        t
    }

    /// Approximate heap footprint, for memory accounting.
    pub fn footprint(&self) -> usize {
        std::mem::size_of::<Table>()
            + self.array.capacity() * VALUE_SIZE
            + self.nodes.len() * NODE_SIZE
    }

    /// Length of the array part.
    #[inline(always)]
    pub fn array_len(&self) -> usize {
        self.array.len()
    }

    #[inline(always)]
    pub fn array(&self) -> &[Value] {
        &self.array
    }

    #[inline(always)]
    fn slot_of(hash: u64, mask: usize) -> usize {
        ((hash >> 32) as usize) & mask
    }

    /// The node slot holding `key`, if any.
    #[inline]
    fn find(&self, key: Value) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let mask = self.nodes.len() - 1;
        let mut i = Self::slot_of(key.key_hash(), mask);
        loop {
            let node = &self.nodes[i];
            if node.key.key_eq(key) {
                return Some(i);
            }
            if node.key.is_nil() {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// The node slot holding the string key `key` (no generic hashing or comparison).
    #[inline(always)]
    fn find_str(&self, key: crate::value::StrRef) -> Option<usize> {
        let mask = self.nodes.len().wrapping_sub(1);
        if self.nodes.is_empty() {
            return None;
        }
        let mut i = Self::slot_of(Value::String(key).key_hash(), mask);
        loop {
            let node = &self.nodes[i];
            match node.key {
                Value::String(s) if s == key => return Some(i),
                Value::Nil => return None,
                _ => {}
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get_node(&self, key: Value) -> Value {
        match self.find(key) {
            Some(i) => self.nodes[i].val,
            None => Value::Nil,
        }
    }

    /// `t[i]` (raw).
    #[inline(always)]
    pub fn get_int(&self, i: i64) -> Value {
        let idx = (i as u64).wrapping_sub(1);
        if idx < self.array.len() as u64 {
            self.array[idx as usize]
        } else if self.nodes.is_empty() {
            Value::Nil
        } else {
            self.get_node(Value::Integer(i))
        }
    }

    /// `t[s]` (raw) for a string key.
    #[inline(always)]
    pub fn get_str(&self, key: Value) -> Value {
        match key {
            Value::String(s) => match self.find_str(s) {
                Some(i) => self.nodes[i].val,
                None => Value::Nil,
            },
            _ => self.get(key),
        }
    }

    /// `t[key]` (raw) for any key (floats are normalised; nil and NaN give nil).
    #[inline]
    pub fn get(&self, key: Value) -> Value {
        match key {
            Value::Integer(i) => self.get_int(i),
            Value::String(s) => match self.find_str(s) {
                Some(i) => self.nodes[i].val,
                None => Value::Nil,
            },
            Value::Nil => Value::Nil,
            Value::Float(_) => match key.to_key() {
                Ok(Value::Integer(i)) => self.get_int(i),
                Ok(k) => self.get_node(k),
                Err(_) => Value::Nil,
            },
            _ => self.get_node(key),
        }
    }

    /// Whether `t[key]` is present (non-nil) for a normalised key.
    pub fn contains(&self, key: Value) -> bool {
        !self.get(key).is_nil()
    }

    /// `t[i] = v` (raw) for an integer key. Returns the bytes the table grew by.
    #[inline]
    pub fn set_int(&mut self, i: i64, v: Value) -> usize {
        let idx = (i as u64).wrapping_sub(1);
        let len = self.array.len() as u64;
        if idx < len {
            self.array[idx as usize] = v;
            if v.is_nil() && idx + 1 == len {
                self.trim();
            }
            0
        } else if idx == len && !v.is_nil() {
            self.push(v)
        } else {
            self.set_node(Value::Integer(i), v)
        }
    }

    /// `t[s]` (raw) for a string key given by its handle.
    #[inline(always)]
    pub fn get_sref(&self, key: crate::value::StrRef) -> Value {
        match self.find_str(key) {
            Some(i) => self.nodes[i].val,
            None => Value::Nil,
        }
    }

    /// The slot of an existing (non-nil) entry with a string key.
    #[inline(always)]
    pub fn existing_str_mut(&mut self, key: crate::value::StrRef) -> Option<&mut Value> {
        let slot = self.find_str(key)?;
        let node = &mut self.nodes[slot];
        if node.val.is_nil() {
            None
        } else {
            Some(&mut node.val)
        }
    }

    /// The slot of an existing (non-nil) entry, for assignments that need no metamethod.
    #[inline]
    pub fn existing_mut(&mut self, key: Value) -> Option<&mut Value> {
        if let Value::Integer(i) = key {
            let idx = (i as u64).wrapping_sub(1);
            if idx < self.array.len() as u64 {
                let slot = &mut self.array[idx as usize];
                return if slot.is_nil() { None } else { Some(slot) };
            }
        }
        let slot = match key {
            Value::String(s) => self.find_str(s)?,
            _ => self.find(key)?,
        };
        let node = &mut self.nodes[slot];
        if node.val.is_nil() {
            None
        } else {
            Some(&mut node.val)
        }
    }

    /// `t[key] = v` (raw) for a normalised key (not nil, not NaN, integral floats already
    /// integers). Returns the bytes the table grew by.
    #[inline]
    pub fn set(&mut self, key: Value, v: Value) -> usize {
        match key {
            Value::Integer(i) => self.set_int(i, v),
            _ => self.set_node(key, v),
        }
    }

    /// `SETLIST`: stores `values` at the keys `first, first + 1, ...`, extending the array
    /// part over them (so a constructor's nils become holes of the array, as in PUC).
    /// Returns the bytes the table grew by.
    pub fn set_list(&mut self, first: usize, values: &[Value]) -> usize {
        if values.is_empty() {
            return 0;
        }
        if first > self.array.len() + 1 {
            let mut grown = 0;
            for (i, &v) in values.iter().enumerate() {
                grown += self.set_int((first + i) as i64, v);
            }
            return grown;
        }
        let before = self.array.capacity();
        let last = first + values.len() - 1;
        if last > self.array.len() {
            if self.used > 0 {
                // Keys that move into the array part must leave the hash part.
                for key in self.array.len() + 1..=last {
                    if let Some(slot) = self.find(Value::Integer(key as i64)) {
                        self.nodes[slot].val = Value::Nil;
                    }
                }
            }
            self.array.resize(last, Value::Nil);
        }
        self.array[first - 1..last].copy_from_slice(values);
        self.trim();
        if self.used > 0 {
            self.migrate();
        }
        (self.array.capacity().saturating_sub(before)) * VALUE_SIZE
    }

    /// Removes trailing nils from the array part.
    fn trim(&mut self) {
        while let Some(last) = self.array.last() {
            if last.is_nil() {
                self.array.pop();
            } else {
                break;
            }
        }
    }

    /// Appends `v` (not nil) at key `array_len + 1`, then moves following keys out of the
    /// hash part.
    fn push(&mut self, v: Value) -> usize {
        let before = self.array.capacity();
        if self.used > 0 {
            // The key may be in the hash part (as a dead key, or a live one when the array
            // was trimmed below it).
            let key = Value::Integer(self.array.len() as i64 + 1);
            if let Some(slot) = self.find(key) {
                self.nodes[slot].val = Value::Nil;
            }
            self.array.push(v);
            self.migrate();
        } else {
            self.array.push(v);
        }
        (self.array.capacity() - before) * VALUE_SIZE
    }

    /// Moves the keys `array_len + 1, ...` from the hash part to the array part.
    fn migrate(&mut self) {
        loop {
            let key = Value::Integer(self.array.len() as i64 + 1);
            match self.find(key) {
                Some(slot) if !self.nodes[slot].val.is_nil() => {
                    let val = self.nodes[slot].val;
                    self.nodes[slot].val = Value::Nil;
                    self.array.push(val);
                }
                _ => break,
            }
        }
    }

    fn set_node(&mut self, key: Value, v: Value) -> usize {
        self.absent = 0;
        if let Some(slot) = self.find(key) {
            self.nodes[slot].val = v;
            return 0;
        }
        if v.is_nil() {
            return 0;
        }
        let mut grown = 0;
        // Linear probing at up to 7/8 load: a lower bound doubles the hash part of a table
        // of 100k keys past what the TLB covers (luadiff bench hash_strings: 0.33x of
        // native at 3/4, 0.86x at 7/8 on /tmp/vmrt_bench/run.sh).
        if (self.used + 1) * 8 > self.nodes.len() * 7 {
            grown = self.rehash();
        }
        self.insert_new(key, v);
        grown
    }

    /// Inserts a key known to be absent, with room guaranteed.
    fn insert_new(&mut self, key: Value, v: Value) {
        let mask = self.nodes.len() - 1;
        let mut i = Self::slot_of(key.key_hash(), mask);
        while !self.nodes[i].key.is_nil() {
            i = (i + 1) & mask;
        }
        self.nodes[i] = Node { key, val: v };
        self.used += 1;
    }

    /// Rebuilds the hash part without dead keys, with room for at least one more key.
    fn rehash(&mut self) -> usize {
        let live = self.nodes.iter().filter(|n| !n.val.is_nil()).count();
        let cap = ((live + 1) * 2).next_power_of_two().max(4);
        let old = std::mem::replace(&mut self.nodes, vec![EMPTY_NODE; cap]);
        self.used = 0;
        for node in old.iter() {
            if !node.val.is_nil() {
                self.insert_new(node.key, node.val);
            }
        }
        cap.saturating_sub(old.len()) * NODE_SIZE
    }

    /// The border `#t` (raw): the array length when `t[n + 1]` is absent, else PUC's
    /// unbound search through the hash part.
    pub fn length(&self) -> u64 {
        let n = self.array.len() as u64;
        if self.used == 0 {
            return n;
        }
        let probe = |i: u64| self.get_node(Value::Integer(i as i64)).is_nil();
        if probe(n + 1) {
            return n;
        }
        // Unbound search (PUC's hash_search): find i present, j absent, then bisect.
        let mut i = n + 1;
        let mut j = i * 2;
        while !probe(j) {
            i = j;
            if j > (i64::MAX as u64) / 2 {
                // Overflow: linear search from 1, as PUC does.
                let mut k = 1;
                while !probe(k + 1) {
                    k += 1;
                }
                return k;
            }
            j *= 2;
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if probe(m) {
                j = m;
            } else {
                i = m;
            }
        }
        i
    }

    /// `next(t, key)`: the entry after `key` (`Nil` starts), `Ok(None)` at the end, or
    /// `Err(InvalidKey)` for a key that is not in the table.
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, InvalidKey> {
        let alen = self.array.len();
        let mut pos = match key {
            Value::Nil => 0,
            Value::Integer(i) if i >= 1 && (i as u64) <= alen as u64 => i as usize,
            _ => {
                let key = key.to_key().map_err(|_| InvalidKey)?;
                match self.find(key) {
                    Some(slot) => alen + slot + 1,
                    // An integer key past the array part that is not in the hash part was
                    // in the array part before trailing nils were trimmed: continue with
                    // the hash part.
                    None => match key {
                        Value::Integer(i) if i >= 1 => alen,
                        _ => return Err(InvalidKey),
                    },
                }
            }
        };
        while pos < alen {
            let v = self.array[pos];
            if !v.is_nil() {
                return Ok(Some((Value::Integer(pos as i64 + 1), v)));
            }
            pos += 1;
        }
        let mut slot = pos - alen;
        while slot < self.nodes.len() {
            let node = &self.nodes[slot];
            if !node.val.is_nil() {
                return Ok(Some((node.key, node.val)));
            }
            slot += 1;
        }
        Ok(None)
    }

    /// Array values, for the collector.
    pub(crate) fn array_values(&self) -> &[Value] {
        &self.array
    }

    /// Keys and values of the live entries of the hash part, for the collector. Dead keys
    /// are not traversed: their objects may be collected and their handles reused, which
    /// is harmless because a dead entry's value is nil whatever its key now denotes.
    pub(crate) fn node_entries(&self) -> impl Iterator<Item = (Value, Value)> + '_ {
        self.nodes
            .iter()
            .filter(|n| !n.val.is_nil())
            .map(|n| (n.key, n.val))
    }

    /// Clears entries of a weak table whose key or value `dead` says is being collected.
    pub(crate) fn clear_weak(&mut self, mut dead: impl FnMut(Value) -> bool) {
        let weak_keys = self.weak & 1 != 0;
        let weak_values = self.weak & 2 != 0;
        if weak_values {
            for v in self.array.iter_mut() {
                if dead(*v) {
                    *v = Value::Nil;
                }
            }
            self.trim();
        }
        for node in self.nodes.iter_mut() {
            if node.key.is_nil() || node.val.is_nil() {
                continue;
            }
            if (weak_keys && dead(node.key)) || (weak_values && dead(node.val)) {
                node.val = Value::Nil;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(i: u32) -> Value {
        Value::String(crate::value::StrRef(i))
    }

    #[test]
    fn array_part_grows_by_appending() {
        let mut t = Table::new();
        for i in 1..=100 {
            t.set_int(i, Value::Integer(i * 10));
        }
        assert_eq!(t.array_len(), 100);
        assert_eq!(t.length(), 100);
        assert!(matches!(t.get_int(50), Value::Integer(500)));
        t.set_int(100, Value::Nil);
        assert_eq!(t.length(), 99);
        for i in (51..=99).rev() {
            t.set_int(i, Value::Nil);
        }
        assert_eq!(t.length(), 50);
    }

    #[test]
    fn keys_filled_backwards_migrate_into_the_array() {
        let mut t = Table::new();
        for i in (1..=10).rev() {
            t.set_int(i, Value::Integer(i));
        }
        assert_eq!(t.array_len(), 10);
        assert_eq!(t.length(), 10);
        for i in 1..=10 {
            assert!(matches!(t.get_int(i), Value::Integer(x) if x == i));
        }
    }

    #[test]
    fn hash_part_and_next_visit_everything_once() {
        let mut t = Table::new();
        for i in 0..1000u32 {
            t.set(s(i), Value::Integer(i as i64));
        }
        t.set_int(1, Value::Boolean(true));
        t.set(Value::Float(0.5), Value::Boolean(false));
        let mut seen = 0;
        let mut key = Value::Nil;
        while let Some((k, _)) = t.next(key).unwrap() {
            seen += 1;
            key = k;
        }
        assert_eq!(seen, 1002);
        // Clearing during traversal keeps the traversal going.
        let mut key = Value::Nil;
        let mut cleared = 0;
        while let Some((k, _)) = t.next(key).unwrap() {
            t.set(k, Value::Nil);
            cleared += 1;
            key = k;
        }
        assert_eq!(cleared, 1002);
        assert!(t.next(Value::Nil).unwrap().is_none());
        assert!(t.next(s(5000)).is_err());
    }

    #[test]
    fn length_searches_the_hash_part() {
        let mut t = Table::new();
        t.set_int(1, Value::Integer(1));
        // Key 3 goes to the hash part; then key 2 appends and pulls 3 in.
        t.set_int(3, Value::Integer(3));
        assert_eq!(t.length(), 1);
        t.set_int(2, Value::Integer(2));
        assert_eq!(t.array_len(), 3);
        assert_eq!(t.length(), 3);
    }
}
