#!/bin/sh
# gen.sh SRC OUT: a build of first.c, 3 fillers, second.c, 24 fillers and last.c (in
# that order) in OUT/db/compile_commands.json; the fillers (relevance-overlap's) are
# written to OUT/src.
src=$1 out=$2
filler=$src/../relevance-overlap/src/filler.c.in
mkdir -p "$out/db" "$out/src"
entry() { printf ' {"directory": "%s", "command": "gcc -c %s -o %s/%s.o", "file": "%s"}' \
  "$src" "$1" "$out/db" "$(basename "$1" .c)" "$1"; }
fillers() {
  for i in $(seq "$1" "$2"); do
    sed "s/@N@/$i/g" "$filler" > "$out/src/filler_$i.c"
    entry "$out/src/filler_$i.c"; echo ','
  done
}
{
  echo '['
  entry "$src/src/first.c"; echo ','
  fillers 1 3
  entry "$src/src/second.c"; echo ','
  fillers 4 27
  entry "$src/src/last.c"; echo
  echo ']'
} > "$out/db/compile_commands.json"
