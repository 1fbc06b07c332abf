#!/usr/bin/env bash
# Article page latency while newsroom log-ins (bcrypt, cost 12) run in parallel: first the
# page alone, then the page during 8 parallel log-in loops, both with wrk (1 thread, 4
# connections, 10 s) on loopback. Release build; a fresh SQLite site with the demo content.
#   usage: scripts/bench/login-flood.sh [GAZETTE_BINARY]   (default: builds this checkout)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -ge 1 ]; then
    bin=$1
else
    scripts/install-system-packages
    swift build -c release --product gazette 2>&1 | tail -n 1
    bin="$(swift build -c release --show-bin-path)/gazette"
fi
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="sqlite://$work/site.sqlite"
"$bin" migrate --database-url "$url" >/dev/null
echo 'a long password' | "$bin" user add --email editor@example.org --name Editor --role editor --password-stdin --database-url "$url" >/dev/null
"$bin" serve --database-url "$url" --port "$port" --demo >"$work/log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
page="http://127.0.0.1:$port/news/russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties"
curl -fs "$page" >/dev/null

measure() {  # prints "p50 p99 requests/s" of the article page
    wrk -t1 -c4 -d10s --latency "$page" | awk '
        /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /^Requests\/sec/ {rps=$2}
        END {print p50, p99, rps}'
}

echo "article page alone:            p50 p99 req/s = $(measure)"
python3 - "$port" >"$work/logins" <<'PY' &
import http.client, re, sys, threading, time
port = int(sys.argv[1])
done = []
stop = time.monotonic() + 12
def loop():
    n = 0
    while time.monotonic() < stop:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", "/newsroom/login")
        r = c.getresponse(); body = r.read().decode()
        cookie = r.getheader("Set-Cookie").split(";")[0]
        csrf = re.search(r'name="_csrf" value="([^"]+)"', body).group(1)
        form = "email=editor%40example.org&password=a+long+password&next=%2Fnewsroom&_csrf=" + csrf
        c.request("POST", "/newsroom/login", form, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        r = c.getresponse(); r.read()
        if r.status == 303: n += 1
        c.close()
    done.append(n)
threads = [threading.Thread(target=loop) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(sum(done))
PY
flood=$!
sleep 1
echo "article page, 8 log-ins at once: p50 p99 req/s = $(measure)"
wait $flood
echo "log-ins completed in 12 s: $(cat "$work/logins")"
