#!/usr/bin/env bash
# Checks the conformance programs against the native Lua 5.4.9 sandbox build.
#
# Every program runs twice from the repository root (so chunk names are
# "@conformance/<chapter>/<topic>.lua", as the test runner uses them); the script
# reports programs whose two runs differ (nondeterminism), programs that end with an
# uncaught error (allowed only when the file name starts with "uncaught_", which must
# then fail), programs slower than one second, programs without a first-line "-- "
# comment, outputs that are not NUL-free UTF-8 text, and the total number of output
# lines per chapter.
#
# Usage: conformance/tools/check.sh [FILE...]
#        LUA=/path/to/lua conformance/tools/check.sh      (another binary)
#        conformance/tools/check.sh --compare OTHER_LUA   (diff outputs against another binary)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 2
lua=${LUA:-/work/tools/lua5.4.9-sandbox}
compare=""
if [ "${1:-}" = "--compare" ]; then
  compare=${2:?--compare needs a binary}
  shift 2
fi
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(find conformance -name '*.lua' -not -path 'conformance/tools/*' | sort)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
problems=0
total=0
declare -A chapter_lines chapter_files
for f in "${files[@]}"; do
  base=$(basename "$f")
  chapter=$(echo "$f" | cut -d/ -f2)
  if ! head -n1 "$f" | grep -q '^-- '; then
    echo "NOCOMMENT $f: the first line must be a '-- ' comment"; problems=$((problems + 1))
  fi
  start=$(date +%s%N)
  timeout 10 "$lua" "$f" >"$tmp/out1" 2>"$tmp/err1"; rc1=$?
  end=$(date +%s%N)
  timeout 10 "$lua" "$f" >"$tmp/out2" 2>"$tmp/err2"; rc2=$?
  ms=$(( (end - start) / 1000000 ))
  if [ "$ms" -gt 1000 ]; then
    echo "SLOW $f: ${ms} ms"; problems=$((problems + 1))
  fi
  if ! cmp -s "$tmp/out1" "$tmp/out2" || [ "$rc1" != "$rc2" ] ||
     ! cmp -s <(head -n1 "$tmp/err1") <(head -n1 "$tmp/err2"); then
    echo "NONDETERMINISTIC $f"; diff "$tmp/out1" "$tmp/out2" | head -n 10
    problems=$((problems + 1))
  fi
  case "$base" in
    uncaught_*)
      if [ "$rc1" = 0 ]; then
        echo "NOERROR $f: an uncaught_ program must end with an uncaught error"; problems=$((problems + 1))
      fi ;;
    *)
      if [ "$rc1" != 0 ]; then
        echo "UNCAUGHT $f (exit $rc1): $(head -n1 "$tmp/err1")"; problems=$((problems + 1))
      fi ;;
  esac
  if [ -n "$compare" ]; then
    timeout 10 "$compare" "$f" >"$tmp/out3" 2>"$tmp/err3"
    if ! cmp -s "$tmp/out1" "$tmp/out3"; then
      echo "DIFFERS $f ($lua vs $compare):"; diff "$tmp/out1" "$tmp/out3" | head -n 20
    fi
  fi
  # Snapshots are text: the output must be valid UTF-8 without NUL bytes.
  if ! iconv -f UTF-8 -t UTF-8 "$tmp/out1" >/dev/null 2>&1; then
    echo "NONUTF8 $f: the output is not valid UTF-8"; problems=$((problems + 1))
  fi
  if [ "$(tr -cd '\000' <"$tmp/out1" | wc -c)" -gt 0 ]; then
    echo "NULBYTE $f: the output contains NUL bytes"; problems=$((problems + 1))
  fi
  n=$(wc -l <"$tmp/out1")
  total=$((total + n))
  chapter_lines[$chapter]=$(( ${chapter_lines[$chapter]:-0} + n ))
  chapter_files[$chapter]=$(( ${chapter_files[$chapter]:-0} + 1 ))
done
for c in $(printf '%s\n' "${!chapter_lines[@]}" | sort); do
  printf '%-14s %4d programs %6d lines\n' "$c" "${chapter_files[$c]}" "${chapter_lines[$c]}"
done
printf '%-14s %4d programs %6d lines\n' total "${#files[@]}" "$total"
if [ "$problems" -gt 0 ]; then
  echo "$problems problem(s)"
  exit 1
fi
echo "ok"
