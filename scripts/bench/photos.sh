#!/usr/bin/env bash
# The photo desk's costs, on loopback, release build, SQLite: the time from sending a
# 24-megapixel JPEG (6,000 × 4,000, made by the program) to the Admin API's answer — by then
# every variant exists (widths in WebP and JPEG, three crops, the placeholder) — with the
# server's peak memory; variants made per second; and requests/s for a cached variant beside
# nginx serving the same file as a static file (../shared/bench/anchor-wordpress.sh setup
# starts that nginx; without it the nginx line is left out).
#   usage: scripts/bench/photos.sh
# Tunables: UPLOADS=3 WIDTH=6000 HEIGHT=4000 ROUNDS=2 DURATION=8s THREADS=2 CONNS=32
#           ANCHOR_BASE=/tmp/anchor-wp STATIC_PORT=18081
set -euo pipefail
cd "$(dirname "$0")/../.."
UPLOADS=${UPLOADS:-3}
WIDTH=${WIDTH:-6000}
HEIGHT=${HEIGHT:-4000}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-8s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
ANCHOR_BASE=${ANCHOR_BASE:-/tmp/anchor-wp}
STATIC_PORT=${STATIC_PORT:-18081}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
nginx=""
curl -fs -o /dev/null "http://127.0.0.1:$STATIC_PORT/" && [ -d "$ANCHOR_BASE/static" ] && nginx=1
swift build -c release --product gazette 2>&1 | tail -n 1
swift build -c release --product gazette-bench 2>&1 | tail -n 1
bins=$(swift build -c release --show-bin-path)
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -f "$ANCHOR_BASE/static/gazette-photo.jpg"; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
db="sqlite://$work/site.sqlite"
"$bins/gazette" migrate --database-url "$db" >/dev/null
token=$("$bins/gazette" token create --name bench --role editor --database-url "$db" | tail -n 1)
"$bins/gazette" serve --database-url "$db" --port "$port" --photo-max-megapixels 30 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fs -m 2 -o /dev/null "$base/readyz" && break; sleep 0.1; done
rss() { awk "/^$1:/ {print int(\$2 / 1024)}" "/proc/$server/status"; }
echo "server ready: RSS $(rss VmRSS) MiB"

# Uploads, one at a time, each a different picture (the same file twice is one photo).
for n in $(seq 1 "$UPLOADS"); do
    "$bins/gazette-bench" photo "$WIDTH" "$HEIGHT" "$n" "$work/photo-$n.jpg"
done
echo "photo: ${WIDTH} × ${HEIGHT} px ($((WIDTH * HEIGHT / 1000000)) MP), $(( $(wc -c <"$work/photo-1.jpg") / 1024 )) KiB JPEG"
total_variants=0
total_seconds=0
for n in $(seq 1 "$UPLOADS"); do
    seconds=$(curl -fs -m 120 -o "$work/upload-$n.json" -w '%{time_total}' -H "Authorization: Bearer $token" \
        -F "photos=@$work/photo-$n.jpg;type=image/jpeg" "$base/api/v1/admin/photos")
    variants=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['created'][0]['sizes']))" "$work/upload-$n.json")
    echo "upload $n: ready in $seconds s ($variants variants and the placeholder), server peak RSS $(rss VmHWM) MiB"
    total_variants=$((total_variants + variants))
    total_seconds=$(python3 -c "print($total_seconds + $seconds)")
done
python3 -c "print('variants made: %.1f per second (%d in %.2f s, upload and decoding included)' % ($total_variants / $total_seconds, $total_variants, $total_seconds))"

# A cached variant: from this node's disk through the server, beside nginx with the same file.
variant=$(python3 -c "import json,sys; print([s['url'] for s in json.load(open(sys.argv[1]))['created'][0]['sizes'] if s['name'] == 'w960.jpg'][0])" "$work/upload-1.json")
curl -fs -o "$work/variant.jpg" "$base$variant"
echo "variant $variant: $(wc -c <"$work/variant.jpg") bytes"
[ -n "$nginx" ] && cp "$work/variant.jpg" "$ANCHOR_BASE/static/gazette-photo.jpg"
. scripts/bench/wrk-run.sh
results=$work/results.txt
for round in $(seq 1 "$ROUNDS"); do
    run "variant-c$CONNS" "$base$variant" "$CONNS" | tee -a "$results"
    [ -n "$nginx" ] && run "static-variant-c$CONNS" "http://127.0.0.1:$STATIC_PORT/gazette-photo.jpg" "$CONNS" | tee -a "$results"
    run "variant-c1" "$base$variant" 1 | tee -a "$results"
    [ -n "$nginx" ] && run "static-variant-c1" "http://127.0.0.1:$STATIC_PORT/gazette-photo.jpg" 1 | tee -a "$results"
done
python3 - "$results" "$CONNS" <<'PY'
import sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, rate, p50, p99, errors, cpu = line.split()
    runs[name].append(float(rate))
best = {name: max(rates) for name, rates in runs.items()}
for name, rate in sorted(best.items()):
    print("%-22s %10.0f req/s (best of %d)" % (name, rate, len(runs[name])))
for conns in ("c%s" % sys.argv[2], "c1"):
    ours, theirs = best.get("variant-" + conns), best.get("static-variant-" + conns)
    if ours and theirs:
        print("cached variant / nginx static, %s: %.2f×" % (conns, ours / theirs))
PY
echo "server peak RSS over the whole run: $(rss VmHWM) MiB"
