//! PUC's compile-time limits that the syntax crate does not check, with native Lua
//! 5.4.9's messages (checked with lua5.4.9's `load`).

use lua_vm::{CompileConfig, CompileError, OptLevel, compile};

fn compile_error(source: &str, level: OptLevel) -> Option<CompileError> {
    let chunk = lua_syntax::parse(source.as_bytes(), "=t").expect("parses");
    compile(&chunk, "=t", &CompileConfig::new(level)).err()
}

#[test]
fn registers() {
    // 190 locals and 70 nested additions of globals: each pending operand takes a
    // register, which the syntax crate's register model does not follow.
    let source = format!(
        "local {}a\nreturn {}x{}",
        "a, ".repeat(189),
        "(x + ".repeat(70),
        ")".repeat(70)
    );
    let e = compile_error(&source, OptLevel::O2).expect("too many registers");
    assert_eq!(
        e.message,
        "t:2: function or expression needs too many registers near '('"
    );
    assert!(!e.runtime);
    let source = format!(
        "local {}a\ny = {}x{}",
        "a, ".repeat(189),
        "x[".repeat(70),
        "]".repeat(70)
    );
    assert_eq!(
        compile_error(&source, OptLevel::O2)
            .expect("too many registers")
            .message,
        "t:2: function or expression needs too many registers near '['"
    );
}

#[test]
fn local_variables_in_debug_information() {
    let source = "do local x end ".repeat(32767);
    assert_eq!(compile_error(&source, OptLevel::O2), None);
    let source = "do local x end ".repeat(32768);
    let e = compile_error(&source, OptLevel::O0).expect("too many local variables");
    assert_eq!(e.message, "too many local variables (limit is 32767)");
    assert!(e.runtime);
}

#[test]
fn nested_functions() {
    let source = format!("local t = {{{}}}", "function() end,".repeat(131072));
    let e = compile_error(&source, OptLevel::O2).expect("too many functions");
    assert_eq!(e.message, "too many functions (limit is 131071)");
    assert!(e.runtime);
}
