//! Native (Rust) functions: their static definitions and the argument checks of lauxlib
//! (`luaL_checkinteger`, `luaL_checklstring`, ...) with PUC's messages.
//!
//! A native function receives its arguments in `stack[base..base + nargs]` (the function
//! itself is at `base - 1`), may push values with [`Vm::push`], and returns how many
//! values at the top of the stack are its results.

use lua_prims::number::{Number, str_to_number};

use crate::value::{StrRef, TableRef, Value};
use crate::vm::{Throw, Vm};

/// The signature of a native function.
pub type NativeFn = fn(&mut Vm, usize, usize) -> Result<usize, Throw>;

/// Functions the call machinery handles itself instead of calling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    None,
    /// `pcall`: calls its first argument in protected mode, without leaving the
    /// interpreter loop (so the callee may yield).
    Pcall,
    /// `xpcall`: the same with a message handler.
    Xpcall,
    /// `pairs`: a `__pairs` metamethod runs as a frame (it may yield, as with PUC's
    /// `lua_callk`).
    Pairs,
}

/// A native function's static definition. Functions without upvalues are values that
/// point here (and compare by this address).
#[derive(Debug)]
pub struct NativeDef {
    /// The name under which the library registers it (for reports; error messages
    /// derive names from call sites, as PUC does).
    pub name: &'static str,
    pub func: NativeFn,
    pub special: Special,
}

/// Declares `static $id: NativeDef` for the function `$func`.
#[macro_export]
macro_rules! native {
    ($vis:vis $id:ident, $name:literal, $func:path) => {
        $vis static $id: $crate::native::NativeDef = $crate::native::NativeDef {
            name: $name,
            func: $func,
            special: $crate::native::Special::None,
        };
    };
}

/// Argument access for natives: 1-based like the C API.
#[derive(Clone, Copy, Debug)]
pub struct Args {
    pub base: usize,
    pub n: usize,
}

impl Args {
    pub fn new(base: usize, n: usize) -> Args {
        Args { base, n }
    }

    /// Argument `i` (nil when absent).
    #[inline]
    pub fn get(&self, vm: &Vm, i: usize) -> Value {
        if i >= 1 && i <= self.n {
            vm.th.stack[self.base + i - 1]
        } else {
            Value::Nil
        }
    }

    /// Whether argument `i` is absent or nil (`lua_isnoneornil`).
    #[inline]
    pub fn is_none_or_nil(&self, vm: &Vm, i: usize) -> bool {
        self.get(vm, i).is_nil()
    }

    /// Whether argument `i` was passed at all.
    #[inline]
    pub fn present(&self, i: usize) -> bool {
        i >= 1 && i <= self.n
    }

    /// `luaL_checkany`.
    pub fn check_any(&self, vm: &mut Vm, i: usize) -> Result<Value, Throw> {
        if !self.present(i) {
            return Err(vm.arg_error(i, "value expected"));
        }
        Ok(self.get(vm, i))
    }

    /// `luaL_checktype(L, i, LUA_TTABLE)`.
    pub fn check_table(&self, vm: &mut Vm, i: usize) -> Result<TableRef, Throw> {
        match self.get(vm, i) {
            Value::Table(t) => Ok(t),
            _ => Err(self.type_error(vm, i, "table")),
        }
    }

    /// `luaL_checkinteger`: integers, floats with an exact integer value and strings that
    /// convert to one.
    pub fn check_integer(&self, vm: &mut Vm, i: usize) -> Result<i64, Throw> {
        let v = self.get(vm, i);
        match v {
            Value::Integer(n) => Ok(n),
            _ => match vm.to_integer_coerce(v) {
                Some(n) => Ok(n),
                None => Err(self.integer_error(vm, i, v)),
            },
        }
    }

    fn integer_error(&self, vm: &mut Vm, i: usize, v: Value) -> Throw {
        if vm.to_number_coerce(v).is_some() {
            vm.arg_error(i, "number has no integer representation")
        } else {
            self.type_error(vm, i, "number")
        }
    }

