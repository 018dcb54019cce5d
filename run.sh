#!/usr/bin/env bash
# Runs the forum on the embedded default: SQLite in ./data, demo data, mail written to ./data/mail.
# Demo data (with its published demo passwords) is asked for here only: the forum itself loads none unless
# Forum__DemoData=true. Forum__DemoData=false ./run.sh starts empty and prints the first administrator's setup link.
# Open http://localhost:5000 (or set ASPNETCORE_URLS). Any Forum__* environment variable overrides a setting.
set -euo pipefail
cd "$(dirname "$0")"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5000}"
# dotnet run starts the app in Forum.Web/; keep the data directory at the top of the checkout, as the README says.
export Forum__DataDirectory="${Forum__DataDirectory:-$PWD/data}"
export Forum__DemoData="${Forum__DemoData:-true}"
exec dotnet run --project Forum.Web -c Release --no-launch-profile -- "$@"
