#!/bin/sh
# gen.sh SRC OUT: a build of conn.c, tokclose.c, 16 fillers, client.c, tokname.c and
# twice.c (in that order) in OUT/db/compile_commands.json; the fillers are written to
# OUT/src.
src=$1 out=$2
mkdir -p "$out/db" "$out/src"
entry() { printf ' {"directory": "%s", "command": "gcc -I%s/include -c %s -o %s/%s.o", "file": "%s"}' \
  "$src" "$src" "$1" "$out/db" "$(basename "$1" .c)" "$1"; }
{
  echo '['
  entry "$src/src/conn.c"; echo ','
  entry "$src/src/tokclose.c"; echo ','
  for i in $(seq 1 16); do
    sed "s/@N@/$i/g" "$src/src/filler.c.in" > "$out/src/filler_$i.c"
    entry "$out/src/filler_$i.c"; echo ','
  done
  entry "$src/src/client.c"; echo ','
  entry "$src/src/tokname.c"; echo ','
  entry "$src/src/twice.c"; echo
  echo ']'
} > "$out/db/compile_commands.json"
