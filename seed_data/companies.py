"""Synthetic companies, sampled with numpy: location and sector from KWB, size, SBI code, themes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from graph_schema.model import Organisation, OrgKind, Relationship, RelType
from seed_data.bundle import Bundle
from seed_data.economy import Economy
from seed_data.regions import Regions
from seed_data.themes import Taxonomy, section_of

SECTION_WORDS = {
    "A": ("Agro", "Teelt", "Veehouderij", "Kwekerij"), "B": ("Delfstoffen",),
    "C": ("Techniek", "Productie", "Industrie", "Fabricage", "Maakwerk"), "D": ("Energie", "Power"),
    "E": ("Recycling", "Milieuservice", "Waterzorg"), "F": ("Bouw", "Installatie", "Infra"),
    "G": ("Handel", "Trading", "Retail", "Groothandel"), "H": ("Logistiek", "Transport"),
    "I": ("Horeca", "Hospitality", "Catering"), "J": ("ICT", "Digital", "Media", "Software"),
    "K": ("Finance", "Financieel Advies"), "L": ("Vastgoed",),
    "M": ("Advies", "Engineering", "Consultancy", "Lab"), "N": ("Services", "Facilitair"),
    "O": ("Publieke Diensten",), "P": ("Opleidingen", "Academy", "Training"),
    "Q": ("Zorg", "Zorggroep", "Praktijk"), "R": ("Cultuur", "Sport", "Recreatie"),
    "S": ("Diensten", "Service"), "T": ("Diensten",), "U": ("Diensten",),
}
HEADS = np.array(["Ber", "Dal", "Fen", "Gro", "Hal", "Kor", "Lin", "Mer", "Nor", "Ost", "Pel",
                  "Ris", "Sta", "Tor", "Vel", "Wes", "Zan", "Ald", "Bre", "Cam", "Dor", "Eik",
                  "Far", "Gel", "Hov", "Jor", "Kas", "Lum", "Mol", "Ner"])
TAILS = np.array(["vo", "ix", "tech", "mar", "wijk", "ens", "ant", "ora", "um", "ex", "on", "ia",
                  "berg", "lux", "dam", "ter", "ico", "ada"])
# Themes any company may work on besides its sector's (innovation topics that cut across)
CROSS_CUTTING = ("energy_transition", "circular_economy", "ict_software", "data_science",
                 "artificial_intelligence", "cybersecurity", "climate_adaptation")
SECOND_THEME_P, CROSS_THEME_P = 0.4, 0.15
MARK = " (synthetisch)"


@dataclass(frozen=True)
class CompanyTable:
    """The generated companies as arrays (row i is company ids[i]); themes as (company, theme)."""

    ids: tuple[str, ...]
    gemeente: np.ndarray
    province: np.ndarray
    size: np.ndarray
    theme_company: np.ndarray
    theme_index: np.ndarray
    theme_weight: np.ndarray


def company_id(i: int) -> str:
    """The id of the i-th synthetic company (0-based)."""
    return f"syn:co:{i + 1:07d}"


def sector_themes(taxonomy: Taxonomy) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Theme indexes per SBI division and per SBI section, from the taxonomy's sbi column."""
    by_division: dict[str, list[int]] = defaultdict(list)
    by_section: dict[str, list[int]] = defaultdict(list)
    for i, theme_id in enumerate(taxonomy.ids()):
        for token in taxonomy.sbi_tokens[theme_id]:
            (by_section if token.isalpha() else by_division)[token].append(i)
    return dict(by_division), dict(by_section)


def generate_companies(n: int, rng: np.random.Generator, economy: Economy, regions: Regions,
                       taxonomy: Taxonomy) -> tuple[CompanyTable, Bundle]:
    """Sample n companies; all sampling is vectorised, loops run over sectors, not companies."""
    weights = economy.establishments.ravel()
    cells = rng.choice(weights.size, size=n, p=weights / weights.sum())
    n_groups = len(economy.groups)
    gemeente, group = cells // n_groups, cells % n_groups
    section = _sections(rng, group, economy)
    code = _codes(rng, section, economy)
    size = rng.choice(len(economy.size_classes), size=n, p=economy.size_shares)
    sections = sorted(economy.codes)
    flat = [c for s in sections for c in economy.codes[s]]
    pairs = _themes(rng, code, flat, taxonomy)
    province_index = {p.id: i for i, p in enumerate(regions.provinces)}
    province = np.array([province_index[regions.province_of[g]] for g in economy.gemeenten])
    table = CompanyTable(tuple(company_id(i) for i in range(n)), gemeente, province[gemeente],
                         size, *pairs)
    return table, _bundle(rng, table, code, flat, economy, regions, taxonomy)


def _sections(rng: np.random.Generator, group: np.ndarray, economy: Economy) -> np.ndarray:
    """A section index (into sorted section letters) for every company, per group's shares."""
    letters = sorted(economy.codes)
    out = np.zeros(group.size, dtype=np.int64)
    for k, name in enumerate(economy.groups):
        rows = np.flatnonzero(group == k)
        shares = {s: w for s, w in economy.section_shares[name].items() if w > 0}
        options = np.array([letters.index(s) for s in shares])
        p = np.array(list(shares.values()))
        out[rows] = options[rng.choice(options.size, size=rows.size, p=p / p.sum())]
    return out


