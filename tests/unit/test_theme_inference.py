"""Theme extraction: words, Dutch compounds, longest matches, and its scores on real phrases."""

from __future__ import annotations

from functools import lru_cache

import pytest

from graph_schema.model import Theme
from matcher.theme_inference import ThemeInference, score_themes
from seed_data.bundle import BundleError
from seed_data.theme_phrases import load_theme_phrases
from seed_data.themes import Taxonomy, load_taxonomy

THEMES = (
    Theme("energy", "Energie en klimaat", "Energy and climate"),
    Theme("hydrogen", "Waterstof", "Hydrogen", ("elektrolyse",)),
    Theme("water", "Water", "Water", ("watertechnologie",)),
    Theme("green", "Groen", "Green"),
    Theme("care_tech", "Zorgtechnologie", "Care technology", ("health technology",)),
    Theme("industry", "Industrie", "Industry"),
    Theme("process", "Procesindustrie", "Process industry"),
)
BROADER = ((1, 0), (2, 0))  # hydrogen and water are narrower than energy and climate


def ids(text: str, themes: tuple[Theme, ...] = THEMES) -> list[str]:
    inference = ThemeInference.build(themes, BROADER)
    return [themes[t].id for t, _ in inference.infer(text)]


def test_a_label_inside_a_dutch_compound_is_found():
    assert ids("de waterstofketen in het noorden") == ["hydrogen"]


def test_a_longer_match_hides_the_labels_inside_it():
    assert ids("Waterstof") == ["hydrogen"]  # not also water
    assert ids("the process industry") == ["process"]  # not also industry


def test_a_cluster_beside_one_of_its_own_themes_is_dropped():
    assert ids("energie en klimaat: waterstof") == ["hydrogen"]
    assert ids("energie en klimaat") == ["energy"]


def test_plurals_and_dutch_adjectives_find_the_noun_with_a_lower_weight():
    inference = ThemeInference.build(THEMES, BROADER)
    assert inference.infer("zorgtechnologische innovaties") == [(4, 0.8)]
    assert inference.infer("zorgtechnologie") == [(4, 1.0)]


def test_an_english_comparative_is_no_compound():
    assert ids("greener fuels") == []
    assert ids("groene daken") == ["green"]


def test_themes_named_more_often_come_first():
    assert ids("water, water and hydrogen") == ["water", "hydrogen"]


def test_scores_credit_a_cluster_for_any_of_its_themes_and_allowed_extras():
    broader = {"hydrogen": "energy"}
    infer = {"a": ["hydrogen"], "b": ["hydrogen", "water"], "c": []}.__getitem__
    scores = score_themes(infer, broader, [("a", ["energy"], []), ("b", ["hydrogen"], ["x"]),
                                           ("c", ["water"], [])])
    assert (scores.phrases, scores.precision, scores.recall) == (3, 2 / 3, 2 / 3)
    assert scores.misses == (("b", (), ("water",)), ("c", ("water",), ()))


@lru_cache(maxsize=1)
def seed_taxonomy() -> Taxonomy:
    return load_taxonomy()


def seed_inference():
    taxonomy = seed_taxonomy()
    themes = tuple(sorted(taxonomy.themes, key=lambda t: t.id))
    pos = {t.id: i for i, t in enumerate(themes)}
    inference = ThemeInference.build(themes, [(pos[a], pos[b])
                                              for a, b in taxonomy.broader.items()])
    return lambda text: [themes[t].id for t, _ in inference.infer(text)]


def test_the_known_misses_of_issue_7_now_yield_their_themes():
    infer = seed_inference()
    assert infer("langer thuis wonen") == ["healthy_ageing"]
    assert infer("Smart maintenance in the process industry") == ["smart_maintenance",
                                                                  "chemistry_process"]


def test_the_phrase_file_holds_40_real_phrases_in_both_languages_with_sources():
    phrases = load_theme_phrases(seed_taxonomy())
    assert len(phrases) >= 40
    assert {p.language for p in phrases} == {"nl", "en"}
    assert {p.split for p in phrases} == {"dev", "holdout"}
    assert all(p.source and p.themes for p in phrases)


def test_recall_on_all_phrases_is_at_least_0_9():
    phrases = load_theme_phrases(seed_taxonomy())
    scores = score_themes(seed_inference(), seed_taxonomy().broader,
                          [(p.phrase, p.themes, p.also_ok) for p in phrases])
    assert scores.recall >= 0.9 and scores.precision >= 0.9


def test_a_phrase_with_an_unknown_theme_names_file_line_and_field(tmp_path):
    path = tmp_path / "phrases.csv"
    path.write_text("phrase,language,themes,also_ok,split,source\n"
                    "waterstof,nl,hydrogen,,dev,x\nzorg,nl,no_such_theme,,dev,x\n",
                    encoding="utf-8")
    with pytest.raises(BundleError) as caught:
        load_theme_phrases(seed_taxonomy(), path)
    assert (caught.value.file, caught.value.line, caught.value.field, caught.value.value) == (
        "phrases.csv", 3, "themes", "no_such_theme")
