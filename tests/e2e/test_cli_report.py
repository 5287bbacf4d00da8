"""`ppsmatch report coverage` end to end: files, log lines, exit codes."""

from __future__ import annotations

import json

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
    assert figures["baseline_query_per_cell"]["cells_timed"] == 2
    assert "coverage_numbers_all_cells" in stdout
