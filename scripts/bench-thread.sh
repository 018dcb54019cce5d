#!/usr/bin/env bash
# The thread page with a long record (see README, "Benchmarks"): writes one complaint with 200 events through the
# real services (replies, waits and resumes, solutions, closings, reopenings; Forum.Bench bench-thread-data) into a
# demo-data directory, starts the forum in Release on it and times the page's whole render over loopback HTTP
# (200 requests after 10 warm-up ones, median and p95), with the output cache off so each request renders the page.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-./bench-data-thread}"
events="${EVENTS:-200}"
port="${BENCH_PORT:-5098}"

dotnet build Forum.Bench -c Release -v quiet -nologo >/dev/null
dotnet build Forum.Web -c Release -v quiet -nologo >/dev/null
number=$(Forum__DataDirectory="$data" Forum__Jobs__Enabled=false \
    dotnet Forum.Bench/bin/Release/net10.0/Forum.Bench.dll bench-thread-data --events "$events" | tee /dev/stderr | tail -n 1)

Forum__DataDirectory="$data" Forum__DemoData=false Forum__Jobs__Enabled=false Forum__OutputCache__Enabled=false ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
    dotnet Forum.Web/bin/Release/net10.0/Forum.Web.dll &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done

python3 scripts/bench_pages.py "http://127.0.0.1:$port" "$data/forum.db" "thread with $events events=/threads/$number"
