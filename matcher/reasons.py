"""Breakdown and reason codes (stable English codes, evidence in plain Dutch) per candidate."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from matcher.components import COMPONENTS, OFF_THEME_CONTEXT, THEME, off_theme
from matcher.index import MatchIndex
from matcher.network import collaboration_path
from matcher.preparation import PreparedMission
from matcher.query import Candidate, Reason

MAX_THEMES_NAMED = 3
# Below this share of the theme weight a priority theme is not claimed as served.
PRIORITY_MIN_FIT = 0.5
TEXT_REASON_MIN = 0.2
# Priority bases cite their sources with links; reasons keep the words, not the links.
URL = re.compile(r"\(?https?://[^\s)]*\)?")
MAX_BASIS_CHARS = 120
# The seed writes a basis as "<bron> noemt <wat> (<url>)" or "illustratief: ..."; a reason
# names only the source ("bron: RIS3 Noord-Nederland 2021-2027") or says "illustratief".
SOURCED_VERB = " noemt "
ILLUSTRATIVE = "illustratief"
OFF_THEME_REASON = Reason(
    "off_theme", f"werkt aan andere thema's dan de missie: regio en ervaring tellen voor "
    f"{OFF_THEME_CONTEXT:.0%} mee")


def short_basis(basis: str) -> str:
    """The basis of a priority as a short Dutch citation: its source, or 'illustratief'.

    A basis of another form loses its links and is cut to a readable length.
    """
    plain = " ".join(URL.sub("", basis).split())
    if plain.lower().startswith(ILLUSTRATIVE):
        return ILLUSTRATIVE
    source, verb, _ = plain.partition(SOURCED_VERB)
    if verb and source:
        plain = f"bron: {source}"
    if len(plain) <= MAX_BASIS_CHARS:
        return plain
    return plain[:MAX_BASIS_CHARS].rsplit(" ", 1)[0] + " ..."


def _label(index: MatchIndex, theme: int) -> str:
    """The Dutch label of a theme."""
    return index.themes[theme].label_nl or index.themes[theme].label_en or index.themes[theme].id


def _theme_evidence(index: MatchIndex, prep: PreparedMission, direct: np.ndarray) -> list[str]:
    """Per mission theme the candidate covers: the own theme (dense row) that carries it."""
    parts: list[str] = []
    # A mission theme the candidate works on is named once, not again as "related" evidence.
    named = {t for t in prep.mission_themes if direct[t] > 0}
    for theme in prep.mission_themes:
        credit = index.model.theme_sim[theme] * direct
        if credit.max() <= 0:
            continue
        source = int(np.argmax(credit))
        if source == theme:
            parts.append(_label(index, theme))
        elif source not in named:
            named.add(source)
            parts.append(f"{_label(index, source)} (verwant aan {_label(index, theme)})")
    return parts[:MAX_THEMES_NAMED]


def _priority(index: MatchIndex, prep: PreparedMission, themes: np.ndarray) -> Reason | None:
    """The first provincial priority the candidate serves, mission themes first.

    With mission themes, only priorities on or related to them count: a priority the mission is
    not about is no evidence for this coalition.
    """
    related = index.model.theme_sim[list(prep.mission_themes)].max(axis=0) \
        if prep.mission_themes else None
    for prov in prep.provinces:
        prios = [(t, b) for t, b in index.priorities.get(prov, ())
                 if related is None or related[t] > 0]
        ranked = sorted(prios, key=lambda tb: (tb[0] not in prep.mission_themes, tb[0]))
        for theme, basis in ranked:
            if themes[theme] >= PRIORITY_MIN_FIT:
                name = index.regions.provinces[prov].name
                text = f"past bij provinciale prioriteit {_label(index, theme)} van {name}"
                basis = short_basis(basis)
                return Reason("provincial_priority", f"{text} ({basis})" if basis else text)
    return None


def _best_location(index: MatchIndex, prep: PreparedMission, row: int
                   ) -> tuple[str, int] | None:
    """The candidate's location as (Dutch phrase, province index of the fit), or None.

    The phrase names the main location, and the location that gives the region fit as "ook
    gevestigd in ..." when that is another one (weighted by students and what is taught
    there where known, see matcher.location_reasons). A gemeente (LOCATED_IN) wins a tie
    with a province (OPERATES_IN): it says more; ties go to the lowest id.
    """
    if prep.municipality_fit is None or prep.province_fit is None:
        return None
    regions = index.regions
    munis = _row_columns(index.org_municipalities, row)
    provs = _row_columns(index.org_provinces, row)
    options: list[tuple[float, int, str, int]] = []
    if len(munis):
        fit = prep.municipality_fit
        best = int(munis[np.lexsort((munis, -fit[munis]))[0]])
        main = int(index.locations.main[row]) if index.locations.main[row] >= 0 else best
        entries = index.locations.entry_org  # ascending
        at = int(np.searchsorted(entries, row))
        if at < len(entries) and entries[at] == row:
            second = index.locations.second(row, fit, prep.related)
        else:
            second = best if fit[best] > fit[main] else None
        where = f"gevestigd in {_place(index, main)}"
        if second is not None:
            where = f"{where}; ook gevestigd in {_place(index, second)}"
        shown = main if second is None else second
        prov = int(regions.municipality_province[shown])
        value = float(prep.location_fit[row]) if prep.location_fit is not None and not (
            np.isnan(prep.location_fit[row])) else float(fit[shown])
        options.append((value, 0, where, prov))
    if len(provs):
        best = int(provs[np.lexsort((provs, -prep.province_fit[provs]))[0]])
        where = f"actief in {regions.provinces[best].name} (provincie)"
        options.append((float(prep.province_fit[best]), 1, where, best))
    if not options:
        return None
    _, _, phrase, prov = min(options, key=lambda o: (-o[0], o[1]))
    return phrase, prov


def _row_columns(matrix: sp.csr_matrix, row: int) -> np.ndarray:
    """The column indices of one CSR row, read from its arrays (scipy's row indexing builds a
    matrix per call, most of an explanation's time)."""
    return matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]


