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
