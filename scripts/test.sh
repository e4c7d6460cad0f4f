#!/usr/bin/env bash
# test.sh - sets everything up and runs every test of sspi-check:
#   1. missing dependencies are installed (scripts/deps.sh);
#   2. a -Werror build ($SSPI_BUILD_DIR, default build/) and its ctest suite (the cmocka
#      unit tests and the whole lit suite);
#   3. an AddressSanitizer + UndefinedBehaviorSanitizer build ($SSPI_SAN_BUILD_DIR,
#      default build-asan/) running the lit suite again; any sanitizer report (leaks
#      included) is a failure, even inside a test that expects a non-zero exit;
#   4. the libFuzzer targets (clang-19, $SSPI_FUZZ_BUILD_DIR, default build-fuzz/),
#      each run for $SSPI_FUZZ_SECONDS (default 10) seconds.
# Ends with one line "N passed, N failed" counting ctest tests, sanitized lit tests,
# build steps that failed and sanitizer reports. Exit status 0 only when nothing failed.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${SSPI_BUILD_DIR:-$ROOT/build}
SAN_BUILD=${SSPI_SAN_BUILD_DIR:-$ROOT/build-asan}
JOBS=${SSPI_JOBS:-2}
LIT=/usr/lib/llvm-19/build/utils/lit/lit.py

passed=0
failed=0

step() { printf '\n==== %s\n' "$*"; }

finish() {
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

"$ROOT/scripts/deps.sh" || { echo "dependencies missing"; failed=$((failed + 1)); finish; }

# ---- 1. -Werror build + ctest ---------------------------------------------------------
step "build ($BUILD, -DSSPI_WERROR=ON)"
if cmake -S "$ROOT" -B "$BUILD" -DSSPI_WERROR=ON -DSSPI_SANITIZE= \
     -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null &&
   cmake --build "$BUILD" -j "$JOBS"; then
  step "ctest ($BUILD)"
  ctest --test-dir "$BUILD" --output-on-failure -j "$JOBS" 2>&1 | tee "$BUILD/ctest.log"
  summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$BUILD/ctest.log" | tail -1)
  if [ -n "$summary" ]; then
    total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<< "$summary")
    nfail=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<< "$summary")
    passed=$((passed + total - nfail))
    failed=$((failed + nfail))
  else
    echo "ctest printed no summary"
    failed=$((failed + 1))
  fi
else
  echo "build failed"
  failed=$((failed + 1))
fi

# ---- 2. sanitizer build + lit ---------------------------------------------------------
step "build ($SAN_BUILD, -DSSPI_SANITIZE=address,undefined)"
if cmake -S "$ROOT" -B "$SAN_BUILD" -DSSPI_WERROR=ON -DSSPI_SANITIZE=address,undefined \
     -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null &&
   cmake --build "$SAN_BUILD" -j "$JOBS" --target sspi-check; then
  step "lit under ASan+UBSan ($SAN_BUILD/tests)"
  logs="$SAN_BUILD/sanitizer-logs"
  rm -rf "$logs" && mkdir -p "$logs"
  # A report aborts the process (a crash fails a test even under "not"); ASan's
  # reports also go to files, so that a test that only looks at a tool's exit status
  # (cmake --build running sspi-check) cannot hide one.
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1:log_path=$logs/asan"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1"
  python3 "$LIT" -sv "$SAN_BUILD/tests" 2>&1 | tee "$SAN_BUILD/lit.log"
  # "  Passed           : 200 (99.01%)": the count only (lit 19 adds a percentage)
  litcount() { grep -E "^ *$1 *: *[0-9]+" "$SAN_BUILD/lit.log" | tail -1 | sed -E 's/^[^:]*: *([0-9]+).*/\1/'; }
  lp=$(litcount 'Passed' || true)
  lf=$(litcount 'Failed' || true)
  lbad=0
  for kind in 'Unexpectedly Passed' 'Unresolved' 'Timed Out'; do
    n=$(litcount "$kind" || true)
    lbad=$((lbad + ${n:-0}))
  done
  passed=$((passed + ${lp:-0}))
  failed=$((failed + ${lf:-0} + lbad))
  if [ -z "$lp" ] && [ -z "$lf" ]; then
    echo "lit printed no summary"
    failed=$((failed + 1))
  fi
  nlogs=$(find "$logs" -type f | wc -l)
  nub=$(grep -oE '[^ ]+:[0-9]+:[0-9]+: runtime error' "$SAN_BUILD/lit.log" | sort -u | wc -l)
  reports=$((nlogs + nub))
  if [ "$reports" -gt 0 ]; then
    echo "sanitizer reports: $reports"
    for f in "$logs"/*; do
      [ -f "$f" ] || continue
      echo "---- $f"
      head -n 40 "$f"
    done
    grep -oE '[^ ]+:[0-9]+:[0-9]+: runtime error: .*' "$SAN_BUILD/lit.log" | sort -u | head -n 20
    # Each report already failed its test (abort); count one more only if none did.
    if [ "${lf:-0}" -eq 0 ]; then
      failed=$((failed + 1))
    fi
  else
    echo "sanitizer reports: none"
  fi
else
  echo "sanitizer build failed"
  failed=$((failed + 1))
fi

# ---- 3. fuzz targets, a short run each --------------------------------------------------
# Each reader of outside input has a libFuzzer target (fuzz/); CI runs each for
# $SSPI_FUZZ_SECONDS (default 10) on a corpus seeded from the test inputs. Longer runs:
# fuzz/run.sh SECONDS (docs/fuzzing.md).
step "fuzz targets (${SSPI_FUZZ_SECONDS:-10} s each)"
unset ASAN_OPTIONS UBSAN_OPTIONS
FUZZ_BUILD=${SSPI_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
fuzzlog="$FUZZ_BUILD/run.log"
mkdir -p "$FUZZ_BUILD"
SSPI_FUZZ_BUILD_DIR="$FUZZ_BUILD" "$ROOT/fuzz/run.sh" "${SSPI_FUZZ_SECONDS:-10}" 2>&1 | tee "$fuzzlog"
fok=$(grep -cE '^fuzz_[a-z]+: ok' "$fuzzlog" || true)
fbad=$(grep -cE '^fuzz_[a-z]+: FAILED|^fuzz: ' "$fuzzlog" || true)
passed=$((passed + fok))
failed=$((failed + fbad))
if [ "$fok" -eq 0 ] && [ "$fbad" -eq 0 ]; then
  echo "fuzz: no result"
  failed=$((failed + 1))
fi

finish
