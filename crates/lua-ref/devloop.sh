#!/usr/bin/env bash
# The lua-ref dev loop: runs conformance programs (or the given files) on the ref engine
# and on lua5.4.9-sandbox from the repository root, and reports every difference in
# output, uncaught error message or exit status. Programs that end Exhausted on ref are
# listed separately (resource limits differ between engines and are never compared).
#
# Usage: crates/lua-ref/devloop.sh [--release] [FILE...]   (RUNNER=path to skip the build)
set -u
cd "$(dirname "$0")/../.." || exit 2
profile=debug
if [ "${1:-}" = "--release" ]; then profile=release; shift; fi
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target/ref}
# RUNNER=path uses an already built runner (for long campaigns while rebuilding).
if [ -z "${RUNNER:-}" ]; then
  if [ "$profile" = release ]; then
    cargo build -q --release -p lua-ref --example run || exit 2
  else
    cargo build -q -p lua-ref --example run || exit 2
  fi
fi
runner=${RUNNER:-$CARGO_TARGET_DIR/$profile/examples/run}
native=${LUA:-/work/tools/lua5.4.9-sandbox}
if [ $# -gt 0 ]; then files=("$@"); else
  mapfile -t files < <(find conformance -name '*.lua' -not -path 'conformance/tools/*' | sort)
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; exhausted=0
for f in "${files[@]}"; do
  timeout 20 "$native" "$f" >"$tmp/n.out" 2>"$tmp/n.err"; nrc=$?
  timeout 20 "$runner" "$f" >"$tmp/r.out" 2>"$tmp/r.err"; rrc=$?
  if [ "$rrc" = 3 ]; then exhausted=$((exhausted + 1)); echo "EXHAUSTED $f: $(cat "$tmp/r.err")"; continue; fi
  # The native traceback is not part of the comparison.
  sed -n '/^stack traceback:$/q;p' "$tmp/n.err" >"$tmp/n.msg"
  if cmp -s "$tmp/n.out" "$tmp/r.out" && cmp -s "$tmp/n.msg" "$tmp/r.err" && [ "$nrc" = "$rrc" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $f (exit native $nrc, ref $rrc)"
    diff "$tmp/n.out" "$tmp/r.out" | head -n "${DIFFLINES:-6}"
    diff "$tmp/n.msg" "$tmp/r.err" | head -n 4
  fi
done
echo "pass $pass, fail $fail, exhausted $exhausted"
