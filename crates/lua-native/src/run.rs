//! Running one program in a fresh sandbox and turning what happened into an [`Outcome`].

use std::time::Instant;

use lua_engine::{Cost, End, ErrorKind, Limits, LuaError, Observed, Outcome, Program, Resource};
use mlua::{MultiValue, Value, Variadic};

use crate::sandbox::{Sandbox, resource_of_error};

/// What a run produced, with the traceback of an uncaught runtime error (exec mode).
pub struct Finished {
    pub outcome: Outcome,
    pub traceback: Option<Vec<u8>>,
}

/// Runs `program` from a fresh state on the current thread (which needs a large stack:
/// see `lib.rs`).
pub fn execute(program: &Program<'_>, limits: &Limits) -> Finished {
    let started = Instant::now();
    let sandbox = match Sandbox::new(limits, program.script.is_some(), started) {
        Ok(sandbox) => sandbox,
        Err(error) => {
            return Finished {
                outcome: Outcome::crashed(format!("cannot set up the Lua state: {error}")),
                traceback: None,
            };
        }
    };
    let Sandbox { lua, guard, run } = sandbox;
    let ended = call_run(&lua, &run, program);
    let (end, traceback) = match ended {
        Ok(values) => interpret(values),
        Err(error) => (end_of_host_error(&error), None),
    };
    drop(run);
    // Closing the state runs pending finalizers, which may still write output (the
    // `lua` command closes its state too).
    drop(lua);
    let end = match guard.tripped() {
        Some(resource) => End::Exhausted(resource),
        None => end,
    };
    let output = std::mem::take(&mut *guard.output.borrow_mut());
    let cost = Cost {
        instructions: guard.instructions(),
        wall: started.elapsed(),
        ..Cost::default()
    };
    Finished {
        outcome: Outcome { output, end, cost },
        traceback,
    }
}

fn call_run(
    lua: &mlua::Lua,
    run: &mlua::Function,
    program: &Program<'_>,
) -> mlua::Result<MultiValue> {
    let source = lua.create_string(skip_first_line_comment(program.source))?;
    let mut arguments = Variadic::new();
    if let Some(script) = program.script {
        // lua.c's createargtable: arg[0] is the script, arg[1..] its arguments, which
        // the chunk also receives as `...`.
        let arg = lua.create_table()?;
        for (index, argument) in script.iter().enumerate() {
            let argument = lua.create_string(argument)?;
            arg.raw_set(index as i64, argument.clone())?;
            if index > 0 {
                arguments.push(argument);
            }
        }
        lua.globals().raw_set("arg", arg)?;
    }
    run.call((source, program.chunkname, arguments))
}

/// What luaL_loadfile skips before handing a file to the parser: a UTF-8 byte order
/// mark, then a first line starting with `#` (kept as an empty line, so that line
/// numbers stay right).
fn skip_first_line_comment(source: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let source = source.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(source);
    if source.first() != Some(&b'#') {
        return source.into();
    }
    match source.iter().position(|&b| b == b'\n') {
        Some(newline) => source[newline..].into(),
        None => b"\n".to_vec().into(),
    }
}

/// Reads the prelude's `run` results: `"returned", values...`, `"syntax", message` or
/// `"error", value, message[, traceback]`.
fn interpret(values: MultiValue) -> (End, Option<Vec<u8>>) {
    let mut values = values.into_iter();
    let tag = values.next();
    let tag = match &tag {
        Some(Value::String(tag)) => tag.as_bytes().to_vec(),
        _ => {
            return (
                End::Crashed("the prelude's run returned no tag".into()),
                None,
            );
        }
    };
    match tag.as_slice() {
        b"returned" => (End::Returned(values.map(|v| observe(&v)).collect()), None),
        b"syntax" => {
            let message = values.next().map(|v| bytes_of(&v)).unwrap_or_default();
            let value = Observed::String(message.clone());
            (
                End::Error(LuaError {
                    kind: ErrorKind::Syntax,
                    message,
                    value,
                }),
                None,
            )
        }
        b"error" => {
            let value = values.next().map(|v| observe(&v)).unwrap_or(Observed::Nil);
            let message = values.next().map(|v| bytes_of(&v)).unwrap_or_default();
            let traceback = match values.next() {
                Some(Value::String(s)) => Some(tidy_traceback(&s.as_bytes())),
                _ => None,
            };
            (
                End::Error(LuaError {
                    kind: ErrorKind::Runtime,
                    message,
                    value,
                }),
                traceback,
            )
        }
        other => (
            End::Crashed(format!(
                "the prelude's run returned {:?}",
                String::from_utf8_lossy(other)
            )),
            None,
        ),
    }
}

