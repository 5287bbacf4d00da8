"""A soak: the real service under mixed traffic from many clients, a write each minute.

usage: scripts/soak [--seconds 300] [--clients 32] [--store URL] [--only KIND]
                    [--write-every S] [--json FILE]

Starts `ppsmatch serve` on PPSMATCH_PORT (default 8002), lets `--clients` threads send
recommendations, coalition checks, network views, searches and pps/coverage reads (or only the
`--only` kind) for `--seconds`, and one editor write (PUT /api/organisations) every
`--write-every` seconds (60). Prints requests, errors, latency percentiles per kind, the p99 of
requests sent within WRITE_WINDOW seconds after a write beside that of the others, and the
server's RSS after warm-up and at the end, both taken between read-model rebuilds (a rebuild
holds two models for a moment), beside the RSS every 30 s and its maximum. The graph's size
follows PPSMATCH_COMPANIES (the seed's synthetic companies, default 5000).
Exit 1 on any error (a status >= 400 or a failed connection) or RSS growth over 10 %.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from web.auth import TokenFile

REPO = Path(__file__).resolve().parent.parent
MAX_RSS_GROWTH = 0.10
RSS_EVERY = 30.0  # seconds between RSS samples
# A request sent this long after a write may meet its read-model rebuild (at 100k about 12 s).
WRITE_WINDOW = 15.0
KINDS = ("recommend", "coalition", "network", "search", "pps", "coverage")
MISSIONS = ("waterstof en energietransitie", "zorgtechnologie in de wijk", "slimme netten",
            "circulaire bouw", "agrifood en voeding", "cybersecurity voor het mkb")
PROVINCES = ("Groningen", "Fryslân", "Utrecht", "Noord-Brabant", "Zeeland", "Gelderland")


def rss_kib(pid: int) -> int:
    """Resident set size of a process and its children (gunicorn master and workers)."""
    total = 0
    for proc in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{proc}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total


def children(pid: int) -> list[int]:
    """Direct child pids, from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(c) for c in text]
    return found


def building(port: int) -> bool:
    """Whether the service is rebuilding its read model now (/readyz)."""
    with urllib.request.urlopen(  # nosec B310 - our own service on loopback
            f"http://127.0.0.1:{port}/readyz", timeout=60) as response:
        return bool(json.loads(response.read())["read_model"]["building"])


def rss_at_rest(port: int, pid: int, wait: float = 120.0) -> tuple[int, bool]:
    """RSS while no rebuild runs, and whether one was found within `wait` seconds.

    A rebuild holds the old and the new read model at once for a few seconds; a sample taken
    then measures that moment, not growth, so start and end are taken between rebuilds.
    """
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not building(port):
            rss = rss_kib(pid)
            if not building(port):
                return rss, True
        time.sleep(0.2)
    return rss_kib(pid), False


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) in milliseconds."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


class Client:
    """One keep-alive connection; reconnects after a failure."""

    def __init__(self, port: int):
        """Remember the port; connect on first use."""
        self.port = port
        self.conn: http.client.HTTPConnection | None = None

    def send(self, method: str, path: str, body: dict | None = None,
             headers: dict[str, str] | None = None) -> int:
        """Send one request; return its status (0 when the connection failed)."""
        data = json.dumps(body).encode() if body is not None else None
        head = {"Content-Type": "application/json", **(headers or {})} if data else headers or {}
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.conn.request(method, path, body=data, headers=head)
                response = self.conn.getresponse()
                response.read()
                return response.status
            except Exception:  # noqa: BLE001 - any failure is an error to count, not a crash
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    return 0
        return 0


def requests_mix(org_ids: list[str], rng: random.Random, only: str | None = None):
    """A random request of the mix (or of the kind `only`): (kind, method, path, body)."""
    kind = only or rng.choices(KINDS, weights=(30, 15, 20, 20, 10, 5))[0]
    if kind == "recommend":
        return kind, "POST", "/api/recommendations", {
            "mission": rng.choice(MISSIONS), "province": rng.choice(PROVINCES), "k": 10}
    if kind == "coalition":
        return kind, "POST", "/api/coalition/check", {
            "with": rng.sample(org_ids, 3), "mission": rng.choice(MISSIONS),
            "province": rng.choice(PROVINCES)}
    if kind == "network":
        if rng.random() < 0.5:
            return kind, "GET", f"/api/network?id={rng.choice(org_ids)}&depth=2&limit=200", None
        return kind, "GET", "/api/network?theme=energy_transition&province=PV20&limit=200", None
    if kind == "search":
        word = rng.choice(("bouw", "zorg", "techniek", "hogeschool", "college", "b.v."))
        return kind, "GET", f"/api/organisations?text={word}&limit=20", None
    if kind == "pps":
        return kind, "GET", "/api/pps?limit=20", None
    return kind, "GET", f"/api/coverage?province={quote(rng.choice(PROVINCES))}", None


