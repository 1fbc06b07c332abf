"""Shared pieces of the fault scripts: a Gazette binary, throw-away PostgreSQL servers (primary
and streaming replica, with deploy/postgresql/gazette.conf), nodes, nginx, HTTP and figures.
Loopback addresses only; every wait is bounded."""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SLUG = "russias-envoy-holds-talks-with-taliban-leaders-in-kabul-as-moscow-deepens-ties"


def binary():
    """The gazette binary: $GAZETTE_BIN, else the debug build (built if missing)."""
    path = os.environ.get("GAZETTE_BIN")
    if path:
        return path
    bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    path = os.path.join(bin_dir, "gazette")
    if not os.path.exists(path):
        subprocess.run(["swift", "build", "--product", "gazette"], cwd=ROOT, check=True)
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"ok: {message}", flush=True)


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, int(round(p / 100 * (len(ordered) - 1)))))
    return ordered[k]


def distribution(name, values_ms):
    print(f"{name}: n={len(values_ms)} min={min(values_ms):.1f} p50={percentile(values_ms, 50):.1f} p90={percentile(values_ms, 90):.1f} "
          f"p99={percentile(values_ms, 99):.1f} max={max(values_ms):.1f} ms", flush=True)


# ---------------------------------------------------------------- HTTP

def request(method, url, body=None, headers=None, timeout=10):
    """(status, headers dict lower-cased, body text); status 0 when the connection failed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        data = body if isinstance(body, (bytes, type(None))) else (json.dumps(body).encode() if not isinstance(body, str) else body.encode())
        all_headers = dict(headers or {})
        if data is not None and "Content-Type" not in all_headers:
            all_headers["Content-Type"] = "application/json"
        connection.request(method, parts.path + ("?" + parts.query if parts.query else ""), body=data, headers=all_headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text
    except (OSError, http.client.HTTPException):
        return 0, {}, ""
    finally:
        connection.close()


def post_comment(base, text, slug=SLUG, timeout=10):
    status, _, body = request("POST", f"{base}/api/v1/articles/{slug}/comments", {"name": "Flood", "text": text}, timeout=timeout)
    return status


def comment_texts(base, slug=SLUG):
    """Every published comment's text on the story, through the API (bounded paging)."""
    texts = []
    for page in range(1, 2000):
        status, _, body = request("GET", f"{base}/api/v1/articles/{slug}/comments?limit=100&page={page}")
        if status != 200:
            fail(f"listing comments answered {status}")
        data = json.loads(body)
        for comment in data.get("items", []):
            for item in [comment] + comment.get("replies", []):
                texts.append(re.sub(r"<[^>]+>", "", item.get("html", "")).strip())
        if page >= data.get("paging", {}).get("pages", 1):
            break
    return texts


# ---------------------------------------------------------------- PostgreSQL

def _as_postgres(args, **kwargs):
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, **kwargs)


class Postgres:
    """A PostgreSQL server on 127.0.0.1 with the deploy settings; a replica when `primary` is given."""

    def __init__(self, data_dir, primary=None, extra=()):
        self.bin = sorted(d for d in (os.path.join("/usr/lib/postgresql", v, "bin") for v in os.listdir("/usr/lib/postgresql")))[-1]
        self.data = data_dir
        self.port = free_port()
        shutil.rmtree(data_dir, ignore_errors=True)
        os.makedirs(data_dir)
        if os.geteuid() == 0:
            shutil.chown(data_dir, "postgres", "postgres")
        os.chmod(data_dir, 0o700)
        if primary is None:
            _as_postgres([f"{self.bin}/initdb", "-D", data_dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
                         check=True, capture_output=True)
        else:
            _as_postgres([f"{self.bin}/pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres", "-D", data_dir, "-R", "-X", "stream"],
                         check=True, capture_output=True)
        settings = open(os.path.join(ROOT, "deploy", "postgresql", "gazette.conf")).read()
        with open(os.path.join(data_dir, "postgresql.auto.conf"), "a") as conf:
            conf.write("\n" + settings + f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\nunix_socket_directories = '{data_dir}'\n")
            for line in extra:
                conf.write(line + "\n")
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "postgres:postgres", data_dir], check=True)
        self.start()
        if primary is None:
            self.sql("CREATE DATABASE gazette")

    def start(self):
        _as_postgres([f"{self.bin}/pg_ctl", "-D", self.data, "-l", os.path.join(self.data, "server.log"), "-w", "-t", "30", "start"], check=True, capture_output=True)

    def stop(self, mode="fast"):
        _as_postgres([f"{self.bin}/pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "30", "stop"], capture_output=True)

    def url(self, database="gazette"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, statement, database="postgres"):
        result = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database, "-Atc", statement],
                                capture_output=True, text=True, timeout=30)
        if result.returncode != 0:
            fail(f"psql: {result.stderr.strip()}")
        return result.stdout.strip()

    def close(self):
        self.stop("immediate")
        shutil.rmtree(self.data, ignore_errors=True)


# ---------------------------------------------------------------- nodes and nginx

class Node:
    """One `gazette serve` process on a free loopback port."""

    def __init__(self, database_url, work, name, args=(), port=None):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url
        self.log_path = os.path.join(work, f"{name}.log")
        self.args = list(args)
        self.process = None
        self.start()

    def start(self):
        log = open(self.log_path, "a")
        self.process = subprocess.Popen([binary(), "serve", "--port", str(self.port), "--database-url", self.database_url] + self.args,
                                        stdout=log, stderr=subprocess.STDOUT)

    def wait_ready(self, seconds=120):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                fail(f"node on {self.port} exited with {self.process.returncode}; log {self.log_path}:\n" + open(self.log_path).read()[-3000:])
            if request("GET", self.base + "/readyz", timeout=2)[0] == 200:
                return
            time.sleep(0.1)
        fail(f"node on {self.port} not ready within {seconds} s")

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def log(self):
        return open(self.log_path).read()


