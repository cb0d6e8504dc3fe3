//! Campaigns end to end: seeded in-process runs (the accounting, findings filed
//! atomically, the JSON summary's shape) and the `luadiff fuzz` and `luadiff gen`
//! commands through the built binary (exit statuses, determinism, the watchdog).
//!
//! A deliberately wrong engine makes findings certain: `ext:cat` "runs" a program by
//! printing its source, so every program diverges from native Lua.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::AtomicBool;

use luadiff::campaign::{self, Options};
use serde_json::Value as Json;

fn options(seed: u64, programs: u64, out: &Path) -> Options {
    let mut options = Options::new(seed, programs, out.to_path_buf());
    options.jobs = 2;
    options
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_seeded_campaign_counts_every_program() {
    let out = tempfile::tempdir().unwrap();
    let stop = AtomicBool::new(false);
    let mut updates = 0;
    let summary = campaign::run_in_process(&options(11, 300, out.path()), &stop, &mut |_, _| {
        updates += 1;
    })
    .unwrap();
    let t = &summary.tally;
    assert_eq!(t.programs, 300);
    assert!(updates > 0);
    // The generator keeps well over 90% of programs running to completion and far from
    // any limit (lua-gen's Config docs).
    assert!(t.completed >= 270, "completed {}", t.completed);
    assert!(t.exhausted <= 6, "exhausted {}", t.exhausted);
    assert!(t.completed + t.exhausted <= t.programs + t.exhausted);
    assert_eq!(t.engine_nanos.len(), 4);
    assert!(t.engine_nanos.iter().all(|&n| n > 0));
    assert!(t.generation_nanos > 0);
    assert!(t.opcodes_collected);
    assert!(t.performance_checked > 0);
    // Every divergence is filed or deduplicated: never more files than divergences.
    assert!(summary.findings.len() as u64 <= t.divergences);
    assert_eq!(files_in(out.path()).len(), summary.findings.len());

    let json = summary.json();
    for key in [
        "programs",
        "seconds",
        "programs_per_second",
        "completed_fraction",
        "exhausted_fraction",
        "divergences",
        "findings",
        "coverage",
    ] {
        assert!(json.get(key).is_some(), "no {key} in {json}");
    }
    assert_eq!(json["programs"], 300);
    let coverage = &json["coverage"];
    for key in ["node_kinds", "opcodes", "library_functions"] {
        let fraction = coverage[key]["fraction"].as_f64().unwrap();
        assert!(fraction > 0.5 && fraction <= 1.0, "{key}: {fraction}");
        assert!(coverage[key]["missing"].is_array());
    }
    assert_eq!(coverage["node_kinds"]["total"], 62);
    assert!(summary.text().contains("300 programs"));
}

#[test]
fn the_same_seed_runs_the_same_programs() {
    let out = tempfile::tempdir().unwrap();
    let stop = AtomicBool::new(false);
    let run = |jobs: usize| {
        let mut o = options(5, 40, out.path());
        o.jobs = jobs;
        let t = campaign::run_in_process(&o, &stop, &mut |_, _| {})
            .unwrap()
            .tally;
        (
            t.programs,
            t.completed,
            t.exhausted,
            t.node_kinds,
            t.library,
        )
    };
    // Which worker runs a program does not change the program.
    assert_eq!(run(1), run(3));
}

#[test]
fn findings_are_filed_once_per_signature_and_atomically() {
    let out = tempfile::tempdir().unwrap();
    let stop = AtomicBool::new(false);
    let mut o = options(3, 12, out.path());
    o.engines = vec!["native".to_string(), "ext:cat".to_string()];
    let summary = campaign::run_in_process(&o, &stop, &mut |_, _| {}).unwrap();
    assert_eq!(summary.tally.programs, 12);
    assert_eq!(summary.tally.divergences, 12);
    assert!(!summary.findings.is_empty());
    assert!(summary.findings.len() <= 12, "{:?}", summary.findings);
    let files = files_in(out.path());
    assert_eq!(files.len(), summary.findings.len(), "{files:?}");
    assert!(files.iter().all(|f| !f.starts_with(".tmp")), "{files:?}");
    for finding in &summary.findings {
        let text = std::fs::read_to_string(&finding.file).unwrap();
        assert!(text.starts_with("-- luadiff finding\n"), "{text}");
        assert!(text.contains(&format!("-- signature: {}\n", finding.id)));
        assert!(text.contains(&format!("-- divergence: {}\n", finding.signature)));
        assert!(text.contains("luadiff gen --seed "), "{text}");
        assert_eq!(finding.pattern, "ext engine disagrees with native");
        assert!(finding.file.ends_with(&format!("ext-{}.lua", finding.id)));
        // Reduced: what is left still diverges, and is smaller than the generated program.
        assert!(finding.reduced, "{text}");
        assert!(text.contains("-- reduced: "), "{text}");
    }
    // A second campaign knows the filed signatures and files nothing new.
    let again = campaign::run_in_process(&o, &stop, &mut |_, _| {}).unwrap();
    assert_eq!(again.tally.divergences, 12);
    assert!(again.findings.is_empty(), "{:?}", again.findings);
    assert_eq!(files_in(out.path()), files);
}

#[test]
fn a_bad_option_is_an_error_before_anything_runs() {
    let out = tempfile::tempdir().unwrap();
    let stop = AtomicBool::new(false);
    let mut o = options(1, 10, out.path());
    o.features = Some("warp-drive".to_string());
    let error = campaign::run_in_process(&o, &stop, &mut |_, _| {}).unwrap_err();
    assert!(error.starts_with("unknown feature 'warp-drive'"), "{error}");
    o.features = None;
    o.engines = vec!["luajit".to_string()];
    assert!(campaign::run_in_process(&o, &stop, &mut |_, _| {}).is_err());
}

// -----------------------------------------------------------------------------------------
// The binary.

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn luadiff(args: &[&str], directory: &Path) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_luadiff"))
        .args(args)
        .current_dir(directory)
        .output()
        .expect("the luadiff binary runs");
    Run {
        status: status.code().expect("an exit code"),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

#[test]
fn fuzz_json_reports_the_campaign_and_exits_by_its_divergences() {
    let dir = tempfile::tempdir().unwrap();
    let run = luadiff(
        &[
            "fuzz",
            "--programs",
            "60",
            "--seed",
            "9",
            "-j",
            "2",
            "--json",
            "--out",
            "findings",
        ],
        dir.path(),
    );
    let json: Json = serde_json::from_str(run.stdout.trim())
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    assert_eq!(json["programs"], 60);
    assert_eq!(json["seed"], 9);
    assert_eq!(json["jobs"], 2);
    let divergences = json["divergences"].as_u64().unwrap();
    assert_eq!(
        run.status,
        if divergences > 0 { 1 } else { 0 },
        "{}",
        run.stderr
    );
    assert!(json["completed_fraction"].as_f64().unwrap() > 0.8);
    // Both performance rules ran on every program that agreed: vm against vm-O0, and
    // vm against native.
    let performance = &json["performance"];
    assert_eq!(performance["vm_vs_native_limit_factor"], 50);
    assert!(
        performance["checked"].as_u64().unwrap() > 0,
        "{performance}"
    );
    assert_eq!(
        performance["native_checked"], performance["checked"],
        "{performance}"
    );
    assert_eq!(performance["native_violations"], 0, "{performance}");
    let engines = json["time_seconds"]["engines"].as_object().unwrap();
    assert_eq!(
        engines.keys().collect::<Vec<_>>(),
        ["native", "ref", "vm", "vm-O0"]
    );
}

#[test]
fn fuzz_files_findings_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let run = luadiff(
        &[
            "fuzz",
            "--programs",
            "6",
            "--seed",
            "4",
            "-j",
            "1",
            "--engines",
            "native,ext:cat",
            "--out",
            "found",
        ],
        dir.path(),
    );
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("ran 6 programs"), "{}", run.stdout);
    assert!(
        run.stdout.contains("divergences 6 (crashes 0, hangs 0)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("found/"), "{}", run.stdout);
    assert!(!files_in(&dir.path().join("found")).is_empty());
}

#[test]
fn the_watchdog_files_an_engine_that_ignores_its_limits_and_the_campaign_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // The script outlives a 0.5 s hang limit (and stays under the ext engine's own 10 s
    // wall-clock limit, which would otherwise end it as exhausted).
    let script = dir.path().join("hang.sh");
    std::fs::write(&script, "#!/bin/sh\nsleep 3\n").unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let engines = format!("native,ext:{}", script.display());
    let run = luadiff(
        &[
            "fuzz",
            "--programs",
            "2",
            "--seed",
            "1",
            "-j",
            "1",
            "--engines",
            &engines,
            "--hang-limit",
            "0.5",
            "--json",
            "--out",
            "found",
        ],
        dir.path(),
    );
    let json: Json = serde_json::from_str(run.stdout.trim())
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    assert_eq!(run.status, 1);
    assert_eq!(json["programs"], 2, "{json}");
    assert_eq!(json["hangs"], 2, "{json}");
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{json}");
    assert_eq!(findings[0]["kind"], "hang");
    let text =
        std::fs::read_to_string(dir.path().join(findings[0]["file"].as_str().unwrap())).unwrap();
    assert!(
        text.contains(&format!(
            "-- divergence: hung: ext:{0}: hang: ext:{0} ran past its limits\n",
            script.display()
        )),
        "{text}"
    );
}

#[test]
fn fuzz_rejects_bad_arguments_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["fuzz", "--programs", "1", "--engines", "native,luajit"][..],
        &["fuzz", "--programs", "1", "--features", "warp-drive"],
        &["fuzz", "--time", "0"],
        &["fuzz", "--programs", "1", "--jobs", "0"],
        &["fuzz", "--programs", "1", "--size", "0"],
        &["fuzz", "--programs", "x"],
        &["gen", "--features", "-nothing"],
        &["gen", "--from-bytes", "missing-file"],
    ] {
        let run = luadiff(args, dir.path());
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("luadiff: ") || run.stderr.starts_with("error: "));
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
}

