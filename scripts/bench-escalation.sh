#!/usr/bin/env bash
# Escalation figures (see README, "Benchmarks"): the sweep with 100 threads due among 10,000 and among 1,000,000
# (median of 5 runs each, with the due query's plan), and messages delivered per second to a local SMTP server
# (aiosmtpd, the same one the tests use; SMTP_DISCARD=1 has it keep nothing, so the forum's side is what is measured
# rather than the server writing a file per message). Generates its own databases under ./bench-data-escalation.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${1:-./bench-data-escalation}"
port="${BENCH_SMTP_PORT:-2526}"
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || apt-get install -y -qq python3-aiosmtpd >/dev/null

dotnet build Forum.Bench -c Release -v quiet -nologo >/dev/null
app=Forum.Bench/bin/Release/net10.0/Forum.Bench.dll
mkdir -p "$root/smtp"
/usr/bin/python3 Forum.Tests/Support/smtp_server.py --port "$port" --out "$root/smtp" ${SMTP_DISCARD:+--discard} >/dev/null &
smtp=$!
trap 'kill $smtp 2>/dev/null || true' EXIT

for n in 10000 1000000; do
    dir="$root/$n"
    if [ ! -f "$dir/forum.db" ]; then
        Forum__DataDirectory="$dir" dotnet "$app" generate-data --threads "$n" | tail -n 1
    fi
    echo "== $n threads"
    Forum__DataDirectory="$dir" Forum__Smtp__Host=127.0.0.1 Forum__Smtp__Port="$port" \
        dotnet "$app" bench-escalation --due 100 --runs 5 --messages "$([ "$n" = 10000 ] && echo 2000 || echo 0)"
done
rm -rf "$root/smtp"
