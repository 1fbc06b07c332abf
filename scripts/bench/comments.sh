#!/usr/bin/env bash
# Comment throughput and article-page time with thousands of comments, on SQLite and
# PostgreSQL, on loopback only. Builds in release mode, starts `gazette serve` per store,
# drives it with wrk for a bounded time, then counts what was stored (durable: committed).
#   usage: scripts/bench/comments.sh            (needs wrk and, for PostgreSQL, postgresql)
# Tunables: DURATION=10s CONNS=16 THREADS=2 PAGE_DURATION=5s PAGE_COMMENTS=5000 FILL_DURATION=10s
# If the WordPress anchor (shared/bench/anchor-wordpress.sh) has results, ratios are printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
PAGE_DURATION=${PAGE_DURATION:-5s}
PAGE_COMMENTS=${PAGE_COMMENTS:-5000}
FILL_DURATION=${FILL_DURATION:-10s}  # wrk runs this long even when the threads stop early
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
page_slug=central-bank-keeps-interest-rates-unchanged

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
comment_count() { curl -sf "$base/api/v1/articles/${1:-$slug}/comments?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'; }

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
    # The article page: the issue's 5,000 comments on a second story, and the first story
    # with everything the throughput run stored.
    COMMENT_LIMIT=$PAGE_COMMENTS COMMENT_THREADS=$THREADS wrk -t"$THREADS" -c"$CONNS" -d"$FILL_DURATION" \
        -s scripts/bench/comments.lua "$base/api/v1/articles/$page_slug/comments" >/dev/null
    local total; total=$(comment_count "$slug")
    local page_total; page_total=$(comment_count "$page_slug")
    wrk -t1 -c1 -d"$PAGE_DURATION" --latency "$base/news/$page_slug" >"$work/$name-page1.txt"
    wrk -t"$THREADS" -c"$CONNS" -d"$PAGE_DURATION" --latency "$base/news/$page_slug" >"$work/$name-page.txt"
    wrk -t1 -c1 -d"$PAGE_DURATION" --latency "$base/news/$slug" >"$work/$name-pagebig.txt"
    local lat50 lat99 page_rps big50 big99
    lat50=$(awk '/^ +50%/ {print $2}' "$work/$name-page1.txt")
    lat99=$(awk '/^ +99%/ {print $2}' "$work/$name-page1.txt")
    page_rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$name-page.txt")
    big50=$(awk '/^ +50%/ {print $2}' "$work/$name-pagebig.txt")
    big99=$(awk '/^ +99%/ {print $2}' "$work/$name-pagebig.txt")
    local errors; errors=$(awk '/Non-2xx/ {print $5}' "$work/$name-post.txt")
    printf '%-10s comments/s (stored, committed): %6s   non-2xx during the run: %s\n' "$name" "$per_second" "${errors:-0}"
    printf '%-10s article page with %s comments: one client p50 %s, p99 %s; %s req/s with %s connections\n' \
        "$name" "$page_total" "$lat50" "$lat99" "$page_rps" "$CONNS"
    printf '%-10s article page with %s comments: one client p50 %s, p99 %s\n' "$name" "$total" "$big50" "$big99"
    echo "$name $per_second $lat50" >> "$work/summary"
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
print(f"WordPress anchor ({sys.argv[1]}, {data.get('when', '?')}):")
wp_posts = data["comments_conc"]["per_s"]        # wp-comments-post.php, 8 concurrent
wp_page = data["single_client"]["wp"]["p50_ms"]  # its article page (5 comments), one client
static_page = data["single_client"]["static"]["p50_ms"]
for line in open(sys.argv[2]):
    name, cps, p50 = line.split()
    page_ms = float(p50[:-2]) if p50.endswith("ms") else float(p50[:-2]) / 1000 if p50.endswith("us") else float(p50[:-1]) * 1000
    print(f"{name:<10} comments/s {cps} = {float(cps) / wp_posts:.0f}x WordPress ({wp_posts}/s with {data['comments_conc']['concurrency']} clients)")
    print(f"{name:<10} article page with 5,000 comments p50 {page_ms:.1f} ms; WordPress with 5 comments {wp_page} ms "
          f"(ours is {wp_page / page_ms:.1f}x faster); the same page as a static file {static_page} ms")
PY
else
    echo "(no WordPress anchor results at $anchor: run shared/bench/anchor-wordpress.sh for side-by-side ratios)"
fi
