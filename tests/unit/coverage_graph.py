"""A small graph for coverage and the reports, with counts worked out by hand in the tests.

Groningen (PV20) prioritises hydrogen (narrower than energy), Zeeland (PV29) smart
maintenance. Hanze and HZ work on their themes only through their pps'en; the large energy
company only through its SBI section and OPERATES_IN; the ministry (rijk) in Utrecht is a
government that gives no regional support; one pps has ended.
"""

from __future__ import annotations

from graph_schema.model import (
    Municipality,
    Organisation,
    OrgKind,
    Pps,
    Province,
    Theme,
    make_relationship,
)

PROVINCES = [Province("PV20", "Groningen", 600_000), Province("PV26", "Utrecht", 1_400_000),
             Province("PV29", "Zeeland", 390_000)]
MUNICIPALITIES = [Municipality("GM0014", "Groningen"), Municipality("GM0344", "Utrecht"),
                  Municipality("GM0687", "Middelburg")]
THEMES = [Theme("energy", "Energie", "Energy", (), ("D",)),
          Theme("hydrogen", "Waterstof", "Hydrogen"),
          Theme("smart_maintenance", "Smart maintenance", "Smart maintenance"),
          Theme("care", "Zorg", "Care")]
ORGANISATIONS = [
    Organisation("hbo-hanze", "Hanzehogeschool Groningen", OrgKind.HBO),
    Organisation("mbo-noorderpoort", "Noorderpoort", OrgKind.MBO),
    Organisation("co-a", "Waterstof Groningen BV", OrgKind.COMPANY, mkb=True,
                 size_class="10-49"),
    Organisation("co-b", "=Energie Noord NV", OrgKind.COMPANY, sbi_section="D", mkb=False,
                 size_class="250+"),
    Organisation("co-c", "Utrechtse Elektrolyse BV", OrgKind.COMPANY, mkb=True,
                 size_class="10-49", synthetic=True),
    Organisation("gov-pv20", "Provincie Groningen", OrgKind.GOVERNMENT, subtype="provincie"),
    Organisation("gov-rijk", "Ministerie van EZK", OrgKind.GOVERNMENT, subtype="rijk"),
    Organisation("board-zeeland", "Impuls Zeeland", OrgKind.BOARD),
    Organisation("hbo-hz", "HZ University of Applied Sciences", OrgKind.HBO),
]
PPSES = [
    Pps("pps-h2", "Waterstofpact Noord", "ecosysteem pps", phase="1b", start_year=2021),
    Pps("pps-h2b", "<Energie> Groningen", "regionale pps", phase="0", start_year=2023,
        synthetic=True),
    Pps("pps-old", "Oud waterstofproject", "regionale pps", phase="afgerond", start_year=2010),
    Pps("pps-sm", "Smart Maintenance Zeeland", "Centre of Expertise", phase="1a",
        start_year=2019, synthetic=True),
]
RELATIONSHIPS = [
    make_relationship("PART_OF", "GM0014", "PV20"),
    make_relationship("PART_OF", "GM0344", "PV26"),
    make_relationship("PART_OF", "GM0687", "PV29"),
    make_relationship("BORDERS", "PV20", "PV26"),
    make_relationship("BROADER", "hydrogen", "energy"),
    make_relationship("LOCATED_IN", "hbo-hanze", "GM0014", main=True),
    make_relationship("LOCATED_IN", "mbo-noorderpoort", "GM0014", main=True),
    make_relationship("LOCATED_IN", "co-a", "GM0014", main=True),
    make_relationship("OPERATES_IN", "co-b", "PV20"),
    make_relationship("LOCATED_IN", "co-c", "GM0344", main=True),
    make_relationship("LOCATED_IN", "gov-pv20", "GM0014", main=True),
    make_relationship("LOCATED_IN", "gov-rijk", "GM0344", main=True),
    make_relationship("OPERATES_IN", "board-zeeland", "PV29"),
    make_relationship("LOCATED_IN", "hbo-hz", "GM0687", main=True),
    make_relationship("WORKS_ON", "mbo-noorderpoort", "energy", weight=0.5),
    make_relationship("WORKS_ON", "co-a", "hydrogen", weight=1.0),
    make_relationship("MEMBER_OF", "hbo-hanze", "pps-h2", role="penvoerder"),
    make_relationship("MEMBER_OF", "co-a", "pps-h2", role="partner"),
    make_relationship("MEMBER_OF", "co-c", "pps-h2", role="partner"),
    make_relationship("MEMBER_OF", "co-b", "pps-h2b", role="partner"),
    make_relationship("MEMBER_OF", "co-a", "pps-old", role="partner"),
    make_relationship("MEMBER_OF", "hbo-hz", "pps-sm", role="penvoerder"),
    make_relationship("FOCUSES_ON", "pps-h2", "hydrogen"),
    make_relationship("FOCUSES_ON", "pps-h2b", "energy"),
    make_relationship("FOCUSES_ON", "pps-old", "hydrogen"),
    make_relationship("FOCUSES_ON", "pps-sm", "smart_maintenance"),
    make_relationship("ACTIVE_IN", "pps-h2", "PV20"),
    make_relationship("ACTIVE_IN", "pps-h2b", "PV20"),
    make_relationship("ACTIVE_IN", "pps-old", "PV20"),
    make_relationship("ACTIVE_IN", "pps-sm", "PV29"),
    make_relationship("PRIORITISES", "PV20", "hydrogen", basis="RIS3 Noord noemt waterstof"),
    make_relationship("PRIORITISES", "PV29", "smart_maintenance", basis="illustratief"),
]


def load_coverage_graph(store) -> None:
    """Write the coverage graph into a store."""
    store.upsert_nodes(PROVINCES + MUNICIPALITIES + THEMES + ORGANISATIONS + PPSES)
    store.link(RELATIONSHIPS)
