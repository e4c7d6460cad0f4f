# interrupt.sh TMPDIR CMD...: runs CMD with TMPDIR, sends SIGINT once its temporary
# directory exists, prints the directory seen, the exit status, what is left.
tmp=$1; shift
TMPDIR=$tmp "$@" > /dev/null 2>&1 &
pid=$!
i=0
while [ -z "$(ls "$tmp")" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
echo "started: $(ls "$tmp")"
kill -INT $pid
wait $pid
echo "exit=$?"
echo "left:$(ls "$tmp")"
