"""A small hand-made graph used by the contract suite."""

from graph_schema.model import (
    Municipality,
    Organisation,
    OrgKind,
    Pps,
    Province,
    Theme,
    make_relationship,
)

PROVINCES = [Province("PV26", "Utrecht", 1_400_000), Province("PV27", "Noord-Holland", 2_900_000),
             Province("PV29", "Zeeland", 390_000)]
MUNICIPALITIES = [Municipality("GM0344", "Utrecht", "AM22", 370_000),
                  Municipality("GM0363", "Amsterdam", "AM13", 930_000),
                  Municipality("GM0687", "Middelburg", "AM31", 49_000)]
THEMES = [Theme("energy", "Energie en klimaat", "Energy and climate", ("klimaat",), ("D",)),
          Theme("energy_transition", "Energietransitie", "Energy transition",
                ("energy transition", "verduurzaming"), ("D", "F")),
          Theme("ict", "ICT", "ICT", ("digitalisering", "software"), ("J",))]
ORGANISATIONS = [
    Organisation("duo:25LX", "Hogeschool Utrecht", OrgKind.HBO, duo_code="25LX",
                 description="Hogeschool met techniek en zorg"),
    Organisation("duo:25PZ", "MBO Utrecht", OrgKind.MBO, subtype="roc", duo_code="25PZ"),
    Organisation("kvk:1", "Zonnepanelen Utrecht B.V.", OrgKind.COMPANY, sbi_code="4321",
                 sbi_section="F", size_class="10-19", mkb=True, synthetic=True),
    Organisation("kvk:2", "Amsterdam Software B.V.", OrgKind.COMPANY, sbi_code="6201",
                 sbi_section="J", size_class="250+", mkb=False, synthetic=True),
    Organisation("gov:GM0687", "Gemeente Middelburg", OrgKind.GOVERNMENT, subtype="gemeente"),
]
PPSES = [Pps("pps:1", "Energiepact Utrecht", "regionale pps", phase="1a", start_year=2019,
             mission="Samen werken aan de energietransitie", synthetic=True)]
RELATIONSHIPS = [
    make_relationship("PART_OF", "GM0344", "PV26"),
    make_relationship("PART_OF", "GM0363", "PV27"),
    make_relationship("PART_OF", "GM0687", "PV29"),
    make_relationship("BORDERS", "PV26", "PV27"),
    make_relationship("BROADER", "energy_transition", "energy"),
    make_relationship("LOCATED_IN", "duo:25LX", "GM0344", main=True),
    make_relationship("LOCATED_IN", "duo:25LX", "GM0363", main=False),
    make_relationship("LOCATED_IN", "duo:25PZ", "GM0344", main=True),
    make_relationship("LOCATED_IN", "kvk:1", "GM0344", main=True),
    make_relationship("LOCATED_IN", "kvk:2", "GM0363", main=True),
    make_relationship("LOCATED_IN", "gov:GM0687", "GM0687", main=True),
    # Works in Zeeland without a known gemeente there.
    make_relationship("OPERATES_IN", "kvk:2", "PV29"),
    make_relationship("WORKS_ON", "duo:25LX", "energy_transition", weight=0.8),
    make_relationship("WORKS_ON", "kvk:1", "energy_transition", weight=1.0),
    make_relationship("WORKS_ON", "kvk:2", "ict", weight=1.0),
    make_relationship("MEMBER_OF", "duo:25LX", "pps:1", role="penvoerder"),
    make_relationship("MEMBER_OF", "kvk:1", "pps:1", role="partner"),
    make_relationship("FOCUSES_ON", "pps:1", "energy_transition"),
    make_relationship("ACTIVE_IN", "pps:1", "PV26"),
    make_relationship("PRIORITISES", "PV26", "energy_transition", basis="test", illustrative=True),
]


def load_sample(store) -> None:
    """Write the sample graph into a store."""
    store.upsert_nodes(PROVINCES + MUNICIPALITIES + THEMES + ORGANISATIONS + PPSES)
    store.link(RELATIONSHIPS)
