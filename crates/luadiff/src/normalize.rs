//! Every normalisation applied to outcomes before they are compared, one rule each, in one place.
//!
//! Nothing else is papered over: numbers, NaN (`-nan`/`nan`), error messages and
//! everything a program prints must be exactly what native Lua produces.

use std::borrow::Cow;
use std::sync::LazyLock;

use lua_engine::{End, LuaError, Observed, Outcome};
use regex::bytes::Regex;

/// Replaces the addresses in text that Lua derives from pointers (`%p`), which differ
/// between engines and between runs.
pub fn addresses(text: &[u8]) -> Cow<'_, [u8]> {
    // Rule: `function: builtin: 0x55d0...` (how some builds print C functions) is
    // `function: ADDR`, like a Lua function: PUC 5.4.9 prints `function: 0x...` for both.
    static BUILTIN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"function: builtin: 0x[0-9a-fA-F]+").expect("a valid regex"));
    // Rule: `table: 0x...`, `function: 0x...`, `thread: 0x...`, `userdata: 0x...` and
    // `NAME: 0x...` for a value whose metatable has a `__name` (luaL_tolstring's
    // "%s: %p") become `table: ADDR` and so on. A `: 0x` followed by at least five hex
    // digits is taken for an address; shorter numbers are left alone.
    static TYPED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r": 0x[0-9a-fA-F]{5,}").expect("a valid regex"));
    // Rule: `file (0x...)`, how `tostring` shows the FILE* that io.write returns.
    static FILE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"file \(0x[0-9a-fA-F]+\)").expect("a valid regex"));

    let mut text = Cow::Borrowed(text);
    for (pattern, replacement) in [
        (&*BUILTIN, &b"function: ADDR"[..]),
        (&*TYPED, &b": ADDR"[..]),
        (&*FILE, &b"file (ADDR)"[..]),
    ] {
        if let Cow::Owned(replaced) = pattern.replace_all(&text, replacement) {
            text = Cow::Owned(replaced);
        }
    }
    text
}

/// Rule: an `ext:` engine runs the program from a temporary file, so its messages and
/// any output that shows the chunk name (`debug` is absent, but error messages printed
/// through `pcall`) name that file. The file's chunk id is replaced by the chunk id the
/// program's own chunk name gives in native Lua. The ext engine applies this to what it
/// reads from the subprocess, so that its reports show the program's name too.
pub fn ext_chunkname(text: &[u8], temporary_chunkid: &str, chunkname: &str) -> Vec<u8> {
    let needle = temporary_chunkid.as_bytes();
    let replacement = chunkid(chunkname.as_bytes());
    if needle.is_empty() {
        return text.to_vec();
    }
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest
        .windows(needle.len())
        .position(|window| window == needle)
    {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(&replacement);
        rest = &rest[at + needle.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// The chunk id Lua shows for a chunk name in messages (luaO_chunkid, LUA_IDSIZE 60):
/// `=name` as `name`, `@file` as `file` (long names keep their end, after `...`), a
/// source string as `[string "first line..."]`; at most 59 bytes.
pub fn chunkid(chunkname: &[u8]) -> Vec<u8> {
    const IDSIZE: usize = 60;
    match chunkname.split_first() {
        Some((b'=', name)) => name[..name.len().min(IDSIZE - 1)].to_vec(),
        Some((b'@', file)) if file.len() < IDSIZE => file.to_vec(),
        Some((b'@', file)) => {
            let keep = IDSIZE - 1 - 3;
            [&b"..."[..], &file[file.len() - keep..]].concat()
        }
        _ => {
            // Room for the text between `[string "` and `..."]`, and the terminator.
            let room = IDSIZE - (9 + 3 + 2) - 1;
            let first_line_end = chunkname.iter().position(|&b| b == b'\n');
            let mut out = b"[string \"".to_vec();
            if chunkname.len() < room && first_line_end.is_none() {
                out.extend_from_slice(chunkname);
            } else {
                let end = first_line_end.unwrap_or(chunkname.len()).min(room);
                out.extend_from_slice(&chunkname[..end]);
                out.extend_from_slice(b"...");
            }
            out.extend_from_slice(b"\"]");
            out
        }
    }
}

/// Rule: return values are compared only when every engine in the comparison can
/// observe them (an `ext:` engine runs the `lua` command, which discards what the main
/// chunk returns); otherwise they are dropped from every outcome alike.
pub fn forget_return_values(outcome: &mut Outcome) {
    if let End::Returned(values) = &mut outcome.end {
        values.clear();
    }
}

/// An outcome with every rule above applied to its output, its error message and the
/// strings among its values.
pub fn outcome(outcome: &Outcome) -> Outcome {
    let end = match &outcome.end {
        End::Returned(values) => End::Returned(values.iter().map(value).collect()),
        End::Error(error) => End::Error(LuaError {
            kind: error.kind,
            message: addresses(&error.message).into_owned(),
            value: value(&error.value),
        }),
        other => other.clone(),
    };
    Outcome {
        output: addresses(&outcome.output).into_owned(),
        end,
        cost: outcome.cost.clone(),
    }
}

fn value(value: &Observed) -> Observed {
    match value {
        Observed::String(s) => Observed::String(addresses(s).into_owned()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(text: &str) -> String {
        String::from_utf8(addresses(text.as_bytes()).into_owned()).unwrap()
    }

    #[test]
    fn addresses_become_addr() {
        assert_eq!(normalized("table: 0x55d0c0ffee10"), "table: ADDR");
        assert_eq!(
            normalized("function: 0x7f00aa11 thread: 0xabcdef1"),
            "function: ADDR thread: ADDR"
        );
        assert_eq!(normalized("userdata: 0x5555aaaa"), "userdata: ADDR");
        assert_eq!(
            normalized("function: builtin: 0x5566778899"),
            "function: ADDR"
        );
        assert_eq!(normalized("MyType: 0x55e7a6d2adc0"), "MyType: ADDR");
        assert_eq!(normalized("file (0x7f41276bc760)"), "file (ADDR)");
        assert_eq!(
            normalized("x: 0x10 and 0x55d0c0ffee10"),
            "x: 0x10 and 0x55d0c0ffee10"
        );
        assert_eq!(normalized("-nan nan 1e+15"), "-nan nan 1e+15");
    }

    #[test]
    fn chunk_ids_follow_luao_chunkid() {
        assert_eq!(chunkid(b"=stdin"), b"stdin");
        assert_eq!(chunkid(b"@t.lua"), b"t.lua");
        assert_eq!(chunkid(b"return 1"), b"[string \"return 1\"]");
        assert_eq!(chunkid(b"x = 1\nreturn x"), b"[string \"x = 1...\"]");
        let long = format!("@{}", "d/".repeat(40));
        let id = chunkid(long.as_bytes());
        assert_eq!(id.len(), 59);
        assert!(id.starts_with(b"...d/"));
        assert_eq!(chunkid(format!("={}", "n".repeat(80)).as_bytes()).len(), 59);
        let source = "s".repeat(50);
        assert_eq!(
            chunkid(source.as_bytes()),
            format!("[string \"{}...\"]", "s".repeat(45)).as_bytes()
        );
    }

    #[test]
    fn ext_chunk_names_map_back_to_the_program() {
        let message = b"luadiff-program.lua:3: boom";
        assert_eq!(
            ext_chunkname(message, "luadiff-program.lua", "@tests/x.lua"),
            b"tests/x.lua:3: boom"
        );
        assert_eq!(
            ext_chunkname(message, "luadiff-program.lua", "=gen"),
            b"gen:3: boom"
        );
    }
}
