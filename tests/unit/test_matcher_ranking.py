"""Partner ranking on the small hand-made graph."""

from __future__ import annotations

import numpy as np
import pytest

from graph_schema.model import OrgKind, RelType, make_relationship
from matcher import Filters, MatchError, Mission, build_index, match
from matcher.components import COMPONENTS
from matcher.preparation import prepare_mission
from matcher.reasons import short_basis
from matcher.regions import DECAY_PER_BORDER
from matcher.selection import select
from tests.unit import graphs

BREAKDOWN_KEYS = set(COMPONENTS)


@pytest.fixture(scope="module")
def index():
    """The index of the small graph, built once."""
    return build_index(graphs.snapshot())


def ranked(index, **kw):
    """Ids of the candidates of the single wanted kind."""
    mission = Mission(**kw)
    result = match(index, mission).results
    (cands,) = result.values()
    return cands


def test_on_theme_partner_in_province_outranks_off_theme_far_away(index):
    cands = ranked(index, text="energietransitie", province="PV20", kinds=(OrgKind.COMPANY,))
    ids = [c.id for c in cands]
    assert ids.index("co-energie") < ids.index("co-zorg")
    top = cands[0]
    assert top.id == "co-energie"
    assert set(top.breakdown) == BREAKDOWN_KEYS
    assert top.breakdown["region_fit"] == 1.0
    assert all(0.0 <= c.score <= 1.0 for c in cands)


def test_region_fit_decays_with_province_distance(index):
    cands = ranked(index, themes=("waterstof",), province="PV20", kinds=(OrgKind.COMPANY,))
    fit = {c.id: c.breakdown["region_fit"] for c in cands}
    assert fit["co-energie"] == 1.0
    assert fit["co-waterstof"] == DECAY_PER_BORDER  # Drenthe borders Groningen
    assert fit["co-ver"] == round(DECAY_PER_BORDER**3, 4)  # Gelderland: three borders
    assert cands[0].id == "co-waterstof"
    region = next(r for r in cands[0].reasons if r.code == "region")
    assert region.text == "gevestigd in Assen (Drenthe), in een buurprovincie (afstand 1)"


def test_school_in_several_gemeenten_takes_its_best_location(index):
    cands = ranked(index, text="onderwijs", gemeenten=("GM0037",), kinds=(OrgKind.MBO,))
    noorderpoort = next(c for c in cands if c.id == "mbo-noorderpoort")
    assert noorderpoort.breakdown["region_fit"] == 1.0


def test_governments_outside_the_mission_region_rank_below_those_inside(index):
    cands = ranked(index, text="energietransitie", province="PV20", kinds=(OrgKind.GOVERNMENT,))
    assert [c.id for c in cands][:2] == ["gov-pv20", "gov-gm0014"]
    rijk = next(c for c in cands if c.id == "gov-rijk")
    assert rijk.score < 0.1 * cands[1].score
    nowhere_near = ranked(index, text="energietransitie", province="PV30",
                          kinds=(OrgKind.GOVERNMENT,))
    assert all(c.score < 0.1 for c in nowhere_near)


def test_partner_linked_to_a_coalition_member_gets_the_warm_introduction(index):
    cands = ranked(index, text="energietransitie", province="PV20", kinds=(OrgKind.COMPANY,),
                   with_ids=("hbo-hanze",))
    warm = next(c for c in cands if c.id == "co-warm")
    reason = next(r for r in warm.reasons if r.code == "warm_introduction")
    assert reason.text == "werkt al samen met Hanzehogeschool Groningen in pps Energie Noord"
    assert warm.breakdown["network_fit"] == 1.0


def test_two_hop_path_names_the_intermediary_and_both_pps(index):
    cands = ranked(index, text="netwerken", kinds=(OrgKind.COMPANY,), with_ids=("hbo-hanze",))
    ver = next(c for c in cands if c.id == "co-ver")
    reason = next(r for r in ver.reasons if r.code == "warm_introduction")
    assert reason.text == (
        "via Warmtenet Noord (pps Netwerk Oost) en Hanzehogeschool Groningen (pps Energie Noord)"
    )
    assert ver.breakdown["network_fit"] == 0.3


def test_partners_already_in_the_coalition_are_not_proposed(index):
    cands = ranked(index, text="energietransitie", kinds=(OrgKind.COMPANY,),
                   with_ids=("co-energie",))
    assert "co-energie" not in [c.id for c in cands]


def test_filters_drop_synthetic_size_class_and_other_provinces(index):
    no_synth = ranked(index, text="zorg", kinds=(OrgKind.COMPANY,),
                      filters=Filters(include_synthetic=False))
    assert "co-zorg" not in [c.id for c in no_synth]
    small = ranked(index, text="zorg", kinds=(OrgKind.COMPANY,),
                   filters=Filters(size_classes=("10-49",)))
    assert {c.id for c in small} == {"co-energie", "co-waterstof"}
    groningen = ranked(index, text="zorg", kinds=(OrgKind.COMPANY,),
                       filters=Filters(province="PV20"))
    assert {c.id for c in groningen} == {"co-energie", "co-warm"}


def test_synthetic_candidates_are_labelled(index):
    cands = ranked(index, text="zorgtechnologie", kinds=(OrgKind.COMPANY,))
    zorg = next(c for c in cands if c.id == "co-zorg")
    assert zorg.synthetic
    assert "synthetic" in [r.code for r in zorg.reasons]


