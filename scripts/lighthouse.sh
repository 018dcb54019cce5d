#!/usr/bin/env bash
# Lighthouse's mobile audit (accessibility, best practices, SEO) of the home page, a complaint and the scoreboard, on the
# demo data (see README, "Phones and accessibility"). Starts the forum in Release on a fresh data directory, prints one
# line of scores per page and every audit that lost points. Lighthouse is pinned by scripts/lighthouse/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${LIGHTHOUSE_PORT:-5098}"
data="$(mktemp -d)"
here=scripts/lighthouse
[ -x /usr/bin/chromium ] || { echo "needs Debian's chromium (./test.sh installs it)"; exit 1; }
[ -f "$here/node_modules/.bin/lighthouse" ] || npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >/dev/null

dotnet build Forum.Web -c Release -v quiet -nologo >/dev/null
Forum__DataDirectory="$data" Forum__Jobs__Enabled=false ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
    dotnet Forum.Web/bin/Release/net10.0/Forum.Web.dll &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done

for path in / /threads/T-000005 /scoreboard; do
    CHROME_PATH=/usr/bin/chromium "$here/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" --quiet \
        --only-categories=accessibility,best-practices,seo --form-factor=mobile \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" --output=json --output-path="$data/report.json" >/dev/null
    python3 - "$path" "$data/report.json" <<'PY'
import json, sys
path, report = sys.argv[1], json.load(open(sys.argv[2]))
scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
print(f"{path:<20} " + "  ".join(f"{key} {score}" for key, score in scores.items()))
for key, category in report["categories"].items():
    for ref in category["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            print(f"    {key}: {audit['id']} ({audit['title']})")
PY
done
