#!/usr/bin/env bash
# fuzz/run.sh - builds the libFuzzer targets (clang-19, -DSSPI_FUZZERS=ON) and runs each
# for a bounded time on a corpus seeded from the test inputs.
#
# Usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default 10 s, every target)
# Env:   SSPI_FUZZ_BUILD_DIR (default build-fuzz/), SSPI_FUZZ_CORPUS (default
#        build-fuzz/corpus/), SSPI_JOBS (build parallelism, default 2)
# A crash, leak, timeout or sanitizer report of any target makes the script fail; the
# input is kept as build-fuzz/crash-<target>-* (turn it into a regression test).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECS=${1:-10}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(rules config baseline diff unit cdb relscan)
BUILD=${SSPI_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
CORPUS=${SSPI_FUZZ_CORPUS:-$BUILD/corpus}
JOBS=${SSPI_JOBS:-2}

mkdir -p "$BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_C_COMPILER=clang-19 -DSSPI_FUZZERS=ON \
      -DSSPI_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$BUILD/cmake.log" 2>&1 ||
  { echo "fuzz: cmake failed (see $BUILD/cmake.log)"; exit 1; }
cmake --build "$BUILD" -j "$JOBS" > "$BUILD/build.log" 2>&1 ||
  { echo "fuzz: build failed (see $BUILD/build.log)"; exit 1; }

seed() { # seed TARGET FILES...: copies the files into the target's corpus (once)
  local t=$1; shift
  mkdir -p "$CORPUS/$t"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$CORPUS/$t/seed-$(basename "$f")" 2>/dev/null; done
}
shopt -s nullglob globstar
seed rules "$ROOT"/rules/*.yaml "$ROOT"/tests/rules/*.yaml "$ROOT"/tests/**/Inputs/*.yaml
seed config "$ROOT"/tests/**/.sspi-check.yaml "$ROOT"/tests/**/Inputs/*config*.yaml
seed baseline "$ROOT"/tests/**/*.json
seed diff "$ROOT"/tests/**/*.diff "$ROOT"/tests/**/*.patch
seed cdb "$ROOT"/tests/**/*.json.in "$ROOT"/tests/**/compile_commands.json
seed relscan "$ROOT"/tests/wholebuild/Inputs/**/*.h "$ROOT"/tests/wholebuild/Inputs/**/*.c
mkdir -p "$CORPUS/unit"
if [ -z "$(ls -A "$CORPUS/unit")" ]; then
  for src in "$ROOT"/tests/checks/sspi-credential-leak/*.c "$ROOT"/tests/interproc/struct-*.c; do
    "$BUILD/sspi-check" --emit-unit "$CORPUS/unit/seed-$(basename "$src").sspi-unit" "$src" \
      > /dev/null 2>&1 || true
  done
fi

status=0
for t in "${TARGETS[@]}"; do
  bin="$BUILD/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz: $bin missing"; status=1; continue; }
  log="$BUILD/fuzz_$t.log"
  "$bin" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
         -artifact_prefix="$BUILD/crash-$t-" -print_final_stats=1 "$CORPUS/$t" > "$log" 2>&1
  rc=$?
  runs=$(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')
  if [ $rc -eq 0 ]; then
    echo "fuzz_$t: ok, ${runs:-?} runs in ${SECS} s"
  else
    echo "fuzz_$t: FAILED (exit $rc), see $log:"
    grep -m3 -E 'ERROR|SUMMARY|runtime error' "$log" | sed 's/^/  /'
    status=1
  fi
done
exit $status
