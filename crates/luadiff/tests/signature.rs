//! Signatures on scripted outcomes: the same bug seen twice gets the same signature,
//! different bugs get different ones, the order engines ran in does not matter, and
//! the kind of difference and its location are what the module documents.

use lua_engine::{Cost, End, ErrorKind, LuaError, Observed, Outcome, Resource};
use luadiff::oracle::{ErrorMode, compare};
use luadiff::signature::{Blame, Difference, Signature};

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

fn failed_after(output: &str, message: &str) -> Outcome {
    Outcome {
        output: output.as_bytes().to_vec(),
        end: End::Error(LuaError {
            kind: ErrorKind::Runtime,
            message: message.as_bytes().to_vec(),
            value: Observed::String(message.as_bytes().to_vec()),
        }),
        cost: Cost::default(),
    }
}

fn crashed(message: &str) -> Outcome {
    Outcome::crashed(message)
}

/// The signature of named outcomes.
fn signature(runs: &[(&str, Outcome)]) -> Signature {
    let runs: Vec<(String, Outcome)> = runs
        .iter()
        .map(|(name, outcome)| (name.to_string(), outcome.clone()))
        .collect();
    Signature::of(&compare(&runs, ErrorMode::Message), &runs)
}

/// An optimizer bug: vm prints `bad` where the others print `good`.
fn optimizer(good: &str, bad: &str) -> Signature {
    signature(&[
        ("native", printed(good)),
        ("ref", printed(good)),
        ("vm", printed(bad)),
        ("vm-O0", printed(good)),
    ])
}