    /// `luaL_optinteger`.
    pub fn opt_integer(&self, vm: &mut Vm, i: usize, default: i64) -> Result<i64, Throw> {
        if self.is_none_or_nil(vm, i) {
            Ok(default)
        } else {
            self.check_integer(vm, i)
        }
    }

    /// `luaL_checknumber`: numbers and strings that convert to one.
    pub fn check_number(&self, vm: &mut Vm, i: usize) -> Result<Number, Throw> {
        let v = self.get(vm, i);
        match v {
            Value::Integer(n) => Ok(Number::Integer(n)),
            Value::Float(f) => Ok(Number::Float(f)),
            _ => match vm.to_number_coerce(v) {
                Some(n) => Ok(n),
                None => Err(self.type_error(vm, i, "number")),
            },
        }
    }

    /// `luaL_checknumber` as a float.
    pub fn check_float(&self, vm: &mut Vm, i: usize) -> Result<f64, Throw> {
        Ok(self.check_number(vm, i)?.to_float())
    }

    /// `luaL_optnumber`.
    pub fn opt_number(&self, vm: &mut Vm, i: usize) -> Result<Option<Number>, Throw> {
        if self.is_none_or_nil(vm, i) {
            Ok(None)
        } else {
            self.check_number(vm, i).map(Some)
        }
    }

    /// `luaL_checklstring`: strings, and numbers converted to strings (in place, as
    /// `lua_tolstring` does).
    pub fn check_str(&self, vm: &mut Vm, i: usize) -> Result<StrRef, Throw> {
        match self.get(vm, i) {
            Value::String(s) => Ok(s),
            v @ (Value::Integer(_) | Value::Float(_)) => {
                let s = vm.number_to_str(v);
                vm.th.stack[self.base + i - 1] = Value::String(s);
                Ok(s)
            }
            _ => Err(self.type_error(vm, i, "string")),
        }
    }

    /// `luaL_optlstring` (`None` when absent or nil).
    pub fn opt_str(&self, vm: &mut Vm, i: usize) -> Result<Option<StrRef>, Throw> {
        if self.is_none_or_nil(vm, i) {
            Ok(None)
        } else {
            self.check_str(vm, i).map(Some)
        }
    }

    /// `luaL_typeerror`: "T expected, got U" (U from `__name`, "no value" when absent).
    pub fn type_error(&self, vm: &mut Vm, i: usize, expected: &str) -> Throw {
        let got = if self.present(i) {
            let v = self.get(vm, i);
            vm.type_name_for_error(v)
        } else {
            b"no value".to_vec()
        };
        let mut msg = format!("{expected} expected, got ").into_bytes();
        msg.extend_from_slice(&got);
        vm.arg_error(i, msg)
    }

    /// Raises a lua-prims error for this function (argument errors get the function's
    /// name as PUC derives it from the call site).
    pub fn prims_error(&self, vm: &mut Vm, e: lua_prims::Error) -> Throw {
        match e {
            lua_prims::Error::Message(m) => vm.lib_error(m),
            lua_prims::Error::Argument { arg, message } => vm.arg_error(arg, message),
        }
    }
}

impl Vm {
    /// A number from a number or a numeric string (`lua_tonumberx`).
    pub fn to_number_coerce(&self, v: Value) -> Option<Number> {
        match v {
            Value::Integer(i) => Some(Number::Integer(i)),
            Value::Float(f) => Some(Number::Float(f)),
            Value::String(s) => str_to_number(self.heap.strings.bytes(s)),
            _ => None,
        }
    }

    /// An integer from a number or numeric string with an exact integer value
    /// (`lua_tointegerx`).
    pub fn to_integer_coerce(&self, v: Value) -> Option<i64> {
        self.to_number_coerce(v)?.to_integer()
    }
}
