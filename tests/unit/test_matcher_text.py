"""Text similarity across Dutch compounds and English, through the taxonomy labels."""

from __future__ import annotations

import pytest

from graph_schema.model import OrgKind
from matcher import Mission, build_index, match
from tests.unit import graphs


@pytest.fixture(scope="module")
def index():
    """The index of the small graph, built once."""
    return build_index(graphs.snapshot())


def themes_of(index, text):
    """The theme ids the matcher reads in a mission text."""
    return match(index, Mission(text=text, kinds=(OrgKind.COMPANY,))).mission_themes


def test_dutch_compound_finds_the_english_labelled_theme(index):
    assert themes_of(index, "Wij werken aan zorgtechnologie in de wijk") == ("care-technology",)


def test_inflected_compound_still_finds_the_theme(index):
    assert "care-technology" in themes_of(index, "zorgtechnologische innovaties")


def test_english_text_finds_the_dutch_labelled_theme_and_dutch_profiles(index):
    result = match(index, Mission(text="Speeding up the energy transition",
                                  kinds=(OrgKind.COMPANY,), k=3))
    assert result.mission_themes == ("energietransitie",)
    assert result.results["company"][0].id == "co-energie"
    assert result.results["company"][0].breakdown["theme_fit"] == 1.0


def test_synonym_finds_its_theme(index):
    assert themes_of(index, "health technology for elderly people") == ("care-technology",)


def test_unrelated_text_finds_no_theme(index):
    assert themes_of(index, "bakkerij en banketbakkers in de binnenstad") == ()


def test_organisation_without_description_matches_on_its_coalitions(index):
    result = match(index, Mission(text="Noord-Nederland versnellen",
                                  kinds=(OrgKind.COMPANY,), k=5))
    warm = next(c for c in result.results["company"] if c.id == "co-warm")
    assert warm.breakdown["text_fit"] > 0.2
