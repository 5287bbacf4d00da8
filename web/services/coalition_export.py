"""A draft coalition as export tables: its members and the rule checklist (CSV/XLSX)."""

from __future__ import annotations

from collections.abc import Sequence

from matcher.query import Mission
from web.reports.tables import KIND_NL, Column, Table
from web.services import matching, missions
from web.services.read_model import ReadModel

# Dutch names of the coalition rules (matcher.rules codes), for the checklist and the export.
RULES_NL = {
    "has_hbo": "Minstens één hogeschool",
    "has_mbo": "Minstens één mbo-instelling",
    "has_work_field": "Bedrijven of publieke werkgevers",
    "regional_support": "Steun van regionale partijen",
    "three_stakeholder_groups": "Onderwijs, bedrijfsleven én overheid",
    "provincial_priority": "Sluit aan bij een provinciale prioriteit",
}
MEMBER_COLUMNS = (Column("id", "Id", "text"), Column("name", "Naam", "text"),
                  Column("kind", "Soort", "text"), Column("synthetic", "Synthetisch", "bool"))
RULE_COLUMNS = (Column("rule", "Regel", "text"), Column("met", "Voldaan", "bool"),
                Column("reason", "Toelichting", "text"))


def coalition_tables(model: ReadModel, member_ids: Sequence[str], *, text: str = "",
                     themes: Sequence[str] = (), province: str = "") -> tuple[Table, ...]:
    """The members (in the given order) and the rules met or not for the mission."""
    mission = missions.resolve_mission(model, Mission(
        text=text, themes=tuple(themes), province=province, with_ids=tuple(member_ids)))
    check = matching.check_coalition(model, mission)
    index = model.index
    members = tuple((org.id, org.name, KIND_NL.get(org.kind.value, org.kind.value),
                     org.synthetic)
                    for org in (index.orgs[index.org_pos[i]] for i in mission.with_ids))
    rules = tuple((RULES_NL.get(r.rule, r.rule), r.met, r.reason) for r in check.rules)
    return (Table("partners", "Partners van de coalitie", MEMBER_COLUMNS, members),
            Table("regels", "Regels van een ecosysteem-pps", RULE_COLUMNS, rules))
