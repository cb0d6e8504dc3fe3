//! The oracle on scripted fake engines: every pattern, poisoning, crashes, both error
//! modes, normalisation, and panics turned into crashes.

use lua_engine::{
    Cost, End, Engine, ErrorKind, Limits, LuaError, Observed, Outcome, Program, Resource,
};
use luadiff::commands::compare_program;
use luadiff::{ErrorMode, Status, compare};

/// A fake engine that answers every program with the same outcome (or panics).
struct Scripted {
    name: String,
    outcome: Option<Outcome>,
}

impl Engine for Scripted {
    fn name(&self) -> &str {
        &self.name
    }

    fn run(&mut self, _: &Program<'_>, _: &Limits) -> Outcome {
        match &self.outcome {
            Some(outcome) => outcome.clone(),
            None => panic!("scripted engine bug"),
        }
    }
}

fn printed(output: &str) -> Outcome {
    Outcome {
        output: output.as_bytes().to_vec(),
        end: End::Returned(vec![]),
        cost: Cost::default(),
    }
}

fn returned(values: Vec<Observed>) -> Outcome {
    Outcome {
        output: Vec::new(),
        end: End::Returned(values),
        cost: Cost::default(),
    }
}

fn failed(kind: ErrorKind, message: &str) -> Outcome {
    let message = message.as_bytes().to_vec();
    let value = Observed::String(message.clone());
    Outcome {
        output: Vec::new(),
        end: End::Error(LuaError {
            kind,
            message,
            value,
        }),
        cost: Cost::default(),
    }
}

fn exhausted(resource: Resource) -> Outcome {
    Outcome {
        output: Vec::new(),
        end: End::Exhausted(resource),
        cost: Cost::default(),
    }
}

/// Runs named outcomes through the oracle.
fn judge(runs: &[(&str, Outcome)], mode: ErrorMode) -> luadiff::Verdict {
    let runs: Vec<(String, Outcome)> = runs
        .iter()
        .map(|(name, outcome)| (name.to_string(), outcome.clone()))
        .collect();
    compare(&runs, mode)
}

#[test]
fn agreement_is_one_class() {
    let verdict = judge(
        &[
            ("native", printed("1\n")),
            ("ref", printed("1\n")),
            ("vm", printed("1\n")),
        ],
        ErrorMode::Message,
    );
    assert_eq!(verdict.status, Status::Agree);
    assert_eq!(verdict.classes_text(), "{native,ref,vm}");
    assert_eq!(verdict.pattern, None);
}

#[test]
fn every_pattern_is_named() {
    let good = printed("1\n");
    let bad = printed("2\n");
    let worse = printed("3\n");
    // (engines with their outcomes, the classes, the pattern's name)
    type Case<'a> = (Vec<(&'a str, &'a Outcome)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![("ref", &good), ("native", &good), ("vm", &bad)],
            "{ref,native} vs {vm}",
            "VM or compiler bug",
        ),
        (
            vec![
                ("vm-O0", &good),
                ("ref", &good),
                ("native", &good),
                ("vm", &bad),
            ],
            "{vm-O0,ref,native} vs {vm}",
            "optimizer bug",
        ),
        (
            vec![
                ("vm", &good),
                ("vm-O0", &good),
                ("native", &good),
                ("ref", &bad),
            ],
            "{vm,vm-O0,native} vs {ref}",
            "reference interpreter bug",
        ),
        (
            vec![
                ("ref", &bad),
                ("vm", &bad),
                ("vm-O0", &bad),
                ("native", &good),
            ],
            "{native} vs {ref,vm,vm-O0}",
            "both Rust engines misread the spec",
        ),
        (
            vec![("native", &good), ("ext:lua5.4", &bad)],
            "{native} vs {ext:lua5.4}",
            "ext engine disagrees with native",
        ),
        (
            vec![("native", &good), ("ref", &bad), ("vm", &worse)],
            "{native} vs {ref} vs {vm}",
            "engines split 3 ways",
        ),
        (
            vec![("ref", &good), ("vm", &bad)],
            "{ref} vs {vm}",
            "engines disagree (native not run, so nobody is known to be right)",
        ),
    ];
    for (runs, classes, pattern) in cases {
        let runs: Vec<(&str, Outcome)> = runs.into_iter().map(|(n, o)| (n, o.clone())).collect();
        let verdict = judge(&runs, ErrorMode::Message);
        assert_eq!(verdict.status, Status::Diverge, "{classes}");
        assert_eq!(verdict.classes_text(), classes);
        assert_eq!(verdict.pattern.as_deref(), Some(pattern), "{classes}");
    }
}

