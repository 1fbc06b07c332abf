# Shared by the benchmarks: `run NAME URL CONNS [LUA]` drives one address with wrk and prints
# "NAME req/s p50-ms p99-ms non-2xx cpu-µs/request", the CPU counted from the server process
# (`$server`) or, for names starting with static or wordpress, from nginx's workers.
# Needs $work, $server, $THREADS and $DURATION set by the caller.
parse=$(cat <<'PY'
import re, sys
name, ticks, hz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
text = sys.stdin.read()
rate = float(re.search(r'Requests/sec:\s+([\d.]+)', text).group(1))
count = int(re.search(r'(\d+) requests in', text).group(1))
def pct(p):
    m = re.search(r'\s%s%%\s+([\d.]+)(us|ms|s)\b' % p, text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == 'us' else value * 1000 if unit == 's' else value
errors = re.search(r'Non-2xx or 3xx responses: (\d+)', text)
cpu = ticks / hz * 1e6 / count if ticks >= 0 and count else -1
print('%s %.1f %.3f %.3f %s %.1f' % (name, rate, pct(50), pct(99), errors.group(1) if errors else 0, cpu))
PY
)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
nginx_ticks() { local total=0; for pid in $(pgrep -f "nginx: worker" || true); do total=$((total + $(cpu_ticks "$pid"))); done; echo "$total"; }
run() {  # run NAME URL CONNS [SCRIPT]: prints "NAME req/s p50 p99 errors cpu-µs/request"
    local name=$1 url=$2 conns=$3 script=${4:-} before after ticks
    if [[ $name == static* || $name == wordpress* ]]; then before=$(nginx_ticks); else before=$(cpu_ticks "$server"); fi
    wrk -t"$( [ "$conns" = 1 ] && echo 1 || echo "$THREADS")" -c"$conns" -d"$DURATION" --latency ${script:+-s "$script"} "$url" >"$work/wrk.txt" 2>&1 || true
    if [[ $name == static* || $name == wordpress* ]]; then after=$(nginx_ticks); else after=$(cpu_ticks "$server"); fi
    ticks=$((after - before))
    [[ $name == wordpress* ]] && ticks=-1  # php-fpm and MariaDB do its work: not counted here
    python3 -c "$parse" "$name" "$ticks" "$(getconf CLK_TCK)" <"$work/wrk.txt" || { cat "$work/wrk.txt" >&2; exit 1; }
}

