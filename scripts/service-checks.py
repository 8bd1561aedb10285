#!/usr/bin/env python3
"""Checks of `vsoko serve` as a running process: start-up time, durability under kill -9,
a graceful stop on SIGTERM, idle and slow clients, the refusal to listen publicly without
keys, a bad keys file, and the request log (no submitted values in it).

Usage: scripts/service-checks.py BINARY DB_URL

DB_URL is `sqlite` (each check then gets a fresh sqlite:///tmp/... file) or a PostgreSQL URL
`postgres://user@127.0.0.1:PORT/DB`, used as given (school names carry a random suffix, so
rows of earlier runs do not interfere).

Every check prints `ok: ...`; the end prints `# pass N`. The first failure prints
`FAIL: ...` and exits 1. Python 3.11 standard library only.
"""

import hashlib
import http.client
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

PASSED = 0
RUN = "%06x" % random.randrange(16**6)
PERIOD = "2024/25"
METHODOLOGY = "nocko-1547"


class Failed(Exception):
    pass


def fail(why):
    raise Failed(why)


def ok(what):
    global PASSED
    PASSED += 1
    print(f"ok: {what}", flush=True)


def free_port(host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = 1 << 20
    if soft == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            pass
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def default_nofile():
    """The child starts with the usual soft limit of 1,024 open files, as a service started
    by hand would: the server must raise it itself to hold thousands of clients."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(1024, hard), hard))
    except (ValueError, OSError):
        pass


class Server:
    """One `vsoko serve` process; stdout and stderr go to temp files."""

    def __init__(self, binary, db, host="127.0.0.1", port=None, keys=None, extra=(), nofile=False):
        self.host = host
        self.port = port or free_port(host)
        self.listen = f"{host}:{self.port}"
        self.db = db
        self.dir = tempfile.mkdtemp(prefix="vsoko-serve-")
        self.out_path = os.path.join(self.dir, "stdout")
        self.err_path = os.path.join(self.dir, "stderr")
        args = [binary, "serve", "--listen", self.listen, "--db", db]
        if keys:
            args += ["--keys", keys]
        args += list(extra)
        pre = default_nofile if nofile else None
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.started = time.monotonic()
            self.proc = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=out, stderr=err, preexec_fn=pre
            )

    def stdout(self):
        with open(self.out_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stderr(self):
        with open(self.err_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def wait_healthy(self, within):
        """Polls /healthz until 200; returns seconds since the process started."""
        deadline = self.started + within
        last = "no answer"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                fail(
                    f"the server exited with {self.proc.returncode} before answering; "
                    f"stderr: {self.stderr().strip()[-800:]}"
                )
            try:
                status, _, body = request("127.0.0.1", self.port, "GET", "/healthz", timeout=1)
                if status == 200:
                    return time.monotonic() - self.started, body
                last = f"status {status}"
            except OSError as e:
                last = str(e)
            time.sleep(0.02)
        fail(f"/healthz did not answer 200 within {within} s of the start ({last})")

    def kill(self):
        """Kills the process if it still runs and removes its output files."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def terminate(self, within=10):
        """SIGTERM, then waits; returns the exit code (None when it did not exit)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(within)
        except subprocess.TimeoutExpired:
            return None


def request(host, port, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        conn.close()


def submission(school, value):
    return json.dumps(
        {
            "school": school,
            "municipality": f"Город {RUN}",
            "period": PERIOD,
            "methodology": METHODOLOGY,
            "values": {"1.1": value, "2.7": "n/a"},
        }
    ).encode()


class Databases:
    def __init__(self, url):
        self.url = url
        self.files = []

    def fresh(self):
        if self.url != "sqlite":
            return self.url
        fd, path = tempfile.mkstemp(prefix="vsoko-checks-", suffix=".db")
        os.close(fd)
        os.unlink(path)
        self.files.append(path)
        return f"sqlite://{path}"

    def clean(self):
        for p in self.files:
            for suffix in ("", "-wal", "-shm", "-journal"):
                try:
                    os.unlink(p + suffix)
                except OSError:
                    pass


# 1 ---------------------------------------------------------------------------------------


def check_startup(binary, dbs):
    db = dbs.fresh()
    s = Server(binary, db)
    try:
        took, body = s.wait_healthy(2.0)
        health = json.loads(body)
        if health.get("status") != "ok" or "version" not in health:
            fail(f"/healthz answered {body!r}, expected {{\"status\":\"ok\",\"version\":…}}")
        line = s.stdout().strip()
        if f"http://{s.listen}" not in line:
            fail(f"the start line does not name the address {s.listen}: {line!r}")
        shown = db if "@" not in db else db.split("@", 1)[1]
        if "база данных" not in line or shown not in line:
            fail(f"the start line does not name the database {db}: {line!r}")
        ok(f"startup: /healthz 200 after {took * 1000:.0f} ms (limit 2000 ms); start line: {line}")
    finally:
        s.kill()


# 2 ---------------------------------------------------------------------------------------


def check_kill9(binary, dbs):
    db = dbs.fresh()
    schools = [f"Школа {RUN} kill9 № {i}" for i in range(6)]
    stop = threading.Event()
    posted = [0]
    lock = threading.Lock()
    answered = []  # (id, school, version, total)
    problems = []

    s = Server(binary, db)

    def client(seed):
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
        while not stop.is_set():
            school = rnd.choice(schools)
            value = rnd.randrange(0, 11)
            try:
                with lock:
                    posted[0] += 1
                conn.request(
                    "POST",
                    "/v1/submissions",
                    body=submission(school, value),
                    headers={"Content-Type": "application/json"},
                )
                r = conn.getresponse()
                body = r.read()
            except (OSError, http.client.HTTPException):
                return  # the server is gone
            if r.status != 201:
                problems.append(f"POST /v1/submissions answered {r.status}: {body[:300]!r}")
                return
            d = json.loads(body)
            with lock:
                answered.append((d["id"], school, d["version"], d["total"]))

    try:
        s.wait_healthy(5)
        threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.5)
        s.proc.send_signal(signal.SIGKILL)
        s.proc.wait()
        killed_with = len(answered)
        stop.set()
        for t in threads:
            t.join(15)
        if problems:
            fail(f"kill -9: before the kill {problems[0]}")
        if not answered:
            fail("kill -9: no submission was answered 201 in 1.5 s")
    finally:
        stop.set()
        s.kill()

    s2 = Server(binary, db)
    try:
        s2.wait_healthy(10)
        first_id = {}
        for id_, school, _, _ in answered:
            first_id.setdefault(school, id_)
        histories = {}
        for school, id_ in first_id.items():
            status, _, body = request("127.0.0.1", s2.port, "GET", f"/v1/submissions/{id_}/history")
            if status != 200:
                fail(f"after restart GET /v1/submissions/{id_}/history answered {status}: {body[:300]!r}")
            rows = json.loads(body)
            histories[school] = rows
            versions = [r["version"] for r in rows]
            if versions != list(range(1, len(rows) + 1)):
                fail(f"after restart the versions of {school!r} are {versions}, expected 1..{len(rows)}")
            for r in rows:
                if r["school"] != school or r["period"] != PERIOD or r["methodology"] != METHODOLOGY:
                    fail(f"history of {school!r} holds a row of another submission: {r}")
        stored = {r["id"]: r for rows in histories.values() for r in rows}
        for id_, school, version, total in answered:
            r = stored.get(id_)
            if r is None:
                fail(f"id {id_} ({school!r} version {version}) was answered 201 but is lost after kill -9")
            if r["version"] != version or r["total"] != total:
                fail(
                    f"id {id_}: answered version {version} total {total}, "
                    f"stored version {r['version']} total {r['total']}"
                )
        # The latest list agrees with the histories.
        q = urllib.parse.urlencode({"period": PERIOD, "municipality": f"Город {RUN}", "methodology": METHODOLOGY})
        status, _, body = request("127.0.0.1", s2.port, "GET", f"/v1/submissions?{q}")
        if status != 200:
            fail(f"after restart GET /v1/submissions?{q} answered {status}: {body[:300]!r}")
        latest = {r["school"]: r["version"] for r in json.loads(body) if r["school"] in histories}
        for school, rows in histories.items():
            if latest.get(school) != len(rows):
                fail(f"the latest version of {school!r} is {latest.get(school)}, history has {len(rows)}")
        unanswered_kept = len(stored) - len(answered)
        ok(
            f"kill -9 durability: {posted[0]} posted, {killed_with} answered 201 before the kill "
            f"({posted[0] - killed_with} in flight), "
            f"all {len(answered)} found with their version and total after restart "
            f"({unanswered_kept} more rows committed but unanswered); versions 1..n without gaps "
            f"for {len(histories)} schools"
        )
    finally:
        s2.kill()


# 3 ---------------------------------------------------------------------------------------


def batch_csv(columns, rows):
    rnd = random.Random(7)
    maxes = [int(float(m)) for _, m in columns]
    out = ["school," + ",".join(c for c, _ in columns)]
    for i in range(rows):
        out.append(f"Школа {i}," + ",".join(str(rnd.randint(0, m)) for m in maxes))
    return ("\n".join(out) + "\n").encode()


def check_sigterm(binary, dbs):
    db = dbs.fresh()
    s = Server(binary, db)
    try:
        s.wait_healthy(5)
        status, _, body = request("127.0.0.1", s.port, "GET", "/v1/methodologies/index-2023")
        if status != 200:
            fail(f"GET /v1/methodologies/index-2023 answered {status}")
        m = json.loads(body)
        columns = [(i["id"], i.get("max", "1")) for i in m.get("inputs") or m["indicators"]]
        rows = 20000
        csv = batch_csv(columns, rows)
        # Several at once, so that the stop surely finds them running.
        n = 3
        results = [None] * n
        sent = [threading.Event() for _ in range(n)]

        def post(k):
            conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=120)
            try:
                conn.request("POST", "/v1/batch", body=csv, headers={"Content-Type": "text/csv"})
                sent[k].set()
                r = conn.getresponse()
                data = r.read()
                results[k] = (r.status, r.getheader("Content-Length"), data, time.monotonic())
            except (OSError, http.client.HTTPException) as e:
                sent[k].set()
                results[k] = ("error", None, repr(e).encode(), time.monotonic())
            finally:
                conn.close()

        threads = [threading.Thread(target=post, args=(k,)) for k in range(n)]
        for t in threads:
            t.start()
        for e in sent:
            e.wait(60)
        time.sleep(0.1)
        in_flight = sum(1 for r in results if r is None)
        signalled = time.monotonic()
        s.proc.send_signal(signal.SIGTERM)
        # A new connection after the signal: refused, or no answer.
        time.sleep(0.2)
        late = "refused"
        try:
            st, _, _ = request("127.0.0.1", s.port, "GET", "/healthz", timeout=3)
            late = f"answered {st}"
        except ConnectionRefusedError:
            late = "refused"
        except (OSError, http.client.HTTPException) as e:
            late = f"no answer ({type(e).__name__})"
        try:
            code = s.proc.wait(10)
        except subprocess.TimeoutExpired:
            fail("after SIGTERM the server did not exit within 10 s")
        exited = time.monotonic() - signalled
        for t in threads:
            t.join(30)
        if in_flight == 0:
            fail("SIGTERM: every batch had finished before the signal; the check proves nothing (make it bigger)")
        for k, r in enumerate(results):
            if r is None:
                fail(f"batch request {k} has no result")
            status, length, data, _ = r
            if status != 200:
                fail(f"batch request {k} in flight at SIGTERM: {status} {data[:300]!r}, expected a complete 200")
            if length is not None and int(length) != len(data):
                fail(f"batch request {k}: Content-Length {length}, got {len(data)} bytes")
            lines = data.decode("utf-8").rstrip("\n").split("\n")
            if len(lines) != rows + 1:
                fail(f"batch request {k}: {len(lines)} CSV lines, expected {rows + 1} (header + {rows})")
        if code != 0:
            fail(f"after SIGTERM the server exited with {code}, expected 0; stderr: {s.stderr()[-500:]!r}")
        if "остановлен" not in s.stderr():
            fail("after SIGTERM stderr has no «vsoko serve: остановлен…» line")
        if late.startswith("answered"):
            fail(f"a new connection after SIGTERM was {late}, expected refused or no answer")
        finished_after = max(r[3] for r in results) - signalled
        ok(
            f"graceful SIGTERM: {in_flight} of {n} batch requests ({rows} rows, {len(csv) // 1024} KiB each) "
            f"in flight at the signal all answered 200 complete (last {finished_after:.2f} s after it); "
            f"exit 0 after {exited:.2f} s; new connection {late}; «остановлен» logged"
        )
    finally:
        s.kill()


# 4 ---------------------------------------------------------------------------------------


def check_idle_and_slow(binary, dbs):
    limit = raise_nofile()
    idle_n, slow_n = 2000, 50
    if limit < idle_n + slow_n + 200:
        fail(f"RLIMIT_NOFILE is {limit}; {idle_n + slow_n + 200} needed for this check")
    db = dbs.fresh()
    s = Server(binary, db, nofile=True)
    idle, slow = [], []
    stop = threading.Event()
    slow_errors = []
    try:
        s.wait_healthy(5)
        for _ in range(idle_n):
            c = socket.create_connection(("127.0.0.1", s.port), timeout=5)
            idle.append(c)
        for _ in range(slow_n):
            c = socket.create_connection(("127.0.0.1", s.port), timeout=5)
            c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            slow.append(c)

        def drip():
            while not stop.wait(0.5):
                for c in slow:
                    try:
                        c.sendall(b"a")
                    except OSError as e:
                        slow_errors.append(e)

        dripper = threading.Thread(target=drip, daemon=True)
        dripper.start()
        time.sleep(1.0)
        worst = 0.0
        for i in range(20):
            t0 = time.monotonic()
            try:
                status, _, body = request("127.0.0.1", s.port, "GET", "/healthz", timeout=1)
            except (OSError, http.client.HTTPException) as e:
                fail(
                    f"with {idle_n} idle and {slow_n} slow connections /healthz #{i + 1} did not "
                    f"answer within 1 s: {e!r}"
                )
            took = time.monotonic() - t0
            worst = max(worst, took)
            if status != 200 or took > 1.0:
                fail(f"/healthz #{i + 1}: status {status} after {took:.3f} s (expected 200 within 1 s)")
            time.sleep(0.05)
        if s.proc.poll() is not None:
            fail(f"the server exited with {s.proc.returncode} under idle connections")
        stop.set()
        for c in idle + slow:
            c.close()
        time.sleep(0.2)
        status, _, _ = request("127.0.0.1", s.port, "GET", "/healthz", timeout=2)
        if status != 200:
            fail(f"after closing the idle connections /healthz answered {status}")
        ok(
            f"idle and slow clients: {idle_n} idle + {slow_n} slowloris connections open, "
            f"/healthz 200 20 times, worst {worst * 1000:.1f} ms"
        )
    finally:
        stop.set()
        for c in idle + slow:
            try:
                c.close()
            except OSError:
                pass
        s.kill()


# 5 ---------------------------------------------------------------------------------------


def keys_file(entries):
    fd, path = tempfile.mkstemp(prefix="vsoko-keys-", suffix=".json")
    with os.fdopen(fd, "w") as f:
        json.dump({"keys": entries}, f)
    return path


def check_public(binary, dbs):
    db = dbs.fresh()
    port = free_port("0.0.0.0")
    s = Server(binary, db, host="0.0.0.0", port=port)
    try:
        try:
            code = s.proc.wait(5)
        except subprocess.TimeoutExpired:
            fail("--listen 0.0.0.0 without --keys: still running after 5 s, expected exit 2")
        err = s.stderr()
        if code != 2:
            fail(f"--listen 0.0.0.0 without --keys exited with {code}, expected 2; stderr: {err!r}")
        if "public_without_keys" not in err:
            fail(f"--listen 0.0.0.0 without --keys: stderr lacks public_without_keys: {err!r}")
        if s.stdout().strip():
            fail(f"--listen 0.0.0.0 without --keys printed a start line: {s.stdout()!r}")
    finally:
        s.kill()
    ok("no keys, public address: exit 2 with public_without_keys")

    key = f"admin-key-{RUN}-{random.randrange(10**9)}"
    path = keys_file([{"sha256": hashlib.sha256(key.encode()).hexdigest(), "role": "admin"}])
    s = Server(binary, db, host="0.0.0.0", port=free_port("0.0.0.0"), keys=path)
    try:
        took, _ = s.wait_healthy(5)
        status, _, body = request("127.0.0.1", s.port, "GET", "/v1/methodologies")
        if status != 401:
            fail(f"with --keys GET /v1/methodologies without a key answered {status}, expected 401: {body[:200]!r}")
        status, _, body = request(
            "127.0.0.1", s.port, "GET", "/v1/methodologies", headers={"Authorization": "Bearer wrong"}
        )
        if status != 401:
            fail(f"with --keys GET /v1/methodologies with a wrong key answered {status}, expected 401")
        status, _, body = request(
            "127.0.0.1", s.port, "GET", "/v1/methodologies", headers={"Authorization": f"Bearer {key}"}
        )
        if status != 200:
            fail(f"with --keys GET /v1/methodologies with the admin key answered {status}, expected 200: {body[:200]!r}")
        if "ключи: 1" not in s.stdout():
            fail(f"the start line does not say one key: {s.stdout()!r}")
        ok(
            f"keys, public address: 0.0.0.0 with an admin key starts ({took * 1000:.0f} ms), /healthz 200 "
            "without a key, /v1/methodologies 401 without (and with a wrong) key, 200 with it"
        )
    finally:
        s.kill()
        os.unlink(path)


# 6 ---------------------------------------------------------------------------------------


def check_bad_keys(binary, dbs):
    db = dbs.fresh()
    good = hashlib.sha256(b"k").hexdigest()
    path = keys_file([{"sha256": "xyz", "role": "admin"}, {"sha256": good, "role": "root"}])
    s = Server(binary, db, keys=path)
    try:
        try:
            code = s.proc.wait(5)
        except subprocess.TimeoutExpired:
            fail("a keys file with two bad entries: still running after 5 s, expected exit 2")
        err = s.stderr()
        if code != 2:
            fail(f"a keys file with two bad entries: exit {code}, expected 2; stderr: {err!r}")
        for entry in ("запись 1", "запись 2"):
            if entry not in err:
                fail(f"a keys file with two bad entries: stderr does not name «{entry}»: {err!r}")
        ok("bad keys file: exit 2, stderr names «запись 1» and «запись 2»")
    finally:
        s.kill()
        os.unlink(path)


# 7 ---------------------------------------------------------------------------------------


def check_log(binary, dbs):
    db = dbs.fresh()
    secret = f"Секретная школа {RUN}"
    s = Server(binary, db)
    try:
        s.wait_healthy(5)  # one or more /healthz lines
        status, _, body = request(
            "127.0.0.1",
            s.port,
            "POST",
            "/v1/submissions",
            body=submission(secret, 7),
            headers={"Content-Type": "application/json"},
        )
        if status != 201:
            fail(f"POST /v1/submissions answered {status}: {body[:300]!r}")
        id_ = json.loads(body)["id"]
        q = urllib.parse.urlencode({"school": secret, "period": PERIOD})
        for path in (f"/v1/submissions?{q}", f"/v1/submissions/{id_}/history"):
            status, _, body = request("127.0.0.1", s.port, "GET", path)
            if status != 200 or secret not in body.decode():
                fail(f"GET {path} answered {status}: {body[:300]!r}")
        # A bad request that carries the name, and an unknown path that carries it.
        status, _, _ = request(
            "127.0.0.1",
            s.port,
            "POST",
            "/v1/submissions",
            body=json.dumps({"school": secret, "period": PERIOD, "values": {"1.1": 99}, "methodology": METHODOLOGY}).encode(),
            headers={"Content-Type": "application/json"},
        )
        if status < 400:
            fail(f"POST /v1/submissions with 1.1 = 99 answered {status}, expected an error")
        request("127.0.0.1", s.port, "GET", "/" + urllib.parse.quote(secret))
        code = s.terminate(10)
        if code != 0:
            fail(f"SIGTERM: exit {code}, expected 0")
        err = s.stderr()
        lines = [ln for ln in err.splitlines() if ln.strip()]
        logged = 0
        for ln in lines:
            if ln.startswith("vsoko serve:"):
                continue
            try:
                d = json.loads(ln)
            except ValueError:
                fail(f"a stderr line is not JSON: {ln!r}")
            if not isinstance(d, dict) or set(d) != {"method", "route", "status", "latency_us", "time"}:
                fail(f"a log line has keys {sorted(d) if isinstance(d, dict) else d!r}, expected method, route, status, latency_us, time: {ln!r}")
            logged += 1
        if logged < 6:
            fail(f"{logged} log lines for at least 6 requests: {err!r}")
        leaks = [ln for ln in lines if secret in ln or "Секретная" in ln or "%D0%A1" in ln.upper()]
        if leaks:
            fail(f"the school name appears in stderr: {leaks[0]!r}")
        ok(f"log lines: {logged} JSON lines with exactly method, route, status, latency_us, time; the school name is not logged")
    finally:
        s.kill()


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    binary, url = sys.argv[1], sys.argv[2]
    if not os.access(binary, os.X_OK):
        print(f"FAIL: {binary} is not an executable", flush=True)
        return 1
    if url != "sqlite" and not url.startswith(("postgres://", "postgresql://")):
        print(f"FAIL: DB_URL must be `sqlite` or postgres://…, not {url!r}", flush=True)
        return 1
    dbs = Databases(url)
    started = time.monotonic()
    try:
        for check in (
            check_startup,
            check_kill9,
            check_sigterm,
            check_idle_and_slow,
            check_public,
            check_bad_keys,
            check_log,
        ):
            check(binary, dbs)
    except Failed as e:
        print(f"FAIL: {e}", flush=True)
        return 1
    finally:
        dbs.clean()
    print(f"# service checks ({'SQLite' if url == 'sqlite' else 'PostgreSQL'}) took {time.monotonic() - started:.1f} s")
    print(f"# pass {PASSED}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
