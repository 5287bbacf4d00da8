"""The deterministic generator: same seed same data, realistic shares, plausible coalitions."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

import pytest

from graph_schema.model import Label, Organisation, OrgKind, Pps, RelType
from seed_data.bundle import Bundle
from seed_data.coalitions import pps_count
from seed_data.reference_data import ReferenceData, load_reference
from seed_data.synthetic import generate

COMPANIES = 3_000


@lru_cache(maxsize=1)
def reference() -> ReferenceData:
    return load_reference()


@lru_cache(maxsize=4)
def synthetic(seed: int = 7, companies: int = COMPANIES) -> Bundle:
    return generate(companies=companies, seed=seed, reference=reference())


def province_of_org(bundle: Bundle) -> dict[str, str]:
    regions = reference().regions
    return {r.source: regions.province_of[r.target]
            for r in bundle.relationships_of(RelType.LOCATED_IN)}


def test_the_same_seed_gives_the_same_bundle():
    again = generate(companies=COMPANIES, seed=7, reference=reference())
    assert again == synthetic(7)
    assert again.digest() == synthetic(7).digest()


def test_another_seed_gives_other_data():
    other = synthetic(8)
    assert other.nodes != synthetic(7).nodes
    assert other.counts()["nodes"]["Organisation"] == COMPANIES


def test_every_generated_record_is_marked_synthetic():
    assert all(n.synthetic for n in synthetic().nodes)
    assert all(n.name.endswith("(synthetisch)") for n in synthetic().nodes)
    assert all(isinstance(n, Organisation | Pps) for n in synthetic().nodes)


def test_companies_have_sector_size_location_and_themes():
    companies = [o for o in synthetic().organisations() if o.kind is OrgKind.COMPANY]
    assert len(companies) == COMPANIES
    places = province_of_org(synthetic())
    themes = {r.source for r in synthetic().relationships_of(RelType.WORKS_ON)}
    for org in companies[:200]:
        assert org.sbi_code and org.sbi_section and org.size_class and org.description
        assert org.id in places and org.id in themes


def test_most_companies_are_mkb_and_most_are_one_person_businesses():
    companies = [o for o in synthetic().organisations() if o.kind is OrgKind.COMPANY]
    mkb = sum(o.mkb for o in companies) / len(companies)
    solo = sum(o.size_class == "1" for o in companies) / len(companies)
    assert mkb > 0.99
    assert 0.72 < solo < 0.82


def test_companies_per_province_follow_the_kwb_establishment_shares():
    economy, regions = reference().economy, reference().regions
    expected: Counter[str] = Counter()
    for gemeente, count in zip(economy.gemeenten, economy.establishments.sum(axis=1), strict=True):
        expected[regions.province_of[gemeente]] += count
    bundle = synthetic(7, 20_000)
    places = province_of_org(bundle)
    actual = Counter(places[o.id] for o in bundle.organisations())
    total = sum(expected.values())
    for province, count in expected.items():
        assert abs(actual[province] / 20_000 - count / total) < 0.01, province


def test_sectors_follow_the_regional_mix():
    bundle = synthetic(7, 20_000)
    sections = Counter(o.sbi_section for o in bundle.organisations())
    assert sections["M"] > sections["C"] > sections["B"]
    assert sections["T"] == sections["U"] == 0


def test_pps_count_is_about_400_in_all_at_5000_companies():
    assert pps_count(5_000, 44) + 44 == 400
    assert pps_count(100_000, 44) > 10 * pps_count(5_000, 44)


def test_small_graphs_keep_synthetic_pps_even_when_the_real_ones_fill_the_share():
    assert pps_count(150, 44) == 10 and pps_count(1_000, 44) == 36
    assert pps_count(0, 44) == 0


def test_every_synthetic_pps_has_a_province_themes_and_members():
    bundle = synthetic()
    ppses = bundle.nodes_of(Label.PPS)
    assert len(ppses) == pps_count(COMPANIES, len(reference().real_pps.nodes_of(Label.PPS)))
    active = Counter(r.source for r in bundle.relationships_of(RelType.ACTIVE_IN))
    focus = Counter(r.source for r in bundle.relationships_of(RelType.FOCUSES_ON))
    members = Counter(r.target for r in bundle.relationships_of(RelType.MEMBER_OF))
    for pps in ppses:
        assert active[pps.id] == 1 and 1 <= focus[pps.id] <= 3 and members[pps.id] >= 2
        assert pps.mission and pps.type and pps.phase and 2010 <= pps.start_year <= 2025


def member_kinds(bundle: Bundle) -> dict[str, set[str]]:
    kinds = {o.id: o.kind.value for o in bundle.organisations()}
    kinds.update({o.id: o.kind.value for o in real_orgs()})
    out: dict[str, set[str]] = defaultdict(set)
    for rel in bundle.relationships_of(RelType.MEMBER_OF):
        out[rel.target].add(kinds[rel.source])
    return out


@lru_cache(maxsize=1)
def real_orgs() -> tuple[Organisation, ...]:
    return reference().bundle().organisations()


def test_most_coalitions_are_complete_and_some_are_deliberately_not():
    groups = member_kinds(synthetic()).values()
    complete = [g for g in groups if {"hbo", "mbo", "company"} <= g
                and g & {"government", "board"}]
    without_mbo = [g for g in groups if "mbo" not in g]
    assert len(complete) > 0.5 * len(groups)
    assert without_mbo


def test_schools_and_companies_of_a_pps_are_near_its_province():
    bundle = synthetic()
    regions = reference().regions
    where = {r.source: r.target for r in bundle.relationships_of(RelType.ACTIVE_IN)}
    places: dict[str, set[str]] = defaultdict(set)
    for rel in (*bundle.relationships_of(RelType.LOCATED_IN),
                *reference().bundle().relationships_of(RelType.LOCATED_IN)):
        places[rel.source].add(regions.province_of[rel.target])
    kinds = {o.id: o.kind for o in (*bundle.organisations(), *real_orgs())}
    for rel in bundle.relationships_of(RelType.MEMBER_OF):
        province = where[rel.target]
        near = {province, *regions.neighbours(province)}
        if kinds[rel.source] in (OrgKind.HBO, OrgKind.MBO, OrgKind.WO):
            assert places[rel.source] & near, rel
        if kinds[rel.source] is OrgKind.COMPANY:
            assert places[rel.source] == {province}, rel


def test_every_pps_with_members_has_exactly_one_penvoerder():
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for rel in synthetic().relationships_of(RelType.MEMBER_OF):
        roles[rel.target][rel.props["role"]] += 1
    assert all(r["penvoerder"] == 1 for r in roles.values())


def test_pps_themes_favour_the_province_priorities():
    bundle = synthetic()
    priorities = reference().priority_themes()
    taxonomy = reference().taxonomy
    where = {r.source: r.target for r in bundle.relationships_of(RelType.ACTIVE_IN)}
    first: dict[str, str] = {}
    for rel in bundle.relationships_of(RelType.FOCUSES_ON):
        first.setdefault(rel.source, rel.target)
    hits = sum(1 for p, t in first.items()
               if t in priorities[where[p]] or taxonomy.broader.get(t) in priorities[where[p]])
    assert hits > 0.6 * len(first)


def test_zero_companies_gives_an_empty_synthetic_bundle():
    assert generate(companies=0, reference=reference()).nodes == ()


def test_a_negative_company_count_is_refused():
    with pytest.raises(ValueError):
        generate(companies=-1, reference=reference())


def school_memberships(bundle: Bundle) -> Counter[str]:
    schools = {r.org.id for r in (*reference().hbo, *reference().mbo, *reference().wo)}
    return Counter(r.source for r in bundle.relationships_of(RelType.MEMBER_OF)
                   if r.source in schools)


def pps_themes(bundle: Bundle) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for rel in bundle.relationships_of(RelType.FOCUSES_ON):
        out[rel.source].append(rel.target)
    return out


def test_aoc_and_vakinstelling_join_only_pps_on_their_own_sector():
    bundle = synthetic(7, 10_000)
    taxonomy = reference().taxonomy
    themes = pps_themes(bundle)
    specialists = {r.org.id: r for r in reference().mbo
                   if r.org.subtype in ("aoc", "vakinstelling")}
    seen = 0
    for rel in bundle.relationships_of(RelType.MEMBER_OF):
        record = specialists.get(rel.source)
        if record is None:
            continue
        seen += 1
        own = set(record.themes)
        covered = [t for t in themes[rel.target] if t in own or taxonomy.cluster_of(t) in own]
        main = themes[rel.target][0]
        assert main in covered or 2 * len(covered) >= len(themes[rel.target]), (
            record.org.name, themes[rel.target])
    assert seen > 20


def test_svo_food_is_member_of_few_pps_all_on_food_or_trade():
    bundle = synthetic()
    themes = pps_themes(bundle)
    ppses = [r.target for r in bundle.relationships_of(RelType.MEMBER_OF)
             if r.source == "duo:17WH"]  # SVO vakopleiding food
    assert len(ppses) <= 10
    assert all({"agrifood", "retail_trade"} & set(themes[p]) for p in ppses)


def test_large_schools_are_in_many_pps_and_small_ones_in_few():
    counts = school_memberships(synthetic(7, 10_000))
    students = {r.org.id: sum(r.presence) for r in reference().hbo}
    large = sorted(counts[s] for s, n in students.items() if n >= 20_000)
    small = sorted(counts[s] for s, n in students.items() if n < 2_000)
    assert large[len(large) // 2] >= 5 * max(1, small[len(small) // 2])
    by_subtype: dict[str, list[int]] = defaultdict(list)
    for record in reference().mbo:
        by_subtype[record.org.subtype or ""].append(counts[record.org.id])
    roc, vak = sorted(by_subtype["roc"]), sorted(by_subtype["vakinstelling"])
    assert roc[len(roc) // 2] > 3 * vak[len(vak) // 2]
    assert max(vak) < max(roc)


def test_schools_mostly_join_pps_in_their_own_province():
    bundle = synthetic()
    regions = reference().regions
    where = {r.source: r.target for r in bundle.relationships_of(RelType.ACTIVE_IN)}
    records = {r.org.id: r for r in (*reference().hbo, *reference().mbo)}
    local = [where[r.target] in {regions.province_of[g] for g in records[r.source].gemeenten}
             for r in bundle.relationships_of(RelType.MEMBER_OF) if r.source in records]
    assert sum(local) > 0.7 * len(local)


def test_a_satellite_location_brings_few_pps_in_that_province():
    bundle = synthetic(7, 10_000)
    where = {r.source: r.target for r in bundle.relationships_of(RelType.ACTIVE_IN)}
    groningen = Counter(r.source for r in bundle.relationships_of(RelType.MEMBER_OF)
                        if where[r.target] == "PV20")
    # Hanze has 26,912 students in Groningen; Inholland 219 of its about 30,000
    assert groningen["duo:25BE"] > 5 * groningen["duo:27PZ"]