#[test]
fn return_values_and_ends_are_compared() {
    let one = returned(vec![Observed::Integer(1)]);
    let one_float = returned(vec![Observed::Float(1.0)]);
    let verdict = judge(
        &[("native", one.clone()), ("vm", one_float)],
        ErrorMode::Message,
    );
    assert_eq!(verdict.status, Status::Diverge);
    let minus_zero = judge(
        &[
            ("native", returned(vec![Observed::Float(-0.0)])),
            ("vm", returned(vec![Observed::Float(0.0)])),
        ],
        ErrorMode::Message,
    );
    assert_eq!(minus_zero.status, Status::Diverge);
    let nans = judge(
        &[
            ("native", returned(vec![Observed::Float(f64::NAN)])),
            ("vm", returned(vec![Observed::Float(-f64::NAN)])),
        ],
        ErrorMode::Message,
    );
    assert_eq!(nans.status, Status::Agree);
    let error_against_return = judge(
        &[("native", one), ("vm", failed(ErrorKind::Runtime, "x"))],
        ErrorMode::Kind,
    );
    assert_eq!(error_against_return.status, Status::Diverge);
}

#[test]
fn ext_engines_do_not_compare_return_values() {
    let verdict = judge(
        &[
            ("native", returned(vec![Observed::Integer(1)])),
            ("ext:lua5.4", returned(vec![])),
        ],
        ErrorMode::Message,
    );
    assert_eq!(verdict.status, Status::Agree);
}

#[test]
fn error_modes_compare_kind_or_message() {
    let a = failed(
        ErrorKind::Runtime,
        "t.lua:1: attempt to index a nil value (global 'x')",
    );
    let b = failed(ErrorKind::Runtime, "t.lua:1: attempt to index a nil value");
    let syntax = failed(
        ErrorKind::Syntax,
        "t.lua:1: attempt to index a nil value (global 'x')",
    );
    assert_eq!(
        judge(&[("native", a.clone()), ("vm", b.clone())], ErrorMode::Kind).status,
        Status::Agree
    );
    assert_eq!(
        judge(&[("native", a.clone()), ("vm", b)], ErrorMode::Message).status,
        Status::Diverge
    );
    assert_eq!(
        judge(
            &[("native", a.clone()), ("vm", syntax.clone())],
            ErrorMode::Kind
        )
        .status,
        Status::Diverge
    );
    assert_eq!(
        judge(&[("native", a.clone()), ("vm", a)], ErrorMode::Message).status,
        Status::Agree
    );
}

#[test]
fn exhaustion_poisons_the_comparison() {
    let verdict = judge(
        &[
            ("native", printed("1\n")),
            ("ref", exhausted(Resource::Fuel)),
            ("vm", printed("2\n")),
        ],
        ErrorMode::Message,
    );
    assert_eq!(verdict.status, Status::Exhausted);
    assert!(!verdict.status.is_finding());
    assert_eq!(verdict.exhausted, vec![("ref".to_string(), Resource::Fuel)]);
    assert_eq!(verdict.pattern, None);
}

#[test]
fn a_crash_is_always_a_finding() {
    let crash = Outcome::crashed("boom");
    let verdict = judge(
        &[
            ("native", exhausted(Resource::Depth)),
            ("vm", crash.clone()),
        ],
        ErrorMode::Message,
    );
    assert_eq!(verdict.status, Status::Crashed);
    assert!(verdict.status.is_finding());
    assert_eq!(verdict.crashed, vec!["vm".to_string()]);
    assert_eq!(verdict.pattern.as_deref(), Some("engine vm crashed"));
    // Two crashes never agree with each other.
    let both = judge(&[("ref", crash.clone()), ("vm", crash)], ErrorMode::Message);
    assert_eq!(both.classes.len(), 2);
}

