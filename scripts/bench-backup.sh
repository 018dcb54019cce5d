#!/usr/bin/env bash
# Backup and restore figures (README, "Benchmarks"): on a data directory of 1,000,000 generated complaints
# (generated into ./bench-data-backup first if it is empty), the forum runs on it while `backup` takes an online
# snapshot; then the snapshot's size, a second (incremental) backup, and `restore` into an empty directory.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-./bench-data-backup}"
threads="${BENCH_THREADS:-1000000}"
port="${BENCH_PORT:-5096}"

dotnet build Forum.Bench -c Release -v quiet -nologo >/dev/null
dotnet build Forum.Web -c Release -v quiet -nologo >/dev/null
web=Forum.Web/bin/Release/net10.0/Forum.Web.dll
if [ ! -f "$data/forum.db" ]; then
    Forum__DataDirectory="$data" dotnet Forum.Bench/bin/Release/net10.0/Forum.Bench.dll generate-data --threads "$threads" | tail -n 2
fi
work="$(mktemp -d)"
Forum__DataDirectory="$data" Forum__DemoData=false Forum__Jobs__Enabled=false ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Logging__LogLevel__Default=Warning dotnet "$web" &
server=$!
trap 'kill $server 2>/dev/null || true; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done

echo "database: $(du -h "$data/forum.db" | cut -f1) ($(du -b "$data/forum.db" | cut -f1) bytes), threads: $threads"
echo "-- backup while the forum runs"
/usr/bin/time -f "   %e s wall, %M KB max resident" env Forum__DataDirectory="$data" dotnet "$web" backup "$work/backups"
echo "   snapshot size: $(du -sh "$work/backups" | cut -f1)"
echo "-- second backup (incremental photos)"
/usr/bin/time -f "   %e s wall" env Forum__DataDirectory="$data" dotnet "$web" backup "$work/backups"
kill $server; wait $server 2>/dev/null || true
echo "-- restore into an empty directory"
/usr/bin/time -f "   %e s wall, %M KB max resident" env Forum__DataDirectory="$work/restored" dotnet "$web" restore "$work/backups"
