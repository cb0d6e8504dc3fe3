//! `luadiff bench` end to end, through the built binary, at the small size: outcomes are
//! checked, divergences are reported and excluded, baselines catch regressions, and bad
//! arguments are one-line errors with exit status 2.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value as Json;

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Json {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }
}

fn luadiff(args: &[&str], directory: &Path) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_luadiff"))
        .args(args)
        .current_dir(directory)
        .stdin(Stdio::null())
        .output()
        .expect("the luadiff binary runs");
    Run {
        status: output.status.code().expect("an exit code"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A directory of two small benchmarks, and a fake `lua` that prints the wrong answer.
fn bench_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("file written");
    };
    write(
        "sum.lua",
        "-- sum: adds numbers\n-- sizes: full=1000000 small=1000\nlocal N = N or 1000000\n\
         local s = 0\nfor i = 1, N do s = s + i end\nprint(s)\n",
    );
    write(
        "fib.lua",
        "-- fib: calls\n-- sizes: full=30 small=12\nlocal N = N or 30\n\
         local function f(n) if n < 2 then return n end return f(n - 1) + f(n - 2) end\nprint(f(N))\n",
    );
    write("wrong_lua", "#!/bin/sh\necho 42\n");
    let fake = dir.path().join("wrong_lua");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    dir
}

#[test]
fn the_repository_set_runs_checked_and_reports_json() {
    let run = luadiff(
        &[
            "bench",
            "--size",
            "small",
            "--runs",
            "1",
            "--filter",
            "^(fib|json)$",
            "--engines",
            "vm",
            "--json",
        ],
        repository(),
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["size"], "small");
    assert_eq!(json["engines"], serde_json::json!(["native", "vm"]));
    for name in ["fib", "json"] {
        let native = &json["benchmarks"][name]["native"];
        assert_eq!(native["ratio_to_native"], 1.0, "{json}");
        assert!(
            native["median_s"].as_f64().is_some_and(|t| t > 0.0),
            "{json}"
        );
        assert!(
            json["benchmarks"][name]["vm"]["ratio_to_native"].is_f64(),
            "{json}"
        );
    }
    assert!(
        json["benchmarks"].get("n_body").is_none(),
        "the filter applies"
    );
    assert!(json["geomean_ratio"]["vm"].is_f64(), "{json}");
    assert!(run.stderr.contains("[2/2] json: native"), "{}", run.stderr);
}

