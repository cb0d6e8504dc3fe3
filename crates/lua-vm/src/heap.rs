//! The heap: one arena per kind of collectable object, and the accounting that decides
//! when the collector runs (see `gc.rs` for the collector itself).
//!
//! Memory is accounted approximately (object sizes plus the sizes of their vectors). The
//! collector runs when the bytes allocated since the last collection exceed the live
//! bytes it left (PUC's default pause of 200%), with a floor so that small programs never
//! collect at all.

use crate::arena::Arena;
use crate::func::{LuaFn, NativeClosure, Upval, Userdata};
use crate::string::Strings;
use crate::table::Table;
use crate::thread::Thread;
use crate::value::{LuaFnRef, NativeClosureRef, StrRef, TableRef, UpvalRef, UserdataRef};

/// Collections never start below this many bytes of heap.
const MIN_THRESHOLD: usize = 4 << 20;

#[derive(Debug)]
pub struct Heap {
    pub strings: Strings,
    pub tables: Arena<Table>,
    pub lua_fns: Arena<LuaFn>,
    pub natives: Arena<NativeClosure>,
    pub upvals: Arena<Upval>,
    pub threads: Arena<Thread>,
    pub userdata: Arena<Userdata>,
    /// Estimated bytes in use (live after the last collection plus allocated since).
    pub allocated: usize,
    /// `allocated` at which the next collection starts.
    pub threshold: usize,
    /// Highest `allocated` seen.
    pub peak: usize,
    /// Number of collections so far (also the mark epoch of prototypes).
    pub epoch: u32,
    /// Allocations made (objects and growths), for `Cost::allocations`.
    pub allocations: u64,
    /// Collect at every safe point (`LUAVM_GC_STRESS=1`): a test mode that makes a
    /// missing root show up at once.
    pub stress: bool,
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

impl Heap {
    pub fn new() -> Heap {
        Heap {
            strings: Strings::new(),
            tables: Arena::new(),
            lua_fns: Arena::new(),
            natives: Arena::new(),
            upvals: Arena::new(),
            threads: Arena::new(),
            userdata: Arena::new(),
            allocated: 0,
            threshold: MIN_THRESHOLD,
            peak: 0,
            epoch: 1,
            allocations: 0,
            stress: std::env::var_os("LUAVM_GC_STRESS").is_some_and(|v| v == "1"),
        }
    }

    /// Records `bytes` of new memory.
    #[inline(always)]
    pub fn charge(&mut self, bytes: usize) {
        self.allocated += bytes;
        self.allocations += 1;
    }

    /// Whether the collector should run at the next safe point.
    #[inline(always)]
    pub fn needs_gc(&self) -> bool {
        self.allocated >= self.threshold
    }

    /// Sets the next threshold after a collection left `live` bytes.
    pub fn set_threshold(&mut self, live: usize) {
        // The heap was at its largest just before a collection.
        self.peak = self.peak.max(self.allocated);
        self.allocated = live;
        self.threshold = if self.stress {
            0
        } else {
            (live.saturating_mul(2)).max(MIN_THRESHOLD)
        };
    }

    /// Starts the accounting afresh (after the libraries are loaded).
    pub fn reset_debt(&mut self) {
        self.threshold = if self.stress {
            0
        } else {
            (self.allocated.saturating_mul(2)).max(MIN_THRESHOLD)
        };
    }

    #[inline]
    pub fn intern(&mut self, s: &[u8]) -> StrRef {
        let (r, size) = self.strings.intern(s);
        if size > 0 {
            self.charge(size);
        }
        r
    }

    #[inline]
    pub fn intern_vec(&mut self, s: Vec<u8>) -> StrRef {
        let (r, size) = self.strings.intern_vec(s);
        if size > 0 {
            self.charge(size);
        }
        r
    }

    #[inline]
    pub fn new_table(&mut self, t: Table) -> TableRef {
        self.charge(t.footprint());
        TableRef(self.tables.alloc(t))
    }

    #[inline]
    pub fn new_lua_fn(&mut self, f: LuaFn) -> LuaFnRef {
        self.charge(f.footprint());
        LuaFnRef(self.lua_fns.alloc(f))
    }

    pub fn new_native_closure(&mut self, f: NativeClosure) -> NativeClosureRef {
        self.charge(f.footprint());
        NativeClosureRef(self.natives.alloc(f))
    }

    #[inline]
    pub fn new_upval(&mut self, u: Upval) -> UpvalRef {
        self.charge(std::mem::size_of::<Upval>() + 8);
        UpvalRef(self.upvals.alloc(u))
    }

    pub fn new_userdata(&mut self, u: Userdata) -> UserdataRef {
        self.charge(std::mem::size_of::<Userdata>() + 16);
        UserdataRef(self.userdata.alloc(u))
    }

    /// `t[key] = v` (raw) on a table of the heap, with the growth accounted.
    #[inline]
    pub fn table_set(&mut self, t: TableRef, key: crate::value::Value, v: crate::value::Value) {
        let grown = self.tables.get_mut(t.0).set(key, v);
        if grown > 0 {
            self.charge(grown);
        }
    }

    /// `t[i] = v` (raw).
    #[inline]
    pub fn table_set_int(&mut self, t: TableRef, i: i64, v: crate::value::Value) {
        let grown = self.tables.get_mut(t.0).set_int(i, v);
        if grown > 0 {
            self.charge(grown);
        }
    }

    #[inline(always)]
    pub fn table(&self, t: TableRef) -> &Table {
        self.tables.get(t.0)
    }

    #[inline(always)]
    pub fn table_mut(&mut self, t: TableRef) -> &mut Table {
        self.tables.get_mut(t.0)
    }
}