#[test]
fn gen_prints_the_same_program_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let first = luadiff(&["gen", "--seed", "42"], dir.path());
    let again = luadiff(&["gen", "--seed", "42"], dir.path());
    let other = luadiff(&["gen", "--seed", "43"], dir.path());
    assert_eq!(first.status, 0, "{}", first.stderr);
    assert!(first.stdout.starts_with("-- luadiff gen --seed 42\n"));
    assert_eq!(first.stdout, again.stdout);
    assert_ne!(first.stdout, other.stdout);
    let small = luadiff(
        &["gen", "--seed", "42", "--size", "5", "--features", "-loops"],
        dir.path(),
    );
    assert!(
        small
            .stdout
            .starts_with("-- luadiff gen --seed 42 --size 5 --features=-loops\n")
    );
    assert!(small.stdout.len() < first.stdout.len());
    // The program for a campaign's program seed is the one `gen` prints.
    let seed = campaign::program_seed(7, 3);
    let config = lua_gen::Config::with_size(campaign::DEFAULT_SIZE);
    let printed = luadiff(&["gen", "--seed", &seed.to_string()], dir.path());
    assert!(
        printed
            .stdout
            .ends_with(lua_gen::Program::from_seed(seed, &config).source())
    );
    // Fuzzer bytes give a program too (a libFuzzer crash input becomes Lua source).
    std::fs::write(dir.path().join("crash-input"), [7u8; 300]).unwrap();
    let from_bytes = luadiff(&["gen", "--from-bytes", "crash-input"], dir.path());
    assert_eq!(from_bytes.status, 0, "{}", from_bytes.stderr);
    assert!(
        from_bytes
            .stdout
            .starts_with("-- luadiff gen --from-bytes crash-input\n")
    );
}
