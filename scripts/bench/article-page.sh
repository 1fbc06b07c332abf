#!/usr/bin/env bash
# The article page side by side with its physical limit and with WordPress, in one run,
# interleaved: Gazette's article page (demo content, 5 comments), the same HTML served by
# nginx as a static file (one worker per core), and Debian's WordPress serving the same story
# (from ../shared/bench/anchor-wordpress.sh setup, which must be running). wrk on loopback,
# ROUNDS rounds of DURATION each; prints requests/s, p50/p99 and the ratios.
#   usage: scripts/bench/article-page.sh
# Tunables: ROUNDS=3 DURATION=10s THREADS=2 CONNS=32 ANCHOR_BASE=/tmp/anchor-wp STATIC_PORT=18081 WP_PORT=18080
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
ANCHOR_BASE=${ANCHOR_BASE:-/tmp/anchor-wp}
STATIC_PORT=${STATIC_PORT:-18081}
WP_PORT=${WP_PORT:-18080}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f "$ANCHOR_BASE/etc/main_url" ] && curl -fs -o /dev/null "http://127.0.0.1:$STATIC_PORT/" \
    || { echo "start the anchors first: ../shared/bench/anchor-wordpress.sh setup" >&2; exit 1; }
wp_url=$(cat "$ANCHOR_BASE/etc/main_url")
swift build -c release --product gazette 2>&1 | tail -n 1
bin=$(swift build -c release --show-bin-path)/gazette
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -f "$ANCHOR_BASE/static/gazette-article.html"; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --database-url "sqlite://$work/site.sqlite" --port "$port" --demo --comment-rate-client 0 --comment-rate-story 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done
article="/news/russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties"
for n in 1 2 3 4 5; do
    curl -fs -o /dev/null -H "Content-Type: application/json" -X POST \
        -d "{\"name\": \"Reader $n\", \"text\": \"Comment number $n on the talks.\"}" "http://127.0.0.1:$port/api/v1/articles${article#/news}/comments"
done
curl -fs "http://127.0.0.1:$port$article" >"$ANCHOR_BASE/static/gazette-article.html"
echo "article: $(wc -c <"$ANCHOR_BASE/static/gazette-article.html") bytes, $(grep -c 'class="comment ' "$ANCHOR_BASE/static/gazette-article.html") comments"

run() {  # run NAME URL CONNS: prints "NAME req/s p50 p99"
    wrk -t"$( [ "$3" = 1 ] && echo 1 || echo "$THREADS")" -c"$3" -d"$DURATION" --latency "$2" 2>/dev/null | python3 -c "
import re, sys
text = sys.stdin.read()
rate = re.search(r'Requests/sec:\s+([\d.]+)', text).group(1)
def pct(p):
    m = re.search(r'\s%s%%\s+([\d.]+)(us|ms|s)' % p, text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == 'us' else value * 1000 if unit == 's' else value
errors = re.search(r'Non-2xx or 3xx responses: (\d+)', text)
print('$1 %s %.2f %.2f %s' % (rate, pct(50), pct(99), errors.group(1) if errors else 0))"
}

results=$work/results.txt
for round in $(seq 1 "$ROUNDS"); do
    for conns in "$CONNS" 1; do
        run "gazette-c$conns" "http://127.0.0.1:$port$article" "$conns" | tee -a "$results"
        run "static-c$conns" "http://127.0.0.1:$STATIC_PORT/gazette-article.html" "$conns" | tee -a "$results"
        run "wordpress-c$conns" "$wp_url" "$conns" | tee -a "$results"
    done
done
python3 - "$results" "$CONNS" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
def figures(name):
    picked = [r for r in rows if r[0] == name]
    return statistics.median(float(r[1]) for r in picked), statistics.median(float(r[2]) for r in picked), statistics.median(float(r[3]) for r in picked)
conns = sys.argv[2]
print("\nmedian of the rounds          req/s      p50 ms    p99 ms")
for who in ["gazette", "static", "wordpress"]:
    for c in [conns, "1"]:
        rate, p50, p99 = figures(f"{who}-c{c}")
        print(f"{who:10} {c:>3} connection(s) {rate:10.0f} {p50:9.2f} {p99:9.2f}")
g, s, w = (figures(f"{who}-c{conns}")[0] for who in ["gazette", "static", "wordpress"])
print(f"\nGazette / static file: {g / s:.3f}×   Gazette / WordPress: {g / w:.1f}×   (goal: ≥ 0.8× the static file)")
PY
