#!/usr/bin/env bash
# curl-cdb.sh - a compile_commands.json for curl as a Windows build with SSPI and Schannel
# (real code for bench/scale.py and ratio.py: a library of about 200 units of which about a
# tenth touch SSPI, the shape issue 9's targets are set on).
#
# Units: every .c file of lib/ (with vauth/, vtls/, vquic/, vssh/) and of src/ (the curl
# tool), 200 in curl 7.88.1. Flags are those of curl's Windows build without a configure step
# (curl_setup.h then includes lib/config-win32.h): -DWIN32 -DCURL_STATICLIB -DUSE_WINDOWS_SSPI
# -DUSE_SCHANNEL, -DBUILDING_LIBCURL for lib/, -Iinclude -Ilib (and -Isrc for the tool). No
# --target: sspi-check and the bench scripts add the mingw target and headers.
#
# Usage: bench/curl-cdb.sh OUT_DIR        writes OUT_DIR/compile_commands.json
# Env:   CURL_SRC (default /tmp/curl-src): fetched once with `apt-get source curl` (needs a
#        deb-src entry: /work/shared/wine-corpus.sh adds one) when it holds no lib/urldata.h.
# Not for CI: it may download a source package. Never copy curl's code into the project.
set -euo pipefail
out=${1:?usage: curl-cdb.sh OUT_DIR}
src=${CURL_SRC:-/tmp/curl-src}

if [[ ! -f $src/lib/urldata.h ]]; then
  dl=$(mktemp -d)
  (cd "$dl" && apt-get source --download-only curl >/dev/null 2>&1) || {
    echo "curl-cdb: apt-get source curl failed (no deb-src entry? see /work/shared/wine-corpus.sh)" >&2
    rm -rf "$dl"; exit 2; }
  mkdir -p "$src"
  tar -xzf "$dl"/curl_*.orig.tar.gz -C "$src" --strip-components=1
  rm -rf "$dl"
fi
src=$(readlink -f "$src")
mkdir -p "$out"
out=$(readlink -f "$out")

cd "$src"
mapfile -t files < <(ls lib/*.c lib/*/*.c src/*.c | sort)
{
  echo "["
  sep=""
  for f in "${files[@]}"; do
    flags="-DWIN32 -DCURL_STATICLIB -DUSE_WINDOWS_SSPI -DUSE_SCHANNEL -Iinclude -Ilib"
    case $f in
      lib/*) flags="$flags -DBUILDING_LIBCURL" ;;
      src/*) flags="$flags -Isrc" ;;
    esac
    printf '%s  {"directory": "%s", "file": "%s", "command": "cc %s -c %s"}' \
      "$sep" "$src" "$f" "$flags" "$f"
    sep=$',\n'
  done
  echo
  echo "]"
} > "$out/compile_commands.json"
echo "curl-cdb: ${#files[@]} units -> $out/compile_commands.json" >&2
