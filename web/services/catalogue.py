"""Themes and regions as the API shows them, and resolving names a client gives into ids."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from graph_schema.errors import NotFound
from graph_schema.model import Label, Municipality, Province, RelType, Theme
from graph_schema.store import GraphStore
from seed_data.regions import province_names
from seed_data.themes import normalise

T = TypeVar("T")
_cache: WeakKeyDictionary[Any, dict[str, tuple[str, Any]]] = WeakKeyDictionary()
_cache_lock = threading.Lock()


class UnknownReference(ValueError):
    """A request names a theme, region or organisation that is not in the graph."""

    def __init__(self, field: str, message: str):
        """Keep the request field the message is about."""
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def cached(store: GraphStore, name: str, build: Callable[[GraphStore], T]) -> T:
    """Return build(store), rebuilt only when the store's revision changed."""
    revision = store.revision()
    with _cache_lock:
        hit = _cache.get(store, {}).get(name)
    if hit is not None and hit[0] == revision:
        value: T = hit[1]
        return value
    value = build(store)
    with _cache_lock:
        _cache.setdefault(store, {})[name] = (revision, value)
    return value


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


def _build_regions(store: GraphStore) -> Regions:
    borders = [(r.source, r.target) for r in store.relationships(RelType.BORDERS)]
    provinces: tuple[Province, ...] = store.list_nodes(Label.PROVINCE)  # type: ignore[assignment]
    return Regions(
        provinces=provinces,
        municipalities=store.list_nodes(Label.MUNICIPALITY),  # type: ignore[arg-type]
        province_of={r.source: r.target for r in store.relationships(RelType.PART_OF)},
        # BORDERS is stored once per pair; neighbours are symmetric.
        borders=_grouped(borders + [(b, a) for a, b in borders]),
        priorities=_grouped((r.source, r.target)
                            for r in store.relationships(RelType.PRIORITISES)),
        names=province_names(provinces),
    )


def _build_taxonomy(store: GraphStore) -> Taxonomy:
    links = [(r.source, r.target) for r in store.relationships(RelType.BROADER)]
    return Taxonomy(
        themes=store.list_nodes(Label.THEME),  # type: ignore[arg-type]
        broader=_grouped(links),
        narrower=_grouped((b, a) for a, b in links),
    )


def regions(store: GraphStore) -> Regions:
    """Provinces, gemeenten, PART_OF, BORDERS and PRIORITISES (cached per store revision)."""
    return cached(store, "regions", _build_regions)


def taxonomy(store: GraphStore) -> Taxonomy:
    """Themes with BROADER links both ways (cached per store revision)."""
    return cached(store, "taxonomy", _build_taxonomy)


def list_themes(store: GraphStore) -> list[dict[str, Any]]:
    """Every theme with its labels, synonyms, SBI sections and broader/narrower themes."""
    tax = taxonomy(store)
    return [{"id": t.id, "label_nl": t.label_nl, "label_en": t.label_en,
             "synonyms": list(t.synonyms), "sbi_sections": list(t.sbi_sections),
             "broader": list(tax.broader.get(t.id, ())),
             "narrower": list(tax.narrower.get(t.id, ()))} for t in tax.themes]


def list_regions(store: GraphStore, province: str = "") -> dict[str, list[dict[str, Any]]]:
    """Provinces (neighbours, priority themes) and gemeenten, optionally of one province."""
    reg = regions(store)
    wanted = resolve_province(store, province) if province else ""
    counts: dict[str, int] = {}
    for prov in reg.province_of.values():
        counts[prov] = counts.get(prov, 0) + 1
    provinces = [{"id": p.id, "name": p.name, "population": p.population,
                  "borders": list(reg.borders.get(p.id, ())),
                  "priorities": list(reg.priorities.get(p.id, ())),
                  "gemeenten": counts.get(p.id, 0)}
                 for p in reg.provinces if not wanted or p.id == wanted]
    gemeenten = [{"id": m.id, "name": m.name, "province": reg.province_of.get(m.id, ""),
                  "labour_market_region": m.labour_market_region, "population": m.population}
                 for m in reg.municipalities
                 if not wanted or reg.province_of.get(m.id) == wanted]
    return {"provinces": provinces, "gemeenten": gemeenten}


def resolve_province(store: GraphStore, value: str, field: str = "province") -> str:
    """The PVxx id of a province given by id or name, as imports read it (also 'Friesland')."""
    code = regions(store).names.get(normalise(value))
    if code is not None:
        return code
    raise UnknownReference(field, f"unknown province {value!r} (give a name or a PVxx code)")


def check_ids(store: GraphStore, label: Label, ids: Iterable[str], field: str,
              suffix: str = "") -> None:
    """Raise UnknownReference naming `field.i` for the first id that is not a node of `label`."""
    known = _reference_ids(store, label)
    for index, node_id in enumerate(ids):
        if not _exists(store, label, node_id, known):
            raise UnknownReference(f"{field}.{index}{suffix}",
                                   f"{label.value} {node_id!r} does not exist")


def check_id(store: GraphStore, label: Label, node_id: str, field: str) -> None:
    """Raise UnknownReference naming `field` when `node_id` is not a node of `label`."""
    if not _exists(store, label, node_id, _reference_ids(store, label)):
        raise UnknownReference(field, f"{label.value} {node_id!r} does not exist")


def _reference_ids(store: GraphStore, label: Label) -> set[str] | None:
    """Ids of the small cached labels; None for labels looked up one by one."""
    if label is Label.MUNICIPALITY:
        return {m.id for m in regions(store).municipalities}
    if label is Label.PROVINCE:
        return {p.id for p in regions(store).provinces}
    if label is Label.THEME:
        return {t.id for t in taxonomy(store).themes}
    return None


def _exists(store: GraphStore, label: Label, node_id: str, known: set[str] | None) -> bool:
    if known is not None:
        return node_id in known
    try:
        store.get_node(label, node_id)
    except NotFound:
        return False
    return True
