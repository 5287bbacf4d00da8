"""The real reference data: regions, borders, themes, schools, governments, priorities, pps'en."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from functools import lru_cache

import pytest

from graph_schema.model import Label, Organisation, OrgKind, Pps, RelType
from seed_data.bundle import Bundle
from seed_data.csvio import DEFAULT_DATA_DIR
from seed_data.reference_data import ReferenceData, load_reference
from seed_data.regions import GEOJSON_FILE, land_borders

ZEELAND, ZUID_HOLLAND, NOORD_BRABANT = "PV29", "PV28", "PV30"
UTRECHT, NOORD_HOLLAND, GELDERLAND, FLEVOLAND = "PV26", "PV27", "PV25", "PV24"
GRONINGEN, FRYSLAN, DRENTHE = "PV20", "PV21", "PV22"


@lru_cache(maxsize=1)
def reference() -> ReferenceData:
    return load_reference()


@lru_cache(maxsize=1)
def real() -> Bundle:
    return reference().bundle()


def located(bundle: Bundle) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rel in bundle.relationships_of(RelType.LOCATED_IN):
        out.setdefault(rel.source, []).append(rel.target)
    return out


def test_there_are_12_provinces_and_342_gemeenten():
    counts = real().counts()["nodes"]
    assert counts[Label.PROVINCE.value] == 12
    assert counts[Label.MUNICIPALITY.value] == 342


def test_every_gemeente_is_part_of_exactly_one_province():
    parts = Counter(r.source for r in real().relationships_of(RelType.PART_OF))
    gemeenten = {m.id for m in real().nodes_of(Label.MUNICIPALITY)}
    assert set(parts) == gemeenten
    assert set(parts.values()) == {1}


def test_gemeenten_carry_their_labour_market_region():
    by_id = {m.id: m for m in real().nodes_of(Label.MUNICIPALITY)}
    assert by_id["GM0014"].labour_market_region == "Groningen"
    assert all(m.labour_market_region for m in by_id.values())
    assert sum(m.population for m in by_id.values()) == 17_942_942


def test_borders_are_emitted_once_per_pair_with_source_before_target():
    pairs = [(r.source, r.target) for r in real().relationships_of(RelType.BORDERS)]
    assert all(a < b for a, b in pairs)
    assert len(pairs) == len(set(pairs))


def test_zeeland_borders_only_zuid_holland_and_noord_brabant():
    assert reference().regions.neighbours(ZEELAND) == (ZUID_HOLLAND, NOORD_BRABANT)


def test_utrecht_borders_four_provinces_including_flevoland_over_water():
    assert reference().regions.neighbours(UTRECHT) == (FLEVOLAND, GELDERLAND, NOORD_HOLLAND,
                                                       ZUID_HOLLAND)


def test_the_three_northern_provinces_border_each_other():
    regions = reference().regions
    assert {FRYSLAN, DRENTHE} <= set(regions.neighbours(GRONINGEN))
    assert DRENTHE in regions.neighbours(FRYSLAN)


def test_land_borders_come_from_shared_edges_of_the_province_geojson():
    land = land_borders(DEFAULT_DATA_DIR / GEOJSON_FILE)
    assert (UTRECHT, FLEVOLAND) not in land and (FLEVOLAND, UTRECHT) not in land
    assert (ZUID_HOLLAND, ZEELAND) in land
    assert set(reference().regions.borders) - land == {(FLEVOLAND, UTRECHT)}


def test_province_names_resolve_including_friesland():
    regions = reference().regions
    assert regions.province_code("Friesland") == FRYSLAN
    assert regions.province_code("Fryslân") == FRYSLAN
    assert regions.province_code("pv21") == FRYSLAN
    assert regions.gemeente_code("Den Haag") == "GM0518"
    assert regions.province_code("Atlantis") is None


def test_there_are_36_bekostigde_hogescholen_each_located_with_one_main_location():
    hbo = [o for o in real().organisations() if o.kind is OrgKind.HBO]
    assert len(hbo) == 36
    places = located(real())
    mains = Counter(r.source for r in real().relationships_of(RelType.LOCATED_IN)
                    if r.props["main"])
    for org in hbo:
        assert org.duo_code and org.id == f"duo:{org.duo_code}"
        assert places[org.id], org.name
        assert mains[org.id] == 1


def test_hogescholen_keep_every_2024_location_with_a_real_presence():
    places = located(real())
    assert set(places["duo:27PZ"]) >= {"GM0363", "GM0599", "GM0392", "GM0518"}  # Inholland
    assert "GM0344" not in places["duo:23AH"]  # Saxion had no students in Utrecht in 2024
    assert "GM0599" in places["duo:25DW"]  # Hogeschool Utrecht in Rotterdam: 66 in 2023
    assert "GM0505" in places["duo:22OJ"]  # Hogeschool Rotterdam in Dordrecht: 62 and 69


def test_hogeschool_gemeenten_with_fewer_than_50_students_in_2023_and_2024_are_dropped():
    places = located(real())
    # Windesheim: 15/11 students in Groningen, 6/0 in Leeuwarden, 6/5 in Enschede
    assert places["duo:01VU"] == ["GM0193", "GM0034"]
    assert places["duo:21RI"] == ["GM0546"]  # Hogeschool Leiden: 0/0 in Den Haag
    dropped = [n for n in real().notes if n.startswith("duo/hogescholen_vestigingsgemeenten")]
    assert len(dropped) == 4
    assert "Windesheim in Groningen (GM0014): 15 and 11 students" in dropped[0]
    hbo = {r.org.id for r in reference().hbo}
    pairs = [r for r in real().relationships_of(RelType.LOCATED_IN) if r.source in hbo]
    assert len(pairs) == 93 - 2 - 4  # rows, inactive in 2024, fewer than 50 students


def test_hogeschool_locations_carry_students_sectors_and_taught_themes_as_primitives():
    rels = {(r.source, r.target): r.props for r in real().relationships_of(RelType.LOCATED_IN)
            if r.source.startswith("duo:") and "students" in r.props}
    assert len(rels) == 87
    for props in rels.values():
        assert isinstance(props["students"], int) and isinstance(props["sectors"], str)
        assert isinstance(props.get("themes", ""), str)
    groningen = rels[("duo:27PZ", "GM0014")]  # Hogeschool Inholland's satellite
    assert (groningen["students"], groningen["sectors"], groningen["main"]) == (
        219, "gezondheidszorg", False)
    assert set(groningen["themes"].split("|")) == {"care_welfare", "health_care"}
    assert rels[("duo:27PZ", "GM0363")]["main"] and rels[("duo:27PZ", "GM0363")]["students"] > 6000


def test_a_main_location_with_fewer_than_50_students_is_kept(tmp_path):
    target = tmp_path / "reference"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    path = target / "duo/hogescholen_vestigingsgemeenten_2024.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Hogeschool KPZ,GM0193,Zwolle,Overijssel,783,775",
                                 "Hogeschool KPZ,GM0193,Zwolle,Overijssel,30,20"),
                    encoding="utf-8")
    kpz = next(r for r in load_reference(target).hbo if r.org.id == "duo:00IC")
    assert kpz.gemeenten == ("GM0193",)


def test_every_mbo_institution_of_the_file_is_a_node():
    with (DEFAULT_DATA_DIR / "duo/mbo_instellingen_kiesmbo_2025.csv").open(encoding="utf-8") as f:
        brins = {row["brin"] for row in csv.DictReader(f)}
    mbo = {o.duo_code for o in real().organisations() if o.kind is OrgKind.MBO}
    assert mbo == brins and len(mbo) == 179


def test_mbo_schools_are_located_in_every_gemeente_with_a_vestiging():
    places = located(real())
    assert len(places["duo:25PZ"]) >= 5  # ROC van Amsterdam teaches in several gemeenten
    funded = [o for o in real().organisations()
              if o.kind is OrgKind.MBO and o.subtype != "private"]
    assert all(places.get(o.id) for o in funded)
    for record in reference().mbo:
        assert sorted(places.get(record.org.id, [])) == sorted(record.gemeenten)
    unlocated = [r.org.name for r in reference().mbo if not r.gemeenten]
    assert len(unlocated) == 23  # private providers without any vestiging in KiesMBO


def test_a_suspicious_main_location_is_replaced_and_reported():
    main = {r.source: r.target for r in real().relationships_of(RelType.LOCATED_IN)
            if r.props["main"]}
    assert main["duo:25LR"] == "GM0034"  # ROC van Flevoland: listed Amsterdam, seated in Almere
    assert any("ROC van Flevoland" in note for note in real().notes)


def test_mbo_subtypes_follow_the_hand_list_and_names():
    kinds = {o.duo_code: o.subtype for o in real().organisations() if o.kind is OrgKind.MBO}
    assert set(kinds.values()) == {"roc", "aoc", "vakinstelling", "private"}
    assert kinds["25PZ"] == "roc" and kinds["25GV"] == "aoc" and kinds["02PA"] == "vakinstelling"
    names = {o.duo_code: o.name for o in real().organisations() if o.kind is OrgKind.MBO}
    assert all(kinds[b] == "roc" for b, n in names.items() if n.startswith("ROC "))


def test_mbo_descriptions_contain_no_internal_classification_text():
    descriptions = [o.description for o in real().organisations() if o.kind is OrgKind.MBO]
    assert len(descriptions) == 179
    for text in descriptions:
        assert "Soort:" not in text and "known:" not in text and "name contains" not in text
        assert "assumed" not in text
    firda = next(o for o in real().organisations() if o.duo_code == "08PG")
    assert firda.description.startswith("Regionaal opleidingencentrum (roc); ")
    assert sum("niet geverifieerd" in text for text in descriptions) == 4


def test_schools_get_themes_from_programmes_and_types():
    works = {(r.source, r.target): r.props["weight"]
             for r in real().relationships_of(RelType.WORKS_ON)}
    assert works[("duo:21CW", "agrifood")] == 1.0  # HAS green academy
    assert works[("duo:25GV", "agrifood")] >= 0.8  # Aeres MBO is an AOC
    assert ("duo:02PA", "interactive_media") in works  # Mediacollege Amsterdam
    assert all(0.0 < w <= 1.0 for w in works.values())


def test_at_least_30_themes_with_both_labels_and_a_broader_hierarchy():
    themes = real().nodes_of(Label.THEME)
    assert len(themes) >= 30
    assert all(t.label_nl and t.label_en for t in themes)
    broader = real().relationships_of(RelType.BROADER)
    tops = {t.id for t in themes} - {r.source for r in broader}
    assert 6 <= len(tops) <= 15
    assert {r.target for r in broader} <= tops


def test_every_province_has_priorities_with_a_basis():
    rels = real().relationships_of(RelType.PRIORITISES)
    assert {r.source for r in rels} == {p.id for p in real().nodes_of(Label.PROVINCE)}
    assert all(r.props["basis"] and isinstance(r.props["illustrative"], bool) for r in rels)
    for province in {r.source for r in rels}:
        themes = {r.target for r in rels if r.source == province}
        assert {"energy_transition", "digitalisation"} <= themes


def test_priority_bases_are_dutch_cite_a_source_or_say_illustrative():
    rels = real().relationships_of(RelType.PRIORITISES)
    for rel in rels:
        basis = rel.props["basis"]
        assert "DESIGN" not in basis and "named as" not in basis and "assumed" not in basis
        if rel.props["illustrative"]:
            assert basis.startswith("illustratief: aangenomen op grond van ")
            assert basis.endswith("(geen bron)")
        else:
            source, verb, rest = basis.partition(" noemt ")
            assert source and verb and "https://" in rest, basis
    groningen = {r.target: r.props["basis"] for r in rels if r.source == GRONINGEN}
    assert groningen["energy_transition"].startswith(
        "RIS3 Noord-Nederland 2021-2027 noemt de energietransitie (https://")


def test_governments_cover_all_provinces_and_gemeenten_and_boards_are_listed():
    orgs = real().organisations()
    subtypes = Counter(o.subtype for o in orgs if o.kind is OrgKind.GOVERNMENT)
    assert subtypes["provincie"] == 12 and subtypes["gemeente"] == 342
    assert sum(1 for o in orgs if o.kind is OrgKind.BOARD) >= 12
    places = located(real())
    assert places["gov:PV27"] == ["GM0392"]  # Noord-Holland is governed from Haarlem
    assert places["gov:GM0080"] == ["GM0080"]


def test_boards_operate_in_the_provinces_they_serve_beyond_their_seats():
    operates = {(r.source, r.target) for r in real().relationships_of(RelType.OPERATES_IN)}
    assert ("board:impuls-zeeland", ZEELAND) in operates
    assert "board:impuls-zeeland" not in located(real())
    assert ("board:nom", DRENTHE) in operates  # seated in Groningen, serving the north
    assert ("board:nom", GRONINGEN) not in operates  # its seat already places it there


def test_the_real_pps_list_is_loaded_with_sources_and_members():
    ppses = [n for n in real().nodes if isinstance(n, Pps)]
    assert len(ppses) == 44  # 20 + 22 CIV/CoE + 9 RIF + 1 from the members list - 8 the same
    assert all(p.source_url.startswith("http") and not p.synthetic for p in ppses)
    members = {(r.source, r.target): r.props["role"]
               for r in real().relationships_of(RelType.MEMBER_OF)}
    assert members[("duo:25BE", "pps:centre-of-expertise-energie")] == "penvoerder"
    focus = {r.source for r in real().relationships_of(RelType.FOCUSES_ON)}
    unfocused = sorted(p.id for p in ppses if p.id not in focus)
    # the national programme, and two RIF projects whose theme the source does not state
    assert unfocused == ["pps:be-boost", "pps:civ-wlp-ois-youlp",
                         "pps:opschaling-publiek-private-samenwerking-in-het-beroepsonderwijs-"
                         "katapult-nationa"]


def members_of(pps_id: str) -> dict[str, str]:
    return {r.source: r.props["role"] for r in real().relationships_of(RelType.MEMBER_OF)
            if r.target == pps_id}


def test_the_civ_coe_and_rif_lists_become_real_pps_with_source_and_confidence():
    ppses = {p.id: p for p in real().nodes_of(Label.PPS)}
    polymeren = ppses["pps:civ-polymeren-coatings-en-composieten"]
    assert (polymeren.type, polymeren.start_year, polymeren.confidence) == ("CIV", 2013, "high")
    assert polymeren.source_url.startswith("https://www.weblogzwolle.nl/")
    assert ppses["pps:house-of-digital"].confidence == "medium"
    assert ppses["pps:house-of-digital"].start_year is None  # "2018 (uncertain)"
    assert {p.confidence for p in ppses.values()} == {"", "high", "medium"}
    assert "pps:civ-agri-food" not in ppses  # confidence low: only an expected start
    assert not any("name not given" in p.name for p in ppses.values())


def test_named_members_link_to_duo_schools_governments_and_named_organisations():
    polymeren = members_of("pps:civ-polymeren-coatings-en-composieten")
    assert polymeren["duo:25PJ"] == "penvoerder"  # Deltion College, the lead
    assert polymeren["duo:01VU"] == "partner"  # "Hogeschool Windesheim"
    assert polymeren["board:oost-nl"] == "partner"  # "Oost NV", Oost NL's former name
    assert {"org:dsm", "org:van-wijhe-verf", "gov:PV23", "gov:GM0193"} <= set(polymeren)
    tuinbouw = members_of("pps:civ-tuinbouw-uitgangsmaterialen-civ-t-u")
    assert tuinbouw == {"duo:14YD": "penvoerder", "duo:01OE": "partner"}  # Lentiz; Yuverta
    assert members_of("pps:terratechnica")["org:tno"] == "kennispartner"  # "ECN/TNO"
    assert len(real().relationships_of(RelType.MEMBER_OF)) == 73


def test_a_pps_named_in_several_files_is_one_node_with_all_its_members():
    ids = {p.id for p in real().nodes_of(Label.PPS)}
    assert not any("entrance" in i or i.startswith("pps:civil") or i.startswith("pps:clv")
                   for i in ids)
    civil = members_of("pps:centrum-voor-innovatief-vakmanschap-installatietechniek-limburg-civil")
    assert civil == {"duo:25LT": "penvoerder", "gov:PV31": "cofinancier"}
    energy = members_of("pps:centre-of-expertise-energie")  # also listed as EnTranCe
    assert energy == {"duo:25BE": "penvoerder"}


def test_named_organisations_are_real_and_located_only_where_known():
    orgs = {o.id: o for o in real().organisations() if o.id.startswith("org:")}
    assert len(orgs) == 14 and not any(o.synthetic for o in orgs.values())
    assert orgs["org:dsm"].kind is OrgKind.COMPANY and orgs["org:tno"].kind.value == (
        "knowledge_institute")
    places = located(real())
    assert places["org:van-wijhe-verf"] == ["GM0193"]  # Zwolle
    assert "org:dsm" not in places
    operates = {(r.source, r.target) for r in real().relationships_of(RelType.OPERATES_IN)}
    assert ("org:dsm", "PV23") in operates


def test_rows_that_give_no_pps_or_member_are_reported_with_a_reason():
    notes = "\n".join(real().notes)
    assert "CIV Agri & Food: skipped, confidence low" in notes
    assert "Clusius College (school_mbo (AOC)) in CIV Tuinbouw" in notes
    assert "Polymer Science Park (pps)" in notes and "a pps, not an organisation" in notes
    assert "45 mkb schadeherstel" not in notes  # its pps (an unconfirmed application) is out
    assert notes.count("Topcentrum Autoschadeherstel") == 5


@pytest.mark.parametrize("kind", [OrgKind.HBO, OrgKind.MBO, OrgKind.GOVERNMENT, OrgKind.BOARD])
def test_no_real_record_is_marked_synthetic(kind):
    orgs = [o for o in real().organisations() if o.kind is kind]
    assert orgs and not any(o.synthetic for o in orgs)
    assert all(isinstance(o, Organisation) for o in orgs)
