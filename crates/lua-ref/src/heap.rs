//! The heap of one run: approximate memory accounting, live-object counts, and the registry
//! that tears reference cycles down when the run ends.
//!
//! Values are reference counted (`Rc`), so acyclic garbage is freed at once and its bytes
//! are given back to the account by `Drop` impls. Cycles (a table that contains itself, a
//! closure stored in a table it captures) are not collected during a run; instead every
//! table, upvalue cell and coroutine is registered here with a weak reference, and
//! [`Registry::teardown`] empties them all at the end of the run, which breaks every cycle:
//! any cycle between Lua values passes through a table, an upvalue cell or a coroutine.
//!
//! The counters are thread-local: one run uses one worker thread (coroutines run on the
//! same thread, on their own stacks), and a run resets them when it starts.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use crate::table::Table;
use crate::thread::Thread;
use crate::value::{CellBox, Value};

thread_local! {
    /// Approximate bytes held by live strings, tables, closures and cells.
    static MEMORY: Cell<usize> = const { Cell::new(0) };
    /// Live tables, closures, upvalue cells and coroutines (for leak tests).
    static LIVE: Cell<usize> = const { Cell::new(0) };
}

/// Adds `bytes` to the memory account.
#[inline]
pub fn charge(bytes: usize) {
    MEMORY.with(|m| m.set(m.get().saturating_add(bytes)));
}

/// Gives `bytes` back to the memory account.
#[inline]
pub fn release(bytes: usize) {
    MEMORY.with(|m| m.set(m.get().saturating_sub(bytes)));
}

/// The bytes currently accounted to the program.
#[inline]
pub fn memory_in_use() -> usize {
    MEMORY.with(Cell::get)
}

/// Counts one more live object.
#[inline]
pub fn object_created() {
    LIVE.with(|n| n.set(n.get() + 1));
}

/// Counts one live object less.
#[inline]
pub fn object_dropped() {
    LIVE.with(|n| n.set(n.get().saturating_sub(1)));
}

/// The number of live tables, closures, upvalue cells and coroutines on this thread. Zero
/// after a run has been torn down: anything else is a leak.
pub fn live_objects() -> usize {
    LIVE.with(Cell::get)
}

/// Resets the memory account at the start of a run (objects of an earlier run that were
/// freed late must not count against the next one).
pub fn reset_memory() {
    MEMORY.with(|m| m.set(0));
}

/// A list of weak references that drops its dead entries once it has doubled in size, so
/// that programs creating millions of short-lived objects keep it small.
struct WeakList<T> {
    items: Vec<Weak<T>>,
    compact_at: usize,
}

impl<T> WeakList<T> {
    fn new() -> WeakList<T> {
        WeakList {
            items: Vec::new(),
            compact_at: 1024,
        }
    }

    fn push(&mut self, item: &Rc<T>) {
        if self.items.len() >= self.compact_at {
            self.items.retain(|w| w.strong_count() > 0);
            self.compact_at = (self.items.len() * 2).max(1024);
        }
        self.items.push(Rc::downgrade(item));
    }

    fn take(&mut self) -> Vec<Weak<T>> {
        self.compact_at = 1024;
        std::mem::take(&mut self.items)
    }
}

/// Weak references to every object that can take part in a reference cycle.
pub struct Registry {
    tables: RefCell<WeakList<RefCell<Table>>>,
    cells: RefCell<WeakList<CellBox>>,
    threads: RefCell<WeakList<Thread>>,
}

impl Default for Registry {
    fn default() -> Registry {
        Registry::new()
    }
}

impl Registry {
    pub fn new() -> Registry {
        Registry {
            tables: RefCell::new(WeakList::new()),
            cells: RefCell::new(WeakList::new()),
            threads: RefCell::new(WeakList::new()),
        }
    }

    pub fn register_table(&self, table: &Rc<RefCell<Table>>) {
        self.tables.borrow_mut().push(table);
    }

    pub fn register_cell(&self, cell: &Rc<CellBox>) {
        self.cells.borrow_mut().push(cell);
    }

    pub fn register_thread(&self, thread: &Rc<Thread>) {
        self.threads.borrow_mut().push(thread);
    }

    /// Breaks every cycle: unwinds suspended coroutines (dropping whatever their stacks
    /// hold), then empties every table and upvalue cell that is still alive. Objects
    /// created while tearing down (none are expected) are torn down too.
    pub fn teardown(&self) {
        loop {
            let threads = self.threads.borrow_mut().take();
            let tables = self.tables.borrow_mut().take();
            let cells = self.cells.borrow_mut().take();
            if threads.is_empty() && tables.is_empty() && cells.is_empty() {
                break;
            }
            for thread in threads.iter().filter_map(Weak::upgrade) {
                thread.teardown();
            }
            for table in tables.iter().filter_map(Weak::upgrade) {
                // Take the contents out first: dropping them may drop other tables,
                // which must not find this one borrowed.
                let contents = std::mem::take(&mut *table.borrow_mut());
                drop(contents);
            }
            for cell in cells.iter().filter_map(Weak::upgrade) {
                let value = std::mem::replace(&mut *cell.value.borrow_mut(), Value::Nil);
                drop(value);
            }
        }
    }
}
