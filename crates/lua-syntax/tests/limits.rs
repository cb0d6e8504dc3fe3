//! Deep and long inputs: the parser's recursion is bounded like PUC's (LUAI_MAXCCALLS),
//! so no input exhausts the Rust stack, and the chains PUC accepts at any length parse
//! and print.

use lua_syntax::{parse, print};

/// Runs `f` on a thread with a small stack, to prove the parser's depth is bounded.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// Runs `f` on a thread with a big stack: dropping or comparing a tree recurses on its
/// depth, and a 100 000-term chain is that deep.
fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn deep_nesting_is_a_c_stack_overflow_not_a_crash() {
    let inputs: Vec<String> = vec![
        "(".repeat(100_000),
        format!("x = {}", "{".repeat(100_000)),
        format!("x = {}1", "- ".repeat(100_000)),
        format!("x = {}1", "not ".repeat(100_000)),
        format!("x = {}", "a .. ".repeat(100_000)),
        format!("x = {}", "2 ^ ".repeat(100_000)),
        "do ".repeat(100_000),
        "while x do ".repeat(100_000),
        "if x then ".repeat(100_000),
        "repeat ".repeat(100_000),
        format!("x = {}", "function() return ".repeat(100_000)),
        format!("x = {}", "f(".repeat(100_000)),
        format!("x = {}", "a[".repeat(100_000)),
        format!("x = {}", "{[".repeat(100_000)),
        format!("{}= 1", "a, ".repeat(100_000)),
        "local function f() ".repeat(100_000),
        format!("x = {}", "#(".repeat(100_000)),
    ];
    for src in inputs {
        let msg = on_small_stack(move || parse(src.as_bytes(), "=prog").unwrap_err().message);
        assert_eq!(msg, "C stack overflow");
    }
}

#[test]
fn nesting_just_below_the_limit_parses_on_a_small_stack() {
    // 196 levels of parentheses around an expression is the most PUC accepts there.
    let src = format!("x = {}1{}", "(".repeat(196), ")".repeat(196));
    on_small_stack(move || parse(src.as_bytes(), "=prog").map(|_| ()).unwrap());
    let src = format!("{}{}", "do ".repeat(197), "end ".repeat(197));
    on_small_stack(move || parse(src.as_bytes(), "=prog").map(|_| ()).unwrap());
    let src = format!(
        "x = {}1{}",
        "function() return ".repeat(98),
        " end".repeat(98)
    );
    on_small_stack(move || parse(src.as_bytes(), "=prog").map(|_| ()).unwrap());
}

#[test]
fn chains_of_any_length_parse_and_print() {
    let n = 100_000;
    for src in [
        format!("x = 1{}", " + 1".repeat(n)),
        format!("x = a{}", ".b".repeat(n)),
        format!("x = f{}", "()".repeat(n)),
        format!("x = o{}", ":m()".repeat(n)),
        format!("x = a{}", "[1]".repeat(n)),
        format!("x = a{}", " < a".repeat(n)),
        format!("x = {{{}}}", "1, ".repeat(n)),
        // A long argument list would need too many registers (PUC's limit too).
        format!("f({}1)", "1 + ".repeat(n)),
        format!("if x then{} end", " elseif x then".repeat(n)),
        // Constant folding walks the chain too (for `<const>` locals).
        format!("local x <const> = 1{}", " + 1".repeat(n)),
        format!("local x <const> = true{}", " and 1".repeat(n)),
    ] {
        on_big_stack(move || {
            // Parsing and printing walk chains with loops; the small stack proves it.
            let chunk = on_small_stack(move || parse(src.as_bytes(), "=prog").unwrap());
            let (printed, chunk) = on_small_stack(move || (print(&chunk), chunk));
            let again = parse(printed.as_bytes(), "=printed").unwrap();
            assert_eq!(print(&again), printed);
            drop((chunk, again));
        });
    }
}
