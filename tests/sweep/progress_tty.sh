#!/usr/bin/env bash
# Under a pseudo-terminal (script(1)) `fulcrum sweep` draws its progress bar on stderr: runs
# done, rate, and a last line at 100%. Usage: progress_tty.sh TOOL WORKDIR
set -euo pipefail
tool=$1 work=$2
mkdir -p "$work"
cmd="'$tool' sweep --runs 3000 --model median --jitter position=10,salience=10,capability=20% -o '$work/progress.txt'"
out=$(script -qec "$cmd" /dev/null | tr '\r' '\n')
echo "$out" | tail -3
echo "$out" | grep -q '100% 3000/3000 runs, [0-9]* runs/s'
grep -q '^Sweep of' "$work/progress.txt"
