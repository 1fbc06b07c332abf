#!/usr/bin/env bash
# The article miss at one client: the demo site, 30 comments posted to the demo article, then
# MISSES requests of it on one kept-alive connection, each with a new `?rpage=` so that each is
# rendered (X-Gazette-Cache: miss is checked). Prints the median and p90 latency and the
# server's CPU per miss, for each build named (default: this tree's release build), in ROUNDS
# interleaved rounds. Loopback only; each round is bounded by MISSES.
#   usage: scripts/bench/miss.sh [BIN ...]     e.g. ROUNDS=3 scripts/bench/miss.sh old/gazette
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
MISSES=${MISSES:-300}
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
    swift build -c release --product gazette 2>&1 | tail -n 1
    bins=("$(swift build -c release --show-bin-path)/gazette")
fi
article=/news/russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties
for round in $(seq 1 "$ROUNDS"); do
    for bin in "${bins[@]}"; do
        work=$(mktemp -d)
        port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        "$bin" serve --database-url "sqlite://$work/site.sqlite" --port "$port" --demo \
            --comment-rate-client 0 --comment-rate-story 0 --comment-rate-api 0 >"$work/log" 2>&1 &
        server=$!
        for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.2; done
        for n in $(seq 1 30); do
            curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' \
                -d "{\"name\":\"Reader $n\",\"text\":\"Comment number $n, about as long as a real one, give or take.\"}" \
                "http://127.0.0.1:$port/api/v1/articles/${article#/news/}/comments"
        done
        sleep 1
        before=$(awk '{print $14 + $15}' "/proc/$server/stat")
        figures=$(python3 - "$port" "$article" "$MISSES" <<'PY'
import http.client, statistics, sys, time
port, path, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
times = []
for i in range(count):
    start = time.perf_counter()
    connection.request("GET", f"{path}?rpage={i + 2}")
    response = connection.getresponse()
    response.read()
    assert response.getheader("X-Gazette-Cache") == "miss", response.getheader("X-Gazette-Cache")
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"median {statistics.median(times):.2f} ms, p90 {times[int(len(times) * 0.9)]:.2f} ms")
PY
)
        after=$(awk '{print $14 + $15}' "/proc/$server/stat")
        ticks=$(getconf CLK_TCK)
        echo "round $round $bin: $figures, server CPU $(( (after - before) * 1000000 / ticks / MISSES )) µs per miss"
        kill "$server"; wait "$server" 2>/dev/null || true
        rm -rf "$work"
    done
done
