"""Start-up of `ppsmatch serve`: seconds until every worker serves a read model, and memory.

usage: scripts/startup --store bolt://... [--workers 4] [--threads 4] [--settle 10]
                      [--server-pid PID] [--write-after] [--json FILE]

Starts `ppsmatch serve` on PPSMATCH_PORT (default 8003) and polls /readyz until every worker
(told apart by the `pid` it answers with) has answered 200 with a read model of the store's
revision. Prints the seconds from the process start until the port answers and until every
worker is ready, who built each worker's model, and per process (master and workers) its CPU
seconds, RSS, PSS (shared pages split among their sharers) and USS (pages of its own), taken
--settle seconds after the last worker got ready; beside the peak of the PSS summed over the
processes and the lowest MemAvailable of the machine until then, and the CPU seconds of the
store's server (--server-pid, e.g. Neo4j's: it serves every snapshot read).
--write-after (a server store) then writes one organisation to the store and measures the same
until every worker serves the new revision: who built it, how long it took, and the memory
(the builder child of a worker included in the peak).
Stops the service when MemAvailable drops under --min-free-gib (exit 1), or after --timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from graph_schema.factory import open_store
from graph_schema.model import Organisation, OrgKind

REPO = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.5
TICKS = os.sysconf("SC_CLK_TCK")


def memory_kib(pid: int) -> dict[str, int]:
    """RSS, PSS and USS of one process in KiB (/proc/PID/smaps_rollup)."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return {"rss": fields["Rss"], "pss": fields["Pss"],
            "uss": fields["Private_Clean"] + fields["Private_Dirty"]}


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def children(pid: int) -> list[int]:
    """Direct child pids, from /proc (gunicorn's workers)."""
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]


def descendants(pid: int) -> list[int]:
    """Children, their children and so on (a worker's read-model builder too)."""
    found = []
    for child in _alive(children, pid):
        found += [child, *descendants(child)]
    return found


def _alive(read: Callable[[int], list[int]], pid: int) -> list[int]:
    try:
        return read(pid)
    except FileNotFoundError:  # it exited meanwhile
        return []


