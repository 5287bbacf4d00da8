"""The `ppsmatch` command line, end to end, as a user runs it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from matcher.components import COMPONENTS
from matcher.selection import REORDER_MARGIN
from matcher.weights import load_weights
from web.cli import EXIT_BAD_INPUT, main

EXAMPLE = Path(__file__).resolve().parents[2] / "seed_data" / "example"
SMALL = ["--companies", "150", "--seed", "3"]
REAL_COMPANIES = 8  # companies named as members of real pps'en (pps/genoemde_organisaties.csv)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_json_on_memory_loads_the_seed_and_has_the_documented_shape(capsys):
    code, out, _ = run(capsys, "stats", "--json", *SMALL)
    stats = json.loads(out)
    assert code == 0
    assert list(stats) == ["nodes", "relationships", "organisations_by_kind", "pps_by_origin"]
    assert stats["pps_by_origin"]["real"] >= 40 and stats["pps_by_origin"]["synthetic"] >= 10
    assert stats["nodes"]["Province"] == 12
    assert stats["organisations_by_kind"]["company"] == 150 + REAL_COMPANIES


def test_recommend_json_gives_ranked_explained_partners_per_kind(capsys):
    code, out, _ = run(capsys, "recommend", "energietransitie en waterstof", "--province",
                       "PV20", "--kinds", "hbo,mbo", "--k", "3", "--json", *SMALL)
    result = json.loads(out)
    assert code == 0
    assert set(result["results"]) == {"hbo", "mbo"}
    for candidates in result["results"].values():
        assert len(candidates) == 3
        scores = [c["score"] for c in candidates]
        for i, cand in enumerate(candidates):
            # Ordered by score, except promotions within the margin, which say so first
            # (scores are shown rounded to 4 decimals).
            best_left = max(scores[i:])
            assert cand["score"] >= best_left - REORDER_MARGIN - 1e-4
            if cand["reasons"][0]["code"] == "promoted":
                assert cand["score"] <= best_left
            else:
                assert cand["score"] >= best_left - 1e-4
        assert all(0 <= s <= 1 for s in scores)
        assert all({"id", "name", "kind", "score", "breakdown", "reasons"} <= set(c)
                   for c in candidates)


def test_recommend_human_output_is_a_readable_table(capsys):
    code, out, _ = run(capsys, "recommend", "zorgtechnologie", "--province", "Fryslân",
                       "--kinds", "hbo", "--k", "2", *SMALL)
    assert code == 0
    assert out.startswith("== hbo ==")
    assert "  1. " in out and "  2. " in out and "theme_fit=" in out


def test_coalition_check_flags_the_missing_mbo(capsys):
    code, out, _ = run(capsys, "coalition", "check", "duo:25BE", "gov:GM0014", "--province",
                       "Groningen", "--mission", "energietransitie", "--json", *SMALL)
    check = json.loads(out)
    assert code == 0
    assert "mbo" in check["missing_kinds"]
    assert check["candidates_by_kind"]["mbo"]
    assert {r["rule"]: r["met"] for r in check["rules"]}["has_hbo"] is True


def test_unknown_province_exits_with_a_clear_message(capsys):
    code, _, err = run(capsys, "recommend", "water", "--province", "Atlantis", *SMALL)
    assert code == EXIT_BAD_INPUT
    assert "province" in err and "Atlantis" in err


def test_evaluate_on_the_example_dataset_reports_every_method(capsys):
    code, out, _ = run(capsys, "evaluate", "--data", str(EXAMPLE), "--k", "5", "--json")
    result = json.loads(out)
    assert code == 0
    assert result["k"] == 5 and result["queries"] > 0
    assert set(result["methods"]) == {"ppsmatch", "random", "popularity", "text_tfidf",
                                      "text_word", "network", "hybrid"}
    assert "with_history" in result["segments"] or "without_history" in result["segments"]
    assert 0 <= result["rules_met_share"] <= 1


def test_weights_fit_writes_a_weights_file_ppsmatch_can_read(capsys, tmp_path):
    out_file = tmp_path / "weights.json"
    code, out, _ = run(capsys, "weights", "fit", "--data", str(EXAMPLE), "--out", str(out_file))
    assert code == 0 and f"wrote {out_file}" in out
    written = json.loads(out_file.read_text(encoding="utf-8"))
    assert written["queries"][0] > 0 and written["fitted_on"] == [str(EXAMPLE)]
    assert load_weights(out_file) == written["weights"]
    assert set(written["weights"]) == set(COMPONENTS)


def test_weights_fit_pools_data_sets_and_the_store(capsys, tmp_path):
    out_file = tmp_path / "weights.json"
    code, out, _ = run(capsys, "weights", "fit", "--data", str(EXAMPLE), "--with-store",
                       "--companies", "200", "--real-only", "--out", str(out_file))
    assert code == 0
    written = json.loads(out_file.read_text(encoding="utf-8"))
    assert written["fitted_on"][0] == str(EXAMPLE)
    assert written["fitted_on"][1].startswith("memory:// (seed bundle, 200 synthetic companies")
    # The example's pps'en are synthetic, so only the seed's real pps'en are learned from.
    assert written["queries"][0] == 0 < written["queries"][1]
    assert written["real_only"] is True
    assert f"{EXAMPLE}: 0" in out
    assert sum(written["weights"].values()) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.neo4j
def test_load_twice_and_stats_on_neo4j(capsys, neo4j_store):
    neo4j_store.clear()
    url = os.environ["PPSMATCH_NEO4J_URL"]
    assert run(capsys, "load", "--store", url, *SMALL)[0] == 0
    first = json.loads(run(capsys, "stats", "--store", url, "--json")[1])
    assert run(capsys, "load", "--store", url, *SMALL)[0] == 0
    second = json.loads(run(capsys, "stats", "--store", url, "--json")[1])
    assert first == second
    assert first["nodes"]["Municipality"] == 342
    assert first["organisations_by_kind"]["company"] == 150 + REAL_COMPANIES


def test_province_aliases_that_imports_accept_work_for_missions_too(capsys):
    answers = [run(capsys, "recommend", "zorgtechnologie", "--province", name, "--kinds", "hbo",
                   "--k", "2", "--json", *SMALL) for name in ("PV21", "Friesland", "fryslan")]
    assert all(code == 0 for code, _, _ in answers)
    assert answers[1][1] == answers[0][1] == answers[2][1]


def test_themes_evaluate_prints_precision_and_recall_per_split(capsys):
    code, out, _ = run(capsys, "themes", "evaluate", "--json")
    scores = json.loads(out)
    assert code == 0 and list(scores) == ["dev", "holdout", "all"]
    assert scores["dev"]["phrases"] + scores["holdout"]["phrases"] == scores["all"]["phrases"]
    assert all(0 <= s["precision"] <= 1 and 0 <= s["recall"] <= 1 for s in scores.values())
    code, out, _ = run(capsys, "themes", "evaluate", "--misses")
    assert code == 0 and out.startswith("split") and "missed:" in out
