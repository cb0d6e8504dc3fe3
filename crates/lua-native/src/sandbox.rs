//! One fresh PUC-Rio state per program: the libraries, the wrappers of `prelude.lua`, and the limits.
//!
//! Resource limits are enforced in three places, all of which end in [`Guard::trip`]:
//! the instruction-count hook (fuel and wall time), the output sink (output bytes), and
//! the catch points of `prelude.lua`, which show every caught error to
//! [`resource_of_error`] (Lua's own "stack overflow", "not enough memory", ... once the
//! memory limit or the stack is exhausted). Once tripped, the run is `Exhausted` whatever
//! the program does next: the hook fires on every instruction of the current thread and
//! raises, and the catch points re-raise instead of returning.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Instant;

use lua_engine::{Limits, Resource};
use mlua::debug::Debug;
use mlua::{
    AnyUserData, Function, HookTriggers, Lua, LuaOptions, StdLib, Table, UserData, UserDataFields,
    Value, VmState,
};

/// The prelude's source (see the comments in it).
const PRELUDE: &str = include_str!("prelude.lua");

/// The smallest memory limit the engine applies, whatever `Limits::memory_bytes` says.
/// Plain recursion (`local function f() return 1 + f() end`) reaches PUC's limit of
/// 1,000,000 stack slots at about 1,000,000 frames, which with their CallInfo records
/// takes more than 64 MiB: measured, 64 MiB ends it with "not enough memory", 96 MiB with
/// "stack overflow". Below the floor the run would be reported as the wrong resource.
pub const MIN_MEMORY_LIMIT: usize = 128 << 20;

/// Instructions between two calls of the count hook while fuel remains. Small enough
/// that fuel and wall time are checked often, large enough that the hook costs little.
/// It is also the granularity of the instruction count the engine reports.
pub const HOOK_PERIOD: u64 = 1000;

/// Registry keys for values the `FILE*` userdata's metatable is built from.
const FILE_METHODS_KEY: &str = "luadiff.file_methods";
const FILE_TOSTRING_KEY: &str = "luadiff.file_tostring";
const FILE_CLOSE_KEY: &str = "luadiff.file_close";

