#!/usr/bin/env bash
# Comment throughput and article-page time with thousands of comments, on SQLite and
# PostgreSQL, on loopback only. Builds in release mode, starts `gazette serve` per store,
# drives it with wrk for a bounded time, then counts what was stored (durable: committed).
#   usage: scripts/bench/comments.sh            (needs wrk and, for PostgreSQL, postgresql)
# Tunables: DURATION=10s CONNS=16 THREADS=2 PAGE_DURATION=5s
# If the WordPress anchor (shared/bench/anchor-wordpress.sh) has results, ratios are printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
PAGE_DURATION=${PAGE_DURATION:-5s}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
swift build -c release --product gazette 2>&1 | tail -n 1
bin=$(swift build -c release --show-bin-path)/gazette
work=$(mktemp -d)
server_pid=""
pg_started=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    [ -n "$pg_started" ] && scripts/stop-test-postgres /tmp/gazette-bench-pg || true
    rm -rf "$work"
}
trap cleanup EXIT
slug=russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
comment_count() { curl -sf "$base/api/v1/articles/$slug/comments?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'; }

run_store() {  # run_store NAME DATABASE_URL
    local name=$1 url=$2
    local port; port=$(free_port)
    base="http://127.0.0.1:$port"
    "$bin" serve --demo --port "$port" --database-url "$url" --comment-rate-client 0 --comment-rate-story 0 >"$work/$name.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.2; done
    local before after start end
    before=$(comment_count)
    start=$(date +%s.%N)
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" -s scripts/bench/comments.lua "$base/api/v1/articles/$slug/comments" >"$work/$name-post.txt"
    end=$(date +%s.%N)
    after=$(comment_count)
    local per_second; per_second=$(python3 -c "print(round(($after - $before) / ($end - $start)))")
    # Top up to at least 5,000 comments for the page measurement (bounded: 5 more runs).
    for _ in 1 2 3 4 5; do
        [ "$(comment_count)" -ge 5000 ] && break
        wrk -t"$THREADS" -c"$CONNS" -d5s -s scripts/bench/comments.lua "$base/api/v1/articles/$slug/comments" >/dev/null
    done
    local total; total=$(comment_count)
    wrk -t1 -c1 -d"$PAGE_DURATION" --latency "$base/news/$slug" >"$work/$name-page1.txt"
    wrk -t"$THREADS" -c"$CONNS" -d"$PAGE_DURATION" --latency "$base/news/$slug" >"$work/$name-page.txt"
    local lat50 lat99 page_rps
    lat50=$(awk '/^ +50%/ {print $2}' "$work/$name-page1.txt")
    lat99=$(awk '/^ +99%/ {print $2}' "$work/$name-page1.txt")
    page_rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$name-page.txt")
    local errors; errors=$(awk '/Non-2xx/ {print $5}' "$work/$name-post.txt")
    printf '%-10s comments/s (stored, committed): %6s   non-2xx during the run: %s\n' "$name" "$per_second" "${errors:-0}"
    printf '%-10s article page with %s comments: one client p50 %s, p99 %s; %s req/s with %s connections\n' \
        "$name" "$total" "$lat50" "$lat99" "$page_rps" "$CONNS"
    echo "$name $per_second $page_rps" >> "$work/summary"
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

run_store sqlite "sqlite://$work/bench.sqlite"
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    pg_url=$(scripts/start-test-postgres /tmp/gazette-bench-pg)
    pg_started=1
    run_store postgres "$pg_url"
else
    echo "postgres   skipped: apt-get install postgresql"
fi

anchor=${ANCHOR_BASE:-/tmp/anchor-wp}/results/latest.json
if [ -f "$anchor" ]; then
    python3 - "$anchor" "$work/summary" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
flat = json.dumps(data)
print("WordPress anchor results found:", sys.argv[1])
def find(obj, words):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if all(w in k.lower() for w in words) and isinstance(v, (int, float)):
                return v
            r = find(v, words)
            if r is not None:
                return r
    return None
wp_comments = find(data, ["comment"])
for line in open(sys.argv[2]):
    name, cps, rps = line.split()
    if wp_comments:
        print(f"{name}: comments/s {cps} = {float(cps) / wp_comments:.0f}x WordPress ({wp_comments}/s)")
PY
else
    echo "(no WordPress anchor results at $anchor: run shared/bench/anchor-wordpress.sh for side-by-side ratios)"
fi
