"""Real pps'en of the second data round: CIVs and Centres of Expertise, RIF projects, members.

Each row keeps its first source URL and its confidence; rows of low confidence are skipped. A
name that points at a pps already read (the same id, or `pps_namen.csv`) adds to that pps. Every
row that yields no pps or no member is named in the notes with the reason (PROVENANCE.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph_schema.model import OrgKind, Pps, RelType, make_relationship
from seed_data.bundle import Bundle
from seed_data.csvio import Row, parse_rows, reference_table
from seed_data.pps import PPS_TYPES, members, pps_type, slug
from seed_data.regions import Regions
from seed_data.themes import Taxonomy, normalise

CIV_COE_FILE = "pps/civ_coe_partial.csv"
RIF_FILE = "pps/rif_projects_partial.csv"
MEMBERS_FILE = "pps/pps_members_partial.csv"
PPS_NAMES_FILE = "pps/pps_namen.csv"
AREAS_FILE = "pps/regio_namen.csv"
CONFIDENCES = ("high", "medium", "low")
SKIPPED = "low"
# A pps known only from the members file: named with its members on a news page, no list row.
MEMBERS_ONLY_CONFIDENCE = "medium"
RIF_TYPE = "regionale pps"
LEADING_YEAR = re.compile(r"((19|20)\d{2})\b")
TRAILING_REMARK = re.compile(r"\s*\([^)]*\)$")
KNOWLEDGE_KINDS = (OrgKind.WO, OrgKind.KNOWLEDGE_INSTITUTE)
ROLE_RANK = {"penvoerder": 0, "cofinancier": 1, "kennispartner": 2, "partner": 3}


@dataclass
class _Draft:
    """One pps while the files are read: later rows add themes, provinces and members."""

    pps: Pps
    themes: dict[str, None] = field(default_factory=dict)
    provinces: dict[str, None] = field(default_factory=dict)
    members: dict[str, str] = field(default_factory=dict)

    def add_member(self, org: str, role: str, fallback: str = "partner") -> None:
        """Add a member or raise its role; a pps keeps its first penvoerder, a later claim
        gets the fallback role."""
        if role == "penvoerder" and any(r == role for o, r in self.members.items() if o != org):
            role = fallback
        old = self.members.get(org)
        if old is None or ROLE_RANK[role] < ROLE_RANK[old]:
            self.members[org] = role


@dataclass
class _Register:
    """The drafts by id, the lookups the files need, and the notes on what was left out."""

    drafts: dict[str, _Draft]
    same_as: dict[str, str]
    areas: dict[str, tuple[str, ...]]
    names: list[tuple[str, str]]
    kinds: Mapping[str, OrgKind]
    regions: Regions
    taxonomy: Taxonomy
    notes: list[str] = field(default_factory=list)

    def pps_id(self, name: str) -> str:
        """The id a pps name stands for: a known variant, the slug of the name, or that of the
        name without a trailing remark ("Connectr (energiecluster, ...)") if one is known."""
        if normalise(name) in self.same_as:
            return self.same_as[normalise(name)]
        full, short = f"pps:{slug(name)}", f"pps:{slug(TRAILING_REMARK.sub('', name))}"
        return short if short in self.drafts and full not in self.drafts else full

    def provinces(self, text: str) -> list[str]:
        """Provinces of a region text ("Zwolle/Overijssel", "Limburg (Venlo)", "Twente")."""
        out: list[str] = []
        for part in re.split(r"[/,()]", text):
            part = part.strip()
            codes = self.areas.get(normalise(part)) or (self.regions.place_province(part),)
            out += [c for c in codes if c and c not in out]
        return out

    def add(self, row: Row, pps: Pps, theme: str, region: str, lead: str) -> None:
        """Add a list row as a new pps or to the pps it names; its lead becomes penvoerder."""
        draft = self.drafts.get(pps.id)
        if draft is None:
            draft = self.drafts[pps.id] = _Draft(pps)
        else:
            old = draft.pps
            draft.pps = replace(old, confidence=old.confidence or pps.confidence,
                                start_year=old.start_year or pps.start_year,
                                source_url=old.source_url or pps.source_url)
        draft.themes.update(dict.fromkeys(self.taxonomy.resolve_many(theme)))
        draft.provinces.update(dict.fromkeys(self.provinces(region)))
        found = [org for org, _ in members(lead, self.names, self.kinds)]
        for i, org in enumerate(found):
            draft.add_member(org, "penvoerder" if i == 0 else self.plain_role(org),
                             self.plain_role(org))
        if not found and lead and normalise(lead) != "not stated":
            self.notes.append(f"{row.file} line {row.line}: {pps.name}: lead '{lead}' names no "
                              "organisation of the seed")

    def plain_role(self, org: str) -> str:
        """The role of a member that leads nothing: kennispartner for knowledge institutions."""
        return "kennispartner" if self.kinds.get(org) in KNOWLEDGE_KINDS else "partner"

    def bundle(self) -> Bundle:
        """The pps nodes with ACTIVE_IN, FOCUSES_ON and MEMBER_OF, notes included."""
        rels = []
        for pid, d in self.drafts.items():
            rels += [make_relationship(RelType.FOCUSES_ON, pid, t) for t in d.themes]
            rels += [make_relationship(RelType.ACTIVE_IN, pid, p) for p in sorted(d.provinces)]
            rels += [make_relationship(RelType.MEMBER_OF, o, pid, role=r)
                     for o, r in d.members.items()]
        return Bundle(nodes=tuple(d.pps for d in self.drafts.values()),
                      relationships=tuple(rels), notes=tuple(self.notes))


def add_named_pps(base: Bundle, data_dir: Path | None, regions: Regions, taxonomy: Taxonomy,
                  names: list[tuple[str, str]], kinds: Mapping[str, OrgKind]) -> Bundle:
    """The real pps'en of `base` (pps_seed_partial.csv) plus those of the three newer lists."""
    register = _Register(_drafts(base), _same_as(data_dir), _areas(data_dir, regions), names,
                         kinds, regions, taxonomy)
    for row in reference_table(data_dir, CIV_COE_FILE, ("type", "name", "lead_or_host",
                                                        "year_start", "topsector_theme",
                                                        "region", "source_urls", "confidence")):
        _list_row(register, row, row.get("type"), "name", "year_start", "topsector_theme",
                  "region", "lead_or_host")
    for row in reference_table(data_dir, RIF_FILE, ("year", "project_name", "lead_school",
                                                    "domain_theme", "region", "source_urls",
                                                    "confidence")):
        _list_row(register, row, RIF_TYPE, "project_name", "year", "domain_theme", "region",
                  "lead_school")
    rows = reference_table(data_dir, MEMBERS_FILE, ("pps_name", "pps_programme", "member_name",
                                                    "member_type", "role", "source_url"))
    parse_rows(rows, lambda row: _member_row(register, row))
    return register.bundle()


