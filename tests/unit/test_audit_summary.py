"""scripts/audit_summary.py: a vulnerability fails; an unreachable service fails only strict."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_summary.py"
spec = importlib.util.spec_from_file_location("audit_summary", SCRIPT)
summary = importlib.util.module_from_spec(spec)
spec.loader.exec_module(summary)

CLEAN_NPM = {"metadata": {"vulnerabilities": {}}, "vulnerabilities": {}}


def write(tmp_path: Path, pip: dict, npm: dict) -> tuple[str, str]:
    (tmp_path / "pip.json").write_text(json.dumps(pip))
    (tmp_path / "npm.json").write_text(json.dumps(npm))
    return str(tmp_path / "pip.json"), str(tmp_path / "npm.json")


def test_a_vulnerable_package_fails(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PPSMATCH_AUDIT_STRICT", raising=False)
    pip = {"dependencies": [{"name": "flask", "version": "0.1", "vulns": [{"id": "PYSEC-1"}]}]}
    assert summary.main(*write(tmp_path, pip, CLEAN_NPM)) == 1
    assert "flask 0.1: PYSEC-1" in capsys.readouterr().out
    npm = {"metadata": {}, "vulnerabilities": {"esbuild": {"severity": "moderate"}}}
    assert summary.main(*write(tmp_path, {"dependencies": []}, npm)) == 1


def test_an_unreachable_service_is_reported_and_fails_only_when_strict(tmp_path, capsys,
                                                                      monkeypatch):
    pip = {"dependencies": [{"name": "flask", "version": "3.1", "skip_reason": "not found"}]}
    paths = write(tmp_path, pip, {"error": {"code": "E405"}})
    monkeypatch.delenv("PPSMATCH_AUDIT_STRICT", raising=False)
    assert summary.main(*paths) == 0
    out = capsys.readouterr().out
    assert "1 not audited" in out and "advisory service not reachable" in out
    monkeypatch.setenv("PPSMATCH_AUDIT_STRICT", "1")
    assert summary.main(*paths) == 1


def test_clean_reports_pass(tmp_path, monkeypatch):
    monkeypatch.setenv("PPSMATCH_AUDIT_STRICT", "1")
    pip = {"dependencies": [{"name": "flask", "version": "3.1", "vulns": []}]}
    assert summary.main(*write(tmp_path, pip, CLEAN_NPM)) == 0
