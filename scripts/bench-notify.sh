#!/usr/bin/env bash
# Notification figures (see README, "Benchmarks"): with the jobs running as in the web process (default crons and
# polling) on a fresh demo database and a local SMTP server (aiosmtpd, the one the tests use), the time from posting a
# complaint to its intake mail being accepted and from a deadline to its report being accepted (median and max), and
# messages per second delivered. The first-response deadline is shortened to 1 minute so it falls during the run.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(mktemp -d)"
port="${BENCH_SMTP_PORT:-2527}"
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || apt-get install -y -qq python3-aiosmtpd >/dev/null

dotnet build Forum.Bench -c Release -v quiet -nologo >/dev/null
mkdir -p "$root/smtp"
/usr/bin/python3 Forum.Tests/Support/smtp_server.py --port "$port" --out "$root/smtp" >/dev/null &
smtp=$!
trap 'kill $smtp 2>/dev/null || true; rm -rf "$root"' EXIT
sleep 1

Forum__DataDirectory="$root/data" Forum__Smtp__Host=127.0.0.1 Forum__Smtp__Port="$port" \
    dotnet Forum.Bench/bin/Release/net10.0/Forum.Bench.dll bench-notify --complaints "${1:-10}" --messages 500 \
    --Forum:Escalation:FirstResponse=00:01:00
