//! Calling a Lua function allocates nothing: a counting global allocator measures the heap
//! allocations of `fib(20)` and `fib(25)` (after a warm-up that sizes the stacks), which
//! must be the same although the second makes eleven times as many calls.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use lua_vm::vm::RunLimits;
use lua_vm::{CompileConfig, OptLevel, Value, Vm};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: every call forwards to the system allocator unchanged; the counter is a
// const-initialized thread-local without a destructor, so touching it cannot allocate.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> u64 {
    ALLOCATIONS.with(Cell::get)
}

const FIB: &str =
    "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
return fib";

fn allocations_of_fib(level: OptLevel) -> (u64, u64) {
    let mut vm = Vm::new(RunLimits::default(), false, CompileConfig::new(level));
    let chunk = vm.load_chunk(FIB.as_bytes(), "=fib").expect("fib compiles");
    let fib = vm
        .call1(Value::LuaFn(chunk), &[])
        .expect("the chunk returns fib");
    let mut run = |n: i64| -> u64 {
        let before = allocations();
        let r = vm.call1(fib, &[Value::Integer(n)]).expect("fib runs");
        let after = allocations();
        assert!(matches!(r, Value::Integer(_)));
        after - before
    };
    // Warm up: the stacks grow to the deepest recursion once.
    run(27);
    (run(20), run(25))
}

#[test]
fn lua_calls_allocate_nothing() {
    for level in [OptLevel::O0, OptLevel::O2] {
        let (small, large) = allocations_of_fib(level);
        assert_eq!(
            small, large,
            "allocations grow with the number of calls at {level}: fib(20) {small}, fib(25) {large}"
        );
        assert!(small <= 2, "fib(20) made {small} allocations at {level}");
    }
}
