//! Strings: every string is interned, so equal contents share one handle and comparing or
//! hashing strings (as table keys, in `==`) never reads their bytes. Each string caches the
//! hash of its contents for the intern table.

use crate::arena::Arena;
use crate::value::StrRef;

/// One string object.
#[derive(Debug, Default)]
pub struct LuaStr {
    hash: u64,
    bytes: Box<[u8]>,
}

impl LuaStr {
    #[inline(always)]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Approximate heap footprint, for memory accounting.
    pub fn footprint(&self) -> usize {
        std::mem::size_of::<LuaStr>() + self.bytes.len() + 16
    }
}

/// A fast hash of a string's bytes, a word at a time.
#[inline]
pub fn hash_bytes(s: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = (s.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    h ^ (h >> 31)
}

const EMPTY: u32 = u32::MAX;

/// The string arena with its intern table (open addressing, linear probing, backward-shift
/// deletion).
#[derive(Debug)]
pub struct Strings {
    pub(crate) arena: Arena<LuaStr>,
    table: Vec<u32>,
    count: usize,
}

impl Default for Strings {
    fn default() -> Self {
        Strings::new()
    }
}

impl Strings {
    pub fn new() -> Strings {
        Strings {
            arena: Arena::new(),
            table: vec![EMPTY; 256],
            count: 0,
        }
    }

    #[inline(always)]
    pub fn get(&self, s: StrRef) -> &LuaStr {
        self.arena.get(s.0)
    }

    #[inline(always)]
    pub fn bytes(&self, s: StrRef) -> &[u8] {
        &self.arena.get(s.0).bytes
    }

    /// The handle of the string with these contents, creating it if needed. Returns the
    /// bytes newly allocated (0 when the string existed).
    pub fn intern(&mut self, bytes: &[u8]) -> (StrRef, usize) {
        let hash = hash_bytes(bytes);
        let mask = self.table.len() - 1;
        let mut i = (hash as usize) & mask;
        loop {
            let slot = self.table[i];
            if slot == EMPTY {
                break;
            }
            let s = self.arena.get(slot);
            if s.hash == hash && &*s.bytes == bytes {
                return (StrRef(slot), 0);
            }
            i = (i + 1) & mask;
        }
        let obj = LuaStr {
            hash,
            bytes: bytes.into(),
        };
        let size = obj.footprint();
        let id = self.arena.alloc(obj);
        self.table[i] = id;
        self.count += 1;
        if self.count * 4 > self.table.len() * 3 {
            self.grow();
        }
        (StrRef(id), size)
    }

    /// Like [`Strings::intern`] for an owned buffer (avoids a copy when the string is new).
    pub fn intern_vec(&mut self, bytes: Vec<u8>) -> (StrRef, usize) {
        let hash = hash_bytes(&bytes);
        let mask = self.table.len() - 1;
        let mut i = (hash as usize) & mask;
        loop {
            let slot = self.table[i];
            if slot == EMPTY {
                break;
            }
            let s = self.arena.get(slot);
            if s.hash == hash && *s.bytes == *bytes {
                return (StrRef(slot), 0);
            }
            i = (i + 1) & mask;
        }
        let obj = LuaStr {
            hash,
            bytes: bytes.into_boxed_slice(),
        };
        let size = obj.footprint();
        let id = self.arena.alloc(obj);
        self.table[i] = id;
        self.count += 1;
        if self.count * 4 > self.table.len() * 3 {
            self.grow();
        }
        (StrRef(id), size)
    }

    fn grow(&mut self) {
        let new_len = self.table.len() * 2;
        let mut table = vec![EMPTY; new_len];
        let mask = new_len - 1;
        for &slot in &self.table {
            if slot != EMPTY {
                let mut i = (self.arena.get(slot).hash as usize) & mask;
                while table[i] != EMPTY {
                    i = (i + 1) & mask;
                }
                table[i] = slot;
            }
        }
        self.table = table;
    }

    /// Removes a dying string from the intern table (before the arena frees it).
    fn unintern(&mut self, slot: u32, hash: u64) {
        let mask = self.table.len() - 1;
        let mut i = (hash as usize) & mask;
        while self.table[i] != slot {
            debug_assert!(self.table[i] != EMPTY, "string missing from intern table");
            i = (i + 1) & mask;
        }
        // Backward-shift deletion keeps every probe sequence unbroken.
        let mut hole = i;
        let mut j = (i + 1) & mask;
        loop {
            let s = self.table[j];
            if s == EMPTY {
                break;
            }
            let home = (self.arena.get(s).hash as usize) & mask;
            // Move `s` into the hole if its home is not in (hole, j].
            let between = if hole <= j {
                hole < home && home <= j
            } else {
                hole < home || home <= j
            };
            if !between {
                self.table[hole] = s;
                hole = j;
            }
            j = (j + 1) & mask;
        }
        self.table[hole] = EMPTY;
        self.count -= 1;
    }

    /// Frees the unmarked strings; returns the bytes freed.
    pub fn sweep(&mut self) -> usize {
        // Unintern first, while every dying string still has its hash: backward-shift
        // deletion reads the hashes of the entries it moves, dying or not.
        let mut dying: Vec<(u32, u64)> = Vec::new();
        self.arena
            .for_each_unmarked(|slot, s| dying.push((slot, s.hash)));
        for &(slot, hash) in &dying {
            self.unintern(slot, hash);
        }
        let mut freed = 0;
        self.arena.sweep(|_, s| freed += s.footprint());
        freed
    }

    #[inline]
    pub fn mark(&mut self, s: StrRef) {
        self.arena.mark(s.0);
    }

    pub fn live(&self) -> usize {
        self.arena.live()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_gives_one_handle_per_content() {
        let mut strings = Strings::new();
        let (a, size) = strings.intern(b"hello");
        assert!(size > 0);
        let (b, size) = strings.intern_vec(b"hello".to_vec());
        assert_eq!(size, 0);
        assert_eq!(a, b);
        let (c, _) = strings.intern(b"world");
        assert_ne!(a, c);
        assert_eq!(strings.bytes(c), b"world");
    }

    #[test]
    fn sweeping_keeps_the_intern_table_consistent() {
        let mut strings = Strings::new();
        let mut refs = Vec::new();
        for i in 0..2000 {
            refs.push(strings.intern(format!("s{i}").as_bytes()).0);
        }
        // Keep every third string.
        for (i, r) in refs.iter().enumerate() {
            if i % 3 == 0 {
                strings.mark(*r);
            }
        }
        strings.sweep();
        assert_eq!(strings.live(), 667);
        for (i, r) in refs.iter().enumerate() {
            let (again, size) = strings.intern(format!("s{i}").as_bytes());
            if i % 3 == 0 {
                assert_eq!(again, *r);
                assert_eq!(size, 0);
            } else {
                assert!(size > 0);
            }
        }
    }
}
