#!/usr/bin/env bash
# Search latency on a large site, SQLite and PostgreSQL: replicates a dated corpus (News
# Articles) to $STORIES stories with shifted dates, imports it with `gazette import jsonl`,
# rebuilds the index with `gazette reindex`, then drives /api/v1/search with wrk on loopback
# for a bounded time and prints p50/p95/p99.
#   usage: scripts/bench/search.sh [DATED.jsonl]     (default $CORPUS_DIR/newsarticles.jsonl)
# Tunables: STORIES=100000 DURATION=15s CONNS=4 (measured after one client) STORES="sqlite postgres"
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-${CORPUS_DIR:-/tmp/corpus}/newsarticles.jsonl}
STORIES=${STORIES:-100000}
DURATION=${DURATION:-15s}
CONNS=${CONNS:-4}
STORES=${STORES:-sqlite postgres}
[ -f "$corpus" ] || { echo "missing $corpus" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
swift build -c release --product gazette 2>&1 | tail -n 1
bin=$(swift build -c release --show-bin-path)/gazette
work=$(mktemp -d)
server_pid=""
pg_started=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    [ -n "$pg_started" ] && scripts/stop-test-postgres /tmp/gazette-search-pg || true
    rm -rf "$work"
}
trap cleanup EXIT

python3 - "$corpus" "$STORIES" > "$work/stories.jsonl" <<'PY'
import datetime, json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
lines = [l for l in lines if l.get("published_at")]
for i in range(int(sys.argv[2])):
    src = dict(lines[i % len(lines)])
    copy = i // len(lines)
    day = datetime.date.fromisoformat(src["published_at"][:10]) - datetime.timedelta(days=97 * copy)
    src["id"] = f'{src["id"]}-{copy}'
    src["published_at"] = day.isoformat()
    if copy:
        src["title"] = f'{src["title"]} ({copy})'
    print(json.dumps(src))
PY
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

run_store() {  # run_store NAME DATABASE_URL
    local name=$1 url=$2 start
    start=$(date +%s.%N)
    "$bin" import jsonl "$work/stories.jsonl" --database-url "$url" | tail -n 1
    printf '%-10s import of %s stories: %.0f s\n' "$name" "$STORIES" "$(python3 -c "print($(date +%s.%N) - $start)")"
    start=$(date +%s.%N)
    "$bin" reindex --no-read-next --database-url "$url" | grep -v "^search index: [0-9]*/"
    local port; port=$(free_port)
    "$bin" serve --port "$port" --database-url "$url" >"$work/$name.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done
    curl -sf "http://127.0.0.1:$port/api/v1/search?q=trump&limit=1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("   sample: q=trump ->", d["paging"]["total"], "stories")'
    # One client, then $CONNS; a 10 s time-out so slow queries are timed, not dropped.
    for clients in 1 "$CONNS"; do
        wrk -t1 -c"$clients" -d"$DURATION" --timeout 10s -s scripts/bench/search.lua "http://127.0.0.1:$port" \
            | grep -E "search-latency|Requests/sec|Socket errors|Non-2xx" | sed "s/^/$name $clients client(s) /"
    done
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

for store in $STORES; do
    case $store in
    sqlite) run_store sqlite "sqlite://$work/search.sqlite" ;;
    postgres)
        if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
            pg_url=$(scripts/start-test-postgres /tmp/gazette-search-pg)
            pg_started=1
            run_store postgres "$pg_url"
        else
            echo "postgres   skipped: apt-get install postgresql"
        fi ;;
    esac
done
