#!/usr/bin/env bash
# Requests per second for the home page straight to the forum and through nginx (README, "Benchmarks"): starts the
# forum in Release on a fresh demo data directory (or the one given), Debian's nginx in front of it as in the README
# (X-Forwarded-For set by nginx, Forum:KnownProxies = 127.0.0.1, keepalive to the upstream), then wrk with 2 threads
# and 8 connections for 10 s against each.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-}"
port="${BENCH_PORT:-5097}"
proxy_port="${BENCH_PROXY_PORT:-5098}"
command -v wrk >/dev/null || { echo "installing wrk…"; apt-get install -y -qq wrk >/dev/null; }
[ -x /usr/sbin/nginx ] || { echo "installing nginx…"; apt-get install -y -qq --no-install-recommends nginx >/dev/null; }

work="$(mktemp -d)"
[ -n "$data" ] || data="$work/data"
dotnet build Forum.Web -c Release -v quiet -nologo >/dev/null
Forum__DataDirectory="$data" Forum__DemoData=true Forum__Jobs__Enabled=false Forum__KnownProxies__0=127.0.0.1 ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Logging__LogLevel__Default=Warning dotnet Forum.Web/bin/Release/net10.0/Forum.Web.dll &
server=$!
cat > "$work/nginx.conf" <<CONF
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    upstream forum { server 127.0.0.1:$port; keepalive 32; }
    server {
        listen 127.0.0.1:$proxy_port;
        location / {
            proxy_pass http://forum;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
        }
    }
}
CONF
/usr/sbin/nginx -p "$work" -e "$work/error.log" -c "$work/nginx.conf" &
proxy=$!
trap 'kill $server $proxy 2>/dev/null || true; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
for _ in $(seq 1 20); do curl -sf "http://127.0.0.1:$proxy_port/healthz" >/dev/null && break; sleep 0.5; done

echo "home page, wrk -t2 -c8 -d10s (after a 3 s warm-up each):"
for target in "direct 127.0.0.1:$port" "nginx 127.0.0.1:$proxy_port"; do
    set -- $target
    wrk -t2 -c8 -d3s "http://$2/" >/dev/null
    printf '%-8s ' "$1"
    wrk -t2 -c8 -d10s "http://$2/" | grep 'Requests/sec'
done
