"""`ppsmatch bench` end to end at a tiny scale: the table, the JSON and its figures."""

from __future__ import annotations

import json

import pytest

from tests.e2e.test_cli import run
from web.cli import EXIT_BAD_INPUT


def test_bench_prints_the_table_and_writes_one_json_per_scale(capsys, tmp_path):
    code, out, _ = run(capsys, "bench", "--scale", "120", "--runs", "2", "--seed", "3",
                       "--json-dir", str(tmp_path))
    [path] = sorted(tmp_path.iterdir())
    doc = json.loads(path.read_text(encoding="utf-8"))
    figures = doc["in_process"]
    assert code == 0
    assert path.name.endswith("-120.json")
    assert "recommendation / floor" in out and "coverage() all cells" in out
    assert doc["git"]["revision"] and doc["versions"]["scikit-learn"]
    assert doc["machine"]["cores"] >= 1
    assert figures["companies"] == 120 and figures["organisations"] > 120
    rec, floor = figures["recommendation_ms"], figures["floor_ms"]
    assert rec["n"] == floor["n"] == 2 * figures["missions"]
    assert 0 < rec["p50"] <= rec["p99"] <= rec["max"]
    # The floor is one product inside the recommendation, so it is the faster of the two.
    assert 0 < floor["p50"] < rec["p50"]
    assert figures["coverage"]["cells"] % 12 == 0 and figures["coverage"]["cells"] > 0
    assert figures["memory_mib"]["read_model_peak"] > 0
    assert all(len(figures["output_sha256"][name]) == 64 for name in ("match", "coalition"))


def test_the_same_seed_gives_the_same_answers_and_another_seed_others(capsys, tmp_path):
    digests = []
    for seed, folder in (("3", "a"), ("3", "b"), ("4", "c")):
        code, out, _ = run(capsys, "bench", "--scale", "120", "--runs", "1", "--seed", seed,
                           "--json-dir", str(tmp_path / folder))
        [path] = (tmp_path / folder).iterdir()
        digests.append(json.loads(path.read_text(encoding="utf-8"))["in_process"]["output_sha256"])
        assert code == 0 and f"answers 120: match {digests[-1]['match'][:16]}" in out
    # The identity check of a speed change compares these digests before and after it.
    assert digests[0] == digests[1]
    assert digests[2]["match"] != digests[0]["match"]


def test_bench_names_an_unknown_scale(capsys, tmp_path):
    code, _, err = run(capsys, "bench", "--scale", "10k,huge", "--json-dir", str(tmp_path))
    assert code == EXIT_BAD_INPUT
    assert "--scale: unknown scale 'huge'" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.neo4j
def test_bench_on_neo4j_loads_snapshots_and_clears_the_same_graph(capsys, tmp_path, neo4j_store):
    code, out, _ = run(capsys, "bench", "--scale", "120", "--only-neo4j", "--seed", "3",
                       "--json-dir", str(tmp_path))
    [path] = sorted(tmp_path.iterdir())
    doc = json.loads(path.read_text(encoding="utf-8"))
    figures = doc["neo4j"]
    assert code == 0 and "in_process" not in doc
    assert "load / baseline" in out and "snapshot() equals memory store's" in out
    assert doc["targets"]["neo4j_load_rows_per_s"] == {"limit": 50_000.0, "unit": "rows/s",
                                                       "at_least": True}
    assert figures["organisations"] > 120 and figures["rows"] > figures["relationships"]
    assert figures["load"]["rows_per_s"] == pytest.approx(
        figures["rows"] / figures["load"]["seconds"])
    assert 0 < figures["baseline"]["rows"] < figures["rows"]
    assert figures["load_ratio"] == pytest.approx(
        figures["load"]["rows_per_s"] / figures["baseline"]["rows_per_s"])
    # Batches beat one call per row even on a tiny graph.
    assert figures["load_ratio"] > 1
    assert figures["snapshot"]["identical_to_memory_store"] is True
    assert figures["clear"]["leaves_empty_store"] is True
    assert neo4j_store.stats().nodes["Organisation"] == 0