def _list_row(register: _Register, row: Row, type_text: str, name_field: str, year_field: str,
              theme_field: str, region_field: str, lead_field: str) -> None:
    name = row.require(name_field)
    confidence = row.get("confidence").split(" ")[0].lower()
    if confidence not in CONFIDENCES:
        raise row.error("confidence", row.get("confidence"),
                        f"does not start with one of {', '.join(CONFIDENCES)}")
    if confidence == SKIPPED:
        register.notes.append(f"{row.file} line {row.line}: {name}: skipped, confidence low "
                              f"({row.get('notes') or 'no reason given'})")
        return
    kind = pps_type(type_text)
    if kind is None:
        raise row.error("type", type_text, f"is not one of {', '.join(PPS_TYPES)}")
    year = LEADING_YEAR.match(row.get(year_field))
    if "uncertain" in row.get(year_field):
        year = None  # "2018 (uncertain)": the source infers it
    pps = Pps(id=register.pps_id(name), name=name, type=kind[0], phase=kind[1],
              start_year=int(year.group(1)) if year else None,
              mission=f"{row.get(theme_field)} ({row.get(region_field) or 'regio onbekend'})",
              source_url=row.require("source_urls").split(" | ")[0], confidence=confidence)
    register.add(row, pps, row.get(theme_field), row.get(region_field), row.get(lead_field))


