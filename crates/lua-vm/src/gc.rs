//! The garbage collector: stop-the-world mark and sweep over the heap's arenas.
//!
//! It runs only at safe points, where every value the program can still reach is in a
//! root: the stacks of the threads, the globals, the registry tables, the metatables of
//! the basic types, the error being propagated and the values natives pinned in
//! `Vm::roots`. The safe points are the interpreter's allocating instructions (NEWTABLE,
//! CONCAT, CLOSURE, VARARG-free paths) and the return of a native function, where the
//! native's locals are gone. A native that holds values in Rust locals while it calls
//! back into Lua (only `table.sort`) raises `Vm::gc_block` instead.
//!
//! Stacks are marked up to their live top and cleared above it, as PUC does, so that
//! results a program discarded do not keep objects (and their finalizers) alive.
//!
//! Weak tables (`__mode`) lose entries whose keys or values were not marked; strings are
//! values for this purpose and are never removed from weak tables (as in PUC). Weak keys
//! are not ephemerons here: the values of a weak-keyed table are always marked.

use std::rc::Rc;

use lua_engine::Resource;

use crate::func::{LProto, Upval};
use crate::opcodes::TagMethod;
use crate::thread::Thread;
use crate::value::{TableRef, ThreadRef, UpvalRef, Value};
use crate::vm::{Throw, Vm};

/// The marking state of one collection.
struct Marker {
    gray: Vec<Value>,
    weak: Vec<TableRef>,
    live: usize,
    epoch: u32,
}

impl Vm {
    /// Runs the collector if the allocation debt asks for it (a safe point).
    #[inline(always)]
    pub fn gc_check(&mut self) -> Result<(), Throw> {
        if self.heap.needs_gc() {
            self.gc_step()?;
        }
        Ok(())
    }

    #[cold]
    pub fn gc_step(&mut self) -> Result<(), Throw> {
        if self.gc_block > 0 {
            return self.check_memory();
        }
        if !self.gc_stopped || self.heap.allocated > self.limits.memory_bytes {
            self.collect_garbage();
            self.run_finalizers()?;
        } else {
            // Stopped by the program: only the memory limit can force a collection.
            self.heap.threshold = self.limits.memory_bytes.saturating_add(1);
        }
        self.check_memory()
    }

    /// Ends the run if the heap is over the memory limit.
    pub fn check_memory(&mut self) -> Result<(), Throw> {
        if self.heap.allocated > self.limits.memory_bytes {
            return Err(Throw::Exhausted(Resource::Memory));
        }
        Ok(())
    }

    /// Makes room for an allocation of `bytes` (called by natives before they build a
    /// large result): collects if needed, and ends the run if the memory limit would be
    /// exceeded. Natives call it only while every value they hold is rooted.
    pub fn reserve(&mut self, bytes: usize) -> Result<(), Throw> {
        let after = self.heap.allocated.saturating_add(bytes);
        if after > self.limits.memory_bytes {
            if self.gc_block == 0 {
                self.collect_garbage();
            }
            if self.heap.allocated.saturating_add(bytes) > self.limits.memory_bytes {
                return Err(Throw::Exhausted(Resource::Memory));
            }
        }
        Ok(())
    }

    /// A full collection.
    pub fn collect_garbage(&mut self) {
        self.heap.epoch = self.heap.epoch.wrapping_add(1).max(1);
        let mut m = Marker {
            gray: Vec::new(),
            weak: Vec::new(),
            live: 0,
            epoch: self.heap.epoch,
        };
        self.mark_roots(&mut m);
        self.propagate(&mut m);
        self.separate_finalizable(&mut m);
        self.clear_weak_tables(&m);
        let _ = self.heap.strings.sweep();
        self.heap.tables.sweep(|_, _| {});
        self.heap.lua_fns.sweep(|_, _| {});
        self.heap.natives.sweep(|_, _| {});
        self.heap.upvals.sweep(|_, _| {});
        self.heap.threads.sweep(|_, _| {});
        self.heap.userdata.sweep(|_, _| {});
        let live = m.live + self.th.footprint();
        let live = live.min(self.heap.allocated.max(live));
        self.heap.set_threshold(live);
        if self.heap.threshold > self.limits.memory_bytes {
            self.heap.threshold = self.limits.memory_bytes.saturating_add(1).max(live + 1);
        }
    }

