//! A typed arena: the storage of one kind of garbage-collected object, addressed by `u32`
//! slot numbers, with a mark byte per slot and a free list for the sweeper to refill.
//!
//! Slots are never moved, so a handle stays valid for as long as its object is alive.
//! A freed slot holds `T::default()` (its contents dropped) until it is reused.

/// Slot states: live and unmarked, live and marked in the current collection, free.
pub const WHITE: u8 = 0;
pub const BLACK: u8 = 1;
pub const FREE: u8 = 2;

#[derive(Debug)]
pub struct Arena<T> {
    items: Vec<T>,
    marks: Vec<u8>,
    free: Vec<u32>,
    live: usize,
}

impl<T: Default> Default for Arena<T> {
    fn default() -> Self {
        Arena::new()
    }
}

impl<T: Default> Arena<T> {
    pub fn new() -> Arena<T> {
        Arena {
            items: Vec::new(),
            marks: Vec::new(),
            free: Vec::new(),
            live: 0,
        }
    }

    /// Stores `value` in a free slot (or a new one) and returns the slot number.
    #[inline]
    pub fn alloc(&mut self, value: T) -> u32 {
        self.live += 1;
        if let Some(slot) = self.free.pop() {
            self.items[slot as usize] = value;
            self.marks[slot as usize] = WHITE;
            slot
        } else {
            let slot = self.items.len() as u32;
            self.items.push(value);
            self.marks.push(WHITE);
            slot
        }
    }

    #[inline(always)]
    pub fn get(&self, slot: u32) -> &T {
        &self.items[slot as usize]
    }

    #[inline(always)]
    pub fn get_mut(&mut self, slot: u32) -> &mut T {
        &mut self.items[slot as usize]
    }

    /// Marks a slot; returns true when it was not marked before (so the caller traverses it).
    #[inline]
    pub fn mark(&mut self, slot: u32) -> bool {
        let m = &mut self.marks[slot as usize];
        if *m == WHITE {
            *m = BLACK;
            true
        } else {
            false
        }
    }

    #[inline]
    pub fn is_marked(&self, slot: u32) -> bool {
        self.marks[slot as usize] != WHITE
    }

    /// Number of live objects.
    pub fn live(&self) -> usize {
        self.live
    }

    /// Frees every unmarked live slot (calling `on_free` with it first) and unmarks the
    /// marked ones.
    pub fn sweep(&mut self, mut on_free: impl FnMut(u32, &mut T)) {
        for slot in 0..self.items.len() {
            match self.marks[slot] {
                WHITE => {
                    on_free(slot as u32, &mut self.items[slot]);
                    self.items[slot] = T::default();
                    self.marks[slot] = FREE;
                    self.free.push(slot as u32);
                    self.live -= 1;
                }
                BLACK => self.marks[slot] = WHITE,
                _ => {}
            }
        }
    }

    /// Calls `f` on every live object that is not marked (what a sweep would free).
    pub fn for_each_unmarked(&self, mut f: impl FnMut(u32, &T)) {
        for (slot, item) in self.items.iter().enumerate() {
            if self.marks[slot] == WHITE {
                f(slot as u32, item);
            }
        }
    }

    /// Calls `f` on every live object.
    pub fn for_each_live(&self, mut f: impl FnMut(u32, &T)) {
        for (slot, item) in self.items.iter().enumerate() {
            if self.marks[slot] != FREE {
                f(slot as u32, item);
            }
        }
    }

    /// Calls `f` on every live object, mutably.
    pub fn for_each_live_mut(&mut self, mut f: impl FnMut(u32, &mut T)) {
        for (slot, item) in self.items.iter_mut().enumerate() {
            if self.marks[slot] != FREE {
                f(slot as u32, item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweep_frees_unmarked_and_reuses_slots() {
        let mut arena: Arena<Vec<u8>> = Arena::new();
        let a = arena.alloc(vec![1]);
        let b = arena.alloc(vec![2]);
        assert!(arena.mark(a));
        assert!(!arena.mark(a));
        let mut freed = Vec::new();
        arena.sweep(|slot, _| freed.push(slot));
        assert_eq!(freed, vec![b]);
        assert_eq!(arena.live(), 1);
        assert!(!arena.is_marked(a));
        let c = arena.alloc(vec![3]);
        assert_eq!(c, b);
        assert_eq!(arena.get(c), &vec![3]);
    }
}
