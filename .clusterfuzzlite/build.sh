#!/bin/bash -eu
# Builds luadiff's libFuzzer targets for ClusterFuzzLite / OSS-Fuzz and puts, for each
# target, the binary, its dictionary, its options and (for the targets that take Lua
# source) a seed corpus of the repository's Lua programs in $OUT.

cd "$SRC/luadiff"

TARGETS="parse parse_native raw_source differential vm_compile"

# cargo fuzz adds the sanitizer and coverage flags to what the builder image sets; -O
# builds optimized (debug assertions stay on). The fuzz crate is a workspace member, so
# the target directory is set explicitly to know where the binaries land.
export CARGO_TARGET_DIR="$SRC/luadiff/target/clusterfuzzlite"
for target in $TARGETS; do
  cargo fuzz build -O --fuzz-dir fuzz "$target"
done
BUILT="$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release"

# Seeds for the source targets: every Lua program of the conformance suite and the
# corpus (what `luadiff fuzz-seed` does locally). The generator targets (differential,
# vm_compile) take generator bytes, which no Lua file gives back: they start empty.
SEEDS="$WORK/luadiff-seeds"
rm -rf "$SEEDS" && mkdir -p "$SEEDS"
find conformance corpus -name '*.lua' -type f 2>/dev/null | while read -r file; do
  cp "$file" "$SEEDS/$(echo "$file" | tr '/' '_')"
done

for target in $TARGETS; do
  cp "$BUILT/$target" "$OUT/"
  cp fuzz/lua.dict "$OUT/$target.dict"
  # Generator targets take up to a few kilobytes of generator bytes.
  printf '[libfuzzer]\nmax_len = 8192\n' > "$OUT/$target.options"
  case "$target" in
    parse|parse_native|raw_source)
      (cd "$SEEDS" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
      ;;
  esac
done
