"""`ppsmatch report coverage` end to end: files, log lines, exit codes."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from web.cli import EXIT_BAD_INPUT, main
from web.cli_report import EXIT_WRITE_FAILED

SMALL = ["--companies", "150", "--seed", "3"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_writes_json_and_csv_logs_each_file_and_prints_the_summary(capsys, tmp_path):
    out = tmp_path / "rapport"
    code, stdout, err = run(capsys, "report", "coverage", "--province", "Groningen", "Zeeland",
                            "--out", str(out), "--format", "json,csv", *SMALL)
    assert code == 0
    doc = json.loads((out / "coverage.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in doc["provinces"]] == ["Groningen", "Zeeland"]
    assert all(t["priority"] for p in doc["provinces"] for t in p["themes"])
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["coverage.json", "csv/dekking.csv", "csv/kandidaten.csv", "csv/overlap.csv",
                     "csv/prioriteiten_zonder_pps.csv", "csv/provincies.csv",
                     "csv/themas_zonder_dekking.csv"]
    assert err.count("ppsmatch: wrote ") == len(files)
    assert "Groningen" in stdout and "Zeeland" in stdout


def test_quiet_prints_nothing(capsys, tmp_path):
    code, stdout, err = run(capsys, "report", "coverage", "--theme", "hydrogen", "--quiet",
                            "--out", str(tmp_path / "r"), "--format", "json", *SMALL)
    assert (code, stdout, err) == (0, "", "")


def test_unknown_province_theme_or_format_exit_non_zero_with_a_message(capsys, tmp_path):
    out = str(tmp_path / "r")
    code, _, err = run(capsys, "report", "coverage", "--province", "Atlantis", "--out", out,
                       *SMALL)
    assert code == EXIT_BAD_INPUT and "Atlantis" in err
    code, _, err = run(capsys, "report", "coverage", "--theme", "alchemy", "--out", out, *SMALL)
    assert code == EXIT_BAD_INPUT and "alchemy" in err
    code, _, err = run(capsys, "report", "coverage", "--format", "pdf", "--out", out, *SMALL)
    assert code == EXIT_BAD_INPUT and "pdf" in err
    assert not (tmp_path / "r").exists()


def test_an_output_path_that_is_a_file_fails_cleanly(capsys, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "report", "coverage", "--theme", "hydrogen", "--out",
                       str(blocker), "--format", "json", *SMALL)
    assert code == EXIT_WRITE_FAILED
    assert "cannot write the report" in err
    assert blocker.read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestand"]


def test_benchmark_prints_figures_and_writes_json(capsys, tmp_path):
    out = tmp_path / "bench.json"
    code, stdout, _ = run(capsys, "benchmark", "coverage", "--json", str(out),
                          "--baseline-cells", "2", *SMALL)
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0
    assert figures["cells"] > 0 and figures["cells"] % 12 == 0  # 12 provinces x themes
    assert figures["seconds"]["coverage_numbers_all_cells"] > 0
    for timing in (figures["seconds"], figures["cpu_seconds"]):  # wall and CPU, the same steps
        assert timing["report_html_and_xlsx"] == pytest.approx(
            timing["report_document_priorities"] + timing["html_and_xlsx"])
    assert figures["cpu_seconds"]["coverage_model"] > 0
    assert figures["targets_seconds"] == {"coverage_numbers_all_cells": 1.0,
                                          "report_html_and_xlsx": 30.0}
    assert figures["baseline_query_per_cell"]["cells_timed"] == 2
    assert "coverage_numbers_all_cells" in stdout and "<= 1 s" in stdout


def test_on_a_terminal_each_step_shows_a_progress_bar(tmp_path):
    primary, secondary = pty.openpty()  # stderr is a terminal, as for a user
    out = tmp_path / "r"
    proc = subprocess.Popen(
        [sys.executable, "-m", "web.cli", "report", "coverage", "--theme", "hydrogen",
         "--format", "json", "--out", str(out), *SMALL],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=secondary,
        env={**os.environ, "COLUMNS": "120"})
    os.close(secondary)
    shown = b""
    while True:  # read while it runs, so a full terminal buffer never blocks it
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the process has closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    assert proc.wait(timeout=300) == 0
    text = shown.decode("utf-8", "replace")
    for step in ("gegevens lezen", "leesmodel bouwen", "provincie x thema",
                 "bestanden schrijven"):
        assert step in text
    assert f"ppsmatch: wrote {out / 'coverage.json'}" in text
