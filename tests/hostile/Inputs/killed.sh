# killed.sh TMPDIR CMD...: runs CMD with TMPDIR and kills it with SIGKILL (nothing of
# its own can clean up then) once its temporary directory exists; then gives what it
# left up to 10 s to go. Prints the kind of directory seen, the exit status, what is
# left.
tmp=$1; shift
TMPDIR=$tmp "$@" > /dev/null 2>&1 &
pid=$!
i=0
while [ -z "$(ls "$tmp")" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
echo "started: $(ls "$tmp" | sed 's/[.-][^.-]*$//' | sort -u | tr '\n' ' ')"
kill -KILL $pid
wait $pid
echo "exit=$?"
i=0
while [ -n "$(ls "$tmp")" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
echo "left:$(ls "$tmp")"
