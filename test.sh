#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what the tests need (Debian's Chromium for the browser tests,
# aiosmtpd for the real SMTP server, CJK fonts for screenshots), builds warning-free, runs every test, and ends
# with the totals on a line of their own: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian's packages…"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

results="$(pwd)/TestResults"
rm -rf "$results"
status=0
dotnet test Forum.sln -c Release \
    --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" --blame-hang-timeout 10m "$@" || status=$?

trx="$(find "$results" -name '*.trx' | head -n 1)"
if [ -z "$trx" ]; then
    echo "no test results were written"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi
counters="$(grep -o '<Counters [^>]*>' "$trx")"
count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
passed="$(count passed)"
failed="$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))"
skipped="$(count notExecuted)"

# Skipped tests say why (e.g. SQL Server data tests without FORUM_TEST_SQLSERVER).
grep -o 'Skipped [^<]*' "$trx" | sort | uniq -c | head -n 5 || true
[ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
