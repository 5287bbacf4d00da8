"""The graph data model: node dataclasses, relationship types and their allow-lists."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class OrgKind(StrEnum):
    """Kind of an organisation (DESIGN section 2)."""

    MBO = "mbo"
    HBO = "hbo"
    WO = "wo"
    COMPANY = "company"
    GOVERNMENT = "government"
    BOARD = "board"
    KNOWLEDGE_INSTITUTE = "knowledge_institute"
    OTHER = "other"


class Label(StrEnum):
    """Node labels; the only labels any store may use."""

    ORGANISATION = "Organisation"
    PPS = "Pps"
    THEME = "Theme"
    PROVINCE = "Province"
    MUNICIPALITY = "Municipality"


class RelType(StrEnum):
    """Relationship types; the only types any store may use."""

    LOCATED_IN = "LOCATED_IN"
    PART_OF = "PART_OF"
    BORDERS = "BORDERS"
    WORKS_ON = "WORKS_ON"
    MEMBER_OF = "MEMBER_OF"
    FOCUSES_ON = "FOCUSES_ON"
    PRIORITISES = "PRIORITISES"
    BROADER = "BROADER"
    ACTIVE_IN = "ACTIVE_IN"
    # Works in the province; its gemeente there is not known, or it serves the whole province.
    OPERATES_IN = "OPERATES_IN"


# Which label each relationship type connects, and which properties it may carry.
REL_ENDPOINTS: dict[RelType, tuple[Label, Label]] = {
    RelType.LOCATED_IN: (Label.ORGANISATION, Label.MUNICIPALITY),
    RelType.PART_OF: (Label.MUNICIPALITY, Label.PROVINCE),
    RelType.BORDERS: (Label.PROVINCE, Label.PROVINCE),
    RelType.WORKS_ON: (Label.ORGANISATION, Label.THEME),
    RelType.MEMBER_OF: (Label.ORGANISATION, Label.PPS),
    RelType.FOCUSES_ON: (Label.PPS, Label.THEME),
    RelType.PRIORITISES: (Label.PROVINCE, Label.THEME),
    RelType.BROADER: (Label.THEME, Label.THEME),
    RelType.ACTIVE_IN: (Label.PPS, Label.PROVINCE),
    RelType.OPERATES_IN: (Label.ORGANISATION, Label.PROVINCE),
}

REL_PROPERTIES: dict[RelType, tuple[str, ...]] = {
    # A hogeschool's location: 2024 DUO students (int), the '|'-joined HO sectors and theme ids
    # of what is taught there (str).
    RelType.LOCATED_IN: ("main", "students", "sectors", "themes"),
    RelType.PART_OF: (),
    RelType.BORDERS: (),
    RelType.WORKS_ON: ("weight",),
    RelType.MEMBER_OF: ("role",),
    RelType.FOCUSES_ON: (),
    RelType.PRIORITISES: ("basis", "illustrative"),
    RelType.BROADER: (),
    RelType.ACTIVE_IN: (),
    RelType.OPERATES_IN: (),
}


@dataclass(frozen=True, slots=True)
class Organisation:
    """A school, company, government, board or other organisation."""

    id: str
    name: str
    kind: OrgKind
    subtype: str = ""
    description: str = ""
    duo_code: str = ""
    sbi_code: str = ""
    sbi_section: str = ""
    size_class: str = ""
    mkb: bool | None = None
    website: str = ""
    synthetic: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class Pps:
    """An existing public-private partnership (coalition)."""

    id: str
    name: str
    type: str
    phase: str = ""
    start_year: int | None = None
    mission: str = ""
    source_url: str = ""
    synthetic: bool = False
    # How sure the source is that this pps exists as listed: "high", "medium" or "" (not given).
    confidence: str = ""


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme of the taxonomy, with Dutch and English labels."""

    id: str
    label_nl: str
    label_en: str
    synonyms: tuple[str, ...] = ()
    sbi_sections: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Province:
    """One of the 12 provinces, keyed by its CBS code (PVxx)."""

    id: str
    name: str
    population: int = 0