/// An error that escaped the prelude's own `xpcall`: only a resource running out (the
/// hook's abort in the prelude's last instructions, or memory) gets there legitimately.
fn end_of_host_error(error: &mlua::Error) -> End {
    match error {
        mlua::Error::MemoryError(_) => End::Exhausted(Resource::Memory),
        other => {
            let text = other.to_string();
            match resource_of_error(text.as_bytes()) {
                Some(resource) => End::Exhausted(resource),
                None => End::Crashed(format!("the native engine failed: {text}")),
            }
        }
    }
}

fn bytes_of(value: &Value) -> Vec<u8> {
    match value {
        Value::String(s) => s.as_bytes().to_vec(),
        other => other.to_string().unwrap_or_default().into_bytes(),
    }
}

/// A Lua value as the oracle compares it.
pub fn observe(value: &Value) -> Observed {
    match value {
        Value::Nil => Observed::Nil,
        Value::Boolean(b) => Observed::Boolean(*b),
        Value::Integer(i) => Observed::Integer(*i),
        Value::Number(n) => Observed::Float(*n),
        Value::String(s) => Observed::String(s.as_bytes().to_vec()),
        Value::Table(_) => Observed::Table,
        Value::Function(_) => Observed::Function,
        Value::Thread(_) => Observed::Thread,
        _ => Observed::Userdata,
    }
}

/// luaL_traceback's text, seen from inside the prelude's handler, ends with two frames
/// of the prelude (the `xpcall` that runs the chunk and `run`); the `lua` command's ends
/// with the C function that called the chunk. Stripped prelude frames show as `?:`, C
/// functions as `[C]:`, so the wrappers' frames are renamed to what they stand for. A C
/// function that a wrapper calls is named `'?'` (stripped code has no names): its frame
/// is dropped, with a `(...tail calls...)` line just above it, which comes from the
/// prelude's own tail call (print calls `__tostring` that way), so that a wrapper shows
/// as the one `[C]` frame PUC's function would.
fn tidy_traceback(traceback: &[u8]) -> Vec<u8> {
    let text = traceback.strip_suffix(b"\n").unwrap_or(traceback);
    let mut lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
    let keep = lines.len().saturating_sub(2).max(1);
    lines.truncate(keep);
    let mut kept: Vec<Vec<u8>> = Vec::with_capacity(lines.len() + 1);
    for line in lines {
        if line.starts_with(b"\t[C]: in ") && line.ends_with(b" '?'") {
            if kept
                .last()
                .is_some_and(|last| last == b"\t(...tail calls...)")
            {
                kept.pop();
            }
            continue;
        }
        match line.strip_prefix(b"\t?: in ") {
            Some(rest) => kept.push([b"\t[C]: in ".as_slice(), rest].concat()),
            None => kept.push(line.to_vec()),
        }
    }
    kept.push(b"\t[C]: in ?".to_vec());
    kept.join(&b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracebacks_show_each_wrapper_as_one_c_frame() {
        let seen =
            b"stack traceback:\n\t[C]: in function 'error'\n\tt.lua:1: in function <t.lua:1>\n\
            \t(...tail calls...)\n\t[C]: in upvalue '?'\n\t?: in function 'print'\n\
            \tt.lua:2: in main chunk\n\t[C]: in upvalue '?'\n\t?: in ?\n";
        assert_eq!(
            String::from_utf8(tidy_traceback(seen)).unwrap(),
            "stack traceback:\n\t[C]: in function 'error'\n\tt.lua:1: in function <t.lua:1>\n\
             \t[C]: in function 'print'\n\tt.lua:2: in main chunk\n\t[C]: in ?"
        );
    }

    #[test]
    fn first_line_comment_is_kept_as_an_empty_line() {
        assert_eq!(
            &*skip_first_line_comment(b"#!/usr/bin/lua\nprint(1)"),
            b"\nprint(1)"
        );
        assert_eq!(&*skip_first_line_comment(b"# only"), b"\n");
        assert_eq!(
            &*skip_first_line_comment(b"\xEF\xBB\xBFprint(1)"),
            b"print(1)"
        );
        assert_eq!(
            &*skip_first_line_comment(b"print(1) # not a comment"),
            b"print(1) # not a comment"
        );
    }
}
