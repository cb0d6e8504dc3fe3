//! The logic of the libFuzzer targets (`fuzz/fuzz_targets/*.rs` are a few lines each over
//! these functions), so that every target also runs from `cargo test` and the CLI.
//!
//! Each function takes the fuzzer's bytes and panics, with the Lua source in the message,
//! when the property fails; that panic is what libFuzzer records as a crash.
//!
//! * [`differential`]: bytes → lua-gen program → every engine → oracle;
//! * [`raw_source`]: bytes as a Lua program → every engine → same syntax verdict, same
//!   outcome (unless poisoned, see [`raw_source_is_comparable`]);
//! * [`parse_native`]: bytes → lua-syntax's parser and native Lua's `load` accept the
//!   same programs;
//! * [`vm_compile`]: bytes → lua-gen program → lua-vm's compiler at every level, and at
//!   -O2 with pass sets drawn from the bytes → the verifier accepts every function.

use std::cell::RefCell;

use arbitrary::Unstructured;
use lua_engine::{End, Engine, ErrorKind, Limits, Program};

use crate::campaign::DEFAULT_ENGINES;
use crate::commands::compare_program;
use crate::oracle::{ErrorMode, Status};
use crate::registry;

thread_local! {
    /// The engines, built once per fuzzing process (each run starts a fresh Lua state).
    static ENGINES: RefCell<Vec<Box<dyn Engine>>> = RefCell::new(
        DEFAULT_ENGINES
            .iter()
            .map(|name| registry::engine(name).expect("built-in engines exist"))
            .collect(),
    );
}

/// Limits for raw fuzzer input: anything can loop, so fuel is small (an exhausted run
/// is not compared); the generator's limits otherwise.
pub const RAW_LIMITS: Limits = Limits {
    fuel: 200_000,
    ..Limits::GENERATED
};

/// The `differential` target: a generated program must give the same outcome on every
/// engine (errors compared by message, as `luadiff fuzz` does by default).
pub fn differential(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(program) = lua_gen::Program::generate(&mut u, &lua_gen::Config::default()) else {
        return;
    };
    check_agreement(
        program.source().as_bytes(),
        &Limits::GENERATED,
        "differential",
        ErrorMode::Message,
    );
}

/// The `raw_source` target: any bytes, run as a Lua program, must get the same syntax
/// verdict from every engine, and the same outcome when it is comparable.
pub fn raw_source(data: &[u8]) {
    if !raw_source_is_comparable(data) {
        // Still run it: a crash (a panic in an engine) is a finding whatever the program.
        ENGINES.with(|engines| {
            let report = compare_program(
                "raw_source",
                &mut engines.borrow_mut(),
                &Program::new(data, "=fuzz"),
                &RAW_LIMITS,
                ErrorMode::Kind,
            );
            if report.verdict.status == Status::Crashed {
                fail("raw_source", data, &report.text(false));
            }
            let syntax: Vec<bool> = report
                .runs
                .iter()
                .map(|(_, o)| matches!(&o.end, End::Error(e) if e.kind == ErrorKind::Syntax))
                .collect();
            if syntax.iter().any(|&s| s != syntax[0]) {
                fail("raw_source (syntax verdicts)", data, &report.text(false));
            }
        });
        return;
    }
    // Errors by kind only: arbitrary text reaches corners of the messages (the token a
    // syntax error is near, names in runtime errors) that generated programs avoid.
    check_agreement(data, &RAW_LIMITS, "raw_source", ErrorMode::Kind);
}

/// Whether the outcome of an arbitrary program may be compared between engines. Raw
/// input can do what generated programs never do (see `lua_gen::determinism`): iterate
/// with `next`/`pairs` (whose order is the table implementation's), watch the garbage
/// collector, draw unseeded random numbers, sort with an inconsistent comparator. Such
/// programs are poisoned: only their syntax verdicts and crashes are checked. The test
/// is on words anywhere in the text, generous on purpose.
pub fn raw_source_is_comparable(source: &[u8]) -> bool {
    const POISON: &[&[u8]] = &[
        b"pairs",
        b"next",
        b"collectgarbage",
        b"__gc",
        b"__mode",
        b"random",
        b"sort",
        b"string.dump",
        b"load",
    ];
    !POISON
        .iter()
        .any(|word| source.windows(word.len()).any(|window| window == *word))
}

fn check_agreement(source: &[u8], limits: &Limits, target: &str, mode: ErrorMode) {
    ENGINES.with(|engines| {
        let report = compare_program(
            target,
            &mut engines.borrow_mut(),
            &Program::new(source, "=program"),
            limits,
            mode,
        );
        if report.verdict.status.is_finding() {
            fail(target, source, &report.text(false));
        }
    });
}

fn fail(target: &str, source: &[u8], report: &str) -> ! {
    panic!(
        "{target}: the engines disagree\n{report}\n---- program ({} bytes) ----\n{}\n---- end of program ----",
        source.len(),
        String::from_utf8_lossy(source)
    );
}

/// The `parse_native` target: lua-syntax accepts exactly the programs native Lua's
/// `load` accepts (text chunks).
pub fn parse_native(data: &[u8]) {
    let ours = lua_syntax::parse(data, "=fuzz");
    let native = lua_native::compile_only(data, "=fuzz");
    match (&ours, &native) {
        (Ok(_), Ok(())) | (Err(_), Err(_)) => {}
        (Ok(_), Err(message)) => fail(
            "parse_native",
            data,
            &format!("lua-syntax accepts the program; native Lua says: {message}"),
        ),
        (Err(error), Ok(())) => fail(
            "parse_native",
            data,
            &format!(
                "native Lua accepts the program; lua-syntax says: {}",
                error.message
            ),
        ),
    }
}

/// The `vm_compile` target: a generated program compiles at -O0, -O1 and -O2, and at -O2
/// with a pass set and optimization fuel drawn from the bytes; the verifier accepts
/// every result.
pub fn vm_compile(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(program) = lua_gen::Program::generate(&mut u, &lua_gen::Config::default()) else {
        return;
    };
    let mut configs: Vec<(String, lua_vm::CompileConfig)> = [
        lua_vm::OptLevel::O0,
        lua_vm::OptLevel::O1,
        lua_vm::OptLevel::O2,
    ]
    .into_iter()
    .map(|level| (level.to_string(), lua_vm::CompileConfig::new(level)))
    .collect();
    // The rest of the bytes pick passes to switch off and an optimization fuel.
    let mut config = lua_vm::CompileConfig::new(lua_vm::OptLevel::O2);
    for &pass in lua_vm::Pass::ALL {
        if u.arbitrary::<bool>().unwrap_or(false) {
            config.disabled_passes.insert(pass);
        }
    }
    if let Ok(Some(fuel)) = u.arbitrary::<Option<u16>>() {
        config.opt_fuel = Some(u64::from(fuel));
    }
    let off: Vec<&str> = config.disabled_passes.iter().map(|p| p.name()).collect();
    configs.push((
        format!(
            "-O2 without [{}], fuel {:?}",
            off.join(","),
            config.opt_fuel
        ),
        config,
    ));
    for (name, config) in &configs {
        let proto = match lua_vm::compile(program.ast(), "=program", config) {
            Ok(proto) => proto,
            Err(error) => fail(
                "vm_compile",
                program.source().as_bytes(),
                &format!("the compiler rejects a generated program at {name}: {error:?}"),
            ),
        };
        if let Err(error) = lua_vm::verify(&proto) {
            fail(
                "vm_compile",
                program.source().as_bytes(),
                &format!("the verifier rejects the code compiled at {name}: {error:?}"),
            );
        }
    }
}