    /// Moves the unreachable tables with finalizers to the finalization queue and marks
    /// them (and what they reach) again: they live until their finalizer has run.
    fn separate_finalizable(&mut self, m: &mut Marker) {
        let mut i = self.finobj.len();
        let mut newly = Vec::new();
        while i > 0 {
            i -= 1;
            let t = self.finobj[i];
            if !self.heap.tables.is_marked(t.0) {
                self.finobj.remove(i);
                newly.push(t);
            }
        }
        // Newest first, after those already waiting.
        for &t in &newly {
            self.heap.table_mut(t).finalizable = false;
        }
        self.tobefnz.extend(newly);
        let queue = self.tobefnz.clone();
        for t in queue {
            self.mark_value(Value::Table(t), m);
        }
        self.propagate(m);
    }

    /// Marks `t` for finalization if `mt` (its new metatable) has `__gc`
    /// (`luaC_checkfinalizer`).
    pub fn check_finalizer(&mut self, t: TableRef, mt: Option<TableRef>) {
        let Some(mt) = mt else { return };
        if self.heap.table(t).finalizable {
            return;
        }
        let gc = self
            .heap
            .table(mt)
            .get_str(Value::String(self.names.tm[TagMethod::Gc as usize]));
        if !gc.is_nil() {
            self.heap.table_mut(t).finalizable = true;
            self.finobj.push(t);
        }
    }

    /// Calls the finalizers that are due (`GCTM`), unless finalizers are already running.
    /// Errors in finalizers are ignored (PUC turns them into warnings).
    pub fn run_finalizers(&mut self) -> Result<(), Throw> {
        if self.running_finalizers || self.tobefnz.is_empty() {
            return Ok(());
        }
        self.running_finalizers = true;
        let r = self.run_finalizer_queue();
        self.running_finalizers = false;
        r
    }

    fn run_finalizer_queue(&mut self) -> Result<(), Throw> {
        while !self.tobefnz.is_empty() {
            let t = self.tobefnz.remove(0);
            let obj = Value::Table(t);
            let tm = self.metamethod(obj, TagMethod::Gc);
            if !tm.is_function() {
                continue;
            }
            let at = self.safe_top();
            self.ensure_stack(at + 2 + crate::vm::EXTRA_STACK)?;
            self.th.stack[at] = tm;
            self.th.stack[at + 1] = obj;
            self.th.top = at + 2;
            let _ = self.call_protected(at, 0)?;
            self.th.top = at;
        }
        Ok(())
    }

    /// Runs every pending finalizer, as closing a state does (`luaC_freeallobjects`):
    /// the queue, then all tables with finalizers, newest first.
    pub fn finalize_all(&mut self) -> Result<(), Throw> {
        while let Some(t) = self.finobj.pop() {
            self.heap.table_mut(t).finalizable = false;
            self.tobefnz.push(t);
        }
        self.run_finalizers()
    }

    /// Estimated bytes in use (`collectgarbage("count")` in bytes).
    pub fn memory_in_use(&self) -> usize {
        self.heap.allocated
    }