/// Recognises the errors PUC raises when it runs out of a resource, in any value a
/// program can catch. These limits differ between engines, so such runs are never
/// compared. A program that raises one of these strings itself is misread as exhausted;
/// that costs a comparison, never a false divergence.
pub fn resource_of_error(value: &[u8]) -> Option<Resource> {
    // luaD_growstack: "stack overflow" (with a position); luaE_checkcstack:
    // "C stack overflow"; luaL_checkstack: "stack overflow (msg)". coroutine.wrap
    // prefixes positions again when it propagates them.
    if contains(value, b"stack overflow") {
        return Some(Resource::Depth);
    }
    // luaD_errerr: an error while handling an error, which in PUC only a stack overflow
    // inside a message handler (or a handler that always fails) reaches.
    if value.ends_with(b"error in error handling") {
        return Some(Resource::Depth);
    }
    // LUA_ERRMEM: the preregistered "not enough memory" (lauxlib's buffers raise the
    // same text as an ordinary error, which coroutine.wrap prefixes with a position).
    if value.ends_with(b"not enough memory") {
        return Some(Resource::Memory);
    }
    None
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// What the Rust side of one run shares with its hook and helpers.
pub struct Guard {
    pub output: RefCell<Vec<u8>>,
    output_limit: usize,
    tripped: Cell<Option<Resource>>,
    fuel: u64,
    hook_calls: Cell<u64>,
    deadline: Option<Instant>,
    /// Pieces of a warning being assembled (lua_warning with `tocont`).
    warning: RefCell<Vec<u8>>,
    /// The state, to tell when it is closing (see [`Guard::closing`]).
    state: RefCell<Option<mlua::WeakLua>>,
}

impl Guard {
    pub fn new(limits: &Limits, started: Instant) -> Guard {
        Guard {
            output: RefCell::new(Vec::new()),
            output_limit: limits.output_bytes,
            tripped: Cell::new(None),
            fuel: limits.fuel,
            hook_calls: Cell::new(0),
            deadline: limits.wall_time.and_then(|d| started.checked_add(d)),
            warning: RefCell::new(Vec::new()),
            state: RefCell::new(None),
        }
    }

    /// Whether the state is being closed: the finalizers that `lua_close` runs may call
    /// the helpers, but mlua's handles to Lua values no longer work then (they panic with
    /// "Lua instance is destroyed"), so the helpers read only their arguments' bytes
    /// and leave the rest undone.
    fn closing(&self) -> bool {
        self.state
            .borrow()
            .as_ref()
            .is_some_and(|state| state.try_upgrade().is_none())
    }

    /// The resource this run exhausted, if any.
    pub fn tripped(&self) -> Option<Resource> {
        self.tripped.get()
    }

    /// Whether the run needs the count hook from the start (fuel or a wall-clock
    /// limit). Without it PUC runs at full speed: a count hook makes the VM trap on
    /// every instruction.
    fn needs_hook(&self) -> bool {
        self.fuel != u64::MAX || self.deadline.is_some()
    }

    /// The instructions PUC executed, counted by the hook: a multiple of the hook's period
    /// (the instructions since the hook's last call are not counted), so a lower bound
    /// within [`HOOK_PERIOD`] of the truth. Deterministic for a given program and fuel.
    /// `None` when the run had no hook (no fuel limit and no deadline), or when it
    /// tripped a limit (the hook then fires on every instruction).
    pub fn instructions(&self) -> Option<u64> {
        if !self.needs_hook() || self.tripped.get().is_some() {
            return None;
        }
        Some(self.hook_calls.get() * u64::from(self.period()))
    }

    fn period(&self) -> u32 {
        // The hook's first call must come no later than the fuel runs out.
        self.fuel.clamp(1, HOOK_PERIOD) as u32
    }
}

/// Records that the run hit a resource limit (the first one wins) and makes the hook
/// fire on every instruction of the running thread, so the program is aborted at once.
/// Other threads still have the periodic hook, or re-raise at their catch points.
fn trip(lua: &Lua, guard: &Rc<Guard>, resource: Resource) {
    if guard.tripped.get().is_none() {
        guard.tripped.set(Some(resource));
    }
    // Called from a callback or the hook, mlua's current state is the running thread.
    let _ = lua.set_global_hook(
        HookTriggers::new().every_nth_instruction(1),
        hook(guard.clone()),
    );
}

/// The instruction-count hook: charges fuel, watches the clock, and once the run is
/// exhausted raises on every call.
fn hook(guard: Rc<Guard>) -> impl Fn(&Lua, &Debug) -> mlua::Result<VmState> + 'static {
    move |lua, _debug| {
        if let Some(resource) = guard.tripped.get() {
            trip(lua, &guard, resource);
            return Err(abort(resource));
        }
        let calls = guard.hook_calls.get() + 1;
        guard.hook_calls.set(calls);
        let exhausted = if calls.saturating_mul(u64::from(guard.period())) >= guard.fuel {
            Some(Resource::Fuel)
        } else if guard
            .deadline
            .is_some_and(|deadline| Instant::now() >= deadline)
        {
            Some(Resource::Time)
        } else {
            None
        };
        match exhausted {
            Some(resource) => {
                trip(lua, &guard, resource);
                Err(abort(resource))
            }
            None => Ok(VmState::Continue),
        }
    }
}

fn abort(resource: Resource) -> mlua::Error {
    mlua::Error::RuntimeError(format!("luadiff: {resource} exhausted"))
}

/// The `FILE*` userdata `io.write` returns (standing in for `io.stdout`).
struct StdoutFile;

impl UserData for StdoutFile {
    fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
        fields.add_meta_field("__name", "FILE*");
        fields.add_meta_field_with("__index", |lua| {
            lua.named_registry_value::<Table>(FILE_METHODS_KEY)
        });
        fields.add_meta_field_with("__tostring", |lua| {
            lua.named_registry_value::<Function>(FILE_TOSTRING_KEY)
        });
        fields.add_meta_field_with("__close", |lua| {
            lua.named_registry_value::<Function>(FILE_CLOSE_KEY)
        });
    }
}

/// A fresh state, ready to run one program.
pub struct Sandbox {
    pub lua: Lua,
    pub guard: Rc<Guard>,
    /// `run(source, chunkname, ...)` from the prelude.
    pub run: Function,
}

