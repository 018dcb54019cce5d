#!/usr/bin/env bash
# Page timings on a generated database (see README, "Benchmarks"): starts the forum in Release on that data
# directory, measures the home page, a filtered page, the overdue list, a page 500 deep and a complaint (200 requests
# each, median and p95 of the time to the full response on loopback), then wrk requests per second for the home page
# and /healthz; then, with the output cache off, the pages' own work: the home page and /?status=overdue (read from
# the stored deadline, DeadlineAt).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-./bench-data}"
port="${BENCH_PORT:-5099}"
command -v wrk >/dev/null || { echo "installing wrk…"; apt-get install -y -qq wrk >/dev/null; }

dotnet build Forum.Web -c Release -v quiet -nologo >/dev/null
server=
start() {
    Forum__DataDirectory="$data" Forum__DemoData=false Forum__Jobs__Enabled=false Forum__OutputCache__Enabled="$1" \
        ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
        dotnet Forum.Web/bin/Release/net10.0/Forum.Web.dll &
    server=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
}
stop() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop EXIT

start true
python3 scripts/bench_pages.py "http://127.0.0.1:$port" "$data/forum.db"
echo
echo "wrk, 10 s each, 4 connections, 2 threads:"
for path in / /healthz; do
    printf '%-10s ' "$path"
    wrk -t2 -c4 -d10s "http://127.0.0.1:$port$path" | grep 'Requests/sec'
done
stop

echo
echo "output cache off (every request renders):"
start false
python3 scripts/bench_pages.py "http://127.0.0.1:$port" "$data/forum.db" "home, no cache=/" "overdue (/?status=overdue), no cache=/?status=overdue"