#[test]
fn addresses_are_normalised_everywhere() {
    let a = Outcome {
        output: b"table: 0x55d0c0ffee10\tfunction: builtin: 0x5566778899\n".to_vec(),
        end: End::Error(LuaError {
            kind: ErrorKind::Runtime,
            message: b"bad thing table: 0x55d0c0ffee10".to_vec(),
            value: Observed::String(b"bad thing table: 0x55d0c0ffee10".to_vec()),
        }),
        cost: Cost::default(),
    };
    let b = Outcome {
        output: b"table: 0x7fab00001234\tfunction: 0x7fab00005678\n".to_vec(),
        end: End::Error(LuaError {
            kind: ErrorKind::Runtime,
            message: b"bad thing table: 0x7fab00001234".to_vec(),
            value: Observed::String(b"bad thing table: 0x7fab00001234".to_vec()),
        }),
        cost: Cost::default(),
    };
    assert_eq!(
        judge(&[("native", a), ("vm", b)], ErrorMode::Message).status,
        Status::Agree
    );
    // Numbers are not addresses: -nan and nan differ.
    assert_eq!(
        judge(
            &[("native", printed("-nan\n")), ("vm", printed("nan\n"))],
            ErrorMode::Message
        )
        .status,
        Status::Diverge
    );
}

#[test]
fn a_panicking_engine_is_reported_as_crashed() {
    let mut engines: Vec<Box<dyn Engine>> = vec![
        Box::new(Scripted {
            name: "native".into(),
            outcome: Some(printed("1\n")),
        }),
        Box::new(Scripted {
            name: "vm".into(),
            outcome: None,
        }),
    ];
    let program = Program::new(b"print(1)", "=p");
    let report = compare_program(
        "p.lua",
        &mut engines,
        &program,
        &Limits::GENERATED,
        ErrorMode::Message,
    );
    assert_eq!(report.verdict.status, Status::Crashed);
    let End::Crashed(message) = &report.runs[1].1.end else {
        panic!("{}", report.runs[1].1.end)
    };
    assert!(
        message.starts_with("panic in engine vm: scripted engine bug at "),
        "{message}"
    );
    let text = report.text(false);
    assert!(
        text.starts_with("p.lua: CRASH: engine vm crashed\n"),
        "{text}"
    );
}

#[test]
fn the_report_shows_a_diff_and_the_ends() {
    let mut engines: Vec<Box<dyn Engine>> = vec![
        Box::new(Scripted {
            name: "native".into(),
            outcome: Some(printed("a\nb\nc\n")),
        }),
        Box::new(Scripted {
            name: "vm".into(),
            outcome: Some(printed("a\nB\nc\n")),
        }),
    ];
    let report = compare_program(
        "p.lua",
        &mut engines,
        &Program::new(b"", "=p"),
        &Limits::GENERATED,
        ErrorMode::Message,
    );
    assert_eq!(
        report.text(false),
        "p.lua: DIVERGENCE: VM or compiler bug\n\
         \x20 classes: {native} vs {vm}\n\
         \x20 output, {native} against {vm}:\n\
         --- native\n\
         +++ vm\n\
         @@ -1,3 +1,3 @@\n\
         \x20a\n\
         -b\n\
         +B\n\
         \x20c\n\
         \x20 ends:\n\
         \x20   {native}: returned\n\
         \x20   {vm}: returned\n"
    );
    assert!(
        report.text(true).contains("\x1b[31m-b\x1b[0m"),
        "colored on a terminal"
    );
    let json = report.json();
    assert_eq!(json["status"], "diverge");
    assert_eq!(json["agree"], false);
    assert_eq!(json["classes"], serde_json::json!([["native"], ["vm"]]));
    assert_eq!(json["outcomes"]["vm"]["output"], "a\nB\nc\n");
    assert_eq!(
        json["outcomes"]["vm"]["end"],
        serde_json::json!({"returned": []})
    );
}
