"""Small hand-made graphs for the matcher tests, where the right answers are known.

Provinces form a chain Groningen (PV20) - Drenthe (PV22) - Overijssel (PV23) - Gelderland
(PV25) - Noord-Brabant (PV30); Friesland (PV21) borders Groningen and Drenthe.
Groningen prioritises energietransitie.
"""

from __future__ import annotations

from dataclasses import replace

from graph_schema.model import (
    GraphSnapshot,
    Municipality,
    Organisation,
    OrgKind,
    Pps,
    Province,
    Relationship,
    RelType,
    Theme,
    make_relationship,
)

PROVINCES = (("PV20", "Groningen"), ("PV21", "Friesland"), ("PV22", "Drenthe"),
             ("PV23", "Overijssel"), ("PV25", "Gelderland"), ("PV30", "Noord-Brabant"))
BORDERS = (("PV20", "PV21"), ("PV20", "PV22"), ("PV21", "PV22"), ("PV22", "PV23"),
           ("PV23", "PV25"), ("PV25", "PV30"))
GEMEENTEN = (("GM0014", "Groningen", "PV20"), ("GM0080", "Leeuwarden", "PV21"),
             ("GM0106", "Assen", "PV22"), ("GM0153", "Enschede", "PV23"),
             ("GM0202", "Arnhem", "PV25"), ("GM0855", "Tilburg", "PV30"),
             ("GM0037", "Stadskanaal", "PV20"))

THEMES = (
    Theme("energietransitie", "Energietransitie", "Energy transition", ("duurzame energie",)),
    Theme("waterstof", "Waterstof", "Hydrogen"),
    Theme("care-technology", "Zorgtechnologie", "Care technology", ("health technology",)),
    Theme("smart-industry", "Slimme maakindustrie", "Smart industry"),
)
BROADER = (("waterstof", "energietransitie"),)


def org(oid: str, name: str, kind: OrgKind, **kw: object) -> Organisation:
    """An organisation with defaults for the fields a test does not care about."""
    return Organisation(id=oid, name=name, kind=kind, **kw)  # type: ignore[arg-type]


ORGS = (
    org("hbo-hanze", "Hanzehogeschool Groningen", OrgKind.HBO,
        description="Hogeschool met onderzoek naar energietransitie en waterstof"),
    org("hbo-fontys", "Fontys Tilburg", OrgKind.HBO,
        description="Hogeschool voor zorgtechnologie en zorginnovatie"),
    org("mbo-noorderpoort", "Noorderpoort", OrgKind.MBO,
        description="Mbo-opleidingen installatietechniek en energie"),
    org("mbo-summa", "Summa Zorg", OrgKind.MBO, description="Mbo-opleidingen zorg en welzijn"),
    org("co-energie", "Groninger Energie BV", OrgKind.COMPANY, size_class="10-49",
        description="Installateur van warmtepompen en zonnepanelen voor de energietransitie"),
    org("co-zorg", "ZorgTech Tilburg BV", OrgKind.COMPANY, size_class="50-249",
        description="Ontwikkelt zorgtechnologie voor thuiszorg", synthetic=True),
    org("co-waterstof", "Waterstof Assen BV", OrgKind.COMPANY, size_class="10-49",
        description="Productie van groene waterstof"),
    org("co-warm", "Warmtenet Noord", OrgKind.COMPANY, size_class="250+"),
    org("co-ver", "Verbinders BV", OrgKind.COMPANY, size_class="0-9",
        description="Adviesbureau voor netwerken"),
    org("gov-gm0014", "Gemeente Groningen", OrgKind.GOVERNMENT, subtype="gemeente"),
    org("gov-pv20", "Provincie Groningen", OrgKind.GOVERNMENT, subtype="provincie"),
    org("gov-rijk", "Ministerie van OCW", OrgKind.GOVERNMENT, subtype="rijk"),
    org("board-nom", "NOM", OrgKind.BOARD, description="Regionale ontwikkelingsmaatschappij"),
)
LOCATED = (("hbo-hanze", "GM0014"), ("hbo-fontys", "GM0855"), ("mbo-noorderpoort", "GM0014"),
           ("mbo-noorderpoort", "GM0037"), ("mbo-summa", "GM0855"), ("co-energie", "GM0014"),
           ("co-zorg", "GM0855"), ("co-waterstof", "GM0106"), ("co-warm", "GM0014"),
           ("co-ver", "GM0202"), ("gov-gm0014", "GM0014"), ("gov-pv20", "GM0014"),
           ("board-nom", "GM0014"))
