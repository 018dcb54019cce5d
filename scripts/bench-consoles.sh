#!/usr/bin/env bash
# Memory per open staff console (see README, "Benchmarks"): one forum node on loopback over generated data (20,000
# threads by default, generated first if the data directory is empty; the demo accounts come with it), Chromium
# signed in as HQ staff keeps one console open as the baseline, then opens CONSOLES (50) more, each a live Blazor
# circuit; prints the node's resident memory and managed heap (after a full GC, by dotnet-gcdump) before and after.
# DUMPS=dir keeps the two heap dumps (dotnet-gcdump report dir/consoles-after.gcdump lists what the consoles hold);
# HOLD=seconds keeps the consoles open after each measurement (time for dotnet-dump collect -p on the node).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-./bench-data-consoles}"
port="${BENCH_PORT:-5197}"
consoles="${CONSOLES:-50}"
threads="${THREADS:-20000}"
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-gcdump >/dev/null || dotnet tool install -g dotnet-gcdump --version 10.0.750501 >/dev/null
[ -x /usr/bin/chromium ] || apt-get install -y -qq chromium >/dev/null

dotnet build Forum.Bench -c Release -v quiet -nologo >/dev/null
bench=Forum.Bench/bin/Release/net10.0/Forum.Bench.dll
if [ ! -f "$data/forum.db" ]; then
    Forum__DataDirectory="$data" Forum__Jobs__Enabled=false dotnet "$bench" generate-data --threads "$threads" | tail -n 1
fi
base="http://127.0.0.1:$port"
Forum__DataDirectory="$data" Forum__DemoData=false Forum__RateLimits__Enabled=false ASPNETCORE_URLS="$base" \
    Logging__LogLevel__Default=Warning dotnet Forum.Web/bin/Release/net10.0/Forum.Web.dll &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done
dotnet "$bench" bench-consoles --url "$base" --pid "$server" --consoles "$consoles" ${DUMPS:+--dumps "$DUMPS"} ${HOLD:+--hold "$HOLD"}
