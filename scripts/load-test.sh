#!/usr/bin/env bash
# Load test (see README, "Benchmarks"): one node on loopback over a generated database (1,000,000 complaints unless
# the data directory already holds one), 200 homeowners posting and replying and 1,000 anonymous readers, for
# DURATION seconds (default 600), then the node's resident memory. Usage: scripts/load-test.sh [data-dir]
# Rate limits are off for the run (every simulated homeowner is the demo homeowner), and so are the background jobs
# (a generated database holds a large escalation backlog that would be swept during the run).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-./bench-data}"
port="${BENCH_PORT:-5192}"
duration="${DURATION:-600}"
dotnet build Forum.Bench -c Release -v quiet -nologo >/dev/null
if [ ! -f "$data/forum.db" ]; then
    Forum__DataDirectory="$data" Forum__Jobs__Enabled=false dotnet Forum.Bench/bin/Release/net10.0/Forum.Bench.dll generate-data --threads 1000000 | tail -n 3
fi
threads="${THREADS:-1000000}"
env Forum__DataDirectory="$data" Forum__DemoData=false Forum__RateLimits__Enabled=false Forum__Jobs__Enabled=false ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Logging__LogLevel__Default=Warning Logging__LogLevel__Forum.Web.Operations.WarmingServer=Information \
    dotnet "${APP:-Forum.Web/bin/Release/net10.0/Forum.Web.dll}" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
jit() { curl -s "http://127.0.0.1:$port/metrics" | awk '/^dotnet_jit_compilation_time_seconds_total/ {printf "%.2f s", $2}'; }
echo "resident memory before: $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status"); JIT so far: $(jit)"
dotnet Forum.Bench/bin/Release/net10.0/Forum.Bench.dll load-test --url "http://127.0.0.1:$port" --duration "$duration" \
    --homeowners "${HOMEOWNERS:-200}" --readers "${READERS:-1000}" --threads "$threads"
echo "resident memory after: $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status") (peak $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status")); JIT so far: $(jit)"