WORKS_ON = (("hbo-hanze", "energietransitie", 0.9), ("hbo-fontys", "care-technology", 0.9),
            ("mbo-noorderpoort", "energietransitie", 0.7), ("mbo-summa", "care-technology", 0.8),
            ("co-energie", "energietransitie", 1.0), ("co-zorg", "care-technology", 1.0),
            ("co-waterstof", "waterstof", 1.0))
PPSES = (
    Pps("pps-energie-noord", "Energie Noord", "ecosysteem pps", start_year=2018,
        mission="Samen versnellen we de energietransitie in Noord-Nederland"),
    Pps("pps-zorg-zuid", "Zorg Zuid", "regional pps", start_year=2020,
        mission="Zorgtechnologie zodat ouderen langer thuis wonen"),
    Pps("pps-netwerk", "Netwerk Oost", "regional pps", start_year=2021,
        mission="Kennisdeling tussen bedrijven"),
)
MEMBERS = (("hbo-hanze", "pps-energie-noord", "penvoerder"),
           ("mbo-noorderpoort", "pps-energie-noord", "partner"),
           ("co-warm", "pps-energie-noord", "partner"),
           ("gov-pv20", "pps-energie-noord", "partner"),
           ("hbo-fontys", "pps-zorg-zuid", "penvoerder"), ("mbo-summa", "pps-zorg-zuid", "partner"),
           ("co-zorg", "pps-zorg-zuid", "partner"), ("co-warm", "pps-netwerk", "partner"),
           ("co-ver", "pps-netwerk", "partner"), ("board-nom", "pps-netwerk", "partner"))
PPS_THEMES = (("pps-energie-noord", "energietransitie"), ("pps-zorg-zuid", "care-technology"))
PPS_PROVINCE = (("pps-energie-noord", "PV20"), ("pps-zorg-zuid", "PV30"), ("pps-netwerk", "PV25"))


def _relationships() -> list[Relationship]:
    """Every relationship of the small graph."""
    r = make_relationship
    rels = [r(RelType.PART_OF, g, p) for g, _, p in GEMEENTEN]
    rels += [r(RelType.BORDERS, a, b) for a, b in BORDERS]
    rels += [r(RelType.BROADER, a, b) for a, b in BROADER]
    rels += [r(RelType.LOCATED_IN, o, g) for o, g in LOCATED]
    rels += [r(RelType.WORKS_ON, o, t, weight=w) for o, t, w in WORKS_ON]
    rels += [r(RelType.MEMBER_OF, o, p, role=role) for o, p, role in MEMBERS]
    rels += [r(RelType.FOCUSES_ON, p, t) for p, t in PPS_THEMES]
    rels += [r(RelType.ACTIVE_IN, p, v) for p, v in PPS_PROVINCE]
    rels.append(r(RelType.PRIORITISES, "PV20", "energietransitie", basis="Economische agenda"))
    return rels


def snapshot(extra_orgs: tuple[Organisation, ...] = (),
             extra_rels: tuple[Relationship, ...] = (),
             drop: tuple[Relationship, ...] = ()) -> GraphSnapshot:
    """The small graph as a snapshot, optionally with organisations and links added or dropped."""
    rels = [x for x in _relationships() + list(extra_rels) if x not in drop]
    return GraphSnapshot(
        organisations=tuple(sorted(ORGS + extra_orgs, key=lambda o: o.id)),
        ppses=tuple(sorted(PPSES, key=lambda p: p.id)),
        themes=tuple(sorted(THEMES, key=lambda t: t.id)),
        provinces=tuple(Province(i, n) for i, n in sorted(PROVINCES)),
        municipalities=tuple(sorted((Municipality(i, n) for i, n, _ in GEMEENTEN),
                                    key=lambda m: m.id)),
        relationships=tuple(sorted(rels, key=Relationship.sort_key)),
    )


def twin(base: Organisation, oid: str) -> Organisation:
    """A near-duplicate of an organisation under another id."""
    return replace(base, id=oid)