    fn mark_roots(&mut self, m: &mut Marker) {
        // The running thread (its heap slot is a placeholder) and the main thread.
        self.heap.threads.mark(self.current.0);
        self.heap.threads.mark(self.main_thread.0);
        let mut th = std::mem::take(&mut self.th);
        self.mark_thread_state(&mut th, m);
        self.th = th;
        if self.main_thread != self.current {
            self.traverse_thread(self.main_thread, m);
        }
        self.mark_value(Value::Table(self.globals), m);
        self.mark_value(Value::Table(self.loaded), m);
        for mt in self.type_mt.into_iter().flatten() {
            self.mark_value(Value::Table(mt), m);
        }
        let names = &self.names;
        let fixed: Vec<Value> = names
            .tm
            .iter()
            .chain([
                &names.name,
                &names.tostring,
                &names.metatable,
                &names.pairs,
                &names.n,
                &names.empty,
            ])
            .map(|&s| Value::String(s))
            .collect();
        for v in fixed {
            self.mark_value(v, m);
        }
        self.mark_value(self.err_value, m);
        let roots = std::mem::take(&mut self.roots);
        for &v in &roots {
            self.mark_value(v, m);
        }
        self.roots = roots;
        if let Some(u) = self.stdout {
            self.mark_value(Value::Userdata(u), m);
        }
        // Tables waiting for their finalizer are alive until it has run.
        let queue = std::mem::take(&mut self.tobefnz);
        for &t in &queue {
            self.mark_value(Value::Table(t), m);
        }
        self.tobefnz = queue;
    }

    #[inline]
    fn mark_value(&mut self, v: Value, m: &mut Marker) {
        let h = &mut self.heap;
        let first = match v {
            Value::String(s) => {
                if h.strings.arena.mark(s.0) {
                    m.live += h.strings.get(s).footprint();
                }
                false
            }
            Value::Table(t) => h.tables.mark(t.0),
            Value::LuaFn(f) => h.lua_fns.mark(f.0),
            Value::NativeClosure(f) => h.natives.mark(f.0),
            Value::Thread(t) => h.threads.mark(t.0),
            Value::Userdata(u) => h.userdata.mark(u.0),
            _ => false,
        };
        if first {
            m.gray.push(v);
        }
    }

    fn propagate(&mut self, m: &mut Marker) {
        while let Some(v) = m.gray.pop() {
            match v {
                Value::Table(t) => self.traverse_table(t, m),
                Value::LuaFn(f) => {
                    let (proto, upvals) = {
                        let lf = self.heap.lua_fns.get(f.0);
                        m.live += lf.footprint();
                        (lf.proto.clone(), lf.upvals.clone())
                    };
                    if let Some(p) = proto {
                        self.mark_proto(&p, m);
                    }
                    for uv in upvals.iter() {
                        self.mark_upval(*uv, m);
                    }
                }
                Value::NativeClosure(f) => {
                    let upvals = {
                        let nc = self.heap.natives.get(f.0);
                        m.live += nc.footprint();
                        nc.upvals.clone()
                    };
                    for v in upvals {
                        self.mark_value(v, m);
                    }
                }
                Value::Thread(t) if t != self.current => self.traverse_thread(t, m),
                Value::Userdata(u) => {
                    let (mt, uv) = {
                        let ud = self.heap.userdata.get(u.0);
                        (ud.metatable, ud.user_value)
                    };
                    m.live += 64;
                    if let Some(mt) = mt {
                        self.mark_value(Value::Table(mt), m);
                    }
                    self.mark_value(uv, m);
                }
                _ => {}
            }
        }
    }

    fn traverse_table(&mut self, t: TableRef, m: &mut Marker) {
        let mt = self.heap.tables.get(t.0).metatable;
        let mut weak = 0u8;
        if let Some(mt) = mt {
            self.mark_value(Value::Table(mt), m);
            let mode = self
                .heap
                .tables
                .get(mt.0)
                .get_str(Value::String(self.names.tm[TagMethod::Mode as usize]));
            if let Value::String(s) = mode {
                let bytes = self.heap.strings.bytes(s);
                if bytes.contains(&b'k') {
                    weak |= 1;
                }
                if bytes.contains(&b'v') {
                    weak |= 2;
                }
            }
        }
        let table = self.heap.tables.get_mut(t.0);
        table.weak = weak;
        m.live += table.footprint();
        if weak != 0 {
            m.weak.push(t);
        }
        // Collect the references first: marking needs the heap mutably.
        let mut refs: Vec<Value> = Vec::new();
        let table = self.heap.tables.get(t.0);
        if weak & 2 == 0 {
            refs.extend(table.array_values().iter().copied().filter(is_collectable));
        }
        for (k, v) in table.node_entries() {
            if (weak & 1 == 0 || matches!(k, Value::String(_))) && is_collectable(&k) {
                refs.push(k);
            }
            if (weak & 2 == 0 || matches!(v, Value::String(_))) && is_collectable(&v) {
                refs.push(v);
            }
        }
        for v in refs {
            self.mark_value(v, m);
        }
    }