def test_ties_are_broken_by_id():
    twins = (graphs.twin(graphs.ORGS[8], "co-ver-b"), graphs.twin(graphs.ORGS[8], "co-ver-a"))
    rels = tuple(make_relationship(RelType.LOCATED_IN, t.id, "GM0202") for t in twins)
    index = build_index(graphs.snapshot(extra_orgs=twins, extra_rels=rels))
    cands = ranked(index, text="bakkerij", kinds=(OrgKind.COMPANY,), k=10)
    ids = [c.id for c in cands]
    assert ids.index("co-ver-a") < ids.index("co-ver-b")
    assert ranked(index, text="bakkerij", kinds=(OrgKind.COMPANY,), k=10) == cands


@pytest.mark.parametrize(("gap", "copies_in_top_3"), [(0.005, 2), (0.08, 3)])
def test_near_duplicates_give_way_to_a_different_profile_within_the_margin(gap, copies_in_top_3):
    base = graphs.ORGS[4]  # co-energie
    twins = tuple(graphs.twin(base, f"co-energie-{i}") for i in range(3))
    rels = tuple(make_relationship(RelType.LOCATED_IN, t.id, "GM0014") for t in twins)
    rels += tuple(make_relationship(RelType.WORKS_ON, t.id, "energietransitie", weight=1.0)
                  for t in twins)
    index = build_index(graphs.snapshot(extra_orgs=twins, extra_rels=rels))
    prep = prepare_mission(index, Mission(themes=("energietransitie",), province="PV20"))
    rows = np.array([index.org_pos[i] for i in
                     ("co-energie", "co-energie-0", "co-energie-1", "co-energie-2", "co-warm")])
    scores = np.array([0.8, 0.8, 0.8, 0.8, 0.8 - gap])  # within REORDER_MARGIN (0.01) or not
    top = select(index, prep, rows, scores, 3)
    names = [index.orgs[rows[p]].id for p in top.positions]
    assert sum(n.startswith("co-energie") for n in names) == copies_in_top_3
    assert any(top.promoted) == (copies_in_top_3 == 2)


def test_top_k_mixes_new_and_experienced_partners(index):
    cands = ranked(index, text="energietransitie", province="PV20", kinds=(OrgKind.COMPANY,),
                   k=5)
    codes = [{r.code for r in c.reasons} for c in cands]
    assert any("new_partner" in c for c in codes)
    assert any("experience" in c for c in codes)


def test_unknown_theme_or_province_is_a_match_error(index):
    with pytest.raises(MatchError, match="unknown theme"):
        match(index, Mission(themes=("no-such-theme",)))
    with pytest.raises(MatchError, match="unknown province"):
        match(index, Mission(province="PV99"))
    with pytest.raises(MatchError, match="unknown organisation"):
        match(index, Mission(with_ids=("nobody",)))
    with pytest.raises(MatchError, match="unknown kind"):
        match(index, Mission(kinds=("school",)))  # type: ignore[arg-type]
    with pytest.raises(MatchError, match="k must be between 1 and 100"):
        match(index, Mission(k=0))


def test_answer_has_the_json_shape(index):
    mission = Mission(text="energietransitie", province="PV20",
                      kinds=(OrgKind.COMPANY, OrgKind.MBO), with_ids=("hbo-hanze",), k=2)
    out = match(index, mission).to_dict()
    assert set(out["results"]) == {"company", "mbo"}
    cand = out["results"]["company"][0]
    assert set(cand) == {"id", "name", "kind", "score", "breakdown", "reasons", "synthetic"}
    assert set(cand["reasons"][0]) == {"code", "text"}
    assert {r["rule"] for r in out["coalition"]["rules"]} >= {"has_hbo", "has_mbo"}
    assert "mbo" in out["coalition"]["missing_kinds"]


def test_candidate_names_the_provincial_priority_it_serves(index):
    cands = ranked(index, themes=("waterstof",), province="PV20", kinds=(OrgKind.COMPANY,))
    reason = next(r for r in cands[0].reasons if r.code == "provincial_priority")
    assert reason.text == (
        "past bij provinciale prioriteit Energietransitie van Groningen (Economische agenda)"
    )


def test_priority_basis_loses_its_links_and_is_cut_to_length():
    basis = "Transitiecampus: circulaire economie (https://example.org/a-b) en energie"
    assert short_basis(basis) == "Transitiecampus: circulaire economie en energie"
    assert short_basis("woord " * 50).endswith(" ...")


def test_priority_basis_is_cited_by_its_source_or_as_illustrative():
    sourced = ("RIS3 Noord-Nederland 2021-2027 noemt de energietransitie "
               "(https://example.org/ris3; https://example.org/ebnn)")
    assert short_basis(sourced) == "bron: RIS3 Noord-Nederland 2021-2027"
    assumed = "illustratief: aangenomen op grond van Chemelot (geen bron)"
    assert short_basis(assumed) == "illustratief"


def test_a_theme_is_named_once_in_the_evidence(index):
    cands = ranked(index, themes=("waterstof", "energietransitie"), province="PV22",
                   kinds=(OrgKind.COMPANY,))
    waterstof = next(c for c in cands if c.id == "co-waterstof")
    theme = next(r for r in waterstof.reasons if r.code == "theme_match")
    assert theme.text == "werkt aan Waterstof"


def test_a_priority_the_mission_is_not_about_is_not_given_as_evidence(index):
    cands = ranked(index, themes=("care-technology",), province="PV20", kinds=(OrgKind.COMPANY,))
    assert all(r.code != "provincial_priority" for c in cands for r in c.reasons)


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_a_mission_without_text_or_themes_is_refused(text):
    index = build_index(graphs.snapshot())
    with pytest.raises(MatchError, match="^mission: "):
        match(index, Mission(text=text, province="PV20"))
