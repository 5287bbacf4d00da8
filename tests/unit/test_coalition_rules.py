"""Coalition rules, missing kinds, builder and what-if on the small graph."""

from __future__ import annotations

import pytest

from graph_schema.model import OrgKind, make_relationship
from matcher import Mission, build_coalition, build_index, check_coalition, what_if
from tests.unit import graphs

COMPLETE = ("hbo-hanze", "mbo-noorderpoort", "co-energie", "gov-pv20")


@pytest.fixture(scope="module")
def index():
    """The index of the small graph, built once."""
    return build_index(graphs.snapshot())


def rules_of(check):
    """Rule name -> met."""
    return {r.rule: r.met for r in check.rules}


def test_coalition_without_mbo_is_flagged_and_mbo_candidates_are_proposed(index):
    mission = Mission(text="energietransitie", province="PV20",
                      with_ids=("hbo-hanze", "co-energie", "gov-pv20"))
    check = check_coalition(index, mission)
    assert rules_of(check)["has_mbo"] is False
    assert check.missing_kinds == ("mbo",)
    proposed = [c.id for c in check.candidates_by_kind["mbo"]]
    assert proposed[0] == "mbo-noorderpoort"
    reason = next(r for r in check.rules if r.rule == "has_mbo").reason
    assert reason == "geen mbo-instelling in de coalitie"


def test_complete_coalition_meets_every_rule(index):
    check = check_coalition(index, Mission(themes=("energietransitie",), province="PV20",
                                           with_ids=COMPLETE))
    assert check.all_met, check.rules
    assert check.missing_kinds == ()
    assert check.to_dict()["rules"][0] == {
        "rule": "has_hbo", "met": True, "reason": "hogeschool: Hanzehogeschool Groningen"}


def test_rijksoverheid_is_not_regional_support_and_only_regional_governments_are_proposed(index):
    check = check_coalition(index, Mission(themes=("energietransitie",), province="PV20",
                                           with_ids=("hbo-hanze", "mbo-noorderpoort",
                                                     "co-energie", "gov-rijk")))
    met = rules_of(check)
    assert met["regional_support"] is False
    assert met["three_stakeholder_groups"] is True
    assert check.missing_kinds == ("government",)
    assert {c.id for c in check.candidates_by_kind["government"]} == {"gov-gm0014", "gov-pv20"}


def test_board_counts_as_regional_support(index):
    check = check_coalition(index, Mission(province="PV20", with_ids=("board-nom",)))
    assert rules_of(check)["regional_support"] is True


def test_a_government_of_unknown_level_counts_as_regional_support():
    unknown = graphs.org("gov-x", "Gemeente X (import)", OrgKind.GOVERNMENT)
    located = make_relationship("LOCATED_IN", "gov-x", "GM0037")
    index = build_index(graphs.snapshot(extra_orgs=(unknown,), extra_rels=(located,)))
    check = check_coalition(index, Mission(province="PV20", with_ids=("gov-x",)))
    assert rules_of(check)["regional_support"] is True
    without = check_coalition(index, Mission(province="PV20", with_ids=("hbo-hanze",)))
    assert "gov-x" in {c.id for c in without.candidates_by_kind["government"]}


def test_mission_outside_the_provincial_priorities_is_flagged(index):
    check = check_coalition(index, Mission(themes=("care-technology",), province="PV20",
                                           with_ids=COMPLETE))
    met = rules_of(check)
    assert met["provincial_priority"] is False
    related = check_coalition(index, Mission(themes=("waterstof",), province="PV20",
                                             with_ids=COMPLETE))
    assert rules_of(related)["provincial_priority"] is True
    reason = next(r.reason for r in related.rules if r.rule == "provincial_priority")
    assert reason == "sluit aan bij prioriteit Energietransitie van Groningen (Economische agenda)"


def test_builder_proposes_a_complete_coalition_within_the_size_limit(index):
    proposal = build_coalition(index, Mission(text="energietransitie", province="PV20"),
                               max_size=5)
    assert proposal.all_met, proposal.rules
    assert len(proposal.member_ids) <= 5
    kinds = {index.orgs[index.org_pos[i]].kind for i in proposal.member_ids}
    assert {OrgKind.HBO, OrgKind.MBO, OrgKind.COMPANY} <= kinds
    assert proposal.coverage == 1.0
    assert proposal.to_dict()["all_met"] is True


def test_builder_keeps_the_given_partners(index):
    proposal = build_coalition(index, Mission(text="energietransitie", province="PV20",
                                              with_ids=("hbo-hanze",)), max_size=4)
    assert proposal.member_ids[0] == "hbo-hanze"
    assert len(proposal.member_ids) == 4


def test_what_if_reports_the_change_in_rules_and_coverage(index):
    mission = Mission(themes=("energietransitie",), province="PV20",
                      with_ids=("hbo-hanze", "co-zorg", "gov-pv20"))
    added = what_if(index, mission, add=("mbo-noorderpoort",))
    assert added["delta"]["rules_met"] == 1
    assert added["changed_rules"] == [{"rule": "has_mbo", "before": False, "after": True,
                                       "reason": "mbo-instelling: Noorderpoort"}]
    removed = what_if(index, mission, remove=("hbo-hanze",))
    assert removed["delta"]["rules_met"] == -2
    assert [c["rule"] for c in removed["changed_rules"]] == ["has_hbo", "three_stakeholder_groups"]
    assert removed["delta"]["coverage"] < 0
