#!/usr/bin/env bash
# Differential check of parse errors against native Lua: random token-level mutants of
# the repository's Lua programs go through lua5.4.9's load() and through lua-syntax
# (examples/batch.rs); every program where the outcome differs is printed and saved.
# Differences are checked again with the standalone interpreter (see compare.py).
# Usage: crates/lua-syntax/scripts/differential.sh SEED... (needs /work/tools/lua5.4.9)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
out="${OUT:-/tmp/lua-syntax-differential}"
mkdir -p "$out"
cargo build -q --release -p lua-syntax --example batch --manifest-path "$root/Cargo.toml"
batch="${CARGO_TARGET_DIR:-$root/target}/release/examples/batch"
for seed in "$@"; do
  python3 "$here/mutate.py" "$root" 30000 "$seed" > "$out/m_$seed.txt"
  /work/tools/lua5.4.9 "$here/native_load.lua" "$out/m_$seed.txt" > "$out/n_$seed.out"
  "$batch" "$out/m_$seed.txt" > "$out/r_$seed.out"
  python3 "$here/compare.py" "$out" "$seed"
done