def _codes(rng: np.random.Generator, section: np.ndarray, economy: Economy) -> np.ndarray:
    """An index into the flat list of SBI codes (sections in letter order), uniform per section."""
    letters = sorted(economy.codes)
    offsets = np.cumsum([0] + [len(economy.codes[s]) for s in letters])
    out = np.zeros(section.size, dtype=np.int64)
    for k in range(len(letters)):
        rows = np.flatnonzero(section == k)
        out[rows] = offsets[k] + rng.integers(0, offsets[k + 1] - offsets[k], size=rows.size)
    return out


def _themes(rng: np.random.Generator, code: np.ndarray, flat: list[tuple[str, str, str]],
            taxonomy: Taxonomy) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(company, theme, weight) pairs: 1-2 themes of the sector, sometimes a cross-cutting one."""
    by_division, by_section = sector_themes(taxonomy)
    ids = taxonomy.ids()
    division = np.array([int(item[2]) for item in flat])[code]
    companies, themes, weights = [], [], []
    for div in np.unique(division):
        rows = np.flatnonzero(division == div)
        options = by_division.get(f"{div:02d}") or by_section.get(section_of(int(div)), [])
        if not options:
            continue
        first = rng.integers(0, len(options), size=rows.size)
        companies.append(rows)
        themes.append(np.array(options)[first])
        weights.append(rng.uniform(0.6, 1.0, size=rows.size))
        if len(options) > 1:
            extra = rows[rng.random(rows.size) < SECOND_THEME_P]
            shift = rng.integers(1, len(options), size=extra.size)
            companies.append(extra)
            themes.append(np.array(options)[(first[np.searchsorted(rows, extra)] + shift)
                                            % len(options)])
            weights.append(rng.uniform(0.3, 0.7, size=extra.size))
    cross = np.flatnonzero(rng.random(code.size) < CROSS_THEME_P)
    companies.append(cross)
    themes.append(np.array([ids.index(t) for t in CROSS_CUTTING])[
        rng.integers(0, len(CROSS_CUTTING), size=cross.size)])
    weights.append(rng.uniform(0.2, 0.5, size=cross.size))
    return _dedupe(np.concatenate(companies), np.concatenate(themes), np.concatenate(weights))


def _dedupe(company: np.ndarray, theme: np.ndarray,
            weight: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sort pairs by (company, theme) and keep the first weight of a repeated pair."""
    order = np.lexsort((theme, company))
    company, theme, weight = company[order], theme[order], np.round(weight[order], 2)
    keep = np.ones(company.size, dtype=bool)
    keep[1:] = (company[1:] != company[:-1]) | (theme[1:] != theme[:-1])
    return company[keep], theme[keep], weight[keep]


def _bundle(rng: np.random.Generator, table: CompanyTable, code: np.ndarray,
            flat: list[tuple[str, str, str]], economy: Economy, regions: Regions,
            taxonomy: Taxonomy) -> Bundle:
    """Organisation nodes, LOCATED_IN and WORKS_ON for the table."""
    names = {m.id: m.name for m in regions.municipalities}
    places = [names[g] for g in economy.gemeenten]
    stems = np.char.add(HEADS[rng.integers(0, HEADS.size, code.size)],
                        TAILS[rng.integers(0, TAILS.size, code.size)]).tolist()
    pick = rng.random(code.size)
    theme_ids = taxonomy.ids()
    labels: list[list[str]] = [[] for _ in table.ids]
    for c, t in zip(table.theme_company.tolist(), table.theme_index.tolist(), strict=True):
        labels[c].append(taxonomy.by_id[theme_ids[t]].label_nl.lower())
    nodes = []
    letters = [section_of(int(item[2])) for item in flat]
    for i, cid in enumerate(table.ids):
        sbi, text, _div = flat[code[i]]
        section = letters[code[i]]
        words = SECTION_WORDS[section]
        size = int(table.size[i])
        place = places[table.gemeente[i]]
        legal = "" if size == 0 else " B.V."
        nodes.append(Organisation(
            id=cid, name=f"{stems[i]} {words[int(pick[i] * len(words))]} {place}{legal}{MARK}",
            kind=OrgKind.COMPANY, subtype=economy.size_labels[size], sbi_code=sbi,
            sbi_section=section, size_class=economy.size_classes[size],
            mkb=bool(economy.size_mkb[size]), synthetic=True, source="synthetic generator",
            description=f"Synthetisch bedrijf ({economy.size_labels[size]}): {text.lower()}, "
                        f"gevestigd in {place}. Werkt aan {', '.join(labels[i]) or 'geen thema'}."))
    located = [Relationship(RelType.LOCATED_IN, cid, economy.gemeenten[g], (("main", True),))
               for cid, g in zip(table.ids, table.gemeente.tolist(), strict=True)]
    works = [Relationship(RelType.WORKS_ON, table.ids[c], theme_ids[t], (("weight", w),))
             for c, t, w in zip(table.theme_company.tolist(), table.theme_index.tolist(),
                                table.theme_weight.tolist(), strict=True)]
    return Bundle(nodes=tuple(nodes), relationships=tuple(located + works))