#[test]
fn the_same_bug_twice_has_one_signature() {
    // Two programs, one symptom: a wrong integer in some printed line.
    let a = optimizer("start\nx\t12\t3\n", "start\nx\t12\t4\n");
    let b = optimizer("v 7\n", "v 9\n");
    assert_eq!(a, b);
    assert_eq!(a.id(), b.id());
    assert_eq!(
        a.to_string(),
        r#"{native,ref,vm-O0} vs {vm}: output: "0" (numbers differ)"#
    );
    assert_eq!(a.blame, Blame::Optimizer);
    // Positions in printed messages (pcall results) are abstracted, whatever the
    // chunk name and line.
    let c = signature(&[
        ("native", printed("false\tprog:3: boom\n")),
        ("ref", printed("false\tprog:9: boom\n")),
    ]);
    let d = signature(&[
        ("native", printed("false\tx.lua:1: boom\n")),
        ("ref", printed("false\tx.lua:2: boom\n")),
    ]);
    assert_eq!(c, d);
    assert_eq!(c.location, r#""<pos>: boom" (positions differ)"#);
}

#[test]
fn the_order_of_engines_does_not_matter() {
    let a = optimizer("1\n", "2\n");
    let b = signature(&[
        ("vm", printed("2\n")),
        ("vm-O0", printed("1\n")),
        ("ref", printed("1\n")),
        ("native", printed("1\n")),
    ]);
    assert_eq!(a, b);
    assert_eq!(a.classes, "{native,ref,vm-O0} vs {vm}");
}

#[test]
fn different_bugs_have_different_signatures() {
    let ids: Vec<(&str, Signature)> = vec![
        ("wrong integer", optimizer("3\n", "4\n")),
        ("float for integer", optimizer("3\n", "3.0\n")),
        ("sign of zero", optimizer("0.0\n", "-0.0\n")),
        ("nil for a number", optimizer("3\n", "nil\n")),
        ("missing line", optimizer("a\nb\n", "a\n")),
        (
            "VM at every level",
            signature(&[
                ("native", printed("3\n")),
                ("ref", printed("3\n")),
                ("vm", printed("4\n")),
                ("vm-O0", printed("4\n")),
            ]),
        ),
        (
            "error where native succeeds",
            signature(&[
                ("native", printed("a\n")),
                (
                    "vm",
                    failed_after("a\n", "x:1: attempt to index a nil value"),
                ),
            ]),
        ),
        (
            "another error where native succeeds",
            signature(&[
                ("native", printed("a\n")),
                (
                    "vm",
                    failed_after("a\n", "x:1: attempt to call a nil value"),
                ),
            ]),
        ),
        (
            "different error messages",
            signature(&[
                (
                    "native",
                    failed_after("", "x:1: attempt to add a 'nil' with a 'number'"),
                ),
                (
                    "vm",
                    failed_after("", "x:1: attempt to perform arithmetic on a nil value"),
                ),
            ]),
        ),
        (
            "crash",
            signature(&[
                ("native", printed("a\n")),
                (
                    "vm",
                    crashed("panic in engine vm: index out of bounds at src/a.rs:10:5"),
                ),
            ]),
        ),
        (
            "crash elsewhere",
            signature(&[
                ("native", printed("a\n")),
                (
                    "vm",
                    crashed("panic in engine vm: index out of bounds at src/b.rs:77:5"),
                ),
            ]),
        ),
        (
            "return values",
            signature(&[
                ("native", returned(vec![Observed::Integer(1)])),
                ("ref", returned(vec![Observed::Float(1.0)])),
            ]),
        ),
    ];
    for (i, (what, a)) in ids.iter().enumerate() {
        assert!(a.is_finding(), "{what}: {a}");
        for (other, b) in &ids[i + 1..] {
            assert_ne!(a.id(), b.id(), "{what} and {other} share a signature: {a}");
        }
    }
}

#[test]
fn kinds_and_locations() {
    let cases: Vec<(Signature, Difference, &str)> = vec![
        (
            optimizer("3\n", "3.0\n"),
            Difference::Output,
            r#""0" vs "0.0""#,
        ),
        (
            optimizer("a\nb\n", "a\n"),
            Difference::Output,
            r#""b" vs <end of output>"#,
        ),
        (
            // Output that stops where an error ends the run: the error is the difference.
            signature(&[
                ("native", printed("a\nb\n")),
                (
                    "ref",
                    failed_after("a\n", "p:2: attempt to index a nil value (local 't7')"),
                ),
            ]),
            Difference::ErrorVsSuccess,
            r#"returned vs runtime error "attempt to index a nil value (local '?')""#,
        ),
        (
            // Output that differs before the error: the output is.
            signature(&[
                ("native", printed("a\nb\n")),
                ("ref", failed_after("c\n", "p:2: boom")),
            ]),
            Difference::Output,
            r#""a" vs "c""#,
        ),
        (
            signature(&[
                ("native", failed_after("", "p:2: boom 12")),
                ("ref", failed_after("", "p:3: boom 12")),
            ]),
            Difference::ErrorMessage,
            r#""boom 0" (positions differ)"#,
        ),
        (
            signature(&[
                (
                    "native",
                    returned(vec![Observed::Integer(1), Observed::Nil]),
                ),
                (
                    "ref",
                    returned(vec![Observed::Integer(1), Observed::Float(-0.0)]),
                ),
            ]),
            Difference::ReturnValues,
            "value 2: nil vs -0.0",
        ),
    ];
    for (signature, difference, location) in cases {
        assert_eq!(signature.difference, difference, "{signature}");
        assert_eq!(signature.location, location, "{signature}");
    }
}

#[test]
fn crashes_name_the_engine_and_place() {
    let a = signature(&[
        ("native", printed("a\n")),
        ("ref", printed("b\n")),
        (
            "vm",
            crashed("panic in engine vm: index 3 out of bounds at src/a.rs:10:5"),
        ),
    ]);
    let b = signature(&[
        ("native", printed("a\n")),
        ("ref", printed("a\n")),
        (
            "vm",
            crashed("panic in engine vm: index 7 out of bounds at src/a.rs:10:9"),
        ),
    ]);
    // What the other engines did does not matter: the crash is the finding.
    assert_eq!(a, b);
    assert_eq!(a.difference, Difference::Crash);
    assert_eq!(a.blame, Blame::Crash(vec!["vm".to_string()]));
    assert_eq!(
        a.to_string(),
        "{vm}: crash: panic in engine vm: index 0 out of bounds at src/a.rs:10"
    );
    assert_eq!(a.file_name(), format!("crash-vm-{}.lua", a.id()));
}

#[test]
fn agreement_and_exhaustion_are_not_findings() {
    let agree = signature(&[("native", printed("1\n")), ("ref", printed("1\n"))]);
    assert_eq!(agree.difference, Difference::None);
    assert!(!agree.is_finding());
    let exhausted = signature(&[
        ("native", printed("1\n")),
        (
            "ref",
            Outcome {
                output: Vec::new(),
                end: End::Exhausted(Resource::Fuel),
                cost: Cost::default(),
            },
        ),
    ]);
    assert_eq!(exhausted.difference, Difference::Exhausted);
    assert!(!exhausted.is_finding());
}

#[test]
fn ids_are_stable() {
    // Corpus files are named after ids, so the id of a signature must never change
    // between versions of luadiff: FNV-1a 64 over "CLASSES\nDIFFERENCE\nLOCATION"
    // (checked against an independent FNV-1a implementation).
    let a = optimizer("3\n", "4\n");
    assert_eq!(a.id(), "530a98dea1258ec6");
    assert_eq!(a.file_name(), "optimizer-530a98dea1258ec6.lua");
}
