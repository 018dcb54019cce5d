#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what the tests need (Debian's Chromium for the browser tests,
# aiosmtpd for the real SMTP server, CJK fonts for screenshots, Node.js and npm for axe-core, which the browser tests
# inject into pages, nginx and prometheus for the operations tests), builds warning-free, runs every test, and ends
# with the totals on a line of their own: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
# Operations tests start their own nginx (reverse proxy) and prometheus (scrape, PromQL, promtool); never as services.
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian's packages…"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# axe-core, pinned by Forum.Tests/E2E/package-lock.json, into Forum.Tests/E2E/node_modules (ignored by git).
e2e=Forum.Tests/E2E
if [ ! -f "$e2e/node_modules/axe-core/axe.min.js" ] || [ "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]; then
    echo "Installing the browser tests' npm packages…"
    npm ci --prefix "$e2e" --no-audit --no-fund --loglevel=error >/dev/null
fi

results="$(pwd)/TestResults"
rm -rf "$results"
status=0
# global.json selects Microsoft.Testing.Platform; xUnit v3 writes the TRX report the totals are read from.
dotnet test --solution Forum.sln -c Release --report-xunit-trx --results-directory "$results" \
    --timeout 30m --no-progress "$@" || status=$?

# Totals (and the reason of each kind of skip) from the TRX report; python3 comes with python3-aiosmtpd.
/usr/bin/python3 - "$results" "$status" <<'PY'
import collections, glob, sys, xml.etree.ElementTree as ET
results, status = sys.argv[1], int(sys.argv[2])
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
reasons = collections.Counter()
for path in glob.glob(f"{results}/**/*.trx", recursive=True):
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = result.get("outcome")
        if outcome == "Passed":
            passed += 1
        elif outcome == "NotExecuted":
            skipped += 1
            reasons[(result.findtext(".//t:StdOut", "", ns) or "no reason given").strip()] += 1
        else:
            failed += 1
for reason, n in reasons.items():
    print(f"skipped {n}: {reason}")
if passed == 0 or (status != 0 and failed == 0):
    failed += 1  # the run itself failed (build error, crash) or ran nothing
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
