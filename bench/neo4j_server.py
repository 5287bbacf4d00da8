"""The Neo4j server of `ppsmatch bench --neo4j`: the project's own, through scripts/neo4j.

Port, home, heap and page cache come from the PPSMATCH_NEO4J_* variables, as for the script.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bench.machine import ROOT

SCRIPT = ROOT / "scripts" / "neo4j"
_PID = re.compile(r"pid (\d+)")


@dataclass(frozen=True)
class Server:
    """A running server: its Bolt URL and process id (for its CPU time)."""

    url: str
    pid: int


def _script(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), command], cwd=ROOT,
                          capture_output=True, text=True, check=False)


@contextmanager
def bench_server() -> Iterator[Server]:
    """Use the server when it runs, else start it and stop it afterwards."""
    started = _script("status").returncode != 0
    if started:
        start = _script("start")
        if start.returncode != 0:
            raise RuntimeError(f"scripts/neo4j start failed: {start.stdout}{start.stderr}")
    try:
        found = _PID.search(_script("status").stdout)
        if found is None:
            raise RuntimeError("scripts/neo4j status names no server process")
        yield Server(_script("url").stdout.strip(), int(found.group(1)))
    finally:
        if started:
            _script("stop")


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