def _place(index: MatchIndex, gemeente: int) -> str:
    """'Gemeente (Provincie)'."""
    regions = index.regions
    prov = int(regions.municipality_province[gemeente])
    name = regions.municipalities[gemeente].name
    return f"{name} ({regions.provinces[prov].name})" if prov >= 0 else name


def _region(index: MatchIndex, prep: PreparedMission, row: int, fit: float) -> Reason | None:
    """Where the candidate is, relative to the mission's region (its best location)."""
    location = _best_location(index, prep, row)
    if location is None:
        return None
    where, prov = location
    regions = index.regions
    hops = min((regions.hops(prov, p) for p in prep.provinces if regions.hops(prov, p) >= 0),
               default=-1)
    if fit >= 1.0:
        return Reason("region", f"{where}, in de gevraagde regio")
    if hops == 0:
        return Reason("region", f"{where}, in dezelfde provincie")
    if hops == 1:
        return Reason("region", f"{where}, in een buurprovincie (afstand 1)")
    if hops > 1:
        return Reason("region", f"{where}, afstand {hops} provincies")
    return Reason("region", f"{where}, buiten de gevraagde regio")


def _experience(index: MatchIndex, row: int) -> Reason:
    """Track record in pps'en, or the note that this would be a new partner."""
    count = int(index.memberships[row])
    if count == 0:
        return Reason("new_partner", "nieuwe partner: nog geen lid van een pps")
    since = int(index.first_year[row])
    text = f"ervaring: lid van {count} pps'en" if count > 1 else "ervaring: lid van 1 pps"
    return Reason("experience", f"{text} (sinds {since})" if since else text)


def _breakdowns(index: MatchIndex, prep: PreparedMission, rows: np.ndarray,
                values: np.ndarray) -> tuple[list[dict[str, float]], np.ndarray, np.ndarray]:
    """Score components of the candidates (each in [0, 1]) as a dict each, their expanded theme
    rows and whether they are off-theme (matcher.components)."""
    themes = index.profile_rows(rows)[:, index.model.n_text :].toarray()
    out = [{c: round(float(v), 4) for c, v in zip(COMPONENTS, values[i], strict=True)}
           for i in range(len(rows))]
    return out, themes, off_theme(index, prep, rows, values[:, THEME])


def _reasons(index: MatchIndex, prep: PreparedMission, row: int, breakdown: dict[str, float],
             themes: np.ndarray, direct: np.ndarray) -> tuple[Reason, ...]:
    """The reasons of one candidate in a fixed order."""
    reasons: list[Reason] = []
    matched = _theme_evidence(index, prep, direct)
    if matched:
        reasons.append(Reason("theme_match", "werkt aan " + "; ".join(matched)))
    for extra in (_priority(index, prep, themes),
                  _region(index, prep, row, breakdown["region_fit"])):
        if extra is not None:
            reasons.append(extra)
    path = collaboration_path(index, prep.network, row) if prep.network is not None else None
    if path:
        reasons.append(Reason("warm_introduction", path))
    if breakdown["text_fit"] >= TEXT_REASON_MIN:
        similarity = f"{breakdown['text_fit']:.2f}".replace(".", ",")
        reasons.append(Reason("text_match", f"profiel lijkt op de missie ({similarity})"))
    if breakdown["word_fit"] >= TEXT_REASON_MIN:
        similarity = f"{breakdown['word_fit']:.2f}".replace(".", ",")
        reasons.append(Reason("past_missions",
                              f"eerdere pps-missies lijken op de missie ({similarity})"))
    reasons.append(_experience(index, row))
    if index.orgs[row].synthetic:
        reasons.append(Reason("synthetic", "gegenereerde organisatie (synthetische data)"))
    return tuple(reasons)


def explain(index: MatchIndex, prep: PreparedMission, rows: np.ndarray, scores: np.ndarray,
            components: np.ndarray, promoted: Sequence[str] = ()) -> tuple[Candidate, ...]:
    """Candidates for the chosen rows (in order) with their unweighed components (as ranked):
    score, breakdown and reasons, led by why a candidate was promoted above a better-scoring
    one (matcher.selection), if it was."""
    if len(rows) == 0:
        return ()
    breakdowns, themes, off = _breakdowns(index, prep, rows, components)
    direct = index.direct_themes(rows).toarray()
    out = []
    for i, row in enumerate(rows.tolist()):
        org = index.orgs[row]
        reasons = _reasons(index, prep, row, breakdowns[i], themes[i], direct[i])
        if off[i]:
            reasons = (*reasons, OFF_THEME_REASON)
        if i < len(promoted) and promoted[i]:
            reasons = (Reason("promoted", promoted[i]), *reasons)
        out.append(Candidate(org.id, org.name, org.kind.value, round(float(scores[i]), 4),
                             breakdowns[i], reasons, org.synthetic))
    return tuple(out)
