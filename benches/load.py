#!/usr/bin/env python3
"""Constant-rate HTTP load for `vsoko serve` (benches/serve.sh), Python 3 standard library only.

wrk sends as fast as it can; this sends at a fixed rate and measures each request's latency
from the time it was *scheduled* to go, so a stall of the server (or of this client) counts
against every request that should have gone during it (no coordinated omission).

CONNECTIONS keep-alive connections, one thread each; request i belongs to connection
i mod CONNECTIONS and is scheduled at start + i / RATE. A connection that is late sends its
requests at once, and their latency includes the wait. Loopback only, bounded in count
(RATE x DURATION requests) and in time (it gives up DURATION + 15 s after the start).

    benches/load.py --port 8080 --path /v1/score --body FILE [--rate 1000] [--duration 20]
                    [--connections 32]

Prints one line: key=value pairs (sent, ok, errors, achieved rate, p50 / p99 / max from the
scheduled time, and p50 / p99 from the actual send, which leaves out this client's own
scheduling delay).
"""

import argparse
import socket
import sys
import threading
import time


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(q * (len(sorted_values) - 1)))))
    return sorted_values[k]


def read_response(sock, buf):
    """Reads one HTTP/1.1 response with a Content-Length; returns (status, rest of buf)."""
    while True:
        end = buf.find(b"\r\n\r\n")
        if end >= 0:
            break
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the headers")
        buf += chunk
    head = buf[:end].decode("latin-1")
    status = int(head.split(" ", 2)[1])
    length = None
    for line in head.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
        elif name.strip().lower() == "transfer-encoding" and "chunked" in value.lower():
            raise ConnectionError("chunked answers are not read by this client")
    if length is None:
        raise ConnectionError("no Content-Length")
    need = end + 4 + length
    while len(buf) < need:
        chunk = sock.recv(max(65536, need - len(buf)))
        if not chunk:
            raise ConnectionError("closed in the body")
        buf += chunk
    return status, buf[need:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--path", default="/v1/score")
    ap.add_argument("--body", required=True, help="the JSON body to POST")
    ap.add_argument("--rate", type=float, default=1000.0, help="requests per second")
    ap.add_argument("--duration", type=float, default=20.0, help="seconds")
    ap.add_argument("--connections", type=int, default=32)
    a = ap.parse_args()
    if a.host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("load.py: loopback only")
    body = open(a.body, "rb").read()
    request = (
        f"POST {a.path} HTTP/1.1\r\nHost: {a.host}:{a.port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    total = int(a.rate * a.duration)
    interval = 1.0 / a.rate
    # Waking threads must not wait long for the interpreter's lock.
    sys.setswitchinterval(0.0002)

    conns = []
    for _ in range(a.connections):
        s = socket.create_connection((a.host, a.port), timeout=10)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conns.append(s)

    from_schedule = [[] for _ in conns]
    from_send = [[] for _ in conns]
    errors = [0] * len(conns)
    start = time.perf_counter() + 0.2
    give_up = start + a.duration + 15.0

    def worker(k):
        sock, buf = conns[k], b""
        lat, svc = from_schedule[k], from_send[k]
        for i in range(k, total, len(conns)):
            due = start + i * interval
            now = time.perf_counter()
            if now > give_up:
                errors[k] += 1
                continue
            if due > now:
                time.sleep(due - now)
            sent = time.perf_counter()
            try:
                sock.sendall(request)
                status, buf = read_response(sock, buf)
            except (OSError, ConnectionError, ValueError, IndexError):
                errors[k] += 1
                try:
                    sock.close()
                    sock = socket.create_connection((a.host, a.port), timeout=10)
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                except OSError:
                    pass
                buf = b""
                continue
            done = time.perf_counter()
            if status >= 300:
                errors[k] += 1
                continue
            lat.append(done - due)
            svc.append(done - sent)
        sock.close()

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(len(conns))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(0.0, give_up + 5 - time.perf_counter()))
    elapsed = time.perf_counter() - start

    lat = sorted(x for xs in from_schedule for x in xs)
    svc = sorted(x for xs in from_send for x in xs)
    ms = lambda v: f"{v * 1000:.2f}"
    print(
        f"sent={total} ok={len(lat)} errors={sum(errors)} seconds={elapsed:.2f} "
        f"rate={len(lat) / elapsed:.1f} p50_ms={ms(percentile(lat, 0.5))} "
        f"p99_ms={ms(percentile(lat, 0.99))} max_ms={ms(lat[-1] if lat else float('nan'))} "
        f"send_p50_ms={ms(percentile(svc, 0.5))} send_p99_ms={ms(percentile(svc, 0.99))}"
    )


if __name__ == "__main__":
    main()
