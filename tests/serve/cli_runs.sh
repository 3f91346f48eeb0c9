#!/bin/sh
# The programs end to end: `fulcrum serve --store` keeps the runs a client makes (curl), and
# `fulcrum runs` lists, shows, compares and reruns them bit for bit after the server stopped.
# usage: cli_runs.sh FULCRUM. Skipped (77) without curl.
set -eu
fulcrum=$1
command -v curl >/dev/null || { echo "skipped: no curl"; exit 77; }
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
"$fulcrum" serve --port 0 --store "$work/runs.db" >"$work/out" 2>"$work/err" &
pid=$!
url=
for _ in $(seq 1 600); do
  url=$(sed -n 's/^fulcrum serve: open \(http[^ ]*\)$/\1/p' "$work/out")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/err"; echo "no address"; exit 1; }
curl -sf -X POST "${url}api/forecast?model=eum" >"$work/a.json"
curl -sf -X POST "${url}api/forecast?model=median" >/dev/null
kill "$pid"; wait "$pid" || true; pid=
export FULCRUM_STORE="$work/runs.db"
"$fulcrum" runs list >"$work/list"
grep -q '^ *1  .*forecast' "$work/list" && grep -q '^ *2  .*forecast' "$work/list" || { cat "$work/list"; exit 1; }
"$fulcrum" runs show 1 | grep -q '"params":\[\["model","eum"\]\]'
"$fulcrum" runs rerun 1 | grep -q 'run 1: reproduced bit for bit'
rc=0; "$fulcrum" runs diff 1 2 >"$work/diff" || rc=$?
[ "$rc" = 1 ] && grep -q '^params *differs' "$work/diff" && grep -q '^scenario_sha256 *same' "$work/diff" || { cat "$work/diff"; exit 1; }
rc=0; "$fulcrum" runs show 9 2>"$work/e" || rc=$?
[ "$rc" = 2 ] && grep -q 'no run 9' "$work/e"
# Runs of the command line are kept too, and rerun bit for bit: a file with settings, a sweep.
here=$(cd "$(dirname "$0")/../.." && pwd)
"$fulcrum" forecast "$here/scenarios/eu-emissions-1994.yaml" --model eum --rounds 5 --format json >"$work/f.json" 2>"$work/e"
grep -q 'run 3 kept in' "$work/e"
"$fulcrum" sweep --runs 200 --seed 3 --choices --store "$work/runs.db" >/dev/null 2>"$work/e"
grep -q 'run 4 kept in' "$work/e"
"$fulcrum" runs rerun 3 | grep -q 'run 3: reproduced bit for bit'
"$fulcrum" runs rerun 4 | grep -q 'run 4: reproduced bit for bit'
"$fulcrum" runs show 3 | grep -q '"name":"[^"]*eu-emissions-1994.yaml"'
echo ok