def available_kib() -> int:
    """MemAvailable of the machine."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1])
    raise RuntimeError("no MemAvailable in /proc/meminfo")


def readyz(port: int) -> tuple[int, dict]:
    """Status and body of /readyz; 0 while nothing listens."""
    try:
        with urllib.request.urlopen(  # nosec B310 - our own service on loopback
                f"http://127.0.0.1:{port}/readyz", timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    except OSError:
        return 0, {}


def main(argv: list[str] | None = None) -> int:
    """Start the service, wait for every worker, print and optionally write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=os.environ.get("PPSMATCH_STORE", "memory://"))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds")
    parser.add_argument("--settle", type=float, default=10,
                        help="seconds after the last worker got ready before memory is taken")
    parser.add_argument("--server-pid", type=int, help="the store server's process")
    parser.add_argument("--min-free-gib", type=float, default=2.0,
                        help="stop the service when the machine's MemAvailable drops below")
    parser.add_argument("--write-after", action="store_true",
                        help="then write to the store and measure until every worker has it")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    if args.write_after and args.store.startswith("memory:"):
        parser.error("--write-after writes to a server store; the embedded one lives in the "
                     "service")
    port = int(os.environ.get("PPSMATCH_PORT", "8003"))
    organisations = None  # an embedded store is seeded inside the service, not countable here
    if not args.store.startswith("memory:"):
        store = open_store(args.store)
        try:
            organisations = store.stats().nodes["Organisation"]
        finally:
            store.close()
    tokens = Path(tempfile.mkdtemp(prefix="ppsmatch-startup-")) / "tokens.json"
    server_cpu = cpu_seconds(args.server_pid) if args.server_pid else 0.0
    started = time.monotonic()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "ppsmatch"), "serve", "--store", args.store,
         "--port", str(port), "--workers", str(args.workers), "--threads", str(args.threads)],
        env={**os.environ, "PPSMATCH_TOKENS_FILE": str(tokens)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        figures = _watch(args, port, server, started)
        if args.server_pid:
            figures["server_cpu_seconds"] = cpu_seconds(args.server_pid) - server_cpu
        if args.write_after and figures["ready"]:
            written = time.monotonic()
            figures["revision_written"] = _write_one(args.store)
            figures["after_write"] = _watch(args, port, server, written)
    finally:
        server.terminate()
        server.wait(60)
    figures = {"store": args.store, "organisations": organisations, **figures}
    _print(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if figures["ready"] and figures.get("after_write", figures)["ready"] else 1


def _write_one(url: str) -> str:
    """Upsert one organisation into the store; the store's revision after it."""
    store = open_store(url)
    try:
        store.upsert_nodes([Organisation(f"kvk:startup-{time.time_ns()}",
                                         "Opstartmeting B.V.", OrgKind.COMPANY)])
        return store.revision()
    finally:
        store.close()


def _watch(args: argparse.Namespace, port: int, server: subprocess.Popen,
           started: float) -> dict:
    """Poll /readyz and memory until --settle after every worker is ready (or a limit)."""
    listening, ready, peak_pss, low = None, {}, 0, available_kib()
    sampled, stop, settled = 0.0, "", float("inf")
    while time.monotonic() - started < settled and not stop:
        status, body = readyz(port)
        now = time.monotonic() - started
        if status and listening is None:
            listening = now
        model = body.get("read_model") or {}
        if status == 200 and model.get("revision") == body["store_revision"]:
            ready.setdefault(body["pid"], {"seconds": now, "built_by": model.get("built_by")})
            if len(ready) == args.workers and settled == float("inf"):
                settled = now + args.settle
        if now - sampled >= SAMPLE_SECONDS:
            sampled, low = now, min(low, available_kib())
            peak_pss = max(peak_pss, _pss_total([server.pid, *descendants(server.pid)]))
        if server.poll() is not None:
            stop = f"the service exited with {server.returncode}"
        elif low < args.min_free_gib * 1024 * 1024:
            stop = f"MemAvailable fell below {args.min_free_gib} GiB"
        elif now > args.timeout:
            stop = f"not ready after {args.timeout:.0f} s"
        time.sleep(0.05)
    processes = {}
    if not stop:
        processes = {"master": {"pid": server.pid, "cpu": cpu_seconds(server.pid),
                                **memory_kib(server.pid)}}
        for pid in children(server.pid):
            processes[f"worker {pid}"] = {"pid": pid, "cpu": cpu_seconds(pid), **memory_kib(pid),
                                          **ready.get(pid, {})}
    return {"workers": args.workers, "ready": not stop, "stopped": stop,
            "stopped_seconds": now if stop else None, "workers_ready": len(ready),
            "listening_seconds": listening,
            "ready_seconds": max((w["seconds"] for w in ready.values()), default=None),
            "processes": processes, "peak_pss_total_kib": peak_pss,
            "lowest_mem_available_kib": low}


def _pss_total(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            total += memory_kib(pid)["pss"]
        except FileNotFoundError:  # a worker that just exited
            continue
    return total


def _print(figures: dict) -> None:
    count = figures["organisations"]
    print(f"store {figures['store']}, {'?' if count is None else f'{count:,}'} organisations, "
          f"{figures['workers']} workers")
    _print_phase(figures, "start-up")
    if "server_cpu_seconds" in figures:
        print(f"store server CPU during start-up {figures['server_cpu_seconds']:.1f} s")
    if "after_write" in figures:
        print(f"\nafter a write (revision {figures['revision_written']}), seconds from the "
              "write:")
        _print_phase(figures["after_write"], "the rebuild")


def _print_phase(figures: dict, phase: str) -> None:
    mib = 1024
    listening = figures["listening_seconds"]
    print(f"port answers after {'-' if listening is None else f'{listening:.1f}'} s; ", end="")
    if figures["ready"]:
        print(f"every worker ready after {figures['ready_seconds']:.1f} s")
    else:
        print(f"NOT READY after {figures['stopped_seconds']:.1f} s "
              f"({figures['workers_ready']} workers ready): {figures['stopped']}")
    print(f"{'process':<10}{'pid':>8}{'ready s':>9}{'built by':>10}{'CPU s':>8}{'RSS MiB':>9}"
          f"{'PSS MiB':>9}{'USS MiB':>9}")
    for name, p in figures["processes"].items():
        seconds = f"{p['seconds']:.1f}" if "seconds" in p else "-"
        print(f"{name.split()[0]:<10}{p['pid']:>8}{seconds:>9}{p.get('built_by') or '-':>10}"
              f"{p['cpu']:>8.1f}{p['rss'] / mib:>9.0f}{p['pss'] / mib:>9.0f}{p['uss'] / mib:>9.0f}")
    total = sum(p["pss"] for p in figures["processes"].values())
    print(f"PSS summed {total / mib:.0f} MiB (peak during {phase} "
          f"{figures['peak_pss_total_kib'] / mib:.0f} MiB); lowest MemAvailable "
          f"{figures['lowest_mem_available_kib'] / mib / 1024:.1f} GiB")


if __name__ == "__main__":
    sys.exit(main())
