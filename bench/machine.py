"""Where a benchmark ran: machine, library versions and git revision."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

LIBRARIES = ("numpy", "scipy", "scikit-learn", "networkx", "neo4j", "flask", "gunicorn")
ROOT = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _memory_gib() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def describe() -> dict[str, Any]:
    """Machine, Python and library versions, git revision (dirty when files changed)."""
    return {
        "machine": {"cpu": _cpu_model(), "cores": os.cpu_count(),
                    "memory_gib": round(_memory_gib(), 1), "system": platform.platform()},
        # Other work on the machine slows every figure: the load when the run started.
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "versions": {name: _version(name) for name in LIBRARIES},
        "git": {"revision": _git("rev-parse", "HEAD"),
                "dirty": bool(_git("status", "--porcelain", "--untracked-files=no"))},
    }
