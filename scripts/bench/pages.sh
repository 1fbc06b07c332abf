#!/usr/bin/env bash
# Gazette's public pages side by side with their physical limit and with WordPress, in one
# run, interleaved, on loopback only. Gazette (release build, SQLite) holds the seed demo and
# the News Articles corpus; wrk drives its article page (the seed story with 20 comments),
# home page, a rubric page, the RSS feed, a search and a comment POST; nginx serves the same
# article HTML as a static file (one worker per core) and Debian's WordPress its article page
# (both from ../shared/bench/anchor-wordpress.sh setup; WordPress is left out when it is not
# running). Prints req/s, p50/p99, server CPU per request, peak RSS, the ratios
# Gazette/static and Gazette/WordPress, the cold start to the first served page, the time
# from a publish to the story on the home page, and with BIG=1 the memory at 100,000 stories.
#   usage: scripts/bench/pages.sh [NEWS.jsonl]     (default $CORPUS_DIR/newsarticles.jsonl)
# Tunables: ROUNDS=2 DURATION=8s THREADS=2 CONNS=32 BIG=0 BIG_STORIES=100000 BIG_READY_TIMEOUT=1200
#           ANCHOR_BASE=/tmp/anchor-wp STATIC_PORT=18081
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-${CORPUS_DIR:-/tmp/corpus}/newsarticles.jsonl}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-8s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
BIG=${BIG:-0}
BIG_STORIES=${BIG_STORIES:-100000}
BIG_READY_TIMEOUT=${BIG_READY_TIMEOUT:-1200}
ANCHOR_BASE=${ANCHOR_BASE:-/tmp/anchor-wp}
STATIC_PORT=${STATIC_PORT:-18081}
[ -f "$corpus" ] || { echo "missing $corpus (see ../shared/corpus/README.md)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
curl -fs -o /dev/null "http://127.0.0.1:$STATIC_PORT/" \
    || { echo "start the anchors first: ../shared/bench/anchor-wordpress.sh setup" >&2; exit 1; }
wp_url=""
if [ -f "$ANCHOR_BASE/etc/main_url" ] && curl -fs -o /dev/null "$(cat "$ANCHOR_BASE/etc/main_url")"; then
    wp_url=$(cat "$ANCHOR_BASE/etc/main_url")
fi
swift build -c release --product gazette 2>&1 | tail -n 1
bin=$(swift build -c release --show-bin-path)/gazette
work=$(mktemp -d)
server=""
stop_server() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; server=""; }
trap 'stop_server; rm -f "$ANCHOR_BASE/static/gazette-article.html"; rm -rf "$work"' EXIT
now() { date +%s.%N; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
db="sqlite://$work/site.sqlite"
flags=(--database-url "$db" --port "$port" --comment-rate-client 0 --comment-rate-story 0 --comment-rate-api 0)
start_server() {  # start_server [EXTRA FLAGS]: returns once /readyz answers 200 (at most 60 s)
    "$bin" serve "${flags[@]}" "$@" >>"$work/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 1 1200); do curl -fs -m 2 -o /dev/null "$base/readyz" && return 0; sleep 0.05; done
    echo "the server did not get ready" >&2; tail "$work/serve.log" >&2; exit 1
}

# The site: the seed demo first (it loads only into an empty site), then the corpus.
start_server --demo
stop_server
"$bin" import jsonl "$corpus" --database-url "$db" 2>&1 | tail -n 1
"$bin" token create --name bench --role editor --database-url "$db" >"$work/token"
token=$(tail -n 1 "$work/token")

# Cold start: from starting the process to the first article page served.
article="/news/russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties"
started=$(now)
"$bin" serve "${flags[@]}" >>"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 6000); do curl -fs -m 2 -o /dev/null "$base$article" && break; sleep 0.005; done
cold=$(python3 -c "print(($(now) - $started) * 1000)")
for _ in $(seq 1 1200); do curl -fs -m 2 -o /dev/null "$base/readyz" && break; sleep 0.05; done
ready=$(python3 -c "print(($(now) - $started) * 1000)")

for n in $(seq 1 20); do
    curl -fs -o /dev/null -H "Content-Type: application/json" -X POST \
        -d "{\"name\": \"Reader $n\", \"text\": \"Comment number $n on the talks in Kabul.\"}" "$base/api/v1/articles${article#/news}/comments"
done
curl -fs "$base$article" >"$ANCHOR_BASE/static/gazette-article.html"
# A rubric with stories, and another story to post comments to (the article keeps its 20).
rubric=$(grep -o 'href="/rubrics/[^"]*"' "$ANCHOR_BASE/static/gazette-article.html" | head -n 1 | cut -d'"' -f2)
other=$(curl -fs "$base/api/v1/articles?limit=2" | python3 -c "
import json, sys
items = json.load(sys.stdin)['items']
print([i['slug'] for i in items if i['slug'] != '${article#/news/}'][0])")
bytes=$(wc -c <"$ANCHOR_BASE/static/gazette-article.html")
gzipped=$(curl -fs -H 'Accept-Encoding: gzip' "$base$article" | wc -c)
echo "article: $bytes bytes of HTML ($gzipped gzipped), $(grep -c 'class="comment ' "$ANCHOR_BASE/static/gazette-article.html") comments; rubric page $rubric"

. scripts/bench/wrk-run.sh

results=$work/results.txt
for round in $(seq 1 "$ROUNDS"); do
    for conns in "$CONNS" 1; do
        run "article-c$conns" "$base$article" "$conns" | tee -a "$results"
        run "static-c$conns" "http://127.0.0.1:$STATIC_PORT/gazette-article.html" "$conns" | tee -a "$results"
        [ -n "$wp_url" ] && run "wordpress-c$conns" "$wp_url" "$conns" | tee -a "$results"
    done
    run "home-c$CONNS" "$base/" "$CONNS" | tee -a "$results"
    run "rubric-c$CONNS" "$base$rubric" "$CONNS" | tee -a "$results"
    run "rss-c$CONNS" "$base/feed.xml" "$CONNS" | tee -a "$results"
    run "search-c$CONNS" "$base/search?q=talks+kabul" "$CONNS" | tee -a "$results"
    run "comment-post-c$CONNS" "$base/api/v1/articles/$other/comments" "$CONNS" scripts/bench/comments.lua | tee -a "$results"
    run "article-gzip-c$CONNS" "$base$article" "$CONNS" scripts/bench/gzip.lua | tee -a "$results"
done

# A miss: the article right after a change to it (one client, each request after a new comment).
miss_ms=$(python3 - "$base" "$article" <<'PY'
import json, statistics, sys, time, urllib.request
base, article = sys.argv[1], sys.argv[2]
times = []
for n in range(30):
    body = json.dumps({"name": "Miss", "text": "Comment for the miss %d" % n}).encode()
    urllib.request.urlopen(urllib.request.Request(base + "/api/v1/articles" + article[len("/news"):] + "/comments", body, {"Content-Type": "application/json"})).read()
    start = time.perf_counter()
    with urllib.request.urlopen(base + article) as response:
        response.read()
        assert response.headers["X-Gazette-Cache"] == "miss", response.headers["X-Gazette-Cache"]
    times.append((time.perf_counter() - start) * 1000)
print("%.2f" % statistics.median(times))
PY
)

# From a publish to the story on the home page, as a reader polling it would see it.
publish_ms=$(python3 - "$base" "$token" <<'PY'
import json, statistics, sys, time, urllib.request
base, token = sys.argv[1], sys.argv[2]
def call(method, path, body=None):
    request = urllib.request.Request(base + path, json.dumps(body).encode() if body else None, method=method,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request))
times = []
for n in range(5):
    headline = "Bench story %d %f" % (n, time.time())
    story = call("POST", "/api/v1/admin/articles", {"headline": headline, "lead": "A lead.", "body": "A body."})
    urllib.request.urlopen(base + "/").read()  # the home page is cached before the publish
    start = time.perf_counter()
    call("POST", "/api/v1/admin/articles/%s/publish" % story["id"])
    while headline not in urllib.request.urlopen(base + "/").read().decode():
        if time.perf_counter() - start > 10: raise SystemExit("the story did not reach the home page in 10 s")
    times.append((time.perf_counter() - start) * 1000)
print("%.1f" % statistics.median(times))
PY
)
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
stories=$(curl -fs "$base/api/v1/articles?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["paging"]["total"])')
stop_server

big_line=""
if [ "$BIG" = 1 ]; then
    python3 - "$corpus" "$BIG_STORIES" >"$work/big.jsonl" <<'PY'
import datetime, json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip() and json.loads(l).get("published_at")]
for i in range(int(sys.argv[2])):
    src = dict(lines[i % len(lines)]); copy = i // len(lines)
    day = datetime.date.fromisoformat(src["published_at"][:10]) - datetime.timedelta(days=97 * copy)
    src["id"], src["published_at"] = f'{src["id"]}-{copy}', day.isoformat()
    if copy: src["title"] = f'{src["title"]} ({copy})'
    print(json.dumps(src))
PY
    db="sqlite://$work/big.sqlite"
    flags=(--database-url "$db" --port "$port")
    "$bin" import jsonl "$work/big.jsonl" --database-url "$db" 2>&1 | tail -n 1
    started=$(now)
    "$bin" serve "${flags[@]}" >>"$work/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 1 6000); do curl -fs -m 2 -o /dev/null "$base/" && break; sleep 0.005; done
    big_first=$(python3 -c "print(($(now) - $started) * 1000)")
    big_ready=""
    for _ in $(seq 1 "$BIG_READY_TIMEOUT"); do
        curl -fs -m 2 -o /dev/null "$base/readyz" && { big_ready=$(python3 -c "print($(now) - $started)"); break; }
        sleep 1
    done
    for path in / "$(curl -fs -m 10 "$base/api/v1/articles?limit=1" | python3 -c 'import json,sys; print("/news/" + json.load(sys.stdin)["items"][0]["slug"])')" /feed.xml /sitemap.xml; do
        curl -fs -m 10 -o /dev/null "$base$path"
    done
    big_rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
    big_hwm=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    big_line=$(printf '%s stories: first home page %.0f ms after start; Read next built %s; RSS %.0f MiB (peak %.0f MiB)' \
        "$BIG_STORIES" "$big_first" "${big_ready:+after $(printf '%.0f' "$big_ready") s}${big_ready:-not within $BIG_READY_TIMEOUT s}" "$((big_rss / 1024))" "$((big_hwm / 1024))")
    stop_server
fi

python3 - "$results" "$CONNS" "$cold" "$ready" "$miss_ms" "$publish_ms" "$rss_kb" "$stories" "$big_line" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
conns, cold, ready, miss, publish, rss, stories, big = sys.argv[2:10]
def figures(name):
    picked = [r for r in rows if r[0] == name]
    if not picked: return None
    return [statistics.median(float(r[i]) for r in picked) for i in range(1, 6)]
print(f"\nmedian of the rounds ({stories} stories)   req/s     p50 ms    p99 ms  non-2xx  CPU µs/req")
for name in [f"article-c{conns}", "article-c1", f"article-gzip-c{conns}", f"static-c{conns}", "static-c1", f"wordpress-c{conns}", "wordpress-c1",
             f"home-c{conns}", f"rubric-c{conns}", f"rss-c{conns}", f"search-c{conns}", f"comment-post-c{conns}"]:
    f = figures(name)
    if f:
        cpu = "-" if f[4] < 0 else f"{f[4]:.0f}"
        print(f"{name:28} {f[0]:10.0f} {f[1]:9.3f} {f[2]:9.3f} {f[3]:8.0f} {cpu:>10}")
article, static, wordpress = (figures(n) for n in [f"article-c{conns}", f"static-c{conns}", f"wordpress-c{conns}"])
line = f"\nGazette article / static file: {article[0] / static[0]:.2f}×"
if wordpress: line += f"   Gazette / WordPress: {article[0] / wordpress[0]:.0f}×"
print(line + "   (goal: ≥ 0.8× the static file)")
print(f"cold start to the first article page: {float(cold):.0f} ms (ready, Read next built: {float(ready):.0f} ms)")
print(f"article page after a change (a miss, one client, median of 30): {miss} ms")
print(f"publish to the story on the home page (median of 5): {publish} ms")
print(f"peak RSS of the server: {int(rss) / 1024:.0f} MiB")
if big: print(big)
PY
