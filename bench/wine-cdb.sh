#!/usr/bin/env bash
# wine-cdb.sh - a compile_commands.json for Wine code (real code for bench/ratio.py, scale.py).
#
# Two modes:
# - SSPI callers (MODULES unset, the default): the C files under dlls/ libs/ programs/ that call
#   AcquireCredentialsHandle, InitializeSecurityContext, AcceptSecurityContext or
#   FreeContextBuffer, except Wine's own SSPI implementation (secur32 itself, schannel, msv1_0,
#   kerberos, negotiate, sspicli). 15 units in Wine 8.0.
# - Whole modules (MODULES set): every .c file that the Makefile.in of each module lists in
#   C_SRCS or SOURCES (found in PARENTSRC when the module borrows it), except the unix-side files
#   (`#pragma makedep unix`: they need host headers). MODULES is a space-separated list of module
#   dirs, or one of:
#     sspi   every module that holds an SSPI caller of the first mode (5 modules, 94 units)
#     whole  the default library: $whole_modules below (8 modules, 160 units)
#   Units of libs/* get no -D__WINESRC__ in this mode (Wine's makedep leaves it out for
#   external libraries; 5 libs/ldap files do not parse with it).
# Each unit gets the flags of its module: -D__WINESRC__ (see above) -D_UCRT, the EXTRADEFS of the module's
# Makefile.in, -I for the file's directory, the module and include/ (+ libs/zlib),
# -nostdinc -isystem include/msvcrt, then the -I dirs of EXTRAINCL not already given (its
# $(FOO_PE_CFLAGS) as configure.ac's bundled defaults, e.g. libs/ldap/include; -D flags of
# EXTRAINCL are left out). No --target: sspi-check and ratio.py add the mingw target.
#
# Usage: bench/wine-cdb.sh OUT_DIR                  writes OUT_DIR/compile_commands.json
#        MODULES=whole bench/wine-cdb.sh OUT_DIR    the whole-modules library (160 units)
#        MODULES="dlls/rpcrt4 libs/ldap" bench/wine-cdb.sh OUT_DIR
# Env:   WINE_SRC (default /tmp/wine-src), FILES (a regex to keep only some files),
#        MODULES (see above)
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

# The value of a make variable in a Makefile.in (continuation lines joined), empty if unset.
makevar() {
  awk -v var="$2" '/\\$/ { sub(/\\$/, ""); buf = buf $0 " "; next }
    { line = buf $0; buf = "" }
    line ~ "^[ \t]*" var "[ \t]*=" { sub(/^[^=]*=[ \t]*/, "", line); print line }' "$1" 2>/dev/null || true
}
# configure.ac's default (bundled library) flags for $(FOO_PE_CFLAGS): FOO -> flags.
declare -A pe_cflags=()
while IFS='|' read -r name flags; do pe_cflags[$name]=${flags//\\\$/\$}; done < <(
  sed -n 's/^WINE_EXTLIB_FLAGS(\([A-Z0-9_]*\),.*, *"\([^"]*\)")$/\1|\2/p' configure.ac)
