# interrupt.sh SIGNAL TMPDIR CMD...: runs CMD with TMPDIR and sends it SIGNAL (INT: it
# cleans up itself; KILL: nothing of its own can) once its temporary directory exists;
# prints the kinds of directory seen (names without their random part), the exit
# status, what is left when CMD has ended ("now:") and after up to 10 s more for it to
# go ("left:"). With DELAY set, the signal waits that many seconds more.
sig=$1; tmp=$2; shift 2
TMPDIR=$tmp "$@" > /dev/null 2>&1 &
pid=$!
i=0
while [ -z "$(ls "$tmp")" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -n "$DELAY" ] && sleep "$DELAY"
echo "started: $(ls "$tmp" | sed 's/[.-][^.-]*$//' | sort -u | tr '\n' ' ')"
kill -"$sig" $pid
wait $pid
echo "exit=$?"
echo "now:$(ls "$tmp")"
i=0
while [ -n "$(ls "$tmp")" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
echo "left:$(ls "$tmp")"
