"""Summarise the JSON of pip-audit and npm audit: vulnerabilities fail, unreachable is said.

usage: audit_summary.py PIP_AUDIT_JSON NPM_AUDIT_JSON  (PPSMATCH_AUDIT_STRICT=1: unaudited fails)
"""

from __future__ import annotations

import json
import os
import sys


def _load(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return {}


def pip_findings(report: dict) -> tuple[list[str], int, int]:
    """(vulnerabilities as text, packages audited, packages that could not be audited)."""
    deps = report.get("dependencies", [])
    vulns = [f"{d['name']} {d['version']}: {v['id']}" for d in deps for v in d.get("vulns", [])]
    skipped = sum(1 for d in deps if "skip_reason" in d)
    return vulns, len(deps) - skipped, skipped


def npm_findings(report: dict) -> tuple[list[str], bool]:
    """(vulnerable packages as text, whether the audit reached the advisory service)."""
    if "error" in report or "metadata" not in report:
        return [], False
    found = report.get("vulnerabilities", {})
    vulns = [f"{name}: {v.get('severity')}" for name, v in found.items()]
    return vulns, True


def main(pip_path: str, npm_path: str) -> int:
    """Print one line per scanner and every vulnerability; the exit code says pass or fail."""
    strict = os.environ.get("PPSMATCH_AUDIT_STRICT") == "1"
    pip_vulns, audited, skipped = pip_findings(_load(pip_path))
    npm_vulns, npm_reached = npm_findings(_load(npm_path))
    for line in pip_vulns:
        print(f"pip-audit: {line}")
    for line in npm_vulns:
        print(f"npm audit: {line}")
    print(f"pip-audit: {audited} packages audited, {len(pip_vulns)} vulnerabilities, "
          f"{skipped} not audited" + (" (vulnerability service not reachable)"
                                      if skipped and not audited else ""))
    print(f"npm audit: {len(npm_vulns)} vulnerabilities" if npm_reached
          else "npm audit: advisory service not reachable, nothing audited")
    unaudited = skipped > 0 or not npm_reached
    if unaudited and not strict:
        print("audit: some packages could not be audited here; PPSMATCH_AUDIT_STRICT=1 fails on it")
    return 1 if pip_vulns or npm_vulns or (strict and unaudited) else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
