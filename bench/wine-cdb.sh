#!/usr/bin/env bash
# wine-cdb.sh - a compile_commands.json for Wine's SSPI callers (real code for bench/ratio.py).
#
# Selects the C files under dlls/ libs/ programs/ that call AcquireCredentialsHandle,
# InitializeSecurityContext, AcceptSecurityContext or FreeContextBuffer, except Wine's own SSPI
# implementation (secur32 itself, schannel, msv1_0, kerberos, negotiate, sspicli). Each gets the
# flags of its module: -D__WINESRC__ -D_UCRT, the EXTRADEFS of the nearest Makefile.in, -I for
# the file's directory, the module and include/ (+ libs/zlib, + libs/ldap/include for libs/ldap),
# -nostdinc -isystem include/msvcrt. No --target: sspi-check and ratio.py add the mingw target.
#
# Usage: bench/wine-cdb.sh OUT_DIR      writes OUT_DIR/compile_commands.json
# Env:   WINE_SRC (default /tmp/wine-src), FILES (a regex to keep only some files)
# Never downloads: get the sources (and the IDL headers) once with /work/shared/wine-corpus.sh.
set -euo pipefail
out=${1:?usage: wine-cdb.sh OUT_DIR}
src=$(readlink -f "${WINE_SRC:-/tmp/wine-src}")

if [[ ! -f $src/include/windows.h ]]; then
  echo "wine-cdb: no Wine sources in $src; fetch them once with /work/shared/wine-corpus.sh" \
       "(it runs apt-get source wine and widl; then rerun this script)" >&2
  exit 2
fi
[[ -f $src/include/.widl-done ]] ||
  echo "wine-cdb: warning: $src/include has no IDL-generated headers (run /work/shared/wine-corpus.sh once)" >&2

cd "$src"
# Module IDL headers are generated on demand (widl from wine64-tools; nothing is downloaded).
widl=/usr/lib/wine/widl
idl_header() {
  local idl=$1
  [[ -f ${idl%.idl}.h ]] && return 0
  if [[ -x $widl ]]; then
    "$widl" -Iinclude -I"$(dirname "$idl")" -D__WINESRC__ -h -o "${idl%.idl}.h" "$idl" 2>/dev/null || true
  else
    echo "wine-cdb: warning: ${idl%.idl}.h missing and $widl not installed" >&2
  fi
}

own_impl='^dlls/(secur32/[^/]*|schannel/.*|msv1_0/.*|kerberos/.*|negotiate/.*|sspicli/.*)\.c$'
mapfile -t files < <(grep -rlE 'AcquireCredentialsHandle|InitializeSecurityContext|AcceptSecurityContext|FreeContextBuffer' \
                       --include='*.c' dlls libs programs | grep -vE "$own_impl" | grep -E "${FILES:-.}" | sort)
(( ${#files[@]} )) || { echo "wine-cdb: no file selected" >&2; exit 1; }

# One line per unit: file, then its arguments, tab-separated; python3 turns them into JSON.
for f in "${files[@]}"; do
  dir=$(dirname "$f"); mod=$dir
  while [[ ! -f $mod/Makefile.in && $mod == */* ]]; do mod=$(dirname "$mod"); done
  for idl in "$mod"/*.idl; do [[ -f $idl ]] && idl_header "$idl"; done
  read -ra extradefs <<<"$(sed -n 's/^EXTRADEFS *= *//p' "$mod/Makefile.in" 2>/dev/null || true)"
  args=(cc -c -D__WINESRC__ -D_UCRT "${extradefs[@]}" -I"$dir" -I"$mod" -Iinclude -Ilibs/zlib
        -nostdinc -isystem include/msvcrt)
  [[ $f == libs/ldap/* ]] && args+=(-Ilibs/ldap/include)
  args+=(-o "${f%.c}.o" "$f")
  (IFS=$'\t'; echo "$f"$'\t'"${args[*]}")
done | python3 -c '
import json, sys
src, out = sys.argv[1], sys.argv[2]
cmds = []
for line in sys.stdin:
    f, *args = line.rstrip("\n").split("\t")
    cmds.append({"directory": src, "file": src + "/" + f, "arguments": args})
with open(out, "w") as fh:
    json.dump(cmds, fh, indent=1)
print("wine-cdb: %d units -> %s" % (len(cmds), out))
' "$src" "$(mkdir -p "$out" && readlink -f "$out")/compile_commands.json"
