"""Off-theme candidates keep only part of their context (region, experience, newcomer), and
the newcomer prior counts in proportion to relevance."""

from __future__ import annotations

import numpy as np

from graph_schema.model import OrgKind, RelType, make_relationship
from matcher import Mission, build_index, match
from matcher.components import COMPONENTS, OFF_THEME_CONTEXT
from matcher.preparation import prepare_mission
from tests.unit import graphs

CONTEXT = {"region_fit", "experience", "newcomer"}
EXTRA = (graphs.org("co-zorg-gron", "Zorg Groningen BV", OrgKind.COMPANY,
                    description="Thuiszorg en zorgtechnologie"),)
EXTRA_RELS = (make_relationship(RelType.LOCATED_IN, "co-zorg-gron", "GM0014"),
              make_relationship(RelType.WORKS_ON, "co-zorg-gron", "care-technology", weight=1.0))
MISSION = Mission(text="energietransitie", themes=("energietransitie",), province="PV20",
                  kinds=(OrgKind.COMPANY,), k=10)


def _companies(mission: Mission = MISSION):
    index = build_index(graphs.snapshot(EXTRA, EXTRA_RELS))
    (cands,) = match(index, mission).results.values()
    return {c.id: c for c in cands}, prepare_mission(index, mission)


def _expected(cands, oid: str, weights: dict[str, float], share: float) -> float:
    """The score as the weighted sum, the context scaled by `share` and the newcomer prior by
    the theme fit relative to the best candidate's."""
    breakdown = cands[oid].breakdown
    best = max(c.breakdown["theme_fit"] for c in cands.values())
    relevance = {"newcomer": breakdown["theme_fit"] / best}
    return sum(weights[c] * breakdown[c] * (share if c in CONTEXT else 1.0)
               * relevance.get(c, 1.0) for c in COMPONENTS)


def test_a_nearby_company_on_other_themes_keeps_only_part_of_its_context():
    cands, prep = _companies()
    weights = prep.weights
    care = cands["co-zorg-gron"]
    assert care.breakdown["theme_fit"] == 0 and care.breakdown["region_fit"] == 1.0
    assert care.score == round(_expected(cands, "co-zorg-gron", weights, OFF_THEME_CONTEXT), 4)
    assert care.reasons[-1].code == "off_theme"
    ids = list(cands)
    assert ids.index("co-energie") < ids.index("co-zorg-gron")


def test_on_theme_and_theme_less_candidates_keep_their_whole_context():
    cands, prep = _companies()
    weights = prep.weights
    # co-energie works on the theme; co-ver has no themes of its own: unknown is not off-theme.
    for oid in ("co-energie", "co-ver", "co-waterstof"):
        c = cands[oid]
        assert c.score == round(_expected(cands, oid, weights, 1.0), 4)
        assert "off_theme" not in {r.code for r in c.reasons}
    assert cands["co-ver"].breakdown["theme_fit"] == 0
    # Both newcomers: co-energie fits best, co-waterstof (hydrogen, narrower) less.
    energie, waterstof = cands["co-energie"].breakdown, cands["co-waterstof"].breakdown
    assert energie["newcomer"] == waterstof["newcomer"] == 1
    assert 0 < waterstof["theme_fit"] < energie["theme_fit"]
    assert weights["newcomer"] > 0


def test_without_mission_themes_nobody_is_off_theme():
    mission = Mission(text="zonnepanelen installeren", province="PV20", kinds=(OrgKind.COMPANY,))
    cands, prep = _companies(mission)
    assert prep.mission_themes == ()
    assert cands["co-zorg-gron"].breakdown["theme_fit"] == 0
    assert not any(r.code == "off_theme" for c in cands.values() for r in c.reasons)
    assert np.isfinite([c.score for c in cands.values()]).all()