@dataclass(frozen=True, slots=True)
class Municipality:
    """A gemeente, keyed by its CBS code (GMxxxx)."""

    id: str
    name: str
    labour_market_region: str = ""
    population: int = 0


@dataclass(frozen=True, slots=True)
class Relationship:
    """A typed relationship between two nodes, addressed by their ids."""

    type: RelType
    source: str
    target: str
    properties: tuple[tuple[str, Any], ...] = field(default=())

    @property
    def props(self) -> dict[str, Any]:
        """The properties as a dict."""
        return dict(self.properties)

    def sort_key(self) -> tuple[str, str, str]:
        """The order in which stores return relationships."""
        return (self.type.value, self.source, self.target)


Node = Organisation | Pps | Theme | Province | Municipality

NODE_CLASSES: dict[Label, type] = {
    Label.ORGANISATION: Organisation,
    Label.PPS: Pps,
    Label.THEME: Theme,
    Label.PROVINCE: Province,
    Label.MUNICIPALITY: Municipality,
}
LABEL_OF: dict[type, Label] = {cls: label for label, cls in NODE_CLASSES.items()}


def make_relationship(
    rel_type: RelType | str, source: str, target: str, **props: Any
) -> Relationship:
    """Build a relationship with its properties in a canonical order, dropping unset values."""
    kept = tuple(sorted((k, v) for k, v in props.items() if v is not None))
    return Relationship(RelType(rel_type), source, target, kept)


def node_to_properties(node: Node) -> dict[str, Any]:
    """Flatten a node into store properties (enums as strings, tuples as lists, no None)."""
    out: dict[str, Any] = {}
    for f in fields(node):
        value = getattr(node, f.name)
        if value is None:
            continue
        if isinstance(value, StrEnum):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def node_from_properties(label: Label, props: dict[str, Any]) -> Node:
    """Rebuild a node dataclass from store properties."""
    cls = NODE_CLASSES[label]
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in props:
            continue
        value = props[f.name]
        if isinstance(value, list):
            value = tuple(value)
        kwargs[f.name] = value
    if label is Label.ORGANISATION:
        kwargs["kind"] = OrgKind(kwargs["kind"])
    node: Node = cls(**kwargs)
    return node


@dataclass(frozen=True, slots=True)
class GraphSnapshot:
    """Every node and relationship of a store, each group sorted by id (relationships by key)."""

    organisations: tuple[Organisation, ...]
    ppses: tuple[Pps, ...]
    themes: tuple[Theme, ...]
    provinces: tuple[Province, ...]
    municipalities: tuple[Municipality, ...]
    relationships: tuple[Relationship, ...]

    def digest(self) -> str:
        """A SHA-256 over every node and relationship with all properties: equal means equal."""
        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Subgraph:
    """A neighbourhood: nodes (label, node) sorted by label then id, and relationships."""

    nodes: tuple[tuple[Label, Node], ...]
    relationships: tuple[Relationship, ...]
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class GraphStats:
    """Counts per label, relationship type, organisation kind and pps origin (all keys present).

    `pps_by_origin` counts pps'en as "real" (from a source) and "synthetic" (generated).
    """

    nodes: dict[str, int]
    relationships: dict[str, int]
    organisations_by_kind: dict[str, int]
    pps_by_origin: dict[str, int]

    def as_dict(self) -> dict[str, dict[str, int]]:
        """The JSON shape of `ppsmatch stats --json`."""
        return {
            "nodes": dict(self.nodes),
            "relationships": dict(self.relationships),
            "organisations_by_kind": dict(self.organisations_by_kind),
            "pps_by_origin": dict(self.pps_by_origin),
        }


@dataclass(frozen=True, slots=True)
class OrganisationQuery:
    """Filters for searching organisations; empty fields do not filter."""

    text: str = ""
    kind: OrgKind | None = None
    province: str = ""
    theme: str = ""
    synthetic: bool | None = None
    limit: int = 50
    offset: int = 0
