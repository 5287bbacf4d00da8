"""The theme taxonomy: names resolve, Dutch compounds match, every sector has a theme."""

from __future__ import annotations

from functools import lru_cache

import pytest

from seed_data.companies import sector_themes
from seed_data.themes import Taxonomy, load_taxonomy, normalise, section_of

REQUIRED = ("energy_transition", "hydrogen", "digitalisation", "artificial_intelligence",
            "cybersecurity", "smart_maintenance", "high_tech_mechatronics", "smart_materials",
            "health_care_technology", "healthy_ageing", "medical_3d", "agrifood", "water",
            "maritime", "logistics", "construction_installation", "circular_economy",
            "creative_industry", "tourism_hospitality", "chemistry_process")


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def test_the_themes_asked_for_exist():
    assert set(REQUIRED) <= set(taxonomy().ids())


@pytest.mark.parametrize(("text", "theme"), [
    ("Energietransitie", "energy_transition"), ("energy transition", "energy_transition"),
    ("waterstof", "hydrogen"), ("Hydrogen", "hydrogen"), ("AI", "artificial_intelligence"),
    ("zorgtechnologie", "health_care_technology"), ("3D medisch", "medical_3d"),
    ("Hightech & mechatronica", "high_tech_mechatronics"),
    ("smart grids", "sustainable_electricity"), ("no such theme", None),
])
def test_ids_labels_and_synonyms_resolve(text, theme):
    assert taxonomy().resolve(text) == theme


def test_dutch_compounds_match_their_parts_but_longer_words_win():
    found = taxonomy().match_text("Wij werken aan energieopslag en waterstofproductie")
    assert "hydrogen" in found and "water" not in found
    assert "sustainable_electricity" in found  # energieopslag is a synonym of its own


def test_free_text_resolves_to_several_themes():
    assert taxonomy().resolve_many("haven / logistiek / duurzaamheid") == (
        "maritime", "logistics", "energy_climate")


def test_every_narrower_theme_has_one_broader_cluster():
    tax = taxonomy()
    for theme in tax.ids():
        assert tax.cluster_of(theme) in tax.top_level()


def test_every_generated_sbi_section_has_a_theme():
    by_division, by_section = sector_themes(taxonomy())
    covered = set(by_section) | {section_of(int(d)) for d in by_division}
    assert set("ABCDEFGHIJKLMNOPQRS") <= covered


def test_normalise_strips_accents_and_punctuation():
    assert normalise("Fryslân, Súdwest-Fryslân!") == "fryslan sudwest fryslan"
