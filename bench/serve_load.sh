#!/bin/sh
# The workbench under load (docs/serve.md, "Load"): wrk against POST /api/forecast (the built-in
# case, every model) with 64 connections on loopback, then the same with the run store on, then
# slow clients and abrupt disconnects while a sweep runs, then a soak that samples the server's
# memory. Prints figures; asserts nothing (not a test).
# usage: bench/serve_load.sh [FULCRUM] [SECONDS] [SOAK_SECONDS]   (defaults: build/fulcrum 30 600)
set -eu
fulcrum=${1:-build/fulcrum}
secs=${2:-30}
soak=${3:-600}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

start() { # start [ARGS...]: a server on a free port; sets pid and url
  "$fulcrum" serve --port 0 "$@" >"$work/out" 2>"$work/err" &
  pid=$!
  url=
  for _ in $(seq 1 600); do
    url=$(sed -n 's/^fulcrum serve: open \(http[^ ]*\)$/\1/p' "$work/out")
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "no address"; cat "$work/err"; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
mem() { awk '/^VmRSS|^VmHWM/ {printf "%s %s kB  ", $1, $2}' "/proc/$pid/status"; echo; }

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = ""
wrk.headers["Content-Type"] = "application/yaml"
local bad = 0
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  io.write(string.format("requests %d, %.1f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, non-2xx %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
end
LUA

echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$fulcrum" --version)"
echo "== forecast, no store: wrk -t2 -c64 -d${secs}s"
start --threads 2
mem
wrk -t2 -c64 -d"${secs}s" --timeout 10s --latency -s "$work/post.lua" "${url}api/forecast" | grep -E '^(requests|errors)'
mem
stop

echo "== forecast, every run stored: wrk -t2 -c64 -d$((secs / 3))s"
start --threads 2 --store "$work/runs.db"
wrk -t2 -c64 -d"$((secs / 3))s" --timeout 10s -s "$work/post.lua" "${url}api/forecast" | grep -E '^(requests|errors)'
echo "rows stored: $(sqlite3 "$work/runs.db" 'select count(*) from runs' 2>/dev/null || echo '?')"
mem
stop

echo "== a sweep of 100000 runs with 40 slow clients and 400 abrupt disconnects"
start --threads 2
job=$(curl -s -X POST "${url}api/sweep?runs=100000&model=median" | sed -n 's/.*"job":{"id":\([0-9]*\).*/\1/p')
python3 - "$url" <<'PY'
import socket, sys, threading, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
addr = (u.hostname, u.port)
def slow():
    s = socket.create_connection(addr)
    req = b"POST /api/forecast HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
    try:
        for b in req:
            s.send(bytes([b])); time.sleep(0.05)
        s.recv(100)
    except OSError:
        pass
    s.close()
def abrupt(i):
    s = socket.create_connection(addr)
    s.send(b"POST /api/forecast HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n" + b"x" * (i % 5000))
    s.close()
ts = [threading.Thread(target=slow) for _ in range(40)]
for t in ts: t.start()
for i in range(400): abrupt(i)
for t in ts: t.join()
print("slow clients and disconnects done")
PY
while :; do
  st=$(curl -s "${url}api/jobs/$job" | sed -n 's/.*"state":"\([a-z]*\)".*"done":\([0-9]*\),"total":\([0-9]*\),"seconds":\([0-9.]*\).*/\1 \2\/\3 runs, \4 s/p')
  case "$st" in running*) sleep 1 ;; *) break ;; esac
done
echo "sweep: $st; server answers: $(curl -s -o /dev/null -w '%{http_code}' "${url}api")"
mem

echo "== soak: wrk -c16 in 30 s rounds for ${soak} s; the server's memory after each"
i=0
while [ $((i * 30)) -lt "$soak" ]; do
  wrk -t1 -c16 -d30s --timeout 10s -s "$work/post.lua" "${url}api/forecast" | grep -E '^errors' | tr '\n' ' '
  mem
  i=$((i + 1))
done
stop
