#!/usr/bin/env bash
# Briefing figures (see README, "Benchmarks"): the morning briefing and the 30-day scoreboard built from the database
# (no cache), median and p95 of 20 runs, with 100,000 and with 1,000,000 generated threads.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${1:-./bench-data-briefing}"
dotnet build Forum.Bench -c Release -v quiet -nologo >/dev/null
app=Forum.Bench/bin/Release/net10.0/Forum.Bench.dll
for n in 100000 1000000; do
    dir="$root/$n"
    if [ ! -f "$dir/forum.db" ]; then
        Forum__DataDirectory="$dir" Forum__Jobs__Enabled=false dotnet "$app" generate-data --threads "$n" | tail -n 1
    fi
    echo "== $n threads"
    Forum__DataDirectory="$dir" Forum__Jobs__Enabled=false dotnet "$app" bench-briefing --runs 20
done
