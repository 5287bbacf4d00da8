"""The missions every recommendation and coalition figure is measured on."""

from __future__ import annotations

from graph_schema.model import OrgKind
from matcher import Mission

# Five missions across provinces and themes; a recommendation asks for companies, the kind
# with by far the most candidates (the floor multiplies the query with that block).
MISSIONS = (
    Mission(text="Waterstof en energietransitie in de Eemshaven: opleiden van technici voor "
                 "elektrolyse en netwerken", themes=("hydrogen", "energy_transition"),
            province="PV20", kinds=(OrgKind.COMPANY,)),
    Mission(text="Zorgtechnologie zodat ouderen langer thuis kunnen wonen",
            themes=("healthy_ageing", "health_care_technology"), province="PV30",
            kinds=(OrgKind.COMPANY,)),
    Mission(text="Slimme maakindustrie: onderhoud van machines met sensoren",
            themes=("smart_industry", "smart_maintenance"), province="PV25",
            kinds=(OrgKind.COMPANY,)),
    Mission(text="Circulair en duurzaam bouwen van betaalbare woningen",
            themes=("circular_economy", "sustainable_building"), province="PV28",
            kinds=(OrgKind.COMPANY,)),
    Mission(text="Cybersecurity en data voor het mkb in de regio",
            themes=("cybersecurity", "data_science"), province="PV27",
            kinds=(OrgKind.COMPANY,)),
)
