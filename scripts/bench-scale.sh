#!/usr/bin/env bash
# Pages at scale (see README, "Benchmarks"): on 1,000,000 generated complaints (generated first if the data directory
# is empty), wrk with 2 threads and 8 or 32 connections, 10 s each (WRK_SECONDS), against one node on loopback:
# /healthz, the anonymous home page, a complaint, best-match search for the commonest words and newest-first, all
# through the output cache; the same searches with the cache off (Forum:OutputCache:Enabled=false), so the engine
# itself is measured (newest first and best match also at one connection, where nothing queues); and the staff
# complaint page signed in as HQ staff (never cached). Prints requests/s, p50 and the share of /healthz. Rate limits
# are off for the run (one address sends everything).
# Steady state, not start-up: .NET compiles hot code again, optimised, during the first minute or so under load (tiered
# compilation), and a search measured in that minute ran at half its later rate. So each server gets WARM_SECONDS
# (default 30) of load on the searches first, and each measured line WRK_WARMUP seconds (default 5) of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-./bench-data}"
port="${BENCH_PORT:-5191}"
seconds="${WRK_SECONDS:-10}"
warm="${WARM_SECONDS:-30}"
warmup="${WRK_WARMUP:-5}"
command -v wrk >/dev/null || { echo "installing wrk…"; apt-get install -y -qq wrk >/dev/null; }

dotnet build Forum.Bench -c Release -v quiet -nologo >/dev/null
if [ ! -f "$data/forum.db" ]; then
    Forum__DataDirectory="$data" Forum__Jobs__Enabled=false dotnet Forum.Bench/bin/Release/net10.0/Forum.Bench.dll generate-data --threads 1000000 | tail -n 3
fi
base="http://127.0.0.1:$port"
server=""
start() {
    Forum__DataDirectory="$data" Forum__DemoData=false Forum__Jobs__Enabled=false Forum__RateLimits__Enabled=false \
        Forum__OutputCache__Enabled="$1" ASPNETCORE_URLS="$base" Logging__LogLevel__Default=Warning \
        dotnet Forum.Web/bin/Release/net10.0/Forum.Web.dll &
    server=$!
    for _ in $(seq 1 240); do curl -sf "$base/healthz" >/dev/null && return; sleep 0.5; done
    echo "the forum did not start" >&2; exit 1
}
stop() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop EXIT

healthz=0
# wrk LABEL CONNECTIONS PATH [extra wrk arguments]: one line with requests/s, p50 and the share of /healthz (8 connections).
run() {
    local label="$1" connections="$2" path="$3"; shift 3
    local threads=$(( connections < 2 ? 1 : 2 ))
    curl -s -o /dev/null "$@" "$base$path" || true
    wrk -t"$threads" -c"$connections" -d"${warmup}s" "$@" "$base$path" >/dev/null
    local out rps p50
    out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" "$base$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    if [ "$label" = "/healthz" ] && [ "$connections" = 8 ]; then healthz=$rps; fi
    printf '%-44s %3s conns %10s req/s  p50 %8s  %5.1f%% of /healthz\n' "$label" "$connections" "$rps" "$p50" "$(awk -v a="$rps" -v b="$healthz" 'BEGIN { print (b > 0 ? 100 * a / b : 0) }')"
    grep -E 'Non-2xx|Socket errors' <<<"$out" || true
}

q() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
thread=$(printf 'T-%06d' 500000)
# warm: WARM_SECONDS of load spread over the searches (cached or not), before anything is measured.
warm() {
    local each=$(( (warm + 4) / 5 ))
    for query in 漏水 解决 '电梯 噪音' '尽快 解决'; do wrk -t2 -c8 -d"${each}s" "$base/search?q=$(q "$query")" >/dev/null; done
    wrk -t2 -c8 -d"${each}s" "$base/search?q=$(q 漏水)&sort=newest" >/dev/null
}

echo "output cache on:"
start true
warm
for c in 8 32; do run /healthz "$c" /healthz; done
for c in 8 32; do run "anonymous home" "$c" /; done
for c in 8 32; do run "complaint page" "$c" "/threads/$thread"; done
run "search 漏水, best match (cached)" 8 "/search?q=$(q 漏水)"
stop

echo "output cache off (the search engine itself, and the staff page):"
start false
warm
for c in 8 32; do run /healthz "$c" /healthz; done
run "search 漏水 (66,672 matches), best match" 8 "/search?q=$(q 漏水)"
run "search 解决 (every complaint), best match" 8 "/search?q=$(q 解决)"
run "search 电梯 噪音, best match" 8 "/search?q=$(q '电梯 噪音')"
run "search 尽快 解决, best match" 8 "/search?q=$(q '尽快 解决')"
run "search 漏水, newest first" 8 "/search?q=$(q 漏水)&sort=newest"
# One connection: the time a search takes when nothing queues ahead of it (at 8 connections on 2 cores, p50 is mostly
# waiting for a core).
run "search 漏水, newest first" 1 "/search?q=$(q 漏水)&sort=newest"
run "search 漏水, best match" 1 "/search?q=$(q 漏水)"
jar=$(mktemp)
page=$(curl -s -c "$jar" "$base/account/sign-in")
token=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | head -n1 | sed 's/.*value="//; s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_handler=sign-in" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=hq.staff@example.com" --data-urlencode "Input.Password=Demo-2026!" "$base/account/sign-in"
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7}')
echo "staff page answers $(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/staff/threads/$thread") when signed in as HQ staff"
# The staff page runs code no search warmed: WARM_SECONDS of it first, as for the searches.
wrk -t2 -c32 -d"${warm}s" -H "Cookie: $cookie" "$base/staff/threads/$thread" >/dev/null
for c in 8 32; do run "staff complaint page (HQ staff)" "$c" "/staff/threads/$thread" -H "Cookie: $cookie"; done
rm -f "$jar"