# The -I dirs of a module's EXTRAINCL, one a line.
extraincl() {
  local mod=$1 v w name
  v=$(makevar "$mod/Makefile.in" EXTRAINCL)
  while [[ $v =~ \$\(([A-Z0-9_]+)_PE_CFLAGS\) ]]; do
    name=${BASH_REMATCH[1]}; v=${v//"${BASH_REMATCH[0]}"/${pe_cflags[$name]:-}}
  done
  # shellcheck disable=SC2016  # make variables, not shell ones
  v=${v//'$(top_srcdir)'/.}
  # shellcheck disable=SC2016
  v=${v//'$(srcdir)'/$mod}
  for w in $v; do [[ $w == -I* ]] && realpath -m --relative-to=. "${w#-I}"; done
  return 0
}

own_impl='^dlls/(secur32/[^/]*|schannel/.*|msv1_0/.*|kerberos/.*|negotiate/.*|sspicli/.*)\.c$'
sspi_callers() {
  grep -rlE 'AcquireCredentialsHandle|InitializeSecurityContext|AcceptSecurityContext|FreeContextBuffer' \
    --include='*.c' dlls libs programs | grep -vE "$own_impl" | sort
}
# The module of a file: the directory of the nearest Makefile.in.
module_of() {
  local mod; mod=$(dirname "$1")
  while [[ ! -f $mod/Makefile.in && $mod == */* ]]; do mod=$(dirname "$mod"); done
  echo "$mod"
}
# The whole-modules library (MODULES=whole): the SSPI callers' modules and their neighbours
# (network, crypto, LDAP), PE side only: 155 of the 160 units parse with clang-19.
whole_modules=(dlls/rpcrt4 dlls/wininet dlls/winhttp libs/ldap dlls/secur32/tests dlls/urlmon
               dlls/crypt32 dlls/wldap32)

# units: "module<TAB>file" lines.
if [[ -z ${MODULES:-} ]]; then
  mapfile -t units < <(sspi_callers | grep -E "${FILES:-.}" |
                       while read -r f; do echo "$(module_of "$f")"$'\t'"$f"; done)
else
  case $MODULES in
    sspi)  mapfile -t mods < <(sspi_callers | while read -r f; do module_of "$f"; done | sort -u) ;;
    whole) mods=("${whole_modules[@]}") ;;
    *)     read -ra mods <<<"$MODULES" ;;
  esac
  units=()
  for mod in "${mods[@]}"; do
    mod=${mod%/}
    [[ -f $mod/Makefile.in ]] || { echo "wine-cdb: $src/$mod/Makefile.in: no such module" >&2; exit 1; }
    parent=$(makevar "$mod/Makefile.in" PARENTSRC)
    for s in $(makevar "$mod/Makefile.in" C_SRCS) $(makevar "$mod/Makefile.in" SOURCES); do
      [[ $s == *.c ]] || continue
      f=$mod/$s
      [[ ! -f $f && -n $parent ]] && f=$(realpath -m --relative-to=. "$mod/$parent/$s")
      [[ -f $f ]] || { echo "wine-cdb: warning: $mod/Makefile.in lists a missing $s" >&2; continue; }
      grep -q '^#pragma makedep unix' "$f" && continue
      [[ $f =~ ${FILES:-.} ]] && units+=("$mod"$'\t'"$f")
    done
  done
  mapfile -t units < <(printf '%s\n' "${units[@]}" | awk -F'\t' '!seen[$2]++')
fi
[[ -n ${units[0]:-} ]] || { echo "wine-cdb: no file selected" >&2; exit 1; }

# One line per unit: file, then its arguments, tab-separated; python3 turns them into JSON.
for u in "${units[@]}"; do
  mod=${u%%$'\t'*} f=${u#*$'\t'}
  dir=$(dirname "$f")
  for idl in "$mod"/*.idl; do [[ -f $idl ]] && idl_header "$idl"; done
  read -ra extradefs <<<"$(makevar "$mod/Makefile.in" EXTRADEFS)"
  # Wine's makedep leaves -D__WINESRC__ out for external libraries (libs/*); the SSPI-callers
  # mode keeps it (its measurements in bench/README.md were taken so), whole modules follow makedep.
  winesrc=(-D__WINESRC__)
  [[ -n ${MODULES:-} && $mod == libs/* ]] && winesrc=()
  args=(cc -c "${winesrc[@]}" -D_UCRT "${extradefs[@]}" -I"$dir" -I"$mod" -Iinclude -Ilibs/zlib
        -nostdinc -isystem include/msvcrt)
  while read -r inc; do
    [[ -n $inc && " ${args[*]} " != *" -I$inc "* ]] && args+=(-I"$inc")
  done < <(extraincl "$mod")
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
