//! Listings of small programs at `-O0`, `-O1` and `-O2`, pinned as snapshots under
//! `snapshots/vm-disasm/` (one file per program, the three levels side by side). They
//! say what each level emits, in the spirit of the official suite's code.lua (which
//! asserts opcode sequences such as `ADDI, MMBINI, RETURN1`); compare them by eye with
//! `luac5.4 -l -l` to stay close to PUC's code shapes.

use lua_vm::{CompileConfig, OptLevel, compile, disassemble, verify};

/// The program's listing at every level.
fn listings(source: &str) -> String {
    let chunk = lua_syntax::parse(source.as_bytes(), "=snippet").expect("valid Lua");
    let mut out = format!("-- source\n{source}\n");
    for level in [OptLevel::O0, OptLevel::O1, OptLevel::O2] {
        let proto = compile(&chunk, "=snippet", &CompileConfig::new(level)).expect("compiles");
        verify(&proto).expect("verifies");
        out.push_str(&format!("\n-- {level}\n{}", disassemble(&proto)));
    }
    out
}

fn check(name: &str, source: &str) {
    insta::with_settings!({
        snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/../../snapshots/vm-disasm"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, listings(source));
    });
}

#[test]
fn arith_immediate() {
    // ADDI + MMBINI + RETURN1; `x - 5` is ADDI -5 with MMBINI 5 __sub; `1 + x` swaps.
    check(
        "arith_immediate",
        "local function f(x) return x + 1 end\n\
         local function g(x) return x - 5, 1 + x, x << 2, x >> 3, 2 << x end\n\
         return f, g",
    );
}

#[test]
fn arith_constant_operands() {
    check(
        "arith_constant_operands",
        "local function f(a) return a * 2.5, a / 2, a % 3, a ^ 2, a // 1.5, 300 + a end\n\
         local function g(a) return a & 7, 7 | a, a ~ 0xff, a - 1000, a + 1.0 end\n\
         return f, g",
    );
}

#[test]
fn constant_folding() {
    // Folded: 2^53, -(-5), ~5, 1 + 1.0, 10 // 3, 7 % -2. Not folded: division and
    // modulo by zero, a zero result, a bitwise operation on a non-integral float, -0.0.
    check(
        "constant_folding",
        "return 2^53, -(-5), ~5, 1 + 1.0, 10 // 3, 7 % -2, 1 // 0, 1 % 0, 0.0 * -1, 3 | 1.5, -0.0, not nil",
    );
}

#[test]
fn compile_time_constants() {
    // `k` and `s` are compile-time constants (no register, no upvalue); `t` is not.
    check(
        "compile_time_constants",
        "local k <const> = 10\n\
         local s <const> = \"x\" \n\
         local t <const> = {}\n\
         return function() return k * 2, s, t end",
    );
}

#[test]
fn comparisons() {
    check(
        "comparisons",
        "local a, b = ...\n\
         if a == 1 then a = 1 end\n\
         if a ~= \"x\" then a = 2 end\n\
         if a < 10 then a = 3 end\n\
         if 10 <= a then a = 4 end\n\
         if a > b then a = 5 end\n\
         if 1.0 == a then a = 6 end\n\
         if a >= 1000 then a = 7 end",
    );
}

#[test]
fn conditions_with_not() {
    check(
        "conditions_with_not",
        "local a, b = ...\n\
         if not a then return 1 end\n\
         if not (a == b) then return 2 end\n\
         return not a, not (a < b)",
    );
}

#[test]
fn and_or_values() {
    // TESTSET carries the value at -O2; lower levels compute it in one register.
    check(
        "and_or_values",
        "local a, b, c = ...\n\
         local x = a and b or c\n\
         local y = a or 5\n\
         x = a and b\n\
         return (a and b), a < b and c",
    );
}

#[test]
fn constant_conditions() {
    check(
        "constant_conditions",
        "local a = ...\n\
         while true do if a then break end end\n\
         if false then a() end\n\
         repeat a = a + 1 until a > 10 or nil\n\
         return nil and a, 1 or a",
    );
}

#[test]
fn globals_fields_methods() {
    // At -O0 a global is GETUPVAL _ENV + LOADK + GETTABLE (the runtime still names it
    // `global 'x'`); from -O1 on it is GETTABUP.
    check(
        "globals_fields_methods",
        "x = y.z\n\
         local t = {}\n\
         t[1] = t.k\n\
         t[x] = 1\n\
         t.long_key_name_over_forty_characters_is_not_short = 2\n\
         print(t:m(1, 2))",
    );
}

#[test]
fn loops() {
    check(
        "loops",
        "local t = {}\n\
         for i = 1, 3 do t[i] = function() return i end end\n\
         for k, v in pairs(t) do print(k, v) end\n\
         local n = 0\n\
         while n < 10 do n = n + 1 end\n\
         repeat local m = n; n = n - 1; t[n] = function() return m end until m < 3",
    );
}

#[test]
fn break_goto_dead_code() {
    check(
        "break_goto_dead_code",
        "local a, b = ...\n\
         while a do\n\
           if b then break end\n\
           local c <const> = 1\n\
           if a > c then goto continue end\n\
           a = a - 1\n\
           ::continue::\n\
         end\n\
         do return a end\n\
         print(b)",
    );
}

#[test]
fn tables_and_setlist() {
    let mut items = String::new();
    for i in 1..=55 {
        items.push_str(&format!("{i}, "));
    }
    check(
        "tables_and_setlist",
        &format!(
            "local f = ...\nreturn {{1, 2, 3, x = 1, [f] = 2, f()}}, {{{items}}}, {{f(), nil}}"
        ),
    );
}

#[test]
fn concat_chains() {
    check(
        "concat_chains",
        "local a, b, c = ...\nreturn a .. b .. c .. \"d\", (a .. b) .. c",
    );
}

#[test]
fn calls_varargs_returns() {
    check(
        "calls_varargs_returns",
        "local function f(...) local a, b = ...; return select('#', ...), ... end\n\
         local function g() return end\n\
         local function h(x) return x end\n\
         return f(1, f(2)), g(), h(3)",
    );
}

#[test]
fn to_be_closed() {
    // A `<close>` variable: TBC, returns close (k), no tail call inside its scope.
    check(
        "to_be_closed",
        "local function f(x)\n\
           local c <close> = x\n\
           return f(c)\n\
         end\n\
         return f",
    );
}

#[test]
fn multiple_assignment() {
    check(
        "multiple_assignment",
        "local a, b, i, t = ...\n\
         a, b = b, a\n\
         t[i], i = 1, 2\n\
         a, b, i = f()\n\
         a, b = 1",
    );
}

#[test]
fn loadnil_merge() {
    check(
        "loadnil_merge",
        "local a; local b; local c = nil; local d, e\nreturn a, b, c, d, e",
    );
}
