#!/usr/bin/env bash
# A sweep killed with SIGKILL mid-way and restarted with the same arguments (and the same
# --checkpoint file) must finish with exactly the result of an uninterrupted sweep.
# Usage: kill_resume.sh TOOL WORKDIR ARGS...
set -euo pipefail
tool=$1 work=$2
shift 2
rm -rf "$work"
mkdir -p "$work"
"$tool" sweep "$@" --format json -o "$work/plain.json"

ck="$work/sweep.ckpt"
"$tool" sweep "$@" --checkpoint "$ck" --checkpoint-interval 0.05 --format json -o "$work/resumed.json" \
    2> "$work/first.err" &
pid=$!
# Wait for the first checkpoint, then kill without warning.
for _ in $(seq 1 2000); do
    [ -s "$ck" ] && break
    sleep 0.01
done
[ -s "$ck" ] || { echo "no checkpoint appeared"; kill -9 $pid || true; exit 1; }
kill -9 $pid
wait $pid 2>/dev/null && { echo "the sweep finished before it could be killed"; exit 1; }
[ ! -e "$work/resumed.json" ] || { echo "the killed sweep wrote its report"; exit 1; }

"$tool" sweep "$@" --checkpoint "$ck" --checkpoint-interval 0.05 --format json -o "$work/resumed.json" \
    2> "$work/second.err"
cat "$work/second.err"
grep -q "resumed [1-9][0-9]* of" "$work/second.err" || { echo "nothing was resumed"; exit 1; }
cmp "$work/plain.json" "$work/resumed.json"
echo "identical after kill and resume"
