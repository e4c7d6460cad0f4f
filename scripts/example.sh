#!/usr/bin/env bash
# example.sh - sets everything up and runs sspi-check on the bundled example project:
# installs missing dependencies, builds sspi-check, writes the example's
# compile_commands.json with CMake and checks it. sspi-check's findings are the output;
# the exit status is sspi-check's (1: findings, as expected for this example).
#
# Build directories: $SSPI_BUILD_DIR (default: build/) for sspi-check and
# <build>/examples for the example project.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${SSPI_BUILD_DIR:-$ROOT/build}
JOBS=${SSPI_JOBS:-2}

"$ROOT/scripts/deps.sh"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$BUILD" -j "$JOBS" --target sspi-check > /dev/null
cmake -S "$ROOT/examples" -B "$BUILD/examples" \
      -DCMAKE_TOOLCHAIN_FILE="$ROOT/examples/cmake/mingw-clang.cmake" > /dev/null

echo "\$ sspi-check -p $BUILD/examples" >&2
cd "$ROOT"
exec "$BUILD/sspi-check" -p "$BUILD/examples" "$@"
