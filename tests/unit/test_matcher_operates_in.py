"""Organisations known only by province (OPERATES_IN): region fit, reasons and filters."""

from __future__ import annotations

import pytest

from graph_schema.model import OrgKind, RelType, make_relationship
from matcher import Filters, Mission, build_index, match
from matcher.regions import DECAY_PER_BORDER, SAME_PROVINCE_OF_GEMEENTE
from tests.unit import graphs

NEAR = graphs.org("co-grid-noord", "Netbeheer Data Noord", OrgKind.COMPANY,
                  description="Data voor slimme netten in de energietransitie")
FAR = graphs.org("co-grid-zuid", "Netbeheer Data Zuid", OrgKind.COMPANY,
                 description="Data voor slimme netten in de energietransitie")
# Only a province each: Groningen (the mission's) and Noord-Brabant, four borders away.
OPERATES = ((NEAR.id, "PV20"), (FAR.id, "PV30"))


@pytest.fixture(scope="module")
def index():
    """The small graph plus two companies that only OPERATES_IN a province."""
    rels = tuple(make_relationship(RelType.OPERATES_IN, o, p) for o, p in OPERATES)
    rels += tuple(make_relationship(RelType.WORKS_ON, o.id, "energietransitie", weight=1.0)
                  for o in (NEAR, FAR))
    return build_index(graphs.snapshot(extra_orgs=(NEAR, FAR), extra_rels=rels))


def candidates(index, **kw):
    """The company candidates of a mission, by id."""
    mission = Mission(kinds=(OrgKind.COMPANY,), k=20, **kw)
    return {c.id: c for c in match(index, mission).results["company"]}


def region_text(candidate):
    """The text of the candidate's region reason."""
    [text] = [r.text for r in candidate.reasons if r.code == "region"]
    return text


def test_operating_in_the_mission_province_is_a_full_region_fit(index):
    near = candidates(index, text="energietransitie", province="PV20")[NEAR.id]
    assert near.breakdown["region_fit"] == 1.0
    assert region_text(near) == "actief in Groningen (provincie), in de gevraagde regio"


def test_operating_in_a_far_province_decays_per_border(index):
    far = candidates(index, text="energietransitie", province="PV20")[FAR.id]
    assert far.breakdown["region_fit"] == pytest.approx(DECAY_PER_BORDER ** 4, abs=1e-4)
    assert region_text(far) == "actief in Noord-Brabant (provincie), afstand 4 provincies"


def test_a_province_fits_a_gemeente_mission_less_than_the_gemeente_itself(index):
    found = candidates(index, text="energietransitie", gemeenten=("GM0014",))
    assert found[NEAR.id].breakdown["region_fit"] == SAME_PROVINCE_OF_GEMEENTE
    assert region_text(found[NEAR.id]) == "actief in Groningen (provincie), in dezelfde provincie"
    assert found["co-energie"].breakdown["region_fit"] == 1.0  # located in GM0014


def test_a_located_gemeente_wins_over_a_province_that_fits_no_better():
    rel = make_relationship(RelType.OPERATES_IN, "co-energie", "PV20")
    index = build_index(graphs.snapshot(extra_rels=(rel,)))
    energie = candidates(index, text="energietransitie", province="PV20")["co-energie"]
    assert region_text(energie) == "gevestigd in Groningen (Groningen), in de gevraagde regio"


def test_the_province_filter_keeps_organisations_operating_there(index):
    found = candidates(index, text="energietransitie", filters=Filters(province="PV30"))
    assert FAR.id in found
    assert NEAR.id not in found
    assert "co-zorg" in found  # located in Tilburg