impl Sandbox {
    /// Builds the state: base, string, table, math, utf8 and coroutine libraries, an
    /// `io` table holding only `write`, no `dofile`/`loadfile`, text-only `load`.
    pub fn new(limits: &Limits, exec_mode: bool, started: Instant) -> mlua::Result<Sandbox> {
        let libs = StdLib::STRING | StdLib::TABLE | StdLib::MATH | StdLib::UTF8 | StdLib::COROUTINE;
        let created = Lua::new_with(libs, LuaOptions::new())?;
        // mlua runs a full collection when the value `new_with` returned is dropped, then
        // closes the state when the last handle goes. That collection would finalize the
        // unreachable objects before the reachable ones, where `lua_close` finalizes all
        // of them in the reverse order of marking, as the `lua` command does. A clone
        // does not collect on drop: the original is dropped here, on an empty state, and
        // the clone closes the state with nothing run before.
        let lua = created.clone();
        drop(created);
        // As the `lua` command does, the collector is stopped while the state is built
        // (nothing built here becomes garbage) and restarted before the program runs;
        // restarting resets its debt, so every program starts the collector alike.
        lua.gc_stop();
        let guard = Rc::new(Guard::new(limits, started));
        *guard.state.borrow_mut() = Some(lua.weak());

        let helpers = lua.create_table()?;
        helpers.set("sink", sink(&lua, &guard)?)?;
        helpers.set("check", check(&lua, &guard)?)?;
        let tripped_guard = guard.clone();
        helpers.set(
            "tripped",
            lua.create_function(move |_, ()| Ok(tripped_guard.tripped().is_some()))?,
        )?;
        // While the state closes these give nil (see `Guard::closing`): `print` in a
        // finalizer run by `lua_close` then leaves `__tostring` and `__name` to
        // `tostring` (the same text), and an error message there may name no function.
        helpers.set(
            "callee",
            while_open(&lua, &guard, (None, None, false), callee)?,
        )?;
        helpers.set("globalname", while_open(&lua, &guard, None, global_name)?)?;
        helpers.set(
            "rawmetafield",
            while_open(&lua, &guard, Value::Nil, raw_metafield)?,
        )?;
        helpers.set(
            "traceback",
            lua.create_function(|lua, ()| lua.traceback(None, 2))?,
        )?;
        helpers.set("exec_mode", exec_mode)?;

        let stripped = stripped_prelude(&lua)?;
        let prelude: Function = lua
            .load(&stripped[..])
            .set_name("=[C]")
            .set_mode(mlua::chunk::ChunkMode::Binary)
            .into_function()?;
        let (install, run, file_methods, file_tostring, file_close): (
            Function,
            Function,
            Table,
            Function,
            Function,
        ) = prelude.call(helpers)?;
        lua.set_named_registry_value(FILE_METHODS_KEY, file_methods)?;
        lua.set_named_registry_value(FILE_TOSTRING_KEY, file_tostring)?;
        lua.set_named_registry_value(FILE_CLOSE_KEY, file_close)?;
        let stdout = lua.create_userdata(StdoutFile)?;
        let io: Table = install.call(stdout)?;
        // So that pushglobalfuncname finds "io.write", as in the `lua` command.
        let loaded: Table = lua.named_registry_value("_LOADED")?;
        loaded.raw_set("io", io)?;

        let warning_guard = guard.clone();
        lua.set_warning_function(move |lua, piece, to_be_continued| {
            warning(lua, &warning_guard, piece, to_be_continued);
            Ok(())
        });
        lua.set_memory_limit(limits.memory_bytes.max(MIN_MEMORY_LIMIT))?;
        if guard.needs_hook() {
            let triggers = HookTriggers::new().every_nth_instruction(guard.period());
            lua.set_global_hook(triggers, hook(guard.clone()))?;
        }
        lua.gc_restart();
        Ok(Sandbox { lua, guard, run })
    }
}

thread_local! {
    /// The prelude compiled once per thread, stripped of debug information.
    static STRIPPED_PRELUDE: std::cell::OnceCell<Rc<[u8]>> = const { std::cell::OnceCell::new() };
}

fn stripped_prelude(lua: &Lua) -> mlua::Result<Rc<[u8]>> {
    if let Some(bytes) = STRIPPED_PRELUDE.with(|cell| cell.get().cloned()) {
        return Ok(bytes);
    }
    let prelude = lua
        .load(PRELUDE)
        .set_name("=[luadiff prelude]")
        .into_function()?;
    let bytes: Rc<[u8]> = prelude.dump(true).into();
    STRIPPED_PRELUDE.with(|cell| cell.get_or_init(|| bytes.clone()).clone());
    Ok(bytes)
}

/// A helper that calls `f`, or gives `closed` while the state closes (see
/// [`Guard::closing`]).
fn while_open<A, R>(
    lua: &Lua,
    guard: &Rc<Guard>,
    closed: R,
    f: fn(&Lua, A) -> mlua::Result<R>,
) -> mlua::Result<Function>
where
    A: mlua::FromLuaMulti + 'static,
    R: mlua::IntoLuaMulti + Clone + 'static,
{
    let guard = guard.clone();
    lua.create_function(move |lua, args: A| {
        if guard.closing() {
            Ok(closed.clone())
        } else {
            f(lua, args)
        }
    })
}