def main(argv: list[str] | None = None) -> int:
    """Run the soak; print and optionally write the figures; exit 1 on errors or growth."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--store", default="memory://")
    parser.add_argument("--threads", type=int, default=8, help="server threads")
    parser.add_argument("--workers", type=int, default=1,
                        help="server workers (a server store: they share one read model)")
    parser.add_argument("--only", choices=KINDS, help="send only requests of this kind")
    parser.add_argument("--write-every", type=float, default=60.0, metavar="SECONDS")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    port = int(os.environ.get("PPSMATCH_PORT", "8002"))
    folder = tempfile.mkdtemp(prefix="ppsmatch-soak-")
    tokens = Path(folder) / "tokens.json"
    _, token = TokenFile(tokens).create("soak", "editor")
    env = {**os.environ, "PPSMATCH_TOKENS_FILE": str(tokens)}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that `finally` stops the server
    server = subprocess.Popen(
        [str(REPO / ".venv" / "bin" / "ppsmatch"), "serve", "--store", args.store, "--port",
         str(port), "--workers", str(args.workers), "--threads", str(args.threads)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return _soak(args, port, token, server)
    finally:
        server.terminate()
        server.wait(30)


def _soak(args: argparse.Namespace, port: int, token: str, server: subprocess.Popen) -> int:
    probe = Client(port)
    deadline = time.monotonic() + 300
    while probe.send("GET", "/readyz") != 200:
        if time.monotonic() > deadline or server.poll() is not None:
            print("soak: the service did not become ready", file=sys.stderr)
            return 1
        time.sleep(0.5)
    with urllib.request.urlopen(  # nosec B310 - our own service on loopback
            f"http://127.0.0.1:{port}/api/organisations?limit=200", timeout=60) as response:
        org_ids = [o["id"] for o in json.loads(response.read())["items"]]
    rss_ready = rss_kib(server.pid)
    latencies: dict[str, list[float]] = defaultdict(list)
    sent: list[tuple[float, float]] = []  # (when, seconds) of every request
    errors: dict[str, int] = defaultdict(int)
    writes: list[int] = []
    written: list[float] = []  # when each write was answered
    lock = threading.Lock()
    stop = threading.Event()
    # The writer stops at the end of the timed run, the clients after the last RSS sample: that
    # sample needs a moment between rebuilds, which writes faster than a rebuild never leave.
    stop_writing = threading.Event()

    def client(number: int) -> None:
        rng, conn = random.Random(number), Client(port)
        while not stop.is_set():
            kind, method, path, body = requests_mix(org_ids, rng, args.only)
            started = time.perf_counter()
            status = conn.send(method, path, body)
            elapsed = time.perf_counter() - started
            with lock:
                latencies[kind].append(elapsed)
                sent.append((started, elapsed))
                if status == 0 or status >= 400:
                    errors[f"{kind} {status}"] += 1

    def writer() -> None:
        conn, n = Client(port), 0
        while not stop_writing.wait(args.write_every):
            n += 1
            status = conn.send("PUT", f"/api/organisations/soak:{n}",
                               {"name": f"Soak {n} B.V.", "kind": "company", "synthetic": True},
                               {"Authorization": f"Bearer {token}"})
            with lock:
                writes.append(status)
                written.append(time.perf_counter())
                if status != 200:
                    errors[f"write {status}"] += 1

    writing = threading.Thread(target=writer, daemon=True)
    threads = [threading.Thread(target=client, args=(i,), daemon=True)
               for i in range(args.clients)] + [writing]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(min(15.0, args.seconds / 10))
    rss_start, start_at_rest = rss_at_rest(port, server.pid)
    series = [(round(time.monotonic() - started), rss_start)]  # to tell a leak from a plateau
    while (left := args.seconds - (time.monotonic() - started)) > 0:
        time.sleep(min(RSS_EVERY, left))
        series.append((round(time.monotonic() - started), rss_kib(server.pid)))
    writer_alive = writing.is_alive()  # a crashed writer is an error
    stop_writing.set()
    rss_end, end_at_rest = rss_at_rest(port, server.pid)
    # A thread that crashed is an error.
    alive = writer_alive + sum(thread.is_alive() for thread in threads if thread is not writing)
    stop.set()
    for thread in threads:
        thread.join(70)
    seconds = time.monotonic() - started
    everything = [v for vs in latencies.values() for v in vs]
    growth = (rss_end - rss_start) / rss_start if rss_start else 0.0
    near = [any(0 <= at - w <= WRITE_WINDOW for w in written) for at, _ in sent]
    after_write = [e for (_, e), hit in zip(sent, near, strict=True) if hit]
    elsewhere = [e for (_, e), hit in zip(sent, near, strict=True) if not hit]
    figures = {
        "seconds": round(seconds, 1), "clients": args.clients, "store": args.store,
        "requests": len(everything), "writes": len(writes),
        "requests_per_second": round(len(everything) / seconds, 1),
        "errors": dict(errors), "error_count": sum(errors.values()) + len(threads) - alive,
        "threads_alive_at_end": alive,
        "p50_ms": round(percentile(everything, 50), 1),
        "p95_ms": round(percentile(everything, 95), 1),
        "p99_ms": round(percentile(everything, 99), 1),
        "p99_after_write_ms": round(percentile(after_write, 99), 1),
        "p99_elsewhere_ms": round(percentile(elsewhere, 99), 1),
        "requests_after_write": len(after_write),
        "organisations_env": os.environ.get("PPSMATCH_COMPANIES", "default"),
        "per_kind": {kind: {"n": len(vs), "p50_ms": round(percentile(vs, 50), 1),
                            "p99_ms": round(percentile(vs, 99), 1),
                            "mean_ms": round(statistics.fmean(vs) * 1000, 1)}
                     for kind, vs in sorted(latencies.items()) if vs},
        "rss_ready_mib": round(rss_ready / 1024, 1), "rss_start_mib": round(rss_start / 1024, 1),
        "rss_end_mib": round(rss_end / 1024, 1), "rss_growth": round(growth, 4),
        "rss_samples_between_rebuilds": start_at_rest and end_at_rest,
        "rss_max_mib": round(max(kib for _, kib in series) / 1024, 1),
        "rss_mib_by_second": {t: round(kib / 1024, 1) for t, kib in series},
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 1 if figures["error_count"] or growth > MAX_RSS_GROWTH else 0


if __name__ == "__main__":
    sys.exit(main())