    fn mark_proto(&mut self, p: &Rc<LProto>, m: &mut Marker) {
        if p.mark_epoch.get() == m.epoch {
            return;
        }
        p.mark_epoch.set(m.epoch);
        m.live += std::mem::size_of::<LProto>() + p.code.len() * 4 + p.k.len() * 16;
        for &k in p.k.iter() {
            self.mark_value(k, m);
        }
        for child in p.protos.iter() {
            self.mark_proto(child, m);
        }
    }

    fn mark_upval(&mut self, uv: UpvalRef, m: &mut Marker) {
        if !self.heap.upvals.mark(uv.0) {
            return;
        }
        m.live += 32;
        match *self.heap.upvals.get(uv.0) {
            Upval::Closed(v) => self.mark_value(v, m),
            Upval::Open { thread, .. } => self.mark_value(Value::Thread(thread), m),
        }
    }

    fn traverse_thread(&mut self, t: ThreadRef, m: &mut Marker) {
        let mut th = std::mem::take(self.heap.threads.get_mut(t.0));
        self.mark_thread_state(&mut th, m);
        *self.heap.threads.get_mut(t.0) = th;
    }

    /// Marks the live part of a thread's stack and clears the rest (`traversethread`).
    ///
    /// The live part ends at `top` when a native runs on top (its arguments and pushes;
    /// by the calling convention, every live register of the Lua frames below is below
    /// the native's function slot), or at the top frame's register window when a Lua
    /// function runs (the interpreter's safe points leave `top` unset). A suspended
    /// coroutine's top frame is the native that yielded. Clearing the dead part means no
    /// slot keeps a handle to an object this collection frees.
    fn mark_thread_state(&mut self, th: &mut Thread, m: &mut Marker) {
        m.live += th.footprint();
        let live_top = match th.frames.last() {
            Some(ci) if ci.is_lua() => ci.top.max(th.top),
            _ => th.top,
        }
        .min(th.stack.len());
        for &v in &th.stack[..live_top] {
            if is_collectable(&v) {
                self.mark_value(v, m);
            }
        }
        for slot in &mut th.stack[live_top..] {
            *slot = Value::Nil;
        }
        for &(_, uv) in &th.open_upvals {
            self.mark_upval(uv, m);
        }
        self.mark_value(th.error_value, m);
        // Marking may have pushed more gray objects; propagate them before the stack is
        // given back (the thread itself is not on the gray list).
    }

    fn clear_weak_tables(&mut self, m: &Marker) {
        for &t in &m.weak {
            // Take the table out of its slot so the predicate can read the mark bits.
            let mut table = std::mem::take(self.heap.tables.get_mut(t.0));
            let heap = &self.heap;
            table.clear_weak(|v| match v {
                Value::Table(r) => !heap.tables.is_marked(r.0),
                Value::LuaFn(r) => !heap.lua_fns.is_marked(r.0),
                Value::NativeClosure(r) => !heap.natives.is_marked(r.0),
                Value::Thread(r) => !heap.threads.is_marked(r.0),
                Value::Userdata(r) => !heap.userdata.is_marked(r.0),
                _ => false,
            });
            *self.heap.tables.get_mut(t.0) = table;
        }
    }
}

/// Whether a value refers to a heap object.
#[inline(always)]
fn is_collectable(v: &Value) -> bool {
    matches!(
        v,
        Value::String(_)
            | Value::Table(_)
            | Value::LuaFn(_)
            | Value::NativeClosure(_)
            | Value::Thread(_)
            | Value::Userdata(_)
    )
}
