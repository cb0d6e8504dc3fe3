//! The standard library (manual §6): the functions of the native sandbox (base, string,
//! table, math, utf8, coroutine, `io.write`), plus, in exec mode only, a debug subset,
//! `os.clock`/`os.time`/`os.getenv`, and `require`.
//!
//! Every function checks its arguments like lauxlib (`luaL_check*`), with the same
//! messages; the algorithms that do not depend on how values are represented come from
//! lua-prims.

mod base;
mod coroutine;
mod debug;
mod io;
mod math;
mod os;
mod package;
mod string;
mod table;
mod utf8;

use std::rc::Rc;

use lua_prims::Number;

use crate::interp::Exec;
use crate::runtime::Runtime;
use crate::table::Table;
use crate::value::{
    Function, FunctionRef, LResult, LuaStr, Native, NativeBody, NativeFn, TableRef, Type, Value,
};

/// Installs the libraries into the globals of a fresh runtime.
pub fn open(rt: &Rc<Runtime>) {
    let g = rt.globals.clone();
    base::open(rt, &g);
    let string = string::open(rt);
    set_module(rt, "string", string);
    set_module(rt, "table", table::open(rt));
    set_module(rt, "math", math::open(rt));
    set_module(rt, "utf8", utf8::open(rt));
    set_module(rt, "coroutine", coroutine::open(rt));
    let io = io::open(rt);
    set_field(&g, "io", Value::Table(io.clone()));
    // So that `pushglobalfuncname` finds "io.write", as in the `lua` command.
    set_field(&rt.loaded, "io", Value::Table(io));
    set_field(&rt.loaded, "_G", Value::Table(g.clone()));
    if rt.exec_mode {
        set_module(rt, "debug", debug::open(rt));
        set_module(rt, "os", os::open(rt));
        package::open(rt, &g);
    }
}

/// Sets a global module table and registers it in `package.loaded`.
fn set_module(rt: &Rc<Runtime>, name: &str, t: TableRef) {
    set_field(&rt.globals, name, Value::Table(t.clone()));
    set_field(&rt.loaded, name, Value::Table(t));
}

/// `t[name] = v` without metamethods.
pub fn set_field(t: &TableRef, name: &str, v: Value) {
    let _ = t.borrow_mut().set(Value::str(name), v);
}

/// A native function value. `name` is its global name (`"string.rep"`).
pub fn native(name: &'static str, f: NativeFn) -> Value {
    Value::Function(FunctionRef::native(name, f))
}

/// A native function whose Lua callees may yield (PUC's functions with continuations).
pub fn native_yieldable(name: &'static str, f: NativeFn) -> Value {
    Value::Function(FunctionRef(Rc::new(Function::Native(Native {
        name,
        body: NativeBody::Fn(f),
        yieldable: true,
    }))))
}

/// A native closure (with captured state); anonymous for `pushglobalfuncname`.
pub fn native_closure(
    f: impl for<'a, 'y> Fn(&'a mut Exec<'y>, Vec<Value>) -> LResult<Vec<Value>> + 'static,
) -> Value {
    Value::Function(FunctionRef(Rc::new(Function::Native(Native {
        name: "",
        body: NativeBody::Closure(Box::new(f)),
        yieldable: false,
    }))))
}

/// A native closure with a global name, optionally yieldable (see [`native_yieldable`]).
pub fn native_named_closure(
    name: &'static str,
    yieldable: bool,
    f: impl for<'a, 'y> Fn(&'a mut Exec<'y>, Vec<Value>) -> LResult<Vec<Value>> + 'static,
) -> Value {
    Value::Function(FunctionRef(Rc::new(Function::Native(Native {
        name,
        body: NativeBody::Closure(Box::new(f)),
        yieldable,
    }))))
}

/// A new library table with these functions: `(field name, global name, function)`.
fn library(rt: &Rc<Runtime>, funcs: &[(&'static str, &'static str, NativeFn)]) -> TableRef {
    // Sized for its functions at once, as `luaL_newlib` does (rather than rehashed as
    // they are added).
    let t = rt.new_table(Table::with_capacity(0, funcs.len()));
    for (field, name, f) in funcs {
        set_field(&t, field, native(name, *f));
    }
    t
}

