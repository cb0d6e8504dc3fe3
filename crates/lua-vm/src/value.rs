//! Lua values ([`Value`]): sixteen bytes, `Copy`, with every reference type as a handle into
//! the heap's arenas (see `heap.rs`), and the raw rules that need no heap: truthiness, raw
//! equality, type names, table-key normalisation.

use lua_prims::number::{F2I, Number, float_to_integer};

use crate::native::NativeDef;

macro_rules! handle {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub(crate) u32);

        impl $name {
            /// The slot number in its arena.
            #[inline(always)]
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

handle!(
    /// A string (interned: equal contents have the same handle).
    StrRef
);
handle!(
    /// A table.
    TableRef
);
handle!(
    /// A Lua function (closure over a prototype).
    LuaFnRef
);
handle!(
    /// A native function with upvalues.
    NativeClosureRef
);
handle!(
    /// An upvalue cell.
    UpvalRef
);
handle!(
    /// A coroutine.
    ThreadRef
);
handle!(
    /// A full userdata.
    UserdataRef
);

/// A Lua value.
///
/// Strings are interned, so equal strings have equal handles and raw equality of any two
/// values never looks at the heap. Native functions without upvalues (the library's
/// functions) are references to their static definitions and compare by address.
///
/// The layout is `repr(C, u64)`: an 8-byte tag and every payload at offset 8, so that a
/// copy is two 8-byte moves. (Rust's default layout puts a `bool` payload at offset 1,
/// and with a one-byte tag LLVM copies values as overlapping pieces through the stack,
/// which stalls store forwarding: measured 25% slower on method-call benchmarks.)
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, u64)]
pub enum Value {
    #[default]
    Nil,
    Boolean(bool),
    Integer(i64),
    Float(f64),
    String(StrRef),
    Table(TableRef),
    LuaFn(LuaFnRef),
    Native(&'static NativeDef),
    NativeClosure(NativeClosureRef),
    Thread(ThreadRef),
    Userdata(UserdataRef),
    /// A light userdata (only `debug.upvalueid` makes them).
    LightUserdata(u64),
}

/// The basic types of Lua (`lua_type`), in PUC's numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Nil,
    Boolean,
    LightUserdata,
    Number,
    String,
    Table,
    Function,
    Userdata,
    Thread,
}

impl Type {
    /// The type name (`type(v)`).
    pub fn name(self) -> &'static str {
        match self {
            Type::Nil => "nil",
            Type::Boolean => "boolean",
            Type::LightUserdata | Type::Userdata => "userdata",
            Type::Number => "number",
            Type::String => "string",
            Type::Table => "table",
            Type::Function => "function",
            Type::Thread => "thread",
        }
    }

    /// Index into per-type tables (the basic types' metatables).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Why a value cannot be a table key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// "table index is nil"
    Nil,
    /// "table index is NaN"
    NaN,
}

impl KeyError {
    pub fn message(self) -> &'static str {
        match self {
            KeyError::Nil => "table index is nil",
            KeyError::NaN => "table index is NaN",
        }
    }
}

impl Value {
    #[inline(always)]
    pub fn is_nil(self) -> bool {
        matches!(self, Value::Nil)
    }

    /// Lua truthiness: everything but `nil` and `false` is true.
    #[inline(always)]
    pub fn is_falsy(self) -> bool {
        matches!(self, Value::Nil | Value::Boolean(false))
    }

    #[inline(always)]
    pub fn truthy(self) -> bool {
        !self.is_falsy()
    }

    pub fn type_of(self) -> Type {
        match self {
            Value::Nil => Type::Nil,
            Value::Boolean(_) => Type::Boolean,
            Value::Integer(_) | Value::Float(_) => Type::Number,
            Value::String(_) => Type::String,
            Value::Table(_) => Type::Table,
            Value::LuaFn(_) | Value::Native(_) | Value::NativeClosure(_) => Type::Function,
            Value::Thread(_) => Type::Thread,
            Value::Userdata(_) => Type::Userdata,
            Value::LightUserdata(_) => Type::LightUserdata,
        }
    }