def _member_row(register: _Register, row: Row) -> None:
    pps_name = row.require("pps_name")
    pid = register.pps_id(pps_name)
    draft = register.drafts.get(pid)
    where = f"{row.file} line {row.line}"
    if draft is None:
        kind = pps_type(row.get("pps_programme"))
        if kind is None:
            register.notes.append(f"{where}: {pps_name}: no pps loaded "
                                  f"('{row.get('pps_programme')}' is not a pps type)")
            return
        name = TRAILING_REMARK.sub("", pps_name)
        pid = f"pps:{slug(name)}"
        draft = register.drafts[pid] = _Draft(Pps(
            id=pid, name=name, type=kind[0], phase=kind[1], mission=name,
            source_url=row.require("source_url"), confidence=MEMBERS_ONLY_CONFIDENCE))
        draft.themes.update(dict.fromkeys(register.taxonomy.resolve_many(name)))
    member = row.require("member_name")
    org = dict(register.names).get(normalise(member))
    if org is None:
        register.notes.append(f"{where}: {member} ({row.get('member_type')}) in {draft.pps.name}: "
                              f"{_unmatched_reason(member, row.get('member_type'))}")
        return
    role = row.get("role").lower()
    other = "cofinancier" if "cofinancier" in role else register.plain_role(org)
    draft.add_member(org, "penvoerder" if "penvoerder" in role else other, other)


def _unmatched_reason(member: str, member_type: str) -> str:
    if "not named" in member:
        return "not a named organisation"
    if member_type == "pps":
        return "a pps, not an organisation (MEMBER_OF links an organisation to a pps)"
    if member_type.startswith("school"):
        return "no school of this name in the DUO/KiesMBO lists of 2024-2025"
    return "no organisation of this name in the seed or genoemde_organisaties.csv"


def _drafts(base: Bundle) -> dict[str, _Draft]:
    drafts = {p.id: _Draft(p) for p in base.nodes if isinstance(p, Pps)}
    for rel in base.relationships:
        if rel.type is RelType.FOCUSES_ON:
            drafts[rel.source].themes[rel.target] = None
        elif rel.type is RelType.ACTIVE_IN:
            drafts[rel.source].provinces[rel.target] = None
        elif rel.type is RelType.MEMBER_OF:
            drafts[rel.target].members[rel.source] = rel.props["role"]
    return drafts


def _same_as(data_dir: Path | None) -> dict[str, str]:
    rows = reference_table(data_dir, PPS_NAMES_FILE, ("naam", "pps_id", "basis"))

    def parse(row: Row) -> tuple[str, str]:
        row.require("basis")
        return normalise(row.require("naam")), row.match("pps_id", re.compile(r"pps:[a-z0-9-]+"),
                                                         "an id like pps:name")

    return dict(parse_rows(rows, parse))


def _areas(data_dir: Path | None, regions: Regions) -> dict[str, tuple[str, ...]]:
    rows = reference_table(data_dir, AREAS_FILE, ("regio", "provincies", "basis"))

    def parse(row: Row) -> tuple[str, tuple[str, ...]]:
        codes = tuple(regions.province_code(p) or "" for p in row.split("provincies"))
        bad = [p for p, c in zip(row.split("provincies"), codes, strict=True) if not c]
        if bad or not codes:
            raise row.error("provincies", row.get("provincies"), "names no province")
        row.require("basis")
        return normalise(row.require("regio")), codes

    return dict(parse_rows(rows, parse))
