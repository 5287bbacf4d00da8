"""Fault runs on a real Neo4j and the real service: what was tried, happened and was lost.

usage: scripts/faults [--companies N] [--json FILE]   (environment: see scripts/faults)

1. Neo4j stopped (SIGTERM) during API traffic: 503 with a clear message while it is down,
   200 again within 10 s after it answers, without restarting the service.
2. The loader SIGKILLed at several points of an import: a re-run completes it with exactly the
   nodes and relationships (and properties) of a clean load, no duplicates.
3. Neo4j SIGKILLed mid-import: the loader stops with exit 3; after a restart a re-run gives
   exactly the clean load.
Each check compares a SHA-256 over the full snapshot with the one of a clean load into the
embedded store. Exit 1 when anything was lost or took too long.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from graph_schema.memory_store import MemoryGraphStore
from graph_schema.neo4j_store import Neo4jGraphStore, auth_from_env
from seed_data.loader import load_bundle
from seed_data.seed import build_seed_bundle
from web.auth import TokenFile

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv" / "bin"
RECOVERY_SECONDS = 10.0
# Where the loader is killed: shares of all rows (nodes first, then relationships) written.
KILL_POINTS = (0.05, 0.35, 0.7, 0.9)


@dataclass
class Outcome:
    """One row of the table."""

    tried: str
    happened: str
    lost: str
    ok: bool
    figures: dict = field(default_factory=dict)



def neo4j(command: str) -> subprocess.CompletedProcess:
    """scripts/neo4j <command> for the faults server (its own home, the caller's port)."""
    return subprocess.run([str(VENV / "python"), str(REPO / "scripts" / "neo4j"), command],
                          capture_output=True, text=True, check=False)


def neo4j_pid() -> int:
    """The pid of the running faults server."""
    home = Path(os.environ["PPSMATCH_NEO4J_HOME"]) / "home" / "run" / "neo4j.pid"
    return int(home.read_text().strip())


def load_command(url: str, companies: int, seed: int) -> list[str]:
    """`ppsmatch load` of the seed into a store."""
    return [str(VENV / "ppsmatch"), "load", "--store", url, "--companies", str(companies),
            "--seed", str(seed)]


def total(store) -> int:
    """Nodes plus relationships in a store."""
    stats = store.stats()
    return sum(stats.nodes.values()) + sum(stats.relationships.values())


def wait_for(condition, timeout: float, step: float = 0.05) -> bool:
    """Poll until condition() is true; False after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except Exception:  # noqa: BLE001 - the store may be down while we poll
            pass
        time.sleep(step)
    return False


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """(status, body) of a GET; a refused connection is status 0."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # nosec B310 - loopback
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def loader_killed(url: str, store, companies: int, seed: int, expected: str,
                  expected_total: int, fraction: float) -> Outcome:
    """Kill the loader when `fraction` of all rows are in, then re-run it."""
    store.clear()
    process = subprocess.Popen(load_command(url, companies, seed), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    reached = wait_for(lambda: total(store) >= fraction * expected_total, 300, 0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = total(store)
    rerun = subprocess.run(load_command(url, companies, seed), capture_output=True, text=True,
                           check=False)
    same = rerun.returncode == 0 and store.snapshot().digest() == expected
    midway = 0 < partial < expected_total  # else the kill came too early or too late to count
    return Outcome(
        f"loader SIGKILLed at {partial:,} of {expected_total:,} rows ({fraction:.0%} asked)",
        f"re-run exit {rerun.returncode}; graph "
        + ("identical to a clean load" if same else "DIFFERENT from a clean load"),
        "nothing" if same else "see figures", same and reached and midway,
        {"rows_at_kill": partial, "rows_expected": expected_total, "rows_after": total(store)})


def neo4j_killed(url: str, store, companies: int, seed: int, expected: str,
                 expected_total: int) -> Outcome:
    """SIGKILL the Neo4j server mid-import, restart it, re-run the load."""
    store.clear()
    process = subprocess.Popen(load_command(url, companies, seed), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    wait_for(lambda: total(store) >= 0.3 * expected_total, 300, 0.02)
    os.kill(neo4j_pid(), signal.SIGKILL)
    _, err = process.communicate(timeout=120)
    started = time.monotonic()
    neo4j("start")
    restart = time.monotonic() - started
    wait_for(lambda: total(store) >= 0, 60)
    partial = total(store)
    rerun = subprocess.run(load_command(url, companies, seed), capture_output=True, text=True,
                           check=False)
    same = rerun.returncode == 0 and store.snapshot().digest() == expected
    last_line = (err.strip().splitlines() or [""])[-1][:120]
    return Outcome(
        "Neo4j SIGKILLed at 30% of an import, restarted, load re-run",
        f"loader exit {process.returncode} ('{last_line}'); after restart {partial:,} rows "
        f"survived; re-run exit {rerun.returncode}; graph "
        + ("identical to a clean load" if same else "DIFFERENT"),
        "nothing" if same else "see figures", same and process.returncode == 3,
        {"loader_exit": process.returncode, "rows_after_restart": partial,
         "restart_seconds": round(restart, 1)})


def outage(url: str, port: int, tokens_file: Path) -> Outcome:
    """Stop Neo4j under API traffic; start it again; time the recovery of the service."""
    env = {**os.environ, "PPSMATCH_TOKENS_FILE": str(tokens_file)}
    server = subprocess.Popen(
        [str(VENV / "ppsmatch"), "serve", "--store", url, "--port", str(port), "--workers", "1",
         "--threads", "4"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    statuses: dict[int, int] = {}
    messages: set[str] = set()
    stop = threading.Event()

    def traffic() -> None:
        while not stop.is_set():
            status, body = get(f"{base}/api/organisations?limit=5")
            statuses[status] = statuses.get(status, 0) + 1
            if status == 503:
                messages.add(json.loads(body)["message"][:100])
            time.sleep(0.02)

    try:
        if not wait_for(lambda: get(f"{base}/readyz")[0] == 200, 120, 0.2):
            return Outcome("Neo4j stopped during API traffic", "the service did not start",
                           "n/a", False)
        worker = threading.Thread(target=traffic, daemon=True)
        worker.start()
        time.sleep(2)
        neo4j("stop")
        down = wait_for(lambda: get(f"{base}/api/organisations?limit=5")[0] == 503, 30)
        time.sleep(2)
        neo4j("start")
        back = time.monotonic()
        recovered = wait_for(lambda: get(f"{base}/api/organisations?limit=5")[0] == 200, 60)
        seconds = time.monotonic() - back
        time.sleep(1)
        stop.set()
        worker.join()
    finally:
        server.terminate()
        server.wait(30)
    bad = {s: n for s, n in statuses.items() if s not in (200, 503)}
    ok = down and recovered and seconds <= RECOVERY_SECONDS and not bad
    return Outcome(
        "Neo4j stopped (SIGTERM) during API traffic, started again",
        f"503 while down ({'; '.join(sorted(messages))}); 200 again {seconds:.1f} s after "
        f"Neo4j answered, same service process; statuses {dict(sorted(statuses.items()))}",
        "nothing (reads only)", ok,
        {"statuses": statuses, "recovery_seconds": round(seconds, 2)})


def main(argv: list[str] | None = None) -> int:
    """Run every fault, print the table, write JSON; exit 1 when one failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--web-port", type=int, default=int(os.environ.get("PPSMATCH_PORT",
                                                                            "8000")))
    parser.add_argument("--json", metavar="FILE", help="write the outcomes as JSON")
    args = parser.parse_args(argv)
    print(neo4j("start").stdout.strip())
    url = neo4j("url").stdout.strip()
    store = Neo4jGraphStore(url, auth=auth_from_env())
    store.ensure_schema()
    reference = MemoryGraphStore()
    load_bundle(reference, build_seed_bundle(companies=args.companies, seed=args.seed))
    expected, expected_total = reference.snapshot().digest(), total(reference)
    outcomes = [loader_killed(url, store, args.companies, args.seed, expected, expected_total, f)
                for f in KILL_POINTS]
    outcomes.append(neo4j_killed(url, store, args.companies, args.seed, expected,
                                 expected_total))
    with tempfile.TemporaryDirectory() as folder:
        tokens = Path(folder) / "tokens.json"
        TokenFile(tokens).create("faults", "editor")
        outcomes.append(outage(url, args.web_port, tokens))
    store.close()
    print("\n| what was tried | what happened | what was lost | ok |\n|---|---|---|---|")
    for o in outcomes:
        print(f"| {o.tried} | {o.happened} | {o.lost} | {'yes' if o.ok else 'NO'} |")
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(o) for o in outcomes], indent=2))
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
