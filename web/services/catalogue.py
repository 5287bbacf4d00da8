"""Themes and regions as the API shows them, and resolving names a client gives into ids."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph_schema.errors import NotFound
from graph_schema.model import (
    GraphSnapshot,
    Label,
    Municipality,
    Province,
    Relationship,
    RelType,
    Theme,
)
from graph_schema.store import GraphStore
from seed_data.regions import province_names
from seed_data.themes import normalise

if TYPE_CHECKING:
    from web.services.read_model import ReadModel


class UnknownReference(ValueError):
    """A request names a theme, region or organisation that is not in the graph."""

    def __init__(self, field: str, message: str):
        """Keep the request field the message is about."""
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Regions:
    """Provinces and gemeenten with the links between them."""

    provinces: tuple[Province, ...]
    municipalities: tuple[Municipality, ...]
    province_of: dict[str, str]
    borders: dict[str, tuple[str, ...]]
    priorities: dict[str, tuple[str, ...]]
    names: dict[str, str]  # normalised name, code or alias -> PVxx


@dataclass(frozen=True)
class Taxonomy:
    """The themes with their broader and narrower links."""

    themes: tuple[Theme, ...]
    broader: dict[str, tuple[str, ...]]
    narrower: dict[str, tuple[str, ...]]


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return {key: tuple(sorted(values)) for key, values in out.items()}


def regions_of(snapshot: GraphSnapshot) -> Regions:
    """Provinces, gemeenten, PART_OF, BORDERS and PRIORITISES of a snapshot."""
    borders = [(r.source, r.target) for r in _of_type(snapshot, RelType.BORDERS)]
    return Regions(
        provinces=snapshot.provinces,
        municipalities=snapshot.municipalities,
        province_of={r.source: r.target for r in _of_type(snapshot, RelType.PART_OF)},
        # BORDERS is stored once per pair; neighbours are symmetric.
        borders=_grouped(borders + [(b, a) for a, b in borders]),
        priorities=_grouped((r.source, r.target)
                            for r in _of_type(snapshot, RelType.PRIORITISES)),
        names=province_names(snapshot.provinces),
    )


def taxonomy_of(snapshot: GraphSnapshot) -> Taxonomy:
    """Themes with BROADER links both ways."""
    links = [(r.source, r.target) for r in _of_type(snapshot, RelType.BROADER)]
    return Taxonomy(
        themes=snapshot.themes,
        broader=_grouped(links),
        narrower=_grouped((b, a) for a, b in links),
    )


def _of_type(snapshot: GraphSnapshot, rel_type: RelType) -> list[Relationship]:
    return [r for r in snapshot.relationships if r.type is rel_type]


@dataclass(frozen=True, slots=True)
class ThemeView:
    """A theme with its labels, synonyms, SBI sections and broader and narrower themes."""

    id: str
    label_nl: str
    label_en: str
    synonyms: tuple[str, ...]
    sbi_sections: tuple[str, ...]
    broader: tuple[str, ...]
    narrower: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProvinceView:
    """A province with its neighbours, priority themes and number of gemeenten."""

    id: str
    name: str
    population: int
    borders: tuple[str, ...]
    priorities: tuple[str, ...]
    gemeenten: int


@dataclass(frozen=True, slots=True)
class GemeenteView:
    """A gemeente with its province and labour-market region."""

    id: str
    name: str
    province: str
    labour_market_region: str
    population: int


@dataclass(frozen=True, slots=True)
class RegionList:
    """Provinces and gemeenten, sorted by id."""

    provinces: tuple[ProvinceView, ...]
    gemeenten: tuple[GemeenteView, ...]


def list_themes(model: ReadModel) -> tuple[ThemeView, ...]:
    """Every theme with its labels, synonyms, SBI sections and broader/narrower themes."""
    tax = model.taxonomy
    return tuple(ThemeView(t.id, t.label_nl, t.label_en, tuple(t.synonyms),
                           tuple(t.sbi_sections), tax.broader.get(t.id, ()),
                           tax.narrower.get(t.id, ())) for t in tax.themes)


def list_regions(model: ReadModel, province: str = "") -> RegionList:
    """Provinces (neighbours, priority themes) and gemeenten, optionally of one province."""
    reg = model.regions
    wanted = resolve_province(model, province) if province else ""
    counts: dict[str, int] = {}
    for prov in reg.province_of.values():
        counts[prov] = counts.get(prov, 0) + 1
    provinces = tuple(ProvinceView(p.id, p.name, p.population, reg.borders.get(p.id, ()),
                                   reg.priorities.get(p.id, ()), counts.get(p.id, 0))
                      for p in reg.provinces if not wanted or p.id == wanted)
    gemeenten = tuple(GemeenteView(m.id, m.name, reg.province_of.get(m.id, ""),
                                   m.labour_market_region, m.population)
                      for m in reg.municipalities
                      if not wanted or reg.province_of.get(m.id) == wanted)
    return RegionList(provinces, gemeenten)


def resolve_province(model: ReadModel, value: str, field: str = "province") -> str:
    """The PVxx id of a province given by id or name, as imports read it (also 'Friesland')."""
    code = model.regions.names.get(normalise(value))
    if code is not None:
        return code
    raise UnknownReference(field, f"unknown province {value!r} (give a name or a PVxx code)")


def check_ids(model: ReadModel, label: Label, ids: Iterable[str], field: str,
              suffix: str = "", store: GraphStore | None = None) -> None:
    """Raise UnknownReference naming `field.i` for the first id that is not a node of `label`.

    Ids are looked up in the read model; with a `store` (writes), ids the model does not know
    yet are looked up there, so a write may name what an earlier write has just added.
    """
    for index, node_id in enumerate(ids):
        if not _exists(model, label, node_id, store):
            raise UnknownReference(f"{field}.{index}{suffix}",
                                   f"{label.value} {node_id!r} does not exist")


def check_id(model: ReadModel, label: Label, node_id: str, field: str) -> None:
    """Raise UnknownReference naming `field` when `node_id` is not a node of `label`."""
    if not _exists(model, label, node_id, None):
        raise UnknownReference(field, f"{label.value} {node_id!r} does not exist")


def _exists(model: ReadModel, label: Label, node_id: str, store: GraphStore | None) -> bool:
    if node_id in model.ids[label]:
        return True
    if store is None:
        return False
    try:
        store.get_node(label, node_id)
    except NotFound:
        return False
    return True
