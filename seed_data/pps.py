"""The real (partial) pps list as Pps nodes, with province, themes and resolvable members."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from graph_schema.model import OrgKind, Pps, Relationship, RelType, make_relationship
from seed_data.bundle import Bundle
from seed_data.csvio import Row, parse_rows, reference_table
from seed_data.regions import Regions
from seed_data.themes import Taxonomy, normalise

PPS_FILE = "pps/pps_seed_partial.csv"

# Vocabularies shared with the generator and the generic reader.
PPS_TYPES = ("ecosysteem pps", "CIV", "Centre of Expertise", "regionale pps", "programma")
PHASES = ("verkennen", "businessplan", "aanvraag", "uitvoering", "verduurzamen")
ROLES = ("penvoerder", "partner", "kennispartner", "cofinancier")
TYPE_ALIASES = {
    "centre of expertise": ("Centre of Expertise", ""),
    "centre of expertise initiatief": ("Centre of Expertise", "verkennen"),
    "coe": ("Centre of Expertise", ""),
    "centrum voor innovatief vakmanschap": ("CIV", ""),
    "civ": ("CIV", ""),
    "ecosysteem pps": ("ecosysteem pps", ""),
    "ecosysteem": ("ecosysteem pps", ""),
    "regionale pps": ("regionale pps", ""),
    "regional pps": ("regionale pps", ""),
    "pps": ("regionale pps", ""),
    "groeifondsprogramma": ("programma", ""),
    "programma": ("programma", ""),
}
YEAR = re.compile(r"(19|20)\d{2}")


def pps_type(text: str) -> tuple[str, str] | None:
    """(type, phase implied by the type) for a type name or alias, else None."""
    return TYPE_ALIASES.get(normalise(text).replace("-", " "))


def slug(text: str, limit: int = 80) -> str:
    """A lower-case, dash-separated id part made from a name."""
    return normalise(text).replace("&", "en").replace(" ", "-")[:limit].strip("-")


def load_real_pps(data_dir: Path | None, regions: Regions, taxonomy: Taxonomy,
                  names: list[tuple[str, str]], kinds: Mapping[str, OrgKind]) -> Bundle:
    """Pps nodes for pps_seed_partial.csv with ACTIVE_IN, FOCUSES_ON and MEMBER_OF.

    `names` are (normalised name, organisation id), longest first (named_orgs.organisation_names).
    """
    rows = reference_table(data_dir, PPS_FILE, ("naam", "type", "thema", "trekker_of_partners",
                                                "plaats_regio", "jaar_vermelding", "bron_url"))
    nodes: list[Pps] = []
    rels: list[Relationship] = []
    for pps, links in parse_rows(rows, lambda row: _pps(row, regions, taxonomy, names, kinds)):
        nodes.append(pps)
        rels.extend(links)
    return Bundle(nodes=tuple(nodes), relationships=tuple(rels))


def _pps(row: Row, regions: Regions, taxonomy: Taxonomy, aliases: list[tuple[str, str]],
         kinds: Mapping[str, OrgKind]) -> tuple[Pps, list[Relationship]]:
    name = row.require("naam")
    kind = pps_type(row.get("type"))
    if kind is None:
        raise row.error("type", row.get("type"), f"is not one of {', '.join(PPS_TYPES)}")
    mention = row.get("jaar_vermelding")
    # "onbekend (minister Bussemaker 2012-2017)" names a period, not the start year
    year = None if mention.lower().startswith("onbekend") else YEAR.search(mention)
    pps = Pps(id=f"pps:{slug(name)}", name=name, type=kind[0], phase=kind[1],
              start_year=int(year.group()) if year else None,
              mission=f"{row.require('thema')} ({row.get('plaats_regio')})",
              source_url=row.require("bron_url"), synthetic=False)
    rels = [make_relationship(RelType.FOCUSES_ON, pps.id, t)
            for t in taxonomy.resolve_many(row.get("thema"))]
    provinces = {regions.place_province(p) for p in row.split("plaats_regio", "/")}
    rels += [make_relationship(RelType.ACTIVE_IN, pps.id, p) for p in sorted(provinces) if p]
    rels += [make_relationship(RelType.MEMBER_OF, org, pps.id, role=role)
             for org, role in members(row.get("trekker_of_partners"), aliases, kinds)]
    return pps, rels


def members(text: str, aliases: list[tuple[str, str]],
            kinds: Mapping[str, OrgKind]) -> list[tuple[str, str]]:
    """(organisation id, role) for every known organisation named in a partner text.

    Whoever is marked '(penvoerder)', or the first organisation of a text that is not a
    ';'-separated list, is penvoerder; universities are kennispartner; the rest partner.
    """
    padded = f" {normalise(text)} "
    found: dict[str, tuple[int, int]] = {}
    for alias, org in aliases:  # longest aliases first, so "hogeschool leiden" beats shorter
        pos = padded.find(f" {alias} ")
        if pos >= 0 and org not in found:
            found[org] = (pos, pos + len(alias) + 2)
    out = []
    for i, org in enumerate(sorted(found, key=lambda o: found[o])):
        marked = padded[found[org][1]:].startswith("penvoerder ")
        if marked or (i == 0 and ";" not in text):
            role = "penvoerder"
        elif kinds.get(org) is OrgKind.WO:
            role = "kennispartner"
        else:
            role = "partner"
        out.append((org, role))
    return out