/// `sink(s)`: appends to the outcome's output, up to the output limit.
fn sink(lua: &Lua, guard: &Rc<Guard>) -> mlua::Result<Function> {
    let guard = guard.clone();
    // A `BString` argument is read off the Lua stack, without a handle: it works while
    // the state closes too.
    lua.create_function(move |lua, bytes: mlua::BString| {
        let mut output = guard.output.borrow_mut();
        let room = guard.output_limit.saturating_sub(output.len());
        if bytes.len() > room {
            output.extend_from_slice(&bytes[..room]);
            drop(output);
            if !guard.closing() {
                trip(lua, &guard, Resource::Memory);
            }
        } else {
            output.extend_from_slice(&bytes);
        }
        Ok(())
    })
}

/// `check(e)`: looks at an error a program caught (or is about to see).
fn check(lua: &Lua, guard: &Rc<Guard>) -> mlua::Result<Function> {
    let guard = guard.clone();
    lua.create_function(move |lua, value: Value| {
        if let Value::String(s) = &value
            && !guard.closing()
            && let Some(resource) = resource_of_error(&s.as_bytes())
        {
            trip(lua, &guard, resource);
        }
        Ok(())
    })
}

/// Finalizer errors are not raised but turned into warnings ("error in __gc (msg)");
/// a resource error there still counts.
fn warning(lua: &Lua, guard: &Rc<Guard>, piece: &str, to_be_continued: bool) {
    let mut pending = guard.warning.borrow_mut();
    pending.extend_from_slice(piece.as_bytes());
    if to_be_continued {
        return;
    }
    let message = std::mem::take(&mut *pending);
    drop(pending);
    if message.starts_with(b"error in ")
        && let Some(resource) = resource_of_error(message.strip_suffix(b")").unwrap_or(&message))
    {
        trip(lua, guard, resource);
    }
}

/// `callee(level)`: the name and kind of name (`global`, `local`, `method`, `field`,
/// ...) under which the function at `level` was called, as `lua_getinfo("n")` gives it,
/// and whether it was tail-called (`lua_getinfo("t")`).
fn callee(lua: &Lua, level: usize) -> mlua::Result<(Option<String>, Option<String>, bool)> {
    Ok(lua
        .inspect_stack(level, |debug| {
            let names = debug.names();
            let name = names.name.map(|name| name.into_owned());
            (
                name,
                names.name_what.map(str::to_string),
                debug.is_tail_call(),
            )
        })
        .unwrap_or((None, None, false)))
}

/// `globalname(f)`: lauxlib's pushglobalfuncname: "module.field" for a function found
/// in `package.loaded` (two levels deep, in `next` order), without a leading "_G.".
fn global_name(lua: &Lua, function: Value) -> mlua::Result<Option<mlua::LuaString>> {
    let loaded: Table = lua.named_registry_value("_LOADED")?;
    let target = function.to_pointer();
    for pair in loaded.pairs::<Value, Value>() {
        let (key, value) = pair?;
        let Value::String(module) = key else { continue };
        if value.to_pointer() == target {
            return Ok(Some(module));
        }
        let Value::Table(table) = value else { continue };
        for inner in table.pairs::<Value, Value>() {
            let (field, member) = inner?;
            let Value::String(field) = field else {
                continue;
            };
            if member.to_pointer() == target {
                let module = module.as_bytes();
                let name = if module.as_ref() == b"_G" {
                    field.as_bytes().to_vec()
                } else {
                    [module.as_ref(), b".", field.as_bytes().as_ref()].concat()
                };
                return Ok(Some(lua.create_string(name)?));
            }
        }
    }
    Ok(None)
}

/// `rawmetafield(v, name)`: luaL_getmetafield for tables and full userdata (strings are
/// handled in Lua).
fn raw_metafield(_lua: &Lua, (value, name): (Value, mlua::LuaString)) -> mlua::Result<Value> {
    match value {
        Value::Table(table) => match table.metatable() {
            Some(metatable) => metatable.raw_get(name),
            None => Ok(Value::Nil),
        },
        Value::UserData(userdata) => userdata_metafield(&userdata, &name),
        _ => Ok(Value::Nil),
    }
}

fn userdata_metafield(userdata: &AnyUserData, name: &mlua::LuaString) -> mlua::Result<Value> {
    match userdata.metatable() {
        Ok(metatable) => match name.to_str() {
            Ok(name) => metatable.get(&*name),
            Err(_) => Ok(Value::Nil),
        },
        Err(_) => Ok(Value::Nil),
    }
}
