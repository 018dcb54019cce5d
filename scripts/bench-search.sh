#!/usr/bin/env bash
# Search and photo figures (see README, "Benchmarks"): with 1,000,000 generated threads, search latency (median, p95)
# for a common two-character word, a rare one and a two-word query; the index's size on disk; and the time from a
# 6 MB photo to its stored thumbnail.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-./bench-data-search}"
dotnet build Forum.Bench -c Release -v quiet -nologo >/dev/null
app=Forum.Bench/bin/Release/net10.0/Forum.Bench.dll
if [ ! -f "$dir/forum.db" ]; then
    Forum__DataDirectory="$dir" Forum__Jobs__Enabled=false dotnet "$app" generate-data --threads 1000000 | tail -n 2
fi
Forum__DataDirectory="$dir" Forum__Jobs__Enabled=false dotnet "$app" bench-search --runs 50