def editor_token(database_url):
    result = subprocess.run([binary(), "token", "create", "--name", "faults", "--role", "editor", "--database-url", database_url],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        fail("token create: " + result.stderr)
    return result.stdout.strip().splitlines()[-1].strip()


def admin(base, method, path, token, body=None, timeout=10):
    status, headers, text = request(method, base + path, body, {"Authorization": f"Bearer {token}"}, timeout=timeout)
    return status, (json.loads(text) if text.startswith("{") else {})


def new_story(base, token, headline, publish=True, extra=None):
    story = {"headline": headline, "lead": "Lead of " + headline, "body": "Body of " + headline, "rubric": "World", "tags": ["Faults"], "authors": ["Desk"]}
    story.update(extra or {})
    status, created = admin(base, "POST", "/api/v1/admin/articles", token, story)
    if status != 201:
        fail(f"creating a story answered {status}: {created}")
    if publish:
        status, _ = admin(base, "POST", f"/api/v1/admin/articles/{created['id']}/publish", token)
        if status != 200:
            fail(f"publishing answered {status}")
    return created


class Nginx:
    """deploy/nginx/gazette.conf with the nodes' ports, run in the foreground."""

    def __init__(self, work, node_ports):
        self.port = free_port()
        self.prefix = os.path.join(work, "nginx")
        os.makedirs(os.path.join(self.prefix, "logs"), exist_ok=True)
        site = open(os.path.join(ROOT, "deploy", "nginx", "gazette.conf")).read()
        servers = "".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=3s;\n" for port in node_ports)
        lines = [line for line in site.splitlines(keepends=True) if not line.strip().startswith("server 127.0.0.1:")]
        site = "".join(lines).replace("upstream gazette {\n", "upstream gazette {\n" + servers).replace("listen 80;", f"listen 127.0.0.1:{self.port};")
        with open(os.path.join(self.prefix, "site.conf"), "w") as f:
            f.write(site)
        with open(os.path.join(self.prefix, "nginx.conf"), "w") as f:
            f.write(f"worker_processes 2;\npid {self.prefix}/nginx.pid;\nerror_log {self.prefix}/logs/error.log warn;\n"
                    f"events {{ worker_connections 4096; }}\nhttp {{\n access_log off;\n"
                    f" client_body_temp_path {self.prefix}/body;\n proxy_temp_path {self.prefix}/proxy;\n"
                    f" fastcgi_temp_path {self.prefix}/fastcgi;\n uwsgi_temp_path {self.prefix}/uwsgi;\n scgi_temp_path {self.prefix}/scgi;\n"
                    f" include {self.prefix}/site.conf;\n}}\n")
        test = subprocess.run(["nginx", "-t", "-p", self.prefix, "-c", os.path.join(self.prefix, "nginx.conf")], capture_output=True, text=True)
        if test.returncode != 0:
            fail("nginx -t: " + test.stderr)
        self.process = subprocess.Popen(["nginx", "-p", self.prefix, "-c", os.path.join(self.prefix, "nginx.conf"), "-g", "daemon off;"])
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            if request("GET", self.base + "/healthz", timeout=1)[0] == 200:
                break
            time.sleep(0.1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def wrk(url, seconds, connections=16, threads=2, script=None):
    """Runs wrk; returns (requests, errors of any kind, requests/s, non-2xx/3xx)."""
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
    if script:
        args += ["-s", script]
    output = subprocess.run(args + [url], capture_output=True, text=True, timeout=seconds + 30).stdout
    requests = errors = bad = 0
    rate = 0.0
    for line in output.splitlines():
        line = line.strip()
        if " requests in " in line:
            requests = int(line.split()[0])
        elif line.startswith("Socket errors:"):
            errors = sum(int(part.split()[-1]) for part in line.split(":", 1)[1].split(","))
        elif line.startswith("Non-2xx or 3xx responses:"):
            bad = int(line.split(":")[1])
        elif line.startswith("Requests/sec:"):
            rate = float(line.split(":")[1])
    return requests, errors, rate, bad, output


def workdir(name):
    path = tempfile.mkdtemp(prefix=f"gazette-fault-{name}-")
    os.chmod(path, 0o755)
    return path


class Flood:
    """Threads posting uniquely numbered comments until stopped (or `seconds` pass)."""

    def __init__(self, base, label, threads=8, seconds=30, slug=SLUG):
        self.acked, self.sent, self.statuses = [], 0, {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.deadline = time.time() + seconds
        self.threads = [threading.Thread(target=self._run, args=(base, f"{label}-{i}", slug)) for i in range(threads)]
        for thread in self.threads:
            thread.start()

    def _run(self, base, prefix, slug):
        n = 0
        while not self.stopping.is_set() and time.time() < self.deadline:
            n += 1
            text = f"{prefix}-{n}"
            status = post_comment(base, text, slug=slug, timeout=5)
            with self.lock:
                self.sent += 1
                self.statuses[status] = self.statuses.get(status, 0) + 1
                if status in (201, 202):
                    self.acked.append(text)
            if status == 0:
                time.sleep(0.05)

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=20)
