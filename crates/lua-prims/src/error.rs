//! The errors raised by library primitives, in the two shapes PUC-Rio's C library raises them.

use std::fmt;

/// An error raised by a library primitive.
///
/// PUC-Rio's libraries raise errors in two ways, and engines must reproduce both:
/// `luaL_error` raises a plain message, and `luaL_argerror` names an argument, which the
/// engine turns into `bad argument #N to 'NAME' (MESSAGE)` because only the engine knows
/// the function's name (and whether it was called as a method). Both go through
/// `luaL_where(L, 1)`: the message is prefixed with `chunk:line:` of the *caller* of the
/// library function when that caller is Lua code (`input:3: invalid order function for
/// sorting`), and with nothing when it is a C function (`pcall(string.format, "%y", 1)`
/// gives `invalid conversion '%y' to 'format'`). Messages are bytes, like Lua strings:
/// some quote bytes of the program's strings (`invalid conversion '%\xff' to 'format'`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// A `luaL_error` message, raised as is.
    Message(Vec<u8>),
    /// A `luaL_argerror` about argument number `arg` (1-based, as PUC counts them).
    Argument { arg: usize, message: Vec<u8> },
}

impl Error {
    /// A `luaL_error`-style error.
    pub fn message(message: impl Into<Vec<u8>>) -> Error {
        Error::Message(message.into())
    }

    /// A `luaL_argerror`-style error.
    pub fn argument(arg: usize, message: impl Into<Vec<u8>>) -> Error {
        Error::Argument {
            arg,
            message: message.into(),
        }
    }

    /// The full message PUC would raise when the failing function is called `function`
    /// (for example `format` or `string.format`, as the engine names it), not as a method.
    pub fn to_message(&self, function: &str) -> Vec<u8> {
        match self {
            Error::Message(message) => message.clone(),
            Error::Argument { arg, message } => {
                let mut text = format!("bad argument #{arg} to '{function}' (").into_bytes();
                text.extend_from_slice(message);
                text.push(b')');
                text
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Message(message) => f.write_str(&String::from_utf8_lossy(message)),
            Error::Argument { arg, message } => {
                write!(
                    f,
                    "bad argument #{arg} ({})",
                    String::from_utf8_lossy(message)
                )
            }
        }
    }
}

impl std::error::Error for Error {}
