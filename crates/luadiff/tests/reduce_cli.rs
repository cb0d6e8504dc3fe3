//! `luadiff reduce` and `luadiff corpus check|promote` as a user runs them: exit
//! statuses, what goes to stdout and stderr, the files they write.
//!
//! The divergence comes from an `ext:` engine with a planted bug: a shell script that
//! runs Debian's `lua5.4` (which CI installs) and prints `-1` wherever Lua printed `-2`.

use std::path::Path;
use std::process::{Command, Output};

fn luadiff(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_luadiff"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("luadiff runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes the planted engine and returns its `ext:` name.
fn planted_engine(dir: &Path) -> String {
    let script = dir.join("buggy-lua");
    std::fs::write(
        &script,
        "#!/bin/bash\nset -o pipefail\nlua5.4 \"$@\" | sed -u 's/^-2$/-1/'\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!("ext:{}", script.display())
}

#[test]
fn reduce_prints_the_reduced_program_and_files_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    let engine = planted_engine(dir.path());
    let program = "local t = {}\n\
        for i = 1, 5 do t[#t + 1] = i * 2 end\n\
        print('table', #t)\n\
        local function half(x) return x // 2 end\n\
        print(half(t[2]))\n\
        print(half(-t[2]))\n\
        print('done')\n";
    std::fs::write(dir.path().join("bug.lua"), program).unwrap();
    let engines = format!("native,{engine}");
    let out = luadiff(
        dir.path(),
        &[
            "reduce",
            "bug.lua",
            "--engines",
            &engines,
            "--findings",
            "found",
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let reduced = text(&out.stdout);
    assert_eq!(reduced.lines().count(), 1, "{reduced}\n{stderr}");
    assert!(stderr.contains("reduced: 7 -> 1 lines"), "{stderr}");
    assert!(
        stderr.contains("output: \"-0\" (numbers differ)"),
        "{stderr}"
    );
    assert!(stderr.contains("blame: external engine"), "{stderr}");
    let findings: Vec<_> = std::fs::read_dir(dir.path().join("found"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(findings.len(), 1);
    let name = findings[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("ext-") && name.ends_with(".lua"), "{name}");
    let filed = text(&std::fs::read(&findings[0]).unwrap());
    assert!(
        filed.starts_with("-- luadiff finding\n-- signature: "),
        "{filed}"
    );
    assert!(filed.ends_with(&reduced), "{filed}");

    // -o writes the file instead; a second filing of the same signature finds the first.
    let out = luadiff(
        dir.path(),
        &[
            "reduce",
            "bug.lua",
            "-o",
            "small.lua",
            "--engines",
            &engines,
            "--findings",
            "found",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&std::fs::read(dir.path().join("small.lua")).unwrap()),
        reduced
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("found")).unwrap().count(),
        1
    );
}

#[test]
fn reduce_refuses_bad_inputs_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fine.lua"), "print(1)\n").unwrap();
    std::fs::write(dir.path().join("broken.lua"), "print(1 +\n").unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["reduce", "fine.lua", "--engines", "native,ref"],
            "luadiff: fine.lua: the engines show no divergence on the program (agree: {native,ref})\n",
        ),
        (
            &["reduce", "broken.lua", "--engines", "native,ref"],
            "luadiff: broken.lua: the program does not parse: broken.lua:2: unexpected symbol near <eof>\n",
        ),
        (
            &["reduce", "missing.lua"],
            "luadiff: cannot read missing.lua: No such file or directory (os error 2)\n",
        ),
        (
            &["reduce", "fine.lua", "--engines", "native,luajit"],
            "luadiff: unknown engine 'luajit' (known: native, ref, vm, vm-O0, ext:COMMAND)\n",
        ),
        (
            &["reduce", "fine.lua", "--time", "0"],
            "luadiff: --time must be a positive number of seconds\n",
        ),
    ];
    for (args, message) in cases {
        let out = luadiff(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stderr), *message, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn corpus_check_and_promote() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("Cargo.toml"), "").unwrap();
    std::fs::create_dir_all(root.join("corpus/regressions")).unwrap();
    std::fs::create_dir_all(root.join("corpus/findings")).unwrap();

    // An empty corpus passes.
    let out = luadiff(root, &["corpus", "check", "--engines", "native,ref"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("0 regressions\n"));

    // A finding the engines agree on (its bug is fixed) is promoted with its snapshot.
    let finding = "-- luadiff finding\n-- signature: 0123456789abcdef\n\
        -- divergence: {native,ref} vs {vm}: output: \"0\" vs \"-0\"\n\
        -- blame: VM compiler or runtime\n-- found by: hand\n-- engines: native\n\
        -- date: 2025-01-01\nprint(7 // -2, pcall(error))\n";
    let path = root.join("corpus/findings/vm-0123456789abcdef.lua");
    std::fs::write(&path, finding).unwrap();
    let out = luadiff(root, &["corpus", "check", "--engines", "native,ref"]);
    assert!(
        text(&out.stdout).contains("findings: 0 still diverge, 1 now agree on every engine"),
        "{}",
        text(&out.stdout)
    );
    let out = luadiff(
        root,
        &[
            "corpus",
            "promote",
            "corpus/findings/vm-0123456789abcdef.lua",
            "--why",
            "// rounded toward zero",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!path.exists());
    let promoted =
        text(&std::fs::read(root.join("corpus/regressions/vm-0123456789abcdef.lua")).unwrap());
    assert!(
        promoted.contains("\n-- bug: // rounded toward zero\n"),
        "{promoted}"
    );
    let snapshot =
        text(&std::fs::read(root.join("snapshots/corpus/vm-0123456789abcdef.snap")).unwrap());
    assert!(
        snapshot.ends_with("---\n| -4\tfalse\tnil\nend: returned\n"),
        "{snapshot}"
    );

    // The regression replays; JSON gives per-engine counts.
    let out = luadiff(
        root,
        &["corpus", "check", "--json", "--engines", "native,ref,vm-O0"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["regressions"], 1);
    assert_eq!(json["engines"]["ref"]["passed"], 1);
    assert_eq!(json["engines"]["vm-O0"]["failed"], 0);

    // A wrong snapshot fails the check (status 1) and names the engine and file.
    std::fs::write(
        root.join("snapshots/corpus/vm-0123456789abcdef.snap"),
        "---\nsource: x\n---\n| -3\tfalse\tnil\nend: returned\n",
    )
    .unwrap();
    let out = luadiff(root, &["corpus", "check", "--engines", "native,ref"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("failed: ref corpus/regressions/vm-0123456789abcdef.lua"),
        "{}",
        text(&out.stdout)
    );

    // Promoting something that is not a finding is a usage error.
    std::fs::write(root.join("plain.lua"), "print(1)\n").unwrap();
    let out = luadiff(root, &["corpus", "promote", "plain.lua"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "luadiff: plain.lua is not a corpus finding (it has no `-- luadiff finding` header)\n"
    );
}
