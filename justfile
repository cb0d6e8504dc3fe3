# One-line recipes over cargo and luadiff. `just --list` shows them.

# The whole test suite, as CI runs it.
test:
    cargo test --workspace

# A differential campaign: generated programs on every engine, findings in corpus/findings/.
campaign SECS="60":
    cargo run --release -p luadiff -- fuzz --time {{SECS}}

# One libFuzzer target for SECS seconds (nightly; fuzz/README.md lists the targets).
fuzz TARGET SECS="60":
    cargo +nightly fuzz run {{TARGET}} -- -max_total_time={{SECS}} -dict=fuzz/lua.dict

# Every libFuzzer target for SECS seconds each (all run; fails if any found something).
fuzz-all SECS="60":
    status=0; for target in parse parse_native raw_source differential vm_compile; do cargo +nightly fuzz run $target -- -max_total_time={{SECS}} -dict=fuzz/lua.dict || status=1; done; exit $status

# Fill fuzz/corpus/<target>/ with seed inputs from conformance/ and corpus/.
fuzz-seed:
    cargo run --release -p luadiff -- fuzz-seed fuzz/corpus

# The conformance suite on every engine (a table per chapter; `--json` for machines).
conformance *ARGS:
    cargo run --release -p luadiff -- conformance {{ARGS}}

# Review new or changed insta snapshots (conformance, benchmarks, disassembly, corpus).
review:
    cargo insta review --workspace

# Time the benchmark set against native Lua (`--markdown` for the README table).
bench *ARGS:
    cargo run --release -p luadiff -- bench {{ARGS}}

# Criterion benchmarks (front end, engines).
criterion:
    cargo bench -p luadiff-benches

# Plant each bug of evaluation/bugs/ and measure what a SECS-second campaign finds.
evaluate SECS="60" *ARGS:
    python3 evaluation/evaluate.py {{SECS}} {{ARGS}}

# Run one Lua file like the lua command, on one engine (native, ref, vm, vm-O0, ext:CMD).
exec FILE ENGINE="native":
    cargo run --release -p luadiff -- exec --engine {{ENGINE}} {{FILE}}

# Run Lua files on every engine and report where they disagree.
run +FILES:
    cargo run --release -p luadiff -- run {{FILES}}