/// The argument checks of lauxlib. Arguments are numbered from 1, as in messages.
impl Exec<'_> {
    /// Argument `n`, or nil when absent.
    #[inline]
    pub fn arg(args: &[Value], n: usize) -> Value {
        args.get(n - 1).cloned().unwrap_or_default()
    }

    /// Whether argument `n` is absent or nil (`lua_isnoneornil`).
    #[inline]
    pub fn is_none_or_nil(args: &[Value], n: usize) -> bool {
        args.get(n - 1).is_none_or(Value::is_nil)
    }

    /// `luaL_checkany`.
    pub fn check_any(&mut self, args: &[Value], n: usize) -> LResult<Value> {
        match args.get(n - 1) {
            Some(v) => Ok(v.clone()),
            None => Err(self.arg_error(n, "value expected")),
        }
    }

    /// `luaL_checktype(L, n, LUA_TTABLE)`.
    pub fn check_table(&mut self, args: &[Value], n: usize) -> LResult<TableRef> {
        match args.get(n - 1) {
            Some(Value::Table(t)) => Ok(t.clone()),
            _ => Err(self.type_arg_error(args, n, "table")),
        }
    }

    /// `luaL_checktype` for any type.
    pub fn check_type(&mut self, args: &[Value], n: usize, t: Type) -> LResult<Value> {
        match args.get(n - 1) {
            Some(v) if v.type_of() == t => Ok(v.clone()),
            _ => Err(self.type_arg_error(args, n, t.name())),
        }
    }

    /// `luaL_checkinteger`: integers, floats with an integer value, numeric strings.
    pub fn check_integer(&mut self, args: &[Value], n: usize) -> LResult<i64> {
        let v = args.get(n - 1);
        if let Some(Value::Integer(i)) = v {
            return Ok(*i);
        }
        match v.and_then(Value::to_number) {
            Some(num) => match num.to_integer() {
                Some(i) => Ok(i),
                None => Err(self.arg_error(n, "number has no integer representation")),
            },
            None => Err(self.type_arg_error(args, n, "number")),
        }
    }

    /// `luaL_optinteger`.
    pub fn opt_integer(&mut self, args: &[Value], n: usize, default: i64) -> LResult<i64> {
        if Self::is_none_or_nil(args, n) {
            Ok(default)
        } else {
            self.check_integer(args, n)
        }
    }

    /// `luaL_checknumber`: numbers and numeric strings.
    pub fn check_number(&mut self, args: &[Value], n: usize) -> LResult<Number> {
        match args.get(n - 1).and_then(Value::to_number) {
            Some(num) => Ok(num),
            None => Err(self.type_arg_error(args, n, "number")),
        }
    }

    /// `luaL_optnumber`.
    pub fn opt_number(&mut self, args: &[Value], n: usize, default: Number) -> LResult<Number> {
        if Self::is_none_or_nil(args, n) {
            Ok(default)
        } else {
            self.check_number(args, n)
        }
    }

    /// `luaL_checklstring`: strings, and numbers converted to strings.
    pub fn check_string(&mut self, args: &[Value], n: usize) -> LResult<LuaStr> {
        match args.get(n - 1) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(v @ (Value::Integer(_) | Value::Float(_))) => Ok(LuaStr::new(
                lua_prims::numfmt::fmt_number(v.as_number().unwrap_or(Number::Integer(0)))
                    .as_bytes(),
            )),
            _ => Err(self.type_arg_error(args, n, "string")),
        }
    }

    /// `luaL_optlstring`.
    pub fn opt_string(&mut self, args: &[Value], n: usize) -> LResult<Option<LuaStr>> {
        if Self::is_none_or_nil(args, n) {
            Ok(None)
        } else {
            self.check_string(args, n).map(Some)
        }
    }

    /// `luaL_checkoption`: the index of the argument in `options`.
    pub fn check_option(
        &mut self,
        args: &[Value],
        n: usize,
        default: Option<&str>,
        options: &[&str],
    ) -> LResult<usize> {
        let name = match default {
            Some(d) if Self::is_none_or_nil(args, n) => LuaStr::from_text(d),
            _ => self.check_string(args, n)?,
        };
        match options.iter().position(|o| o.as_bytes() == name.as_bytes()) {
            Some(i) => Ok(i),
            None => {
                let mut msg = b"invalid option '".to_vec();
                msg.extend_from_slice(name.as_bytes());
                msg.push(b'\'');
                Err(self.arg_error(n, msg))
            }
        }
    }
}
