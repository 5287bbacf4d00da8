"""School locations weighted by students and by what is taught there; the region reason's words."""

from __future__ import annotations

import pytest

from graph_schema.model import OrgKind, RelType, make_relationship
from matcher import Mission, build_index, match
from matcher.location_reasons import FULL_LOCATION_STUDENTS, NOT_TAUGHT
from tests.unit import graphs

# Seated in Tilburg (Noord-Brabant); a small care location in Groningen, the mission's province.
SATELLITE = graphs.org("hbo-satelliet", "Hogeschool Satelliet", OrgKind.HBO,
                       description="Hogeschool voor energietransitie en zorg")
# Seated in Enschede (Overijssel); a large energy campus in Groningen.
CAMPUS = graphs.org("hbo-campus", "Hogeschool Campus", OrgKind.HBO,
                    description="Hogeschool voor energietransitie en zorg")
SMALL = 219


def located(org: str, gemeente: str, main: bool, students: int, themes: str):
    return make_relationship(RelType.LOCATED_IN, org, gemeente, main=main, students=students,
                             sectors="techniek", themes=themes)


@pytest.fixture(scope="module")
def index():
    """The small graph plus two hogescholen with a second location in Groningen."""
    rels = (located(SATELLITE.id, "GM0855", True, 7000, "energietransitie|care-technology"),
            located(SATELLITE.id, "GM0014", False, SMALL, "care-technology"),
            located(CAMPUS.id, "GM0153", True, 9000, "energietransitie"),
            located(CAMPUS.id, "GM0014", False, 2000, "energietransitie"))
    rels += tuple(make_relationship(RelType.WORKS_ON, o.id, "energietransitie", weight=1.0)
                  for o in (SATELLITE, CAMPUS))
    return build_index(graphs.snapshot(extra_orgs=(SATELLITE, CAMPUS), extra_rels=rels))


def hbo(index, text: str, **kw) -> dict:
    mission = Mission(text=text, province="PV20", kinds=(OrgKind.HBO,), k=10, **kw)
    return {c.id: c for c in match(index, mission).results["hbo"]}


def region_text(candidate) -> str:
    [text] = [r.text for r in candidate.reasons if r.code == "region"]
    return text


def test_a_small_location_that_teaches_other_themes_does_not_make_a_school_regional(index):
    satellite = hbo(index, "energietransitie in Groningen")[SATELLITE.id]
    # Tilburg is four borders away; Groningen counts for its students and not taught there.
    expected = round(SMALL / FULL_LOCATION_STUDENTS * NOT_TAUGHT, 4)
    assert satellite.breakdown["region_fit"] == pytest.approx(expected, abs=0.02)
    assert satellite.breakdown["region_fit"] < 0.1
    assert region_text(satellite).startswith("gevestigd in Tilburg (Noord-Brabant)")


def test_the_same_small_location_counts_more_for_a_theme_taught_there(index):
    energy = hbo(index, "energietransitie in Groningen")[SATELLITE.id]
    care = hbo(index, "zorgtechnologie in Groningen")[SATELLITE.id]
    assert care.breakdown["region_fit"] == pytest.approx(SMALL / FULL_LOCATION_STUDENTS,
                                                         abs=0.01)
    assert care.breakdown["region_fit"] > energy.breakdown["region_fit"]


def test_a_large_second_location_counts_in_full_and_is_named_after_the_main_one(index):
    campus = hbo(index, "energietransitie in Groningen")[CAMPUS.id]
    assert campus.breakdown["region_fit"] == 1.0
    assert region_text(campus) == ("gevestigd in Enschede (Overijssel); ook gevestigd in "
                                   "Groningen (Groningen), in de gevraagde regio")


def test_the_main_location_alone_is_named_when_it_fits_best(index):
    hanze = hbo(index, "energietransitie in Groningen")["hbo-hanze"]
    assert region_text(hanze) == "gevestigd in Groningen (Groningen), in de gevraagde regio"