#[test]
fn the_text_table_has_ratios_geomeans_and_memory() {
    let dir = bench_dir();
    let run = luadiff(
        &[
            "bench",
            "--dir",
            ".",
            "--size",
            "small",
            "--runs",
            "3",
            "--engines",
            "vm",
        ],
        dir.path(),
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("size small, 3 runs per engine, cpu clock"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.lines().any(|l| l.starts_with("geomean ")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("peak memory (MiB)"), "{}", run.stdout);
    let markdown = luadiff(
        &[
            "bench",
            "--dir",
            ".",
            "--size",
            "small",
            "--runs",
            "1",
            "--markdown",
        ],
        dir.path(),
    );
    assert_eq!(markdown.status, 0, "{}", markdown.stderr);
    assert!(
        markdown.stdout.contains("| benchmark | native |"),
        "{}",
        markdown.stdout
    );
    assert!(
        markdown.stdout.contains("| **geometric mean** |"),
        "{}",
        markdown.stdout
    );
}

#[test]
fn a_diverging_engine_is_reported_and_excluded_from_the_ratios() {
    let dir = bench_dir();
    let fake = format!("ext:{}", dir.path().join("wrong_lua").display());
    let engines = format!("{fake},vm");
    let run = luadiff(
        &[
            "bench",
            "--dir",
            ".",
            "--size",
            "small",
            "--runs",
            "2",
            "--engines",
            &engines,
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(run.status, 1, "a divergence is a finding: {}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("DIVERGENCE: {fake} on fib (size small)")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("+| 42"),
        "the diff is shown: {}",
        run.stderr
    );
    let json = run.json();
    let wrong = &json["benchmarks"]["sum"][fake.as_str()];
    assert!(wrong["ratio_to_native"].is_null(), "{json}");
    assert!(wrong["median_s"].is_null(), "{json}");
    assert_eq!(wrong["problem"], "diverges from native");
    assert_eq!(wrong["times_s"], serde_json::json!([]), "no run is timed");
    assert!(json["geomean_ratio"][fake.as_str()].is_null(), "{json}");
    assert!(json["benchmarks"]["sum"]["vm"]["ratio_to_native"].is_f64());
}

#[test]
fn a_benchmark_that_fails_on_native_has_no_reference() {
    let dir = bench_dir();
    std::fs::write(
        dir.path().join("broken.lua"),
        "-- broken: errors\n-- sizes: full=10 small=1\nlocal N = N or 10\nerror('no')\n",
    )
    .unwrap();
    let run = luadiff(
        &[
            "bench",
            "--dir",
            ".",
            "--size",
            "small",
            "--runs",
            "1",
            "--filter",
            "broken",
            "--engines",
            "vm",
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("NO REFERENCE: native on broken"),
        "{}",
        run.stderr
    );
    let json = run.json();
    assert!(json["benchmarks"]["broken"]["vm"]["ratio_to_native"].is_null());
}

#[test]
fn check_compares_ratios_with_a_saved_baseline() {
    let dir = bench_dir();
    let common = [
        "bench",
        "--dir",
        ".",
        "--size",
        "small",
        "--runs",
        "1",
        "--engines",
        "vm",
    ];
    let save: Vec<&str> = common
        .iter()
        .copied()
        .chain(["--save", "base.json"])
        .collect();
    let saved = luadiff(&save, dir.path());
    assert_eq!(saved.status, 0, "{}", saved.stderr);
    let mut baseline: Json =
        serde_json::from_slice(&std::fs::read(dir.path().join("base.json")).unwrap()).unwrap();
    assert!(baseline["benchmarks"]["sum"]["vm"]["ratio_to_native"].is_f64());

    // A baseline far above today's ratio: a regression, exit 1.
    baseline["benchmarks"]["sum"]["vm"]["ratio_to_native"] = serde_json::json!(1000.0);
    baseline["benchmarks"]["fib"]["vm"]["ratio_to_native"] = serde_json::json!(0.0001);
    baseline["geomean_ratio"]["vm"] = serde_json::json!(0.0001);
    std::fs::write(dir.path().join("high.json"), baseline.to_string()).unwrap();
    let check: Vec<&str> = common
        .iter()
        .copied()
        .chain(["--check", "high.json"])
        .collect();
    let regressed = luadiff(&check, dir.path());
    assert_eq!(
        regressed.status, 1,
        "{}{}",
        regressed.stdout, regressed.stderr
    );
    assert!(
        regressed.stdout.contains("REGRESSION vm on sum"),
        "{}",
        regressed.stdout
    );
    assert!(
        regressed.stdout.contains("improved   vm on fib"),
        "{}",
        regressed.stdout
    );

    // Far below on every ratio: improvements only, exit 0.
    baseline["benchmarks"]["sum"]["vm"]["ratio_to_native"] = serde_json::json!(0.0001);
    std::fs::write(dir.path().join("low.json"), baseline.to_string()).unwrap();
    let check: Vec<&str> = common
        .iter()
        .copied()
        .chain(["--check", "low.json", "--json"])
        .collect();
    let fine = luadiff(&check, dir.path());
    assert_eq!(fine.status, 0, "{}{}", fine.stdout, fine.stderr);
    assert_eq!(fine.json()["check"]["regressions"], serde_json::json!([]));

    // A saved run can be shown again, and checked, without running anything.
    let shown = luadiff(
        &["bench", "--report", "base.json", "--markdown"],
        dir.path(),
    );
    assert_eq!(shown.status, 0, "{}", shown.stderr);
    assert!(shown.stdout.contains("| sum | "), "{}", shown.stdout);
    assert!(shown.stderr.is_empty(), "nothing runs: {}", shown.stderr);
    let rechecked = luadiff(
        &["bench", "--report", "base.json", "--check", "high.json"],
        dir.path(),
    );
    assert_eq!(rechecked.status, 1, "{}", rechecked.stdout);
    assert!(
        rechecked.stdout.contains("REGRESSION vm on sum"),
        "{}",
        rechecked.stdout
    );

    // A baseline of the other size is refused.
    baseline["size"] = serde_json::json!("full");
    std::fs::write(dir.path().join("full.json"), baseline.to_string()).unwrap();
    let check: Vec<&str> = common
        .iter()
        .copied()
        .chain(["--check", "full.json"])
        .collect();
    let other_size = luadiff(&check, dir.path());
    assert_eq!(other_size.status, 2, "{}", other_size.stderr);
    assert!(
        other_size.stderr.contains("measured at size full"),
        "{}",
        other_size.stderr
    );
}

#[test]
fn bad_arguments_are_one_line_errors_with_status_2() {
    let dir = bench_dir();
    let cases: &[(&[&str], &str)] = &[
        (&["--runs", "0"], "--runs must be at least 1"),
        (&["--filter", "("], "bad --filter"),
        (&["--filter", "nothing_matches"], "no benchmark matches"),
        (&["--engines", "luajit"], "unknown engine 'luajit'"),
        (&["--check", "missing.json"], "cannot read missing.json"),
        (&["--tolerance", "150"], "--tolerance must be a percentage"),
        (&["--size", "huge"], "invalid value 'huge'"),
    ];
    for (args, message) in cases {
        let mut all = vec!["bench", "--dir", "."];
        all.extend_from_slice(args);
        let run = luadiff(&all, dir.path());
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    let unread = luadiff(&["bench", "--report", "missing.json"], dir.path());
    assert_eq!(unread.status, 2);
    assert!(
        unread.stderr.contains("cannot read missing.json"),
        "{}",
        unread.stderr
    );
    let both = luadiff(&["bench", "--report", "x.json", "--dir", "."], dir.path());
    assert_eq!(
        both.status, 2,
        "--report runs nothing, so --dir makes no sense"
    );
    let nowhere = luadiff(&["bench", "--dir", "no/such/dir"], dir.path());
    assert_eq!(nowhere.status, 2);
    assert!(
        nowhere.stderr.contains("cannot list no/such/dir"),
        "{}",
        nowhere.stderr
    );
    let outside = luadiff(&["bench", "--size", "small"], dir.path());
    assert_eq!(outside.status, 2);
    assert!(
        outside.stderr.contains("no benches/lua directory"),
        "{}",
        outside.stderr
    );
    std::fs::write(dir.path().join("bad.lua"), "print(1)\n").unwrap();
    let malformed = luadiff(&["bench", "--dir", ".", "--size", "small"], dir.path());
    assert_eq!(malformed.status, 2);
    assert!(
        malformed
            .stderr
            .contains("./bad.lua: the first line must be"),
        "{}",
        malformed.stderr
    );
}