    /// The basic type name (`type(v)`), ignoring `__name`.
    pub fn type_name(self) -> &'static str {
        self.type_of().name()
    }

    #[inline(always)]
    pub fn is_function(self) -> bool {
        matches!(
            self,
            Value::LuaFn(_) | Value::Native(_) | Value::NativeClosure(_)
        )
    }

    /// The value as a number, without string coercion.
    #[inline(always)]
    pub fn as_number(self) -> Option<Number> {
        match self {
            Value::Integer(i) => Some(Number::Integer(i)),
            Value::Float(f) => Some(Number::Float(f)),
            _ => None,
        }
    }

    /// The value as a float, without string coercion (`tonumber` in lvm.h for numbers).
    #[inline(always)]
    pub fn as_float(self) -> Option<f64> {
        match self {
            Value::Integer(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    /// The value as an integer if it is a number with an exact integer value, without
    /// string coercion.
    #[inline(always)]
    pub fn as_integer(self) -> Option<i64> {
        match self {
            Value::Integer(i) => Some(i),
            Value::Float(f) => float_to_integer(f, F2I::Exact),
            _ => None,
        }
    }

    /// A number as a value.
    #[inline(always)]
    pub fn from_number(n: Number) -> Value {
        match n {
            Number::Integer(i) => Value::Integer(i),
            Number::Float(f) => Value::Float(f),
        }
    }

    /// Raw equality (`rawequal`, `luaV_rawequalobj`): numbers by mathematical value across
    /// subtypes, everything else by identity (strings are interned, so identity is
    /// content equality).
    #[inline]
    pub fn raw_eq(self, other: Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Boolean(a), Value::Boolean(b)) => a == b,
            (Value::Integer(a), Value::Integer(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b,
            (Value::Integer(i), Value::Float(f)) | (Value::Float(f), Value::Integer(i)) => {
                float_to_integer(f, F2I::Exact) == Some(i)
            }
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Table(a), Value::Table(b)) => a == b,
            (Value::LuaFn(a), Value::LuaFn(b)) => a == b,
            (Value::Native(a), Value::Native(b)) => std::ptr::eq(a, b),
            (Value::NativeClosure(a), Value::NativeClosure(b)) => a == b,
            (Value::Thread(a), Value::Thread(b)) => a == b,
            (Value::Userdata(a), Value::Userdata(b)) => a == b,
            (Value::LightUserdata(a), Value::LightUserdata(b)) => a == b,
            _ => false,
        }
    }

    /// The value as a table key: floats with an integral value become integers; nil and
    /// NaN cannot be keys.
    #[inline]
    pub fn to_key(self) -> Result<Value, KeyError> {
        match self {
            Value::Float(f) => match float_to_integer(f, F2I::Exact) {
                Some(i) => Ok(Value::Integer(i)),
                None if f.is_nan() => Err(KeyError::NaN),
                None => Ok(self),
            },
            Value::Nil => Err(KeyError::Nil),
            _ => Ok(self),
        }
    }

    /// Identity of normalised keys: the same variant with the same payload (floats by bits;
    /// keys are never NaN, and integral floats were turned into integers).
    #[inline(always)]
    pub fn key_eq(self, other: Value) -> bool {
        match (self, other) {
            (Value::Integer(a), Value::Integer(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Boolean(a), Value::Boolean(b)) => a == b,
            (Value::Table(a), Value::Table(b)) => a == b,
            (Value::LuaFn(a), Value::LuaFn(b)) => a == b,
            (Value::Native(a), Value::Native(b)) => std::ptr::eq(a, b),
            (Value::NativeClosure(a), Value::NativeClosure(b)) => a == b,
            (Value::Thread(a), Value::Thread(b)) => a == b,
            (Value::Userdata(a), Value::Userdata(b)) => a == b,
            (Value::LightUserdata(a), Value::LightUserdata(b)) => a == b,
            _ => false,
        }
    }

    /// A hash of a normalised key, well mixed in its high bits (Fibonacci hashing).
    #[inline(always)]
    pub fn key_hash(self) -> u64 {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let (tag, payload): (u64, u64) = match self {
            Value::Nil => (0, 0),
            Value::Boolean(b) => (1, b as u64),
            Value::Integer(i) => (2, i as u64),
            Value::Float(f) => (3, f.to_bits()),
            Value::String(s) => (4, s.0 as u64),
            Value::Table(t) => (5, t.0 as u64),
            Value::LuaFn(f) => (6, f.0 as u64),
            Value::Native(n) => (7, n as *const NativeDef as usize as u64),
            Value::NativeClosure(n) => (8, n.0 as u64),
            Value::Thread(t) => (9, t.0 as u64),
            Value::Userdata(u) => (10, u.0 as u64),
            Value::LightUserdata(p) => (11, p),
        };
        (payload ^ (payload >> 29) ^ (tag << 56)).wrapping_mul(K)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_sixteen_bytes() {
        assert!(std::mem::size_of::<Value>() <= 16);
        assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
    }

    #[test]
    fn keys_normalise() {
        assert!(matches!(Value::Float(2.0).to_key(), Ok(Value::Integer(2))));
        assert!(matches!(Value::Float(-0.0).to_key(), Ok(Value::Integer(0))));
        assert_eq!(Value::Float(f64::NAN).to_key().err(), Some(KeyError::NaN));
        assert_eq!(Value::Nil.to_key().err(), Some(KeyError::Nil));
        assert!(matches!(Value::Float(2.5).to_key(), Ok(Value::Float(_))));
    }

    #[test]
    fn raw_equality_crosses_subtypes() {
        assert!(Value::Integer(1).raw_eq(Value::Float(1.0)));
        assert!(!Value::Integer(i64::MAX).raw_eq(Value::Float(9.223372036854776e18)));
        assert!(!Value::Float(f64::NAN).raw_eq(Value::Float(f64::NAN)));
        assert!(!Value::Integer(0).raw_eq(Value::Boolean(false)));
    }
}
