# oom-runs.sh TMPDIR N... -- CMD...: runs CMD with TMPDIR once per N, each time with
# SSPI_CHECK_ALLOC_LIMIT=N (the run runs out of memory at a different point each time,
# or ends first); then gives what is left up to 10 s to go. Prints the exit statuses
# seen and what is left.
tmp=$1; shift
limits=""
while [ "$1" != "--" ]; do limits="$limits $1"; shift; done
shift
codes=""
for n in $limits; do
  TMPDIR=$tmp SSPI_CHECK_ALLOC_LIMIT=$n "$@" > /dev/null 2>&1
  codes="$codes
exit=$?"
done
echo "$codes" | sort -u | sed '/^$/d'
i=0
while [ -n "$(ls "$tmp")" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
echo "left:$(ls "$tmp")"
